//! Word banks for generated cases: invented councils, categories with their topics and law,
//! and sentences with slots (`{c}` the complainant, `{his}`, `{topic}`, `{month}`, `{amount}`).
//! Every person is a letter (never `A`); no names, addresses or contact details.

/// Beginnings and endings of invented English place names: joined, they make a few hundred
/// names that read like a council's (`Brackford`, `Thornmouth`), each made into a council by
/// one of [`COUNCIL_FORMS`]. Names that are first names are left out (see `authorities`).
pub const PLACE_STARTS: &[&str] = &[
    "Ash", "Brack", "Bram", "Cald", "Cran", "Dun", "Elm", "Fen", "Glen", "Hart", "Hazel", "Kel",
    "Lang", "Mar", "Nether", "Oak", "Pen", "Quarry", "Rad", "Sand", "Thorn", "Wex", "Wil", "Yar",
];
pub const PLACE_ENDS: &[&str] = &[
    "bury", "combe", "dale", "field", "ford", "gate", "ham", "holme", "ley", "mere", "minster",
    "mouth", "stead", "wick",
];

/// How the UK names its councils: `{}` is the place.
pub const COUNCIL_FORMS: &[&str] = &[
    "{} County Council",
    "{} City Council",
    "{} District Council",
    "{} Borough Council",
    "{} Metropolitan Borough Council",
    "{} Council",
    "London Borough of {}",
    "Royal Borough of {}",
];

/// A category with what its complaints are about and the law they cite.
pub struct Topic {
    pub category: &'static str,
    /// What the complaint is about, e.g. "a children services assessment".
    pub about: &'static str,
    /// What the Council did, after "the Council", e.g. "delayed the assessment".
    pub act: &'static str,
    pub law: &'static str,
}

pub const TOPICS: &[Topic] = &[
    Topic {
        category: "Adult care services > Charging",
        about: "charges for care at home",
        act: "charged for care the family understood to be free",
        law: "(Care Act 2014, sections 14 and 17)",
    },
    Topic {
        category: "Adult care services > Assessment and care plan",
        about: "a care needs assessment",
        act: "delayed the assessment of care needs",
        law: "(Care Act 2014, section 9)",
    },
    Topic {
        category: "Adult care services > Safeguarding",
        about: "a safeguarding enquiry",
        act: "did not share the outcome of a safeguarding enquiry",
        law: "(Care Act 2014, section 42)",
    },
    Topic {
        category: "Adult care services > Residential care",
        about: "a care home placement",
        act: "moved a relative to another care home without proper notice",
        law: "(Care and Support Statutory Guidance, chapter 10)",
    },
    Topic {
        category: "Benefits and tax > Council tax",
        about: "council tax arrears",
        act: "took recovery action for council tax that was not owed",
        law: "(Council Tax (Administration and Enforcement) Regulations 1992, regulation 23)",
    },
    Topic {
        category: "Benefits and tax > Housing benefit and council tax reduction",
        about: "a housing benefit overpayment",
        act: "recovered an overpayment of housing benefit",
        law: "(Housing Benefit Regulations 2006, regulation 100)",
    },
    Topic {
        category: "Children's care services > Child protection",
        about: "a children services assessment",
        act: "carried out an assessment of a child’s welfare",
        law: "(Children Act 1989, section 47)",
    },
    Topic {
        category: "Children's care services > Looked after children",
        about: "support for a looked after child",
        act: "did not provide the support set out in a care plan",
        law: "(Children Act 1989, section 22)",
    },
    Topic {
        category: "Children's care services > Disabled children",
        about: "short breaks for a disabled child",
        act: "reduced the short breaks a disabled child received",
        law: "(Children Act 1989, section 17)",
    },
    Topic {
        category: "Education > Special educational needs",
        about: "an education, health and care plan",
        act: "did not secure the provision in an education, health and care plan",
        law: "(Children and Families Act 2014, section 42)",
    },
    Topic {
        category: "Education > School transport",
        about: "free school transport",
        act: "refused free transport to school",
        law: "(Education Act 1996, section 508B)",
    },
    Topic {
        category: "Education > Alternative provision",
        about: "education for a child out of school",
        act: "did not arrange suitable education for a child out of school",
        law: "(Education Act 1996, section 19)",
    },
    Topic {
        category: "Environment and regulation > Refuse and recycling",
        about: "missed bin collections",
        act: "repeatedly missed an assisted bin collection",
        law: "(Environmental Protection Act 1990, section 45)",
    },
    Topic {
        category: "Environment and regulation > Noise",
        about: "noise from a neighbouring business",
        act: "did not investigate reports of noise properly",
        law: "(Environmental Protection Act 1990, section 79)",
    },
    Topic {
        category: "Health > Public health",
        about: "a stop smoking service",
        act: "withdrew a public health service without notice",
        law: "(Health and Social Care Act 2012, section 12)",
    },
    Topic {
        category: "Housing > Homelessness",
        about: "a homelessness application",
        act: "delayed its decision on a homelessness application",
        law: "(Housing Act 1996, section 184)",
    },
    Topic {
        category: "Housing > Allocations",
        about: "the banding of a housing application",
        act: "placed a housing application in the wrong band",
        law: "(Housing Act 1996, section 166A)",
    },
    Topic {
        category: "Housing > Disabled facilities grants",
        about: "a disabled facilities grant",
        act: "delayed a disabled facilities grant for an adapted bathroom",
        law: "(Housing Grants, Construction and Regeneration Act 1996, section 34)",
    },
    Topic {
        category: "Planning > Planning applications",
        about: "a neighbour’s planning application",
        act: "granted planning permission for an extension next door",
        law: "(Town and Country Planning Act 1990, section 70)",
    },
    Topic {
        category: "Planning > Enforcement",
        about: "a breach of planning control",
        act: "did not take enforcement action against a breach of planning control",
        law: "(Town and Country Planning Act 1990, section 172)",
    },
    Topic {
        category: "Transport and highways > Parking and other penalties",
        about: "a penalty charge notice",
        act: "issued a penalty charge notice for parking",
        law: "(Traffic Management Act 2004, section 72)",
    },
    Topic {
        category: "Transport and highways > Highway repair and maintenance",
        about: "repairs to a pavement",
        act: "did not repair a damaged pavement",
        law: "(Highways Act 1980, section 41)",
    },
    Topic {
        category: "Other categories > Antisocial behaviour",
        about: "reports of antisocial behaviour",
        act: "did not act on reports of antisocial behaviour",
        law: "(Anti-social Behaviour, Crime and Policing Act 2014, section 104)",
    },
    Topic {
        category: "Other categories > Trees",
        about: "a tree on council land",
        act: "refused to prune a tree on council land",
        law: "(Highways Act 1980, section 154)",
    },
];

/// Complainants by title and letter; `A` is never used.
pub const COMPLAINANTS: &[&str] = &[
    "Mr X", "Mrs X", "Ms X", "Miss X", "Mr B", "Ms B", "Mrs C", "Mr D", "Ms D", "Mrs F", "Mr G",
    "Ms K", "Mr L", "Mrs M", "Mr P", "Ms R", "Mrs S", "Mr T",
];

/// Other people: (name, role); the role names them in text, e.g. "her son, C".
pub const OTHERS: &[(&str, &str)] = &[
    ("Mrs Y", "mother"),
    ("Mr Y", "father"),
    ("Mr Z", "husband"),
    ("Mrs Z", "wife"),
    ("C", "son"),
    ("D", "daughter"),
    ("Ms W", "sister"),
    ("Mr V", "brother"),
];

pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const COMPLAINT_POINTS: &[&str] = &[
    "did not reply to {his} letters and calls",
    "{act}",
    "did not explain its decision or the reasons for it",
    "did not consider the evidence {he} sent",
    "took too long to deal with {his} complaint",
    "gave {him} wrong information about {topic}",
    "did not keep a proper record of its contact with the family",
    "did not tell {him} about {his} right of appeal",
];

pub const HAPPENED: &[&str] = &[
    "In {month} {year}, {c} contacted the Council about {topic}.",
    "The Council’s records show an officer visited on {n} occasions between {month} and {month2} {year}.",
    "{c} complained to the Council in {month} {year}. The Council replied {n} weeks later.",
    "The Council’s letter said it would “review the matter within 20 working days”. It did not do so until {month2}.",
    "{c} wrote again in {month2} {year}, saying the problem had not been resolved and asking for a meeting.",
    "An officer spoke to {c} by telephone and agreed to send a written decision. The file has no record that one was sent.",
    "The Council offered {c} {amount} in recognition of the time and trouble {he} had been put to.",
    "The Council’s stage two response accepted it had not kept {c} informed, and apologised.",
    "In its response to my enquiries the Council said it had followed its usual procedure.",
    "{c} says the delay meant {his} {other_role}, {other}, went without support for several months.",
    "The case notes record that {other} was unhappy with the arrangements and asked for a review.",
    "The Council sent {c} a decision letter in {month2} {year}. It explained the options open to {him}.",
];

pub const LAW: &[&str] = &[
    "The law says the Council must act within a reasonable time and give reasons for its decisions. {law}",
    "Statutory guidance says councils should tell people in writing what they have decided and why, and how to ask for a review.",
    "The Council’s own policy says it will acknowledge a complaint within five working days and reply within 20 working days.",
    "Councils must have regard to statutory guidance. They should follow it unless they have good reason not to. {law}",
    "Where a council decides something a person disagrees with, it should tell them about any right of review or appeal.",
];

pub const FAULT: &[&str] = &[
    "The Council was at fault because it did not tell {c} what it had decided or why.",
    "The delay of {n} months was not in line with the Council’s own policy. That was fault.",
    "The Council did not keep proper records of its decisions. This was fault, and it means I cannot be sure what {c} was told.",
    "The Council failed to consider the evidence {c} provided before reaching its decision. That was fault.",
    "This fault caused {c} avoidable distress and uncertainty, and {he} had to spend time and trouble pursuing the matter.",
    "On balance, I find {c} lost the chance to ask for a review sooner. That is an injustice to {him}.",
];

pub const NO_FAULT: &[&str] = &[
    "I have not found fault in how the Council reached its decision. It considered the relevant information and gave reasons.",
    "The Council’s records show it considered {c}’s representations before deciding. I cannot question the merits of a decision made without fault.",
    "Although {c} disagrees with the outcome, the Council followed the proper procedure and explained its decision.",
    "The Council replied to {c}’s complaint within the timescales in its policy. There was no fault in its complaint handling.",
];

pub const ASSESS_COMPLAINT: &[&str] = &[
    "{c} says the Council {act}.",
    "{c} complains the Council did not reply to {his} concerns about {topic}.",
    "{c} says the Council gave {him} wrong information about {topic}.",
    "{c} complains about the way the Council handled {his} complaint.",
    "{c} says the Council should have involved {him} in its decision from the start.",
];

pub const ASSESS_FINDING: &[&str] = &[
    "The Council replied in detail to this complaint and offered {c} {amount} for the delay. It is unlikely our investigation would achieve more.",
    "There is not enough evidence of fault by the Council to justify our involvement.",
    "{c} could have appealed to the tribunal, and I consider it would have been reasonable for {him} to do so.",
    "It is the Council officer’s professional judgement whom to involve. Any injustice to {c} is not significant enough to justify an investigation.",
    "We do not normally investigate complaint handling alone, if we are not investigating the substantive issue.",
    "The matter happened more than 12 months before {c} complained to us, and I have seen no good reason to investigate it now.",
    "The Information Commissioner’s Office is better placed to consider this part of the complaint, which is about access to records.",
];

pub const ACTIONS: &[&str] = &[
    "apologise to {c} for the faults identified in this statement;",
    "pay {c} {amount} for the distress and uncertainty caused;",
    "pay {c} {amount} for the time and trouble of pursuing the complaint;",
    "review its procedures so that people are told in writing what it has decided and why;",
    "remind relevant staff of the need to keep proper records of decisions;",
    "reconsider its decision on {topic}, taking account of the findings in this statement;",
];

pub const DEADLINES: &[&str] = &[
    "within one month of the final decision",
    "within three months of the final decision",
    "within four weeks of the final decision",
];

pub const SUB_HEADINGS: [&str; 3] = ["Law and guidance", "What happened", "Analysis"];

pub const LINKS: &[&str] = &[
    "the [Ombudsman’s guidance on remedies](https://www.lgo.org.uk/information-centre/staff-guidance/guidance-on-remedies)",
    "the Ombudsman’s [Assessment Code](https://www.lgo.org.uk/information-centre/about-us/our-performance/assessment-code)",
    "the guidance at <https://www.gov.uk/government/publications/care-act-statutory-guidance>",
];

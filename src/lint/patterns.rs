//! The anonymisation lint's regular expressions, in one place: `build.rs` compiles them to DFAs
//! ahead of time and the lint loads those, or compiles these same texts when it cannot.

/// Titles before a name.
pub(crate) const TITLES: &str = "Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Lady|Lord|Dame|Master|Rev|Revd|Reverend|Prof|Professor|Cllr|Councillor";

pub(crate) const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

pub(crate) const POSTCODE_AREAS: &str = "AB|AL|BA|BB|BD|BH|BL|BN|BR|BS|BT|B|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|EC|EH|EN|EX|E|FK|FY|GL|GU|GY|G|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|LA|LD|LE|LL|LN|LS|LU|L|ME|MK|ML|M|NE|NG|NN|NP|NR|NW|N|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|S|TA|TD|TF|TN|TQ|TR|TS|TW|UB|WA|WC|WD|WF|WN|WR|WS|WV|W|YO|ZE";

/// Words for a person that may be followed by the person's letter ("child A").
pub(crate) const PERSON_NOUNS: &str =
    "child son daughter baby infant pupil student grandchild grandson granddaughter brother \
     sister nephew niece";

/// One pattern of the lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    Title,
    LetterA,
    Email,
    Phone,
    Postcode,
    NiNumber,
    DateOfBirth,
    NhsNumber,
    HouseNumber,
}

impl Pattern {
    pub(crate) const ALL: [Pattern; 9] = [
        Pattern::Title,
        Pattern::LetterA,
        Pattern::Email,
        Pattern::Phone,
        Pattern::Postcode,
        Pattern::NiNumber,
        Pattern::DateOfBirth,
        Pattern::NhsNumber,
        Pattern::HouseNumber,
    ];

    /// The name of the compiled DFA files, `NAME.fwd` and `NAME.rev`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Pattern::Title => "title",
            Pattern::LetterA => "letter-a",
            Pattern::Email => "email",
            Pattern::Phone => "phone",
            Pattern::Postcode => "postcode",
            Pattern::NiNumber => "ni-number",
            Pattern::DateOfBirth => "date-of-birth",
            Pattern::NhsNumber => "nhs-number",
            Pattern::HouseNumber => "house-number",
        }
    }

    /// The regular expression. ASCII word boundaries and digits keep the searches fast on
    /// text with curly quotes and £ (a Unicode `\b` makes the fast engines give up, a Unicode
    /// `\d` is a large class).
    pub(crate) fn regex(self) -> String {
        let b = r"(?-u:\b)";
        let sep = r"[ \t\u{a0}]";
        match self {
            // The name after the title is read by hand (`words::name_after_title`).
            Pattern::Title => format!(r"{b}(?:{TITLES})(?:\.\s*|\s+)"),
            Pattern::LetterA => {
                // Literal words (not `(?i)`) let the search skip quickly to candidates.
                let nouns = PERSON_NOUNS
                    .split_whitespace()
                    .flat_map(|noun| {
                        let (first, rest) = noun.split_at(1);
                        [noun.to_string(), first.to_uppercase() + rest]
                    })
                    .collect::<Vec<_>>()
                    .join("|");
                format!(r"{b}(?:(?:{nouns})\s+A|A['’]s){b}|\(A\)")
            }
            Pattern::Email => {
                r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}".to_string()
            }
            Pattern::Phone => {
                let nsn = r"(?:[0-9]{4}\)?[ -]?[0-9]{6}|[0-9]{4}\)?[ -]?[0-9]{3}[ -]?[0-9]{3}|[0-9]{4}\)?[ -]?[0-9]{5}|[0-9]{3}\)?[ -]?[0-9]{3}[ -]?[0-9]{4}|[0-9]{3}\)?[ -]?[0-9]{3}[ -]?[0-9]{3}|[0-9]{2}\)?[ -]?[0-9]{4}[ -]?[0-9]{4}|[0-9]{9,10})";
                format!(r"(?:\+44\s?(?:\(0\)\s?)?|\(?0){nsn}{b}")
            }
            Pattern::Postcode => {
                format!(r"{b}(?:{POSTCODE_AREAS})[0-9][A-Z0-9]?{sep}?[0-9][ABD-HJLNP-UW-Z]{{2}}{b}")
            }
            // The two letters are checked by hand: a pattern that starts with digits is faster.
            Pattern::NiNumber => {
                format!(r"[0-9]{{2}}{sep}?[0-9]{{2}}{sep}?[0-9]{{2}}{sep}?[A-D]{b}")
            }
            Pattern::DateOfBirth => {
                let date = format!(
                    r"(?:(?:the\s+)?[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+[0-9]{{4}}|(?:{MONTHS})\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}|[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-](?:[0-9]{{4}}|[0-9]{{2}})|(?:{MONTHS})\s+[0-9]{{4}}|[0-9]{{4}})"
                );
                format!(
                    r"{b}(?:(?i:d\.?o\.?b)\.?|(?i:date\s+of\s+birth)|(?i:born)(?:\s+(?:on|in))?)\s*[:,-]?\s*(?:(?:is|was|of)\s+)?{date}{b}"
                )
            }
            Pattern::NhsNumber => {
                format!(r"{b}(?:[0-9]{{3}}[ -][0-9]{{3}}[ -][0-9]{{4}}|[0-9]{{10}}){b}")
            }
            // The street's name after the number is read by hand (`words::street_after_number`).
            Pattern::HouseNumber => format!(
                r"{b}(?:(?:Flat|Apartment|Apt|Unit|Room)\s+[0-9]{{1,4}}[A-Za-z]?,?\s+)?[0-9]{{1,3}}[A-Za-z]?,?\s+"
            ),
        }
    }
}

//! Table tests for the anonymisation lint: what must be reported, and what must not.

use std::sync::LazyLock;

use super::anonymise::{Finding, Linter, Rule};

// Compiling the rules is the slow part in debug builds: share one linter.
static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Text that must give at least one finding of the rule.
const POSITIVE: &[(&str, Rule)] = &[
    // Names after a title
    ("Mr Smith complained to the Council.", Rule::TitledName),
    ("Mrs Jane Doe says the Council delayed.", Rule::TitledName),
    ("Dr. Patel wrote to the Council.", Rule::TitledName),
    ("We spoke to Ms O’Brien about it.", Rule::TitledName),
    ("Miss Hughes-Jones attended the meeting.", Rule::TitledName),
    ("Professor Williams gave evidence.", Rule::TitledName),
    ("Sir Keith agreed.", Rule::TitledName),
    ("Mx Taylor says the Council was at fault.", Rule::TitledName),
    ("Mr J Smith says the Council failed him.", Rule::TitledName),
    ("Councillor Brown replied in March.", Rule::TitledName),
    ("Cllr Ahmed replied.", Rule::TitledName),
    ("We wrote to Mrs\u{a0}Khan.", Rule::TitledName),
    ("Mr JS complained.", Rule::TitledName),
    ("Lady Margaret visited.", Rule::TitledName),
    ("Mrs Grace Smith, the carer, said so.", Rule::TitledName),
    ("Mr\nSmith said so.", Rule::TitledName),
    // First names
    ("Sarah told the Council she was unhappy.", Rule::FirstName),
    ("The social worker, David, visited.", Rule::FirstName),
    ("Mohammed’s school did not reply.", Rule::FirstName),
    ("I spoke to Priya on the phone.", Rule::FirstName),
    ("Her son Alfie attends the school.", Rule::FirstName),
    ("Mary-Jane said she would call.", Rule::FirstName),
    ("Siobhan, the carer, said so.", Rule::FirstName),
    ("**Gareth** said the Council was wrong.", Rule::FirstName),
    ("The manager, Karen's colleague, agreed.", Rule::FirstName),
    // E-mail addresses
    ("Write to jane.doe@example.com today.", Rule::Email),
    ("See <mailto:x.y@leeds.gov.uk>.", Rule::Email),
    ("email JOHN_SMITH+care@mail.example.co.uk", Rule::Email),
    // Phone numbers
    ("Call 07700 900123 after six.", Rule::Phone),
    ("Call 07700 900 123 after six.", Rule::Phone),
    ("Ring 020 7946 0018.", Rule::Phone),
    ("Ring +44 20 7946 0018.", Rule::Phone),
    ("Ring +44 (0)113 496 0000.", Rule::Phone),
    ("Ring (01632) 960001.", Rule::Phone),
    ("Ring 0113-496-0000.", Rule::Phone),
    ("Text 07700900123.", Rule::Phone),
    ("Freephone 0800 123 4567.", Rule::Phone),
    ("Ring +447700900123.", Rule::Phone),
    // Postcodes
    ("He lives at LS1 1UR.", Rule::Postcode),
    ("London SW1A 2AA", Rule::Postcode),
    ("Manchester M1 1AE.", Rule::Postcode),
    ("Birmingham B33 8TH", Rule::Postcode),
    ("EC1A 1BB is the address.", Rule::Postcode),
    ("Postcode: LS11UR", Rule::Postcode),
    // National Insurance numbers
    ("NI number QQ 12 34 56 C.", Rule::NiNumber),
    ("NI AB123456C", Rule::NiNumber),
    // Dates of birth
    ("Ms B was born on 3 May 1980.", Rule::DateOfBirth),
    ("DOB: 03/05/1980", Rule::DateOfBirth),
    ("Her date of birth is 12th June 1975.", Rule::DateOfBirth),
    ("Mr X was born in 1980.", Rule::DateOfBirth),
    ("Her D.O.B. 1.2.1950 was wrong.", Rule::DateOfBirth),
    (
        "C (born 14 February 2015) lives with Ms B.",
        Rule::DateOfBirth,
    ),
    ("Date of birth: 14/02/15", Rule::DateOfBirth),
    ("born on the 3rd of May 1980", Rule::DateOfBirth),
    // NHS numbers
    ("NHS number 943 476 5919.", Rule::NhsNumber),
    ("NHS number 9434765919.", Rule::NhsNumber),
    ("NHS no. 401-023-2137", Rule::NhsNumber),
    ("His number is 450 557 7104.", Rule::NhsNumber),
    // Street addresses
    ("She lives at 12 Acacia Avenue.", Rule::StreetAddress),
    ("Flat 3, 4 High Street, Leeds", Rule::StreetAddress),
    ("He moved to 221b Baker Street.", Rule::StreetAddress),
    ("Post went to 7 St Anne's Road.", Rule::StreetAddress),
    ("15 Church Lane was flooded.", Rule::StreetAddress),
    ("She lives at 3 Meadow View Close.", Rule::StreetAddress),
    ("the house at 40 Orchard Way", Rule::StreetAddress),
    ("32 Windsor Gardens", Rule::StreetAddress),
    // The letter A for a person
    ("Mr A complained.", Rule::LetterA),
    ("Ms A’s daughter goes to school.", Rule::LetterA),
    ("A’s school did not reply.", Rule::LetterA),
    ("A's mother complained.", Rule::LetterA),
    (
        "The Council placed child A with foster carers.",
        Rule::LetterA,
    ),
    ("The boy (A) said so.", Rule::LetterA),
    ("We wrote to Mrs A.", Rule::LetterA),
    ("Her son A moved school.", Rule::LetterA),
];

/// Text that must give no finding at all.
const NEGATIVE: &[&str] = &[
    // Letters for people
    "Mr X complained.",
    "Ms B says the Council delayed.",
    "Mr X's complaint",
    "Mr X’s complaint",
    "Ms B and Mr C complained.",
    "We wrote to Mrs Y.",
    "Mr X1 and Mr X2 are neighbours.",
    "Mr and Mrs Y complained.",
    "Dr Z and Professor W agreed.",
    "Ms B’s son, C, attends the school.",
    "Mr X, Mrs Y and their son, Z, live together.",
    "The Lord Chancellor and the Lord Mayor",
    // Bodies and providers
    "the Council",
    "Leeds City Council (21 016 384)",
    "Sunrise Care Home Ltd",
    "Oakwood House",
    "St Anne's Care Home",
    "Elizabeth House provides care.",
    "Queen Elizabeth Hospital",
    "She lives on George Street.",
    "the Information Commissioner’s Office (ICO)",
    "the Ombudsman’s Assessment Code",
    "Royal Mail delivered it.",
    "the Disabled Facilities Grant",
    "an X-Ray was taken",
    "Education, Health and Care Plan",
    // Law and references
    "section 26(6)(a)",
    "(Local Government Act 1974, section 24A(6), as amended)",
    "Local Government Act 1974",
    "see paragraph 12",
    "see [paragraph 3](#para-3) and [paragraph 8b](#para-8b)",
    "21 016 384",
    "17 002 402b",
    "https://www.lgo.org.uk/decisions/children-s-care-services/child-protection/21-016-384",
    "Care Act 2014, section 42",
    "the SEND Code of Practice 2015, paragraph 9.62",
    "Schedule 2 (A) of the regulations", // a letter in brackets is a person only in prose
    "regulation 5(A)",
    // Dates and numbers
    "10 Mar 2022",
    "Decision date : 10 Mar 2022",
    "within one month of 3 May 2022",
    "by 30 June 2022",
    "In May the Council wrote to Mr X.",
    "June 2021 was the deadline.",
    "April and August are busy.",
    "£1,250",
    "pay £300 to Mr X within one month",
    "£10,000.50",
    "1,234,567 people",
    "between 0900 and 1700",
    "in 2019, 2020 and 2021",
    "Year 10 pupils and Key Stage 2 results",
    "page 2 of 10",
    "a 0.5% rise",
    "In 2021 County Court proceedings began.",
    "2 High Court judges",
    "the Court of Protection",
    "reference 1234567890",
    // Ordinary words that are also names
    "Will the Council review it?",
    "Mark the date.",
    "Bill payers",
    "a Grace period",
    "Hope Street",
    "Faith schools and Joy",
    "Summer holidays",
    "Victoria Road",
    "Chester Zoo",
    "Florence Nightingale ward",
    "Jack the car up.",
    // Articles and grades
    "A decision was made.",
    "A council officer visited.",
    "Plan A failed.",
    "Appendix A shows the figures.",
    "Her son A-levels were delayed.",
    "her daughter A level results",
    // Other
    "Mr X was born in the UK.",
    "the child was newborn",
    "The Council checked its date of birth records.",
    "a DBS check",
    "Dear Sir or Madam,",
    "Table figures 12 34 56 B and 78 90 12 C",
    "Lord Justice Jackson said so in 2019.",
    "Investigator's decision on behalf of the Ombudsman",
];

/// The model decision (LGSCO 21 016 384) as canonical Markdown: it must be clean.
const SEED: &str = include_str!("testdata/model-decision.md");

fn show(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{} {}..{} {:?}", f.rule, f.start, f.end, f.matched))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn every_positive_example_is_found() {
    assert!(POSITIVE.len() >= 50, "need at least 50 positive examples");
    let linter = &*LINTER;
    let missed: Vec<String> = POSITIVE
        .iter()
        .filter_map(|(text, rule)| {
            let found = linter.scan(text);
            (!found.iter().any(|f| f.rule == *rule))
                .then(|| format!("{text:?}: expected {rule}, got [{}]", show(&found)))
        })
        .collect();
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

#[test]
fn no_negative_example_is_found() {
    assert!(NEGATIVE.len() >= 50, "need at least 50 negative examples");
    let linter = &*LINTER;
    let wrong: Vec<String> = NEGATIVE
        .iter()
        .filter_map(|text| {
            let found = linter.scan(text);
            (!found.is_empty()).then(|| format!("{text:?}: [{}]", show(&found)))
        })
        .collect();
    assert!(wrong.is_empty(), "false alarms:\n{}", wrong.join("\n"));
}

#[test]
fn the_model_decision_is_clean() {
    let found = LINTER.scan(SEED);
    assert!(found.is_empty(), "{}", show(&found));
}

#[test]
fn offsets_point_at_the_matched_text() {
    let text = "Summary: Mr X’s neighbour, Mrs Jane Doe, of 12 Acacia Avenue, LS1 1UR, rang \
                07700 900123 and wrote to jane.doe@example.com; Sarah’s NHS number is \
                943 476 5919 and A’s school knows.";
    let found = LINTER.scan(text);
    let got: Vec<(Rule, &str)> = found
        .iter()
        .map(|f| (f.rule, &text[f.start..f.end]))
        .collect();
    assert_eq!(
        got,
        vec![
            (Rule::TitledName, "Mrs Jane Doe"),
            (Rule::StreetAddress, "12 Acacia Avenue"),
            (Rule::Postcode, "LS1 1UR"),
            (Rule::Phone, "07700 900123"),
            (Rule::Email, "jane.doe@example.com"),
            (Rule::FirstName, "Sarah"),
            (Rule::NhsNumber, "943 476 5919"),
            (Rule::LetterA, "A’s"),
        ]
    );
    for f in &found {
        assert_eq!(f.matched, text[f.start..f.end]);
        assert!(!f.message.contains('\n') && !f.hint.is_empty());
    }
}

#[test]
fn offsets_are_bytes_after_multibyte_text() {
    let text = "‘£’ – “Mr Smith”";
    let found = LINTER.scan(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].start, text.find("Mr Smith").unwrap_or(usize::MAX));
    assert_eq!(found[0].matched, "Mr Smith");
}

#[test]
fn a_name_inside_a_titled_name_is_reported_once() {
    let found = LINTER.scan("Mrs Sarah Jones and Mr A’s son");
    let rules: Vec<Rule> = found.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        vec![Rule::TitledName, Rule::LetterA],
        "{}",
        show(&found)
    );
}

#[test]
fn messages_are_one_line_even_when_the_match_spans_lines() {
    let found = LINTER.scan("We wrote to Mr\nSmith.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "a name after a title: “Mr Smith”");
}

#[test]
fn any_slice_of_awkward_text_scans_without_panicking() {
    let text = "‘Mr\u{a0}O’Brien’ – £1,250; QQ\u{a0}12 34 56 C, Zoë’s (A) A’s 07700 900123 \
                Flat 3, 4 High Street LS1 1UR é@é.uk Sarah’s DOB: 1/2/80 943 476 5919 Ms A’";
    for (i, _) in text.char_indices() {
        for part in [&text[..i], &text[i..]] {
            for f in LINTER.scan(part) {
                assert_eq!(part.get(f.start..f.end), Some(f.matched.as_str()));
            }
        }
    }
}

#[test]
fn nhs_numbers_need_a_valid_check_digit() {
    let linter = &*LINTER;
    assert!(linter.scan("NHS number 943 476 5918").is_empty());
    assert!(linter.scan("NHS number 123 456 7890").is_empty());
}

#[test]
fn keys_round_trip_and_match_serde() {
    for rule in Rule::ALL {
        assert_eq!(Rule::from_key(rule.key()), Some(rule));
        let json = serde_yaml::to_string(&rule).unwrap_or_default();
        assert_eq!(json.trim(), rule.key());
    }
    assert_eq!(Rule::from_key("no-such-rule"), None);
}

#[test]
fn the_linter_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Linter>();
}

/// The hand-read names and street names find exactly what the patterns they stand for find,
/// on the table texts and on many deterministic mixtures of name-like pieces.
/// What the names and streets read by hand are mixed from: titles, names, numbers, street
/// words and the spaces and marks between them.
const PIECES: &[&str] = &[
    "Mr",
    "Mrs",
    "Dr.",
    "Revd",
    "Rev",
    "Professor",
    "Lady",
    " ",
    " ",
    "  ",
    "\u{a0}",
    "\t",
    "\n",
    ". ",
    ", ",
    "O’Brien",
    "D'Arcy",
    "o'brien",
    "Hughes-Jones",
    "X-Y",
    "-Smith",
    "X",
    "Zoë",
    "ÉLISE",
    "Ωmega",
    "Жанна",
    "A’s",
    "A",
    "12",
    "3",
    "12A,",
    "1234",
    "Flat 3,",
    "Unit 4",
    "High",
    "Street",
    "St",
    "St.",
    "Streets",
    "Road",
    "Court",
    "Crown",
    "Mews",
    "-",
    "’",
    "'",
    "McDonald",
    "the",
    "and",
    "Council",
    "(A)",
    "£5",
    "12 Old Church Lane",
    "4 Upper West End Road",
    "Flat 2, 7 St. John’s Court",
    "Mrs Anne Marie Smith-Jones",
];

#[test]
fn names_read_by_hand_agree_with_their_patterns() {
    use super::patterns::TITLES;
    use super::words::{name_after_title, street_after_number, STREET_WORDS};
    use regex::Regex;

    let word = r"\p{Lu}(?:['’]\p{Lu})?\p{L}*(?:-\p{Lu}\p{L}+)*";
    let titled = Regex::new(&format!(
        r"(?-u:\b)(?:{TITLES})(?:\.\s*|\s+)(?P<name>{word}(?:[ \t\u{{a0}}]+{word}){{0,2}})"
    ))
    .unwrap();
    let title = Regex::new(&format!(r"(?-u:\b)(?:{TITLES})(?:\.\s*|\s+)")).unwrap();
    let number = r"(?-u:\b)(?:(?:Flat|Apartment|Apt|Unit|Room)\s+[0-9]{1,4}[A-Za-z]?,?\s+)?[0-9]{1,3}[A-Za-z]?,?\s+";
    let street = Regex::new(&format!(
        r"{number}(?P<words>(?:\p{{Lu}}[\p{{L}}'’.-]*\s+){{1,3}})(?:{STREET_WORDS})(?-u:\b)"
    ))
    .unwrap();
    let number = Regex::new(number).unwrap();

    let by_pattern = |text: &str| {
        let names = titled
            .captures_iter(text)
            .map(|c| (c.get(0).unwrap().start(), c.name("name").unwrap().end()))
            .collect::<Vec<_>>();
        let streets = street
            .captures_iter(text)
            .map(|c| {
                let all = c.get(0).unwrap();
                (all.start(), c.name("words").unwrap().end(), all.end())
            })
            .collect::<Vec<_>>();
        (names, streets)
    };
    let by_hand = |text: &str| {
        let (mut names, mut streets, mut at) = (Vec::new(), Vec::new(), 0);
        while let Some(m) = title.find_at(text, at) {
            at = m.end();
            if let Some(end) = name_after_title(text, m.end()) {
                names.push((m.start(), end));
                at = end;
            }
        }
        at = 0;
        while let Some(m) = number.find_at(text, at) {
            at = m.start() + 1;
            if let Some((words_end, end)) = street_after_number(text, m.end()) {
                streets.push((m.start(), words_end, end));
                at = end;
            }
        }
        (names, streets)
    };

    for text in &table_texts_and_mixtures(PIECES) {
        assert_eq!(by_hand(text), by_pattern(text), "in {text:?}");
    }
}

/// The table's texts, the model decision, and 20,000 deterministic mixtures of `pieces`.
fn table_texts_and_mixtures(pieces: &[&str]) -> Vec<String> {
    let mut texts: Vec<String> = POSITIVE.iter().map(|(t, _)| t.to_string()).collect();
    texts.extend(NEGATIVE.iter().map(|t| t.to_string()));
    texts.push(SEED.to_string());
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..12 {
            // xorshift: deterministic, and enough to mix the pieces
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        texts.push(text);
    }
    texts
}

#[test]
fn the_rules_run_from_the_dfas_compiled_with_the_program() {
    assert!(LINTER.is_precompiled());
}

/// The DFAs that `build.rs` compiles find what the patterns compiled at run time find.
#[test]
fn precompiled_rules_agree_with_rules_compiled_now() {
    let compiled_now = Linter::compiled_now();
    let pieces = [
        "Mr",
        "Dr.",
        "child",
        "son",
        " A",
        "A’s",
        "(A)",
        "26(6)",
        " ",
        "\u{a0}",
        "\n",
        ", ",
        ". ",
        "07700 900123",
        "0113 496 0000",
        "+44 (0)20 7946 0958",
        "(020) 7946",
        "0",
        "12",
        "345",
        "LS1 1UR",
        "SW1A 2AA",
        "B1",
        "1UR",
        "QQ",
        "12 34 56 C",
        "123456",
        "D",
        "943 476 5919",
        "9434765919",
        "DOB",
        "date of birth",
        "born on",
        "born in",
        "is",
        "1 March 1980",
        "1/2/80",
        "March 1980",
        "1980",
        "the 3rd of May",
        "jo@example.org",
        "é@é.uk",
        "@",
        "Flat 3,",
        "4 High Street",
        "Road",
        "Sarah",
        "Court",
        "£1,250",
        "2021",
        "Ⅻ",
        "Zoë",
        "-",
        "’",
    ];
    for text in &table_texts_and_mixtures(&pieces) {
        assert_eq!(LINTER.scan(text), compiled_now.scan(text), "in {text:?}");
    }
}

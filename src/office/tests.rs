use super::*;
use std::path::Path;

fn parse(src: &str) -> Result<Office, Vec<crate::problem::Problem>> {
    parse_str(Path::new("office.yaml"), src)
}

/// The built-in office with one line replaced, for a problem at a known place.
fn built_in_with(from: &str, to: &str) -> String {
    assert!(BUILT_IN.contains(from), "{from}");
    BUILT_IN.replacen(from, to, 1)
}

fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[test]
fn the_built_in_office_passes_every_check_a_folder_gets() {
    // A run reads the built-in office without its checks; this is where they run.
    if let Err(problems) = parse_str(Path::new("built-in office.yaml"), BUILT_IN) {
        panic!("the built-in office has problems: {problems:?}");
    }
}

#[test]
fn the_built_in_office_is_the_lgsco() {
    let office = load(None).unwrap();
    assert_eq!(office.name, "Local Government and Social Care Ombudsman");
    let r = office.reference("21 016 384").unwrap();
    assert_eq!(
        (r.printed.as_str(), r.address.as_str()),
        ("21 016 384", "21-016-384")
    );
    assert_eq!(
        office.reference("17 002 402b").unwrap().address,
        "17-002-402b"
    );
    for bad in [
        "21016384",
        "21 016 38",
        "../etc",
        "21 016 384B",
        "21 016 384 5",
    ] {
        assert!(office.reference(bad).is_err(), "{bad}");
    }
    assert!(office
        .reference("21016384")
        .unwrap_err()
        .contains("21 016 384"));
    let upheld = &office.outcomes["upheld"];
    let layout = &office.layouts[&upheld.layout];
    let keys: Vec<&str> = layout.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys[..2], ["complaint", "scope"]);
    // An upheld decision may agree its remedy inside the findings.
    let action = layout
        .sections
        .iter()
        .find(|s| s.key == "agreed_action")
        .unwrap();
    assert!(!action.required.applies("upheld"));
}

#[test]
fn references_of_other_offices() {
    let hos = built_in_with(
        r#"pattern: '^(?P<year>\d{2}) (?P<a>\d{3}) (?P<b>\d{3})(?P<suffix>[a-z]?)$'"#,
        r#"pattern: '^[Pp]-(?P<n>\d{6})$'"#,
    )
    .replace("example: 21 016 384", "example: P-004651")
    .replace(
        r#"printed: "{year} {a} {b}{suffix}""#,
        r#"printed: "P-{n}""#,
    )
    .replace(
        r#"address: "{year}-{a}-{b}{suffix}""#,
        r#"address: "p-{n}""#,
    );
    let office = parse(&hos).unwrap();
    let r = office.reference("p-004651").unwrap();
    assert_eq!(
        (r.printed.as_str(), r.address.as_str()),
        ("P-004651", "p-004651")
    );
}

#[test]
fn an_address_form_that_could_leave_the_site_is_refused() {
    let src = built_in_with(
        r#"address: "{year}-{a}-{b}{suffix}""#,
        r#"address: "../{year}""#,
    );
    let problems = parse(&src).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field.as_deref(), Some("reference.example"));
    assert!(
        problems[0].message.contains("only letters, digits"),
        "{}",
        problems[0]
    );
}

#[test]
fn problems_name_line_column_and_key_path() {
    let src = built_in_with("    layout: assessment\n", "    layout: asessment\n")
        .replacen("format: 1", "format: 2", 1)
        .replacen("lang: en-GB", "lang: English", 1)
        .replacen("subheadings: 1", "subheadings: 3", 1);
    let problems = parse(&src).unwrap_err();
    let got: Vec<(Option<&str>, Option<usize>)> = problems
        .iter()
        .map(|p| (p.field.as_deref(), p.line))
        .collect();
    assert!(
        got.contains(&(Some("format"), Some(line_of(&src, "format: 2")))),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some("lang"), Some(line_of(&src, "lang: English")))),
        "{got:?}"
    );
    let layout = "outcomes.closed-after-initial-enquiries.layout";
    assert!(
        got.contains(&(Some(layout), Some(line_of(&src, "layout: asessment")))),
        "{got:?}"
    );
    let sub = "layouts.assessment.sections[0].subheadings";
    assert!(
        got.contains(&(Some(sub), Some(line_of(&src, "subheadings: 3")))),
        "{got:?}"
    );
    let typo = problems
        .iter()
        .find(|p| p.field.as_deref() == Some(layout))
        .unwrap();
    assert!(
        typo.hint.as_deref().unwrap_or("").contains("assessment"),
        "{typo}"
    );
}

#[test]
fn an_unknown_key_is_refused_where_it_stands() {
    let src = built_in_with("short_name: LGSCO", "short_name: LGSCO\nshort_nmae: x");
    let problems = parse(&src).unwrap_err();
    assert_eq!(problems.len(), 1);
    let p = &problems[0];
    assert_eq!(p.line, Some(line_of(&src, "short_nmae")), "{p}");
    assert!(p.message.contains("unknown field `short_nmae`"), "{p}");
    assert!(
        p.hint.as_deref().unwrap_or("").contains("short_name"),
        "{p}"
    );
}

#[test]
fn sections_and_outcomes_must_agree() {
    let src = built_in_with(
        "      - { key: agreed_action, holds: actions, subheadings: 1 }",
        "      - { key: agreed_action, holds: actions, required: [uphled] }\n      - { key: found, holds: table }\n      - { key: summary }",
    );
    let problems = parse(&src).unwrap_err();
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let all = messages.join("\n");
    assert!(all.contains("there is no outcome `uphled`"), "{all}");
    assert!(all.contains("`found` is given twice"), "{all}");
    assert!(all.contains("a table needs `columns`"), "{all}");
    assert!(
        all.contains("`summary` is a field of every case file"),
        "{all}"
    );
}

#[test]
fn outcomes_derived_from_parts() {
    let src = format!(
        "{BUILT_IN}\nparts:\n  findings:\n    maladministration: Maladministration\n    no-maladministration: No maladministration\n  overall: derived\n  derive:\n    - {{ when: all, of: [no-maladministration], outcome: not-upheld }}\n    - {{ when: any, of: [maladministration], outcome: upheld }}\n"
    );
    let office = parse(&src).unwrap();
    assert_eq!(
        office.derive_outcome(&["no-maladministration"]),
        Some("not-upheld")
    );
    assert_eq!(
        office.derive_outcome(&["no-maladministration", "maladministration"]),
        Some("upheld")
    );
    assert_eq!(office.derive_outcome(&[]), None);
    let bad = src.replace("of: [maladministration]", "of: [maladminstration]");
    let problems = parse(&bad).unwrap_err();
    assert_eq!(problems[0].field.as_deref(), Some("parts.derive[1].of[0]"));
    assert_eq!(problems[0].line, Some(line_of(&bad, "maladminstration]")));
}

#[test]
fn bad_patterns_and_files_are_refused_without_panic() {
    let src = built_in_with(
        r#"pattern: '^(?P<year>\d{2})"#,
        r#"pattern: '^(?P<year>\d{2}"#,
    );
    let problems = parse(&src).unwrap_err();
    assert!(
        problems[0].message.contains("does not compile"),
        "{}",
        problems[0]
    );
    assert_eq!(problems[0].field.as_deref(), Some("reference.pattern"));
    for odd in [
        "",
        "~",
        "[]",
        "name: [",
        "format: one",
        "- a\n- b",
        "a: &x [*x]",
    ] {
        let problems = parse(odd).unwrap_err();
        assert!(!problems.is_empty(), "{odd}");
    }
}

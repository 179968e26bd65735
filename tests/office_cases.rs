//! Case files follow their office: the shipped offices' examples build in their own layouts,
//! and what an office declares (references, categories, facts, outcomes per part, dates,
//! sections, numbering, tables, people's letters) is checked and printed as it says.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("decisions").unwrap()
}

const HOS: &str = "offices/housing-ombudsman";
const HOS_CASE: &str = "offices/housing-ombudsman/cases/202398765.yaml";
const HOS_DECISION: &str = "offices/housing-ombudsman/cases/202512345.yaml";
const CY: &str = "offices/ombwdsmon-cymru";
const CY_CASE: &str = "offices/ombwdsmon-cymru/cases/202312345.yaml";

/// Builds `case` with the office folder `office` into `out`; (exit code, stderr).
fn build(case: &Path, office: &Path, out: &Path, formats: &str) -> (Option<i32>, String) {
    let o = bin()
        .args(["build", "--quiet", "--format", formats, "--out"])
        .arg(out)
        .arg(case)
        .arg("--templates")
        .arg(office)
        .output()
        .unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into())
}

/// The case file `case` with `from` replaced by `to`, written to a file of its own.
fn replaced(case: &str, dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(case).unwrap();
    assert!(text.contains(from), "{from}");
    let path = dir.join("case.yaml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

/// The HOS example in the `determination` layout, with `from` replaced by `to`.
fn hos_with(dir: &Path, from: &str, to: &str) -> PathBuf {
    replaced(HOS_CASE, dir, from, to)
}

/// Each of `items` is in `text`, in their order.
fn in_order(text: &str, items: &[&str]) {
    let at: Vec<usize> = items.iter().map(|i| text.find(i).expect(i)).collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{items:?} out of order in:\n{text}"
    );
}

fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

/// A refused HOS case: exit 1, the file and line named, the words given, nothing written.
fn refused(case: &Path, line_needle: &str, words: &str) {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(case, Path::new(HOS), &out.path().join("site"), "md");
    assert_eq!(code, Some(1), "{stderr}");
    let at = format!("{}:{}:", case.display(), line_of(case, line_needle));
    assert!(stderr.contains(&at), "expected `{at}` in:\n{stderr}");
    assert!(stderr.contains(words), "expected `{words}` in:\n{stderr}");
    assert!(!out.path().join("site").exists());
}

#[test]
fn the_housing_ombudsman_example_builds_in_its_own_layout() {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(
        Path::new(HOS_CASE),
        Path::new(HOS),
        out.path(),
        "md,html,pdf",
    );
    assert_eq!(code, Some(0), "{stderr}");
    let dir = out.path().join("202398765");
    let md = std::fs::read_to_string(dir.join("decision.md")).unwrap();
    // The outcome follows from the findings: maladministration on one part, service failure
    // on the other. The header lines are the office's, in its order; it prints no category.
    assert!(md.contains("outcome: \"Maladministration\""), "{md}");
    assert!(md.contains("category: \"Damp and mould; Complaint handling\""));
    let header = [
        "Case ID : 202398765",
        "Landlord : Northgate Homes Limited",
        "Landlord type : Housing Association",
        "Occupancy : Assured Tenancy",
        "Date : 14 May 2024",
    ];
    in_order(&md, &header);
    assert!(!md.contains("Category :"), "{md}");
    // Sections in the office's order, paragraphs unnumbered.
    let order = [
        "## Our decision (determination)",
        "## Orders",
        "## Recommendations",
        "## The complaint",
        "## Our investigation",
        "### Background and summary of events",
        "#### Background",
    ];
    in_order(&md, &order);
    assert!(
        !md.lines()
            .any(|l| l.starts_with(|c: char| c.is_ascii_digit())),
        "no numbered paragraph:\n{md}"
    );
    // The parts and the orders as tables.
    assert!(md.contains("| Complaint | Determination |"), "{md}");
    assert!(md.contains("| The landlord's complaint handling | Service failure |"));
    assert!(md.contains("| Order | Due date |"), "{md}");
    let html = std::fs::read_to_string(dir.join("decision.html")).unwrap();
    assert!(
        html.contains("<th scope=\"col\"") && html.contains(">Due date</th>"),
        "{html}"
    );
    assert!(
        html.contains("<h4"),
        "a second level of sub-heading: {html}"
    );
    let pdf_text = std::process::Command::new("pdftotext")
        .arg(dir.join("decision.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&pdf_text.stdout);
    assert!(text.contains("Maladministration"), "{text}");
    assert!(text.contains("9 July"), "{text}");
}

#[test]
fn a_housing_ombudsman_decision_opens_with_the_table_of_its_facts() {
    // The form of the office's decisions since October 2025 is the one every outcome takes:
    // the example chooses no layout.
    let text = std::fs::read_to_string(HOS_DECISION).unwrap();
    assert!(!text.contains("\nlayout:"), "{text}");
    // A `|` in a value stays in its cell.
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let text = text.replacen(
        "authority: Eastbrook Housing Association",
        "authority: Eastbrook | Homes",
        1,
    );
    std::fs::write(&case, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(&case, Path::new(HOS), out.path(), "md,html,pdf");
    assert_eq!(code, Some(0), "{stderr}");
    let dir = out.path().join("202512345");
    let md = std::fs::read_to_string(dir.join("decision.md")).unwrap();
    let table = "\n| Decision | |\n| --- | --- |\n| Case ID | 202512345 |\n\
        | Decision type | Investigation |\n| Landlord | Eastbrook \\| Homes |\n\
        | Landlord type | Housing Association |\n| Occupancy | Secure Tenancy |\n\
        | Date | 18 March 2026 |\n";
    assert!(md.contains(table), "{md}");
    // The office's fixed paragraphs; the numbers run on through the sections, and "Putting
    // things right" and the orders are not numbered.
    for want in [
        "## What the complaint is about\n\n2. The complaint is about",
        "## Our decision (determination)\n\n4. We have found that:\n",
        "\n\nWe have made orders for the landlord to put things right.\n",
        "## Putting things right\n\nWhere we find service failure, maladministration or severe \
         maladministration we can make orders for the landlord to put things right. We have \
         the discretion to make recommendations in all other cases within our jurisdiction.\n",
        "## Orders\n\nWithin 4 weeks",
        "### The complaint procedure\n\n8. The resident complained",
    ] {
        assert!(md.contains(want), "{want}\n{md}");
    }
    // The page: a header cell that names nothing is no header cell.
    let html = std::fs::read_to_string(dir.join("decision.html")).unwrap();
    assert!(
        html.contains("<tr><th scope=\"col\">Decision</th><td></td></tr>"),
        "{html}"
    );
    assert!(html.contains("<tr><td>Landlord</td><td>Eastbrook | Homes</td></tr>"));
    let pdf = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(dir.join("decision.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&pdf.stdout);
    let rows = ["Case ID", "Decision type", "Landlord type", "Occupancy"];
    in_order(&text, &rows);
    assert!(text.contains("Eastbrook | Homes"), "{text}");
}

/// The HOS example of a decision since October 2025, with `from` replaced by `to`.
fn decision_with(dir: &Path, from: &str, to: &str) -> PathBuf {
    replaced(HOS_DECISION, dir, from, to)
}

#[test]
fn a_paragraph_stands_without_a_number_only_where_numbers_are() {
    // The example sets "We have made orders …" without a number: the numbers go on after it.
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(Path::new(HOS_DECISION), Path::new(HOS), out.path(), "md");
    assert_eq!(code, Some(0), "{stderr}");
    let md = std::fs::read_to_string(out.path().join("202512345/decision.md")).unwrap();
    assert!(
        md.contains("\n\nWe have made orders for the landlord to put things right.\n\n## Summary of reasons\n\n### The broken boiler\n\n5. The resident"),
        "{md}"
    );
    let dir = tempfile::tempdir().unwrap();
    let orders = "  - standard: orders-made\n    numbered: false\n";
    // Not where the section has no numbers, and not on a point.
    let case = decision_with(
        dir.path(),
        "  - standard: putting-things-right\n",
        "  - standard: putting-things-right\n    numbered: true\n",
    );
    refused(
        &case,
        "numbered: true",
        "this section's paragraphs are not numbered",
    );
    let case = decision_with(
        dir.path(),
        "      - Apologise to the resident",
        "      - numbered: false\n        text: Apologise to the resident",
    );
    refused(
        &case,
        "      - numbered: false",
        "a point or bullet takes no `numbered`",
    );
    // A paragraph without a number cannot be referred to by one.
    let case = decision_with(
        dir.path(),
        orders,
        "  - standard: orders-made\n    numbered: false\n    id: orders\n  - See [[para:orders]].\n",
    );
    refused(&case, "See [[para:orders]]", "has no number");
}

#[test]
fn the_welsh_example_is_welsh() {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(Path::new(CY_CASE), Path::new(CY), out.path(), "md,html");
    assert_eq!(code, Some(0), "{stderr}");
    let dir = out.path().join("202312345");
    let md = std::fs::read_to_string(dir.join("decision.md")).unwrap();
    // The header of the office's findings pages, in their order; no headings under it.
    let order = [
        "Dyddiad yr Adroddiad : 03/12/2024",
        "Achos yn Erbyn : Cyngor Bwrdeistref Sirol Glanyrafon",
        "Pwnc : Tai",
        "Cyfeirnod Achos : 202312345",
        "Canlyniad : Datrys yn gynnar",
        "Cwynodd Ms X",
    ];
    in_order(&md, &order);
    assert!(!md.contains("\n## ") && !md.contains("**"), "{md}");
    // The points of an unnumbered paragraph are lettered all the same.
    let html = std::fs::read_to_string(dir.join("decision.html")).unwrap();
    assert!(html.contains("<html lang=\"cy\""), "{html}");
    assert!(html.contains("<ol type=\"a\">"), "{html}");
    assert!(!html.contains("class=\"paras\""), "{html}");
}

#[test]
fn a_finding_the_office_does_not_have_is_refused_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let case = hos_with(
        dir.path(),
        "finding: service-failure",
        "finding: service-falure",
    );
    refused(&case, "service-falure", "unknown finding `service-falure`");
}

#[test]
fn a_given_outcome_must_agree_with_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let case = hos_with(
        dir.path(),
        "decided: 2024-05-14",
        "decided: 2024-05-14\noutcome: no-maladministration",
    );
    refused(
        &case,
        "outcome: no-maladministration",
        "is not what the parts' findings give (`maladministration`)",
    );
}

#[test]
fn the_office_checks_categories_facts_dates_and_references() {
    let dir = tempfile::tempdir().unwrap();
    let case = hos_with(
        dir.path(),
        "category: [Damp and mould",
        "category: [Damp and mold",
    );
    refused(&case, "Damp and mold", "unknown category `Damp and mold`");
    let case = hos_with(dir.path(), "tenure: Assured Tenancy", "tenure: Freehold");
    refused(
        &case,
        "tenure: Freehold",
        "`Freehold` is not a value of `tenure`",
    );
    let case = hos_with(
        dir.path(),
        "tenure: Assured Tenancy",
        "tenancy: Assured Tenancy",
    );
    refused(&case, "tenancy: Assured", "unknown fact `tenancy`");
    let case = hos_with(dir.path(), "decided: 2024-05-14", "decided: 2024-05");
    refused(&case, "decided: 2024-05", "has no day");
    let case = hos_with(dir.path(), "reference: 202398765", "reference: 23 987 650");
    refused(
        &case,
        "reference: 23 987 650",
        "expected a reference such as `202347433`",
    );
}

#[test]
fn a_section_of_another_office_is_refused_with_close_matches() {
    let dir = tempfile::tempdir().unwrap();
    let case = hos_with(dir.path(), "recommendations:", "recommendation:");
    refused(&case, "recommendation:", "unknown field `recommendation`");
    let case = hos_with(
        dir.path(),
        "recommendations:",
        "found:\n  - x\nrecommendations:",
    );
    refused(&case, "found:", "unknown field `found`");
}

#[test]
fn a_table_row_has_a_cell_for_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let case = hos_with(
        dir.path(),
        "    due: 9 July 2024\n",
        "    when: 9 July 2024\n",
    );
    refused(
        &case,
        "when: 9 July 2024",
        "unknown field `when`, expected one of `order`, `due`",
    );
}

#[test]
fn a_missing_section_names_the_outcome_that_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(HOS_CASE)
        .unwrap()
        .replace("layout: determination\n", "");
    let start = text.find("\norders:").unwrap();
    let end = text.find("\nrecommendations:").unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let out = tempfile::tempdir().unwrap();
    let office = hos_determination_office();
    let (code, stderr) = build(&case, office.path(), out.path(), "md");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "missing section `orders` (“Orders”): the outcome “Maladministration” needs it"
        ),
        "{stderr}"
    );
}

#[test]
fn a_cross_reference_to_an_unnumbered_paragraph_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let case = hos_with(
        dir.path(),
        "      - >-\n        The landlord's stage 1 reply was late",
        "      - id: late\n        text: See [[para:late]].\n      - >-\n        The landlord's stage 1 reply was late",
    );
    refused(&case, "See [[para:late]]", "has no number");
}

/// An office folder made from the HOS one, with `office.yaml` changed.
fn hos_office_with(from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["office.yaml", "wording.yaml"] {
        let text = std::fs::read_to_string(Path::new(HOS).join(name)).unwrap();
        let text = if name == "office.yaml" {
            assert!(text.contains(from), "{from}");
            text.replacen(from, to, 1)
        } else {
            text
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The Housing Ombudsman's folder with every outcome taking the unnumbered `determination`
/// layout, for the tests of what an outcome's layout asks.
fn hos_determination_office() -> tempfile::TempDir {
    let dir = hos_office_with("layout: decision", "layout: determination");
    let path = dir.path().join("office.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("layout: decision", "layout: determination"),
    )
    .unwrap();
    dir
}

#[test]
fn an_office_that_dates_by_the_month_prints_the_month() {
    let office = hos_office_with("precision: day", "precision: month");
    let dir = tempfile::tempdir().unwrap();
    let case = hos_with(dir.path(), "decided: 2024-05-14", "decided: 2015-01");
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(&case, office.path(), out.path(), "md");
    assert_eq!(code, Some(0), "{stderr}");
    let md = std::fs::read_to_string(out.path().join("202398765/decision.md")).unwrap();
    assert!(md.contains("Date : January 2015"), "{md}");
    assert!(md.contains("date: \"2015-01\""), "{md}");
}

#[test]
fn an_office_that_numbers_its_paragraphs_numbers_them() {
    let office = hos_office_with("numbering: none", "numbering: continuous");
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(Path::new(HOS_CASE), office.path(), out.path(), "md");
    assert_eq!(code, Some(0), "{stderr}");
    let md = std::fs::read_to_string(out.path().join("202398765/decision.md")).unwrap();
    assert!(md.contains("\n1. The landlord took four months"), "{md}");
    // Tables are never numbered; the numbers run on through the sections.
    assert!(md.contains("| Order | Due date |"), "{md}");
    assert!(md.contains("\n4. The complaint is about"), "{md}");
}

/// `decisions new` of a case of `outcome` with the office folder `office`, written to `out`;
/// the file's text.
fn new_case(office: &Path, outcome: &str, out: &Path) -> String {
    bin()
        .args([
            "new",
            "202400001",
            "--authority",
            "Example Homes",
            "--outcome",
        ])
        .arg(outcome)
        .arg("--templates")
        .arg(office)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn new_writes_the_skeleton_of_the_offices_layout() {
    let dir = tempfile::tempdir().unwrap();
    let office = hos_determination_office();
    let out = dir.path().join("new.yaml");
    let text = new_case(office.path(), "redress", &out);
    for key in [
        "our_decision:",
        "orders:",
        "  - order: TODO",
        "    due: TODO",
        "facts:",
    ] {
        assert!(text.contains(key), "{key}:\n{text}");
    }
    // It reads as a case of the office; `check` then refuses only what is still TODO.
    let o = bin()
        .args(["check", "--templates"])
        .arg(office.path())
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("TODO"), "{stdout}");
    assert!(!stdout.contains("unknown field"), "{stdout}");
}

#[test]
fn new_writes_a_housing_ombudsman_decision_with_its_fixed_paragraphs() {
    // The folder's own skeleton of its `decision` layout.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.yaml");
    let text = new_case(Path::new(HOS), "maladministration", &out);
    for want in [
        "outcome: maladministration\n",
        "complainant: the resident\n",
        "  - standard: found-that\n",
        "  - standard: orders-made\n    numbered: false\n",
        "  - standard: putting-things-right\n",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    // A folder without skeletons gets one made from the layout, with the outcome: a layout
    // without a section of parts cannot derive it.
    let office = hos_office_with("layout: decision", "layout: decision");
    let out = dir.path().join("generated.yaml");
    let text = new_case(office.path(), "maladministration", &out);
    assert!(text.contains("outcome: maladministration\n"), "{text}");
    assert!(text.contains("our_determination:\n  - TODO"), "{text}");
}

#[test]
fn the_case_schema_is_the_offices() {
    let out = bin().args(["schema", "--templates", HOS]).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let props = &schema["properties"];
    assert!(props["our_decision"].is_object(), "{schema}");
    assert_eq!(
        props["orders"]["items"]["required"],
        serde_json::json!(["order", "due"])
    );
    assert!(props.get("found").is_none());
    assert!(!schema["required"]
        .as_array()
        .unwrap()
        .contains(&"outcome".into()));
    // The example validates against it.
    let validator = jsonschema::validator_for(&schema).unwrap();
    let case: serde_json::Value =
        serde_yaml::from_str(&std::fs::read_to_string(HOS_CASE).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&case)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_welsh_office_prints_a_date_in_the_form_of_its_day_and_several_subjects() {
    // Its pages print decisions of 2022 and 2023 month first and those from late 2024 day
    // first, in both languages; an upheld findings summary may give two subjects.
    let dir = tempfile::tempdir().unwrap();
    for (decided, welsh, english) in [
        ("2024-03-12", "03/12/2024", "03/12/2024"),
        ("2025-04-23", "23/04/2025", "23/04/2025"),
    ] {
        let text = std::fs::read_to_string(CY_CASE)
            .unwrap()
            .replacen("decided: 2024-03-12", &format!("decided: {decided}"), 1)
            .replacen(
                "category: Tai",
                "category: [Triniaeth Glinigol tu allan i Ysbyty, Eraill]",
                1,
            )
            .replacen(
                "outcome: early-resolution",
                "outcome: upheld\nlayout: crynodeb",
                1,
            )
            .replacen("translations:\n  en-GB: 202312345\n", "", 1);
        let case = dir.path().join("case.yaml");
        std::fs::write(&case, &text).unwrap();
        let english_case = dir.path().join("case-en.yaml");
        std::fs::write(&english_case, format!("lang: en-GB\n{text}")).unwrap();
        for (file, want) in [
            (
                &case,
                [
                    format!("Dyddiad yr Adroddiad : {welsh}"),
                    "Pwnc : Triniaeth Glinigol tu allan i Ysbyty; Eraill".to_string(),
                    "Canlyniad : Cadarnhawyd yn llawn neu yn rhannol".to_string(),
                ],
            ),
            (
                &english_case,
                [
                    format!("Report Date : {english}"),
                    "Subject : Clinical treatment outside hospital; Other".to_string(),
                    "Outcome : Upheld in whole or in part".to_string(),
                ],
            ),
        ] {
            let out = tempfile::tempdir().unwrap();
            let (code, stderr) = build(file, Path::new(CY), out.path(), "md");
            assert_eq!(code, Some(0), "{stderr}");
            let built = std::fs::read_dir(out.path())
                .unwrap()
                .next()
                .unwrap()
                .unwrap();
            let md = std::fs::read_to_string(built.path().join("decision.md")).unwrap();
            for line in want {
                assert!(md.contains(&line), "{line}:\n{md}");
            }
        }
    }
}

#[test]
fn a_decision_and_its_translation_have_their_own_addresses_and_link_each_other() {
    let out = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["build", "--quiet", "--out"])
        .arg(out.path())
        .arg(CY_CASE)
        .arg("offices/ombwdsmon-cymru/cases/202312345-en.yaml")
        .args(["--templates", CY])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page =
        |slug: &str| std::fs::read_to_string(out.path().join(slug).join("decision.html")).unwrap();
    let (cy, en) = (page("202312345"), page("202312345-en-gb"));
    assert!(cy.contains("<html lang=\"cy\">"), "{cy}");
    assert!(en.contains("<html lang=\"en-GB\">"), "{en}");
    assert!(cy.contains(
        "<link rel=\"alternate\" hreflang=\"en-GB\" href=\"../202312345-en-gb/decision.html\">"
    ));
    assert!(
        en.contains("<link rel=\"alternate\" hreflang=\"cy\" href=\"../202312345/decision.html\">")
    );
    assert!(en.contains(">Cymraeg</a>") && cy.contains(">English</a>"));
    // Each in its own language's wording, the office's names translated by `terms`.
    assert!(cy.contains("Neidio i’r penderfyniad") && en.contains("Skip to the decision"));
    let md = std::fs::read_to_string(out.path().join("202312345-en-gb/decision.md")).unwrap();
    assert!(md.contains("Subject : Housing"), "{md}");
    assert!(md.contains("Report Date : 03/12/2024"), "{md}");
    assert!(md.contains("Case Against : Glanyrafon County Borough Council"));
    let pdf = std::process::Command::new("pdftotext")
        .arg(out.path().join("202312345-en-gb/decision.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&pdf.stdout).contains("Page 1 of 1"));
}

#[test]
fn a_language_the_office_has_no_wording_in_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(CY_CASE).unwrap().replacen(
        "outcome: early-resolution",
        "outcome: early-resolution\nlang: fr",
        1,
    );
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(&case, Path::new(CY), out.path(), "md");
    assert_eq!(code, Some(1), "{stderr}");
    let at = format!("{}:{}:", case.display(), line_of(&case, "lang: fr"));
    assert!(stderr.contains(&at), "{stderr}");
    assert!(
        stderr.contains("the office has no wording in `fr`"),
        "{stderr}"
    );
    assert!(stderr.contains("wording.fr.yaml"), "{stderr}");
}

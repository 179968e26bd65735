//! The anonymisation gate as users meet it: `check` and final builds refuse real names and
//! contact details, drafts build with warnings, and accepted findings pass on purpose.

mod common;
use common::*;

const SEED: &str = include_str!("../cases/21-016-384.yaml");

fn case_with(dir: &std::path::Path, from: &str, to: &str) -> std::path::PathBuf {
    assert!(SEED.contains(from), "{from}");
    let path = dir.join("case.yaml");
    std::fs::write(&path, SEED.replacen(from, to, 1)).unwrap();
    path
}

const LEAK: (&str, &str) = (
    "complains about a children services assessment.",
    "complains about a children services assessment. Mr Smith lives at 12 Acacia Avenue, LS1 1UR, and his e-mail is j.smith@example.com.",
);

#[test]
fn check_lists_each_leak_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = case_with(dir.path(), LEAK.0, LEAK.1);
    let output = bin().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = String::from_utf8_lossy(&output.stdout);
    for rule in ["titled-name", "street-address", "postcode", "email"] {
        let line = report
            .lines()
            .find(|l| l.contains(&format!("anonymisation ({rule})")))
            .unwrap_or_else(|| panic!("{rule}:\n{report}"));
        let complaint_line = SEED
            .lines()
            .position(|l| l.starts_with("complaint:"))
            .unwrap()
            + 2;
        assert!(
            line.contains(&format!("case.yaml:{complaint_line}:")),
            "{line}"
        );
        assert!(line.contains(": error: complaint[0]: "), "{line}");
    }
}

#[test]
fn check_json_gives_the_same_problems_to_tools() {
    let dir = tempfile::tempdir().unwrap();
    let path = case_with(dir.path(), LEAK.0, LEAK.1);
    let output = bin()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(problems.len(), 4, "{problems:?}");
    for p in &problems {
        assert_eq!(p["field"], "complaint[0]");
        assert_eq!(p["severity"], "error");
        assert!(p["line"].as_u64().unwrap() > 1);
        assert!(p["message"].as_str().unwrap().starts_with("anonymisation"));
        assert!(p["hint"].as_str().unwrap().contains("accept"));
    }
}

#[test]
fn final_builds_refuse_leaks_and_drafts_warn() {
    let dir = tempfile::tempdir().unwrap();
    let path = case_with(dir.path(), LEAK.0, LEAK.1);
    let out = dir.path().join("out");
    let output = bin()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!out.join("21-016-384/decision.md").exists());

    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("status: final", "status: draft");
    std::fs::write(&path, text).unwrap();
    let output = bin()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(out.join("21-016-384/decision.md").exists());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("warning: complaint[0]: anonymisation (titled-name)"),
        "{err}"
    );
}

#[test]
fn an_accepted_finding_passes_and_an_unused_acceptance_warns() {
    let dir = tempfile::tempdir().unwrap();
    let text = SEED
        .replacen(
            "complains about a children services assessment.",
            "complains about a children services assessment by staff at Sunrise Lodge Ltd, run by Dr Patel Care Homes.",
            1,
        )
        .replacen("signed: investigator", "signed: investigator\naccept:\n  - text: Dr Patel Care Homes\n    reason: the care provider is named, as usual", 1);
    let path = dir.path().join("case.yaml");
    std::fs::write(&path, &text).unwrap();
    bin().arg("check").arg(&path).assert().success();

    let text = text.replace(
        "reason: the care provider",
        "reason: x\n  - text: Mrs Jones\n    reason: the care provider",
    );
    std::fs::write(&path, &text).unwrap();
    let output = bin().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout)
        .contains("warning: accept[1].text: nothing in the text matches"));
}

#[test]
fn people_letters_are_single_and_distinct() {
    let dir = tempfile::tempdir().unwrap();
    let people = "people:\n  - name: Mr X\n    role: complainant, the child's father\n";
    for (extra, expected) in [
        (
            "  - name: Mrs X\n    role: mother\n",
            "the letter X is used for both `Mr X` (people[0]) and `Mrs X`",
        ),
        (
            "  - name: Ms Jones\n    role: social worker\n",
            "`Ms Jones` is not a letter",
        ),
    ] {
        let path = case_with(dir.path(), people, &format!("{people}{extra}"));
        let output = bin().arg("check").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{extra}");
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(report.contains(expected), "{report}");
        assert!(report.contains("people[1].name"), "{report}");
    }
    let path = case_with(
        dir.path(),
        "whom I shall call Mr X,",
        "whom I shall call Mr X, and his partner Ms C,",
    );
    let output = bin().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout)
        .contains("warning: complaint[0]: `Ms C` is not one of the people declared"));
}

#[test]
fn a_declared_letter_a_is_only_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = "whom I shall call Mr X, complains about a children services assessment.";
    let said = "whom I shall call Mr X, complains about an assessment of Child A by Mr A.";
    // Undeclared, "Mr A" is refused.
    let path = case_with(dir.path(), text, said);
    let output = bin().arg("check").arg(&path).output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string();
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("error: complaint[0]: anonymisation (letter-a)"),
        "{report}"
    );
    // Declared in `people`, it is the investigator's choice: warned of, and a final builds.
    let person = "    role: complainant, the child's father\n";
    let people = format!("{person}  - name: Mr A\n    role: his son\n");
    let declared = SEED.replacen(text, said, 1).replacen(person, &people, 1);
    std::fs::write(&path, &declared).unwrap();
    let output = bin().arg("check").arg(&path).output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string();
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("warning: complaint[0]: anonymisation (letter-a)"),
        "{report}"
    );
    assert!(
        report.contains("warning: people[1].name: the letter A can read"),
        "{report}"
    );
    // The declared "Mr A" is warned of once, at its declaration; "Child A" is not declared.
    assert_eq!(report.matches("(letter-a)").count(), 1, "{report}");
    assert!(report.contains("“Child A”"), "{report}");
    assert!(!report.contains("error"), "{report}");
    let out = dir.path().join("out");
    bin()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn a_finding_points_at_the_words_even_in_a_folded_scalar() {
    let dir = tempfile::tempdir().unwrap();
    let path = case_with(
        dir.path(),
        "  already offered.\n",
        "  already offered. It names John\n  Smith and more.\n",
    );
    let src = std::fs::read_to_string(&path).unwrap();
    let line = src
        .lines()
        .position(|l| l.ends_with("It names John"))
        .unwrap()
        + 1;
    let output = bin().arg("check").arg(&path).output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string();
    let column = "  already offered. It names ".len() + 1;
    assert!(
        report.contains(&format!(
            "case.yaml:{line}:{column}: error: summary: anonymisation"
        )),
        "expected line {line} column {column}:\n{report}"
    );
}

#[test]
fn publish_refuses_a_leak_and_publishes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    std::fs::create_dir(&cases).unwrap();
    std::fs::write(cases.join("leak.yaml"), SEED.replacen(LEAK.0, LEAK.1, 1)).unwrap();
    std::fs::copy(repo().join("cases/23-004-117.yaml"), cases.join("ok.yaml")).unwrap();
    let out = dir.path().join("site");
    let output = bin()
        .args(["publish", "--quiet"])
        .arg(&cases)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("leak.yaml") && err.contains("anonymisation (titled-name)"),
        "{err}"
    );
    assert!(
        !out.join("decisions/23-004-117/decision.html").exists(),
        "nothing published"
    );
}

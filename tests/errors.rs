//! Bad case files: each gives one clear message naming the file, line, column and field,
//! exits 1, and writes nothing.

mod common;
use common::*;
use std::path::Path;

const SEED: &str = include_str!("../cases/21-016-384.yaml");

/// Builds `text` as a case file; returns stderr after asserting exit 1 and no output.
fn fails(name: &str, text: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join(name);
    std::fs::write(&case, text).unwrap();
    fails_at(&case, dir.path())
}

fn fails_at(case: &Path, dir: &Path) -> String {
    let out = dir.join("out");
    let output = bin()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(case)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(),
        "output written"
    );
    stderr
}

/// The seed with `from` replaced by `to` (which must occur).
fn seed_with(from: &str, to: &str) -> Vec<u8> {
    assert!(SEED.contains(from), "{from}");
    SEED.replacen(from, to, 1).into_bytes()
}

fn line_of(text: &[u8], needle: &str) -> usize {
    common::line_of(&String::from_utf8_lossy(text), needle)
}

fn assert_names(stderr: &str, file: &str, line: usize, field: &str, words: &str) {
    let at = format!("{file}:{line}:");
    assert!(stderr.contains(&at), "expected `{at}` in:\n{stderr}");
    assert!(
        stderr.contains(&format!(": {field}: ")),
        "expected field `{field}` in:\n{stderr}"
    );
    assert!(stderr.contains(words), "expected `{words}` in:\n{stderr}");
}

#[test]
fn unknown_key() {
    let text = seed_with("complainant: Mr X", "complainant: Mr X\ncomplainnat: Mr X");
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "complainnat"),
        "complainnat",
        "unknown field `complainnat`",
    );
    assert!(err.contains("did you mean `complainant`"), "{err}");
}

#[test]
fn unknown_key_in_a_paragraph() {
    let text = seed_with(
        "  - standard: information-commissioner",
        "  - standard: information-commissioner\n    txet: hello",
    );
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "txet"),
        "powers[1]",
        "unknown field `txet`",
    );
}

#[test]
fn wrong_type() {
    let text = seed_with(
        "complaint:\n  - The complainant",
        "complaint:\n  - [1, 2]\n  - The complainant",
    );
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "[1, 2]"),
        "complaint[0]",
        "expected a paragraph",
    );
}

#[test]
fn bad_reference() {
    let text = seed_with("reference: 21 016 384", "reference: 21-016-384/../x");
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "reference:"),
        "reference",
        "invalid reference",
    );
}

#[test]
fn bad_category() {
    let text = seed_with(
        "category: Children's care services",
        "category: Childrens care services",
    );
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "category:"),
        "category",
        "unknown category area",
    );
    assert!(
        err.contains("Children's care services"),
        "suggests the right area: {err}"
    );
}

#[test]
fn bad_date() {
    let text = seed_with("decided: 2022-03-10", "decided: 2022-02-30");
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "decided:"),
        "decided",
        "invalid date `2022-02-30`",
    );
}

/// "My assessment" and "Final decision" are left out of some published decisions: a case
/// without one builds, and is warned of at its outcome, in case it was left out by mistake.
#[test]
fn missing_expected_section_is_a_warning() {
    let start = SEED.find("\nfinal_decision:\n").unwrap() + 1;
    let end = SEED.find("\nsigned:").unwrap() + 1;
    let text = format!("{}{}", &SEED[..start], &SEED[end..]);
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, &text).unwrap();
    for command in ["build", "check"] {
        let mut cmd = bin();
        cmd.arg(command);
        if command == "build" {
            cmd.args(["--format", "md", "--out"])
                .arg(dir.path().join("out"));
        }
        let output = cmd.arg(&case).output().unwrap();
        let said = String::from_utf8_lossy(&output.stderr).to_string()
            + &String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{command}: {said}");
        let line = line_of(text.as_bytes(), "outcome:");
        let want = format!(
            "case.yaml:{line}:10: warning: outcome: no section `final_decision` (“Final decision”)"
        );
        assert!(
            said.contains(&want),
            "{command}: expected {want} in:\n{said}"
        );
    }
    let md = std::fs::read_to_string(dir.path().join("out/21-016-384/decision.md")).unwrap();
    assert!(!md.contains("Final decision"), "{md}");
}

#[test]
fn missing_required_section() {
    let start = SEED.find("\nconsidered:\n").unwrap() + 1;
    let end = SEED.find("\nassessment:\n").unwrap() + 1;
    let text = format!("{}{}", &SEED[..start], &SEED[end..]).into_bytes();
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "outcome:"),
        "outcome",
        "missing section `considered`",
    );
}

#[test]
fn missing_required_field() {
    let text = seed_with("authority: Leeds City Council\n", "");
    let err = fails("case.yaml", &text);
    assert!(
        err.contains("case.yaml:") && err.contains("missing field `authority`"),
        "{err}"
    );
}

#[test]
fn unknown_standard_paragraph() {
    let text = seed_with(
        "standard: merits-of-decision",
        "standard: merits-of-decison",
    );
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "merits-of-decison"),
        "powers[2].standard",
        "unknown standard paragraph `merits-of-decison`",
    );
    assert!(err.contains("did you mean `merits-of-decision`"), "{err}");
}

#[test]
fn unknown_cross_reference() {
    let text = seed_with(
        "  - We will not investigate this complaint.",
        "  - See [[para:acuracy]]. We will not investigate this complaint.",
    );
    let err = fails("case.yaml", &text);
    assert_names(
        &err,
        "case.yaml",
        line_of(&text, "[[para:acuracy]]"),
        "final_decision[0]",
        "unknown id `acuracy`",
    );
    assert!(err.contains("did you mean `accuracy`"), "{err}");
}

#[test]
fn duplicate_id() {
    let text = seed_with("    - id: accuracy", "    - id: disclosure");
    let err = fails("case.yaml", &text);
    let second = String::from_utf8_lossy(&text)
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id: disclosure"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert_names(
        &err,
        "case.yaml",
        second,
        "assessment.areas[1].id",
        "duplicate id `disclosure`",
    );
}

#[test]
fn invalid_yaml_syntax() {
    let text = seed_with("status: final", "status: [final");
    let err = fails("case.yaml", &text);
    assert!(err.contains("case.yaml:"), "{err}");
    assert!(err.contains("error"), "{err}");
}

#[test]
fn not_utf8() {
    let mut text = SEED.as_bytes().to_vec();
    let at = SEED.find("Leeds").unwrap();
    text[at] = 0xff;
    let err = fails("case.yaml", &text);
    assert!(
        err.contains(&format!("case.yaml:{}:", line_of(SEED.as_bytes(), "Leeds"))),
        "{err}"
    );
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn empty_file() {
    let err = fails("case.yaml", b"  \n");
    assert!(err.contains("case.yaml") && err.contains("empty"), "{err}");
}

#[test]
fn directory_as_case() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("cases.yaml");
    std::fs::create_dir(&case).unwrap();
    let err = fails_at(&case, dir.path());
    assert!(
        err.contains("cases.yaml") && err.contains("is a directory"),
        "{err}"
    );
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let text =
        String::from_utf8(seed_with("standard: merits-of-decision", "standard: nope")).unwrap();
    let text = text.replacen(
        "[could-not-add, better-placed]",
        "[could-not-add, beter-placed]",
        1,
    );
    let err = fails("case.yaml", text.as_bytes());
    assert!(err.contains("unknown standard paragraph `nope`"), "{err}");
    assert!(err.contains("unknown choice `beter-placed`"), "{err}");
}

#[test]
fn every_one_of_many_problems_keeps_its_line_column_and_field() {
    // Sixty broken cross-references in a long file, as plain strings and as mappings.
    let mut extra = String::new();
    for i in 0..60 {
        if i % 2 == 0 {
            extra.push_str(&format!("  - Paragraph {i} cites [[para:nowhere{i}]].\n"));
        } else {
            extra.push_str(&format!(
                "  - text: Paragraph {i} cites [[para:nowhere{i}]].\n"
            ));
        }
    }
    let anchor = "final_decision:\n";
    let mut text = seed_with(anchor, &format!("{anchor}{extra}"));
    // A long file (here padded with a comment) once left later problems without a position.
    text.extend_from_slice(format!("# {}\n", "notes ".repeat(40_000)).as_bytes());
    let err = fails("case.yaml", &text);
    let problems: Vec<&str> = err.lines().filter(|l| l.contains("nowhere")).collect();
    assert_eq!(problems.len(), 60, "{err}");
    for (i, p) in problems.iter().enumerate() {
        let line = line_of(&text, &format!("Paragraph {i} cites"));
        let field = if i % 2 == 0 {
            format!("final_decision[{i}]: ")
        } else {
            format!("final_decision[{i}].text: ")
        };
        assert!(
            p.contains(&format!("case.yaml:{line}:")) && p.contains(&field),
            "problem {i} should be at line {line}, field {field}: {p}"
        );
    }
}

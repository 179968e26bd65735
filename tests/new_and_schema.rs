//! `decisions new` writes a file that `check` rejects until every TODO is filled, and
//! `decisions schema` describes the case file so that editors validate it.

mod common;
use common::*;

fn new_case(dir: &std::path::Path, outcome: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{outcome}.yaml"));
    bin()
        .args([
            "new",
            "23 111 222",
            "--authority",
            "Testshire Council",
            "--outcome",
            outcome,
        ])
        .args([
            "--category",
            "Housing > Homelessness",
            "--decided",
            "2024-05-01",
            "--out",
        ])
        .arg(&path)
        .assert()
        .success();
    path
}

/// Replaces every `TODO ...` text with plain words, as an investigator would.
fn fill(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("TODO") {
            Some(i) => format!("{}Mr X and the Council gave their views.", &line[..i]),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn new_then_check_rejects_todos_and_accepts_the_filled_file() {
    let dir = tempfile::tempdir().unwrap();
    for outcome in ["closed-after-initial-enquiries", "upheld", "not-upheld"] {
        let path = new_case(dir.path(), outcome);
        let text = std::fs::read_to_string(&path).unwrap();
        let output = bin().arg("check").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{outcome}");
        let report = String::from_utf8_lossy(&output.stdout);
        // One problem per text that still has a TODO (comments aside).
        let todo_texts = text
            .lines()
            .filter(|l| l.split('#').next().unwrap().contains("TODO"))
            .count();
        assert_eq!(report.matches("unfinished").count(), todo_texts, "{report}");
        assert!(report.contains("summary"), "{report}");

        std::fs::write(&path, fill(&text)).unwrap();
        bin().arg("check").arg(&path).assert().success();
        let out = dir.path().join("out");
        bin()
            .args(["build", "--format", "md,html", "--out"])
            .arg(&out)
            .arg(&path)
            .assert()
            .success();
        let md = std::fs::read_to_string(out.join("23-111-222/decision.md")).unwrap();
        assert!(
            md.contains("The Ombudsman's draft decision:"),
            "{outcome}: new cases start as drafts"
        );
        if outcome == "upheld" {
            assert!(md.contains("## Agreed action"));
        }
    }
}

#[test]
fn new_does_not_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_case(dir.path(), "upheld");
    bin()
        .args([
            "new",
            "23 111 222",
            "--authority",
            "X Council",
            "--outcome",
            "upheld",
            "--out",
        ])
        .arg(&path)
        .assert()
        .code(1);
    bin()
        .args([
            "new",
            "23-111-222",
            "--authority",
            "X",
            "--outcome",
            "upheld",
        ])
        .assert()
        .code(1);
    let out = bin()
        .args([
            "new",
            "23 111 222",
            "--authority",
            "X",
            "--outcome",
            "maybe",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`maybe` is not an outcome"), "{stderr}");
}

fn schema() -> serde_json::Value {
    let output = bin().arg("schema").output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

fn yaml_to_json(text: &str) -> serde_json::Value {
    serde_yaml::from_str(text).unwrap()
}

#[test]
fn schema_validates_every_example_and_rejects_unknown_keys() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for case in examples() {
        let value = yaml_to_json(&std::fs::read_to_string(&case).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", case.display());
    }
    let seed = std::fs::read_to_string(repo().join("cases/21-016-384.yaml")).unwrap();
    for (from, to) in [
        ("complainant: Mr X", "complainant: Mr X\ncomplainnat: Mr X"),
        (
            "  - standard: information-commissioner",
            "  - standard: information-commissioner\n    txet: x",
        ),
        (
            "    - id: accuracy",
            "    - id: accuracy\n      colour: red",
        ),
        ("outcome: closed-after-initial-enquiries", "outcome: closed"),
        ("reference: 21 016 384", "reference: 21-016-384"),
        ("category: Children's care services", "category: Kids"),
    ] {
        let value = yaml_to_json(&seed.replacen(from, to, 1));
        assert!(!validator.is_valid(&value), "schema accepted {to:?}");
    }
}

#[test]
fn committed_schema_is_current_and_examples_point_to_it() {
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/case-file.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        committed,
        schema(),
        "run `decisions schema > docs/case-file.schema.json`"
    );
    for case in examples() {
        let first = std::fs::read_to_string(&case)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string();
        assert_eq!(
            first,
            "# yaml-language-server: $schema=../docs/case-file.schema.json",
            "{}",
            case.display()
        );
    }
}

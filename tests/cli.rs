//! The command line as a user meets it: outputs, exit codes, template overrides.

mod common;
use common::*;

#[test]
fn build_writes_one_folder_per_case() {
    let out = tempfile::tempdir().unwrap();
    bin()
        .args(["build", "--format", "md", "--out"])
        .arg(out.path())
        .args(examples())
        .assert()
        .success();
    for slug in ["21-016-384", "23-004-117", "24-011-902"] {
        assert!(
            out.path().join(slug).join("decision.md").is_file(),
            "{slug}"
        );
    }
    // No temporary files are left behind.
    for slug in ["21-016-384", "23-004-117", "24-011-902"] {
        let names: Vec<_> = std::fs::read_dir(out.path().join(slug))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}

#[test]
fn usage_errors_exit_2() {
    bin().assert().code(2);
    bin().arg("build").assert().code(2);
    bin()
        .args(["build", "--format", "docx", "cases/21-016-384.yaml"])
        .assert()
        .code(2);
}

#[test]
fn one_bad_case_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "reference: 1\n").unwrap();
    let out = dir.path().join("out");
    let output = bin()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(&bad)
        .arg(repo().join("cases/21-016-384.yaml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(out.join("21-016-384/decision.md").is_file());
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad.yaml"));
}

#[test]
fn templates_folder_overrides_wording_paragraphs_and_layout() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("theme");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(
        t.join("wording.yaml"),
        "sections:\n  complaint: What Mr X complained about\n",
    )
    .unwrap();
    std::fs::write(
        t.join("paragraphs.yaml"),
        "assessment-code:\n  section: considered\n  text: I applied the Public Services Ombudsman’s assessment criteria.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    bin()
        .args(["build", "--format", "md", "--templates"])
        .arg(&t)
        .arg("--out")
        .arg(&out)
        .arg("cases/21-016-384.yaml")
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("21-016-384/decision.md")).unwrap();
    assert!(md.contains("## What Mr X complained about"), "{md}");
    assert!(
        md.contains("6. I applied the Public Services Ombudsman’s assessment criteria."),
        "{md}"
    );
    // Keys that the override leaves out keep their defaults.
    assert!(md.contains("## How I considered this complaint"));

    std::fs::write(
        t.join("decision.md"),
        "{{ d.title }} / {{ sections | length }} sections\n",
    )
    .unwrap();
    bin()
        .args(["build", "--format", "md", "--templates"])
        .arg(&t)
        .arg("--out")
        .arg(&out)
        .arg("cases/21-016-384.yaml")
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("21-016-384/decision.md")).unwrap();
    assert_eq!(md, "Leeds City Council (21 016 384) / 5 sections\n");
}

#[test]
fn a_broken_template_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("decision.md"), "{% if %}").unwrap();
    let output = bin()
        .args(["build", "--format", "md", "--out"])
        .arg(dir.path().join("out"))
        .arg("--templates")
        .arg(dir.path())
        .arg("cases/21-016-384.yaml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("decision.md"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn check_passes_the_examples_and_lists_every_problem_sorted() {
    bin().args(["check", "cases"]).assert().success();
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(repo().join("cases/21-016-384.yaml")).unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        seed.replace("decided: 2022-03-10", "decided: 2022-13-10"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        seed.replace("status: final", "status: finale")
            .replace("signed: investigator", "signed: investigater"),
    )
    .unwrap();
    let output = bin().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("a.yaml") && lines[0].contains("status"),
        "{text}"
    );
    assert!(
        lines[1].contains("b.yaml") && lines[1].contains("decided"),
        "{text}"
    );
}

#[test]
fn templates_command_writes_the_defaults_which_build_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("mine");
    bin().arg("templates").arg(&t).assert().success();
    for name in [
        "decision.md",
        "decision.html",
        "paragraphs.yaml",
        "wording.yaml",
    ] {
        assert!(t.join(name).is_file(), "{name}");
    }
    bin().arg("templates").arg(&t).assert().code(1);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    bin()
        .args(["build", "-q", "--format", "md,html", "--out"])
        .arg(&a)
        .arg("cases/23-004-117.yaml")
        .assert()
        .success();
    bin()
        .args(["build", "-q", "--format", "md,html", "--templates"])
        .arg(&t)
        .arg("--out")
        .arg(&b)
        .arg("cases/23-004-117.yaml")
        .assert()
        .success();
    for f in ["decision.md", "decision.html"] {
        assert_eq!(
            std::fs::read(a.join("23-004-117").join(f)).unwrap(),
            std::fs::read(b.join("23-004-117").join(f)).unwrap(),
            "{f}"
        );
    }
}

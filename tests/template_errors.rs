//! `check` renders the templates, so a template's mistake shows before a build, at its file
//! and line; `new --templates DIR` starts from the folder's skeletons.

mod common;
use common::*;
use std::path::Path;

/// A templates folder written by `decisions templates`, with `edit` applied to `file`.
fn folder(edit: impl Fn(&str) -> String, file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    bin().arg("templates").arg(dir.path()).assert().success();
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    dir
}

fn check(templates: &Path) -> (Option<i32>, String, String) {
    let out = bin()
        .args(["check", "--templates"])
        .arg(templates)
        .args([
            "cases/21-016-384.yaml",
            "tests/fixtures/cases/symbols-and-table.yaml",
        ])
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).to_string();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// Appends `tail` to line `n` (from 1) of `text`.
fn on_line(text: &str, n: usize, tail: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == n {
                format!("{l}{tail}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

#[test]
fn a_missing_variable_is_reported_once_at_its_line() {
    let dir = folder(|t| on_line(t, 5, " {{ d.no_such_fact }}"), "decision.md");
    let (code, stdout, _) = check(dir.path());
    assert_eq!(code, Some(1), "{stdout}");
    let place = format!("{}:5:", dir.path().join("decision.md").display());
    assert!(stdout.contains(&place), "no `{place}` in\n{stdout}");
    assert!(stdout.contains("d.no_such_fact"), "{stdout}");
    assert_eq!(
        stdout.matches("no_such_fact").count(),
        1,
        "reported more than once:\n{stdout}"
    );
}

#[test]
fn a_missing_variable_in_the_page_template_is_found_too() {
    let dir = folder(|t| on_line(t, 3, " {{ decision.nope }}"), "decision.html");
    let (code, stdout, _) = check(dir.path());
    assert_eq!(code, Some(1));
    let place = format!("{}:3:", dir.path().join("decision.html").display());
    assert!(stdout.contains(&place), "no `{place}` in\n{stdout}");
}

#[test]
fn a_syntax_error_names_the_file_line_and_column() {
    let dir = folder(|t| on_line(t, 2, " {% if %}"), "decision.md");
    let (code, _, stderr) = check(dir.path());
    assert_eq!(code, Some(1));
    let place = format!("{}:2:", dir.path().join("decision.md").display());
    assert!(stderr.contains(&place), "no `{place}` in\n{stderr}");
    assert!(stderr.contains("does not parse"), "{stderr}");
}

#[test]
fn the_built_in_templates_check_clean() {
    let dir = folder(str::to_string, "decision.md");
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

#[test]
fn new_starts_from_the_folders_skeleton() {
    let marker = "# The housing team's skeleton";
    for (outcome, file) in [
        ("closed-after-initial-enquiries", "new/assessment.yaml"),
        ("not-upheld", "new/investigation.yaml"),
    ] {
        let dir = folder(|t| format!("{marker}\n{t}"), file);
        let out = dir.path().join("case.yaml");
        bin()
            .args([
                "new",
                "24 001 002",
                "--authority",
                "Bath Council",
                "--outcome",
                outcome,
            ])
            .arg("--templates")
            .arg(dir.path())
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.starts_with(marker), "{outcome}: {written}");
        assert!(written.contains("reference: 24 001 002"), "{written}");
        // Without the skeleton in the folder, the built-in one is used.
        std::fs::remove_file(dir.path().join(file)).unwrap();
        bin()
            .args([
                "new",
                "24 001 002",
                "--authority",
                "Bath Council",
                "--outcome",
                outcome,
            ])
            .arg("--templates")
            .arg(dir.path())
            .arg("--force")
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        assert!(!std::fs::read_to_string(&out).unwrap().contains(marker));
    }
}

#[test]
fn a_character_no_font_has_in_the_wording_is_found_by_check() {
    let dir = folder(
        |t| {
            t.replace(
                "investigator: Investigator's decision",
                "investigator: Investigator's 中 decision",
            )
        },
        "wording.yaml",
    );
    let (code, stdout, _) = check(dir.path());
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("the wording, standard paragraphs or templates have U+4E2D"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("U+4E2D").count(),
        1,
        "reported more than once:\n{stdout}"
    );
}

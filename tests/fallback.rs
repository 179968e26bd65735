//! The fallback face: characters the main fonts lack print in the PDF, embedded as a subset;
//! what no bundled face has is refused by `check` and `build`, at its line and column.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn run(tool: &str, pdf: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.arg(pdf);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} (install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

const FIXTURE: &str = "tests/fixtures/cases/symbols-and-table.yaml";

#[test]
fn fallback_characters_print_and_the_face_is_embedded_as_a_subset() {
    let out = tempfile::tempdir().unwrap();
    build(&repo().join(FIXTURE), out.path(), "pdf");
    let pdf = out.path().join("23-011-052/decision.pdf");
    let fonts = run("pdffonts", &pdf);
    let dejavu = fonts
        .lines()
        .find(|l| l.contains("DejaVuSans"))
        .unwrap_or_else(|| panic!("no fallback face in\n{fonts}"));
    let cols: Vec<&str> = dejavu.split_whitespace().collect();
    assert!(
        cols[0].chars().nth(6) == Some('+'),
        "not a subset: {dejavu}"
    );
    let n = cols.len();
    assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{dejavu}");

    let text = run("pdftotext", &pdf);
    for needle in [
        "pre\u{2011}application",
        "✓",
        "band C → band B",
        "α and β",
        "Жуков",
        "€",
    ] {
        assert!(text.contains(needle), "`{needle}` is missing from\n{text}");
    }
}

/// A copy of the fixture with `bad` in the text of the complaint, at line 12.
fn case_with(dir: &Path, bad: &str) -> std::path::PathBuf {
    let src = std::fs::read_to_string(repo().join(FIXTURE)).unwrap();
    let src = src.replace(
        "complains that the Council",
        &format!("complains that {bad} the Council"),
    );
    let path = dir.join("case.yaml");
    std::fs::write(&path, src).unwrap();
    path
}

#[test]
fn check_refuses_a_character_no_face_has_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    for (bad, code) in [("中", "U+4E2D"), ("😀", "U+1F600")] {
        let case = case_with(dir.path(), bad);
        let out = bin().arg("check").arg(&case).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        // "  - Mrs D complains that " is 25 characters: the character is the 26th.
        let place = format!(
            "{}:12:26: error: complaint[0]: no bundled font has {code}",
            case.display()
        );
        assert!(stdout.contains(&place), "expected `{place}` in\n{stdout}");
    }
}

#[test]
fn build_refuses_it_before_writing_anything_and_html_alone_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with(dir.path(), "中");
    let out = dir.path().join("out");
    let refused = bin()
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(
            ":12:26: error: complaint[0]: no bundled font has U+4E2D ‘中’, a CJK ideograph"
        ),
        "{stderr}"
    );
    assert!(!out.exists(), "something was written");
    build(&case, &out, "md,html");
    assert!(out.join("23-011-052/decision.html").exists());
}

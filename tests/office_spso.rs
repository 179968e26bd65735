//! The Scottish Public Services Ombudsman's folder (`offices/spso`): its decision summaries
//! print their header as the office's pages do ("Case ref: 202412345", the labels in the
//! office's order, the date by the month), "Summary" and "Recommendations" unnumbered, and an
//! outcome "…, recommendations" needs its recommendations, which no other outcome may have.

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const SPSO: &str = "offices/spso";
const EXAMPLE: &str = "offices/spso/cases/202412345.yaml";
const NONE: &str = "offices/spso/cases/202498765.yaml";

/// Builds `case` with the SPSO folder in `formats`; (exit code, stderr, output folder).
fn build(case: &Path, formats: &str) -> (Option<i32>, String, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let o = Command::cargo_bin("decisions")
        .unwrap()
        .args([
            "build",
            "--quiet",
            "--format",
            formats,
            "--templates",
            SPSO,
            "--out",
        ])
        .arg(out.path().join("site"))
        .arg(case)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    (o.status.code(), stderr, out)
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn an_apology_cites_the_guidelines_at_their_address_of_today_unless_told() {
    // Decisions from August 2025 cite "meaningful-apologies"; the example, of March 2025, says
    // so itself.
    let text = read(Path::new(EXAMPLE).to_path_buf())
        .replacen("          address: information-leaflets\n", "", 1)
        .replacen("decided: 2025-03", "decided: 2026-02", 1);
    assert!(!text.contains("information-leaflets"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("202412345.yaml");
    std::fs::write(&case, text).unwrap();
    let (code, stderr, out) = build(&case, "md");
    assert_eq!(code, Some(0), "{stderr}");
    let md = read(out.path().join("site/202412345/decision.md"));
    assert!(
        md.contains(
            "The apology should meet the standards set out in the SPSO guidelines on apology \
             available at www.spso.org.uk/meaningful-apologies.\n"
        ),
        "{md}"
    );
}

#[test]
fn a_complaint_resolved_without_recommendations_says_so() {
    // As 202210170 (April 2024) and 201400904 (November 2015) print it.
    let text = read(Path::new(NONE).to_path_buf());
    let from = text
        .lines()
        .find(|l| l.starts_with("outcome: "))
        .expect("an outcome")
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let changed = text.replacen(&from, "outcome: resolved-no-recommendations", 1);
    std::fs::write(&case, changed).unwrap();
    let (code, stderr, out) = build(&case, "md");
    assert_eq!(code, Some(0), "{stderr}");
    let built = std::fs::read_dir(out.path().join("site"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let md = read(built.path().join("decision.md"));
    assert!(
        md.contains("\n\nOutcome: Resolved, no recommendations\n\n"),
        "{md}"
    );
}

#[test]
fn the_example_prints_its_header_as_the_office_does() {
    let (code, stderr, out) = build(Path::new(EXAMPLE), "md,html,pdf,akn");
    assert_eq!(code, Some(0), "{stderr}");
    let dir = out.path().join("site/202412345");
    let md = read(dir.join("decision.md"));
    let header = "# Decision Report 202412345\n\nCase ref: 202412345\n\nDate: March 2025\n\n\
                  Body: Inverbrae Council\n\nSector: Local Government\n\n\
                  Outcome: Some upheld, recommendations\n\nSubject: Primary School\n\n## Summary\n";
    assert!(md.contains(header), "{md}");
    // Unnumbered paragraphs; the groups' lines, their bullets and the closing paragraph.
    assert!(!md.contains("\n1. "), "{md}");
    let recommendations = &md[md.find("## Recommendations").expect("recommendations")..];
    let order = [
        "\nWhat we asked the organisation to do in this case:\n",
        "\n- Apologise to C for the delay in responding to their complaint. The apology should \
         meet the standards set out in the SPSO guidelines on apology available at \
         www.spso.org.uk/information-leaflets.\n",
        "\nIn relation to complaints handling, we recommended:\n",
        "\n- Complaints should be responded to",
        "\nWe have asked the organisation to provide us with evidence that they have implemented \
         the recommendations we have made on this case by the deadline we set.",
    ];
    let mut at = 0;
    for line in order {
        let found = recommendations[at..].find(line);
        at += found.unwrap_or_else(|| panic!("{line:?} after {at} in\n{recommendations}"));
    }
    // The page sets each label and value as a pair of its definition list.
    let html = read(dir.join("decision.html"));
    assert!(
        html.contains("<div><dt>Case ref</dt><dd>202412345</dd></div>"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Subject</dt><dd>Primary School</dd>"),
        "{html}"
    );
    // The XML names the title and the header as printed, its date on a whole day.
    let akn = read(dir.join("decision.akn.xml"));
    assert!(
        akn.contains("<docTitle>Decision Report <docNumber>202412345</docNumber></docTitle>"),
        "{akn}"
    );
    assert!(
        akn.contains("<p>Case ref: <docNumber>202412345</docNumber></p>"),
        "{akn}"
    );
    assert!(
        akn.contains(r#"<FRBRdate date="2025-03-01" name="decision-month"/>"#),
        "{akn}"
    );
    // The PDF's dates are the month alone, as the decision's is (poppler-utils reads them).
    let info = |args: &[&str]| {
        let o = std::process::Command::new("pdfinfo")
            .args(args)
            .arg(dir.join("decision.pdf"))
            .output()
            .expect("pdfinfo (poppler-utils)");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let dates = info(&["-rawdates"]);
    let created = dates.lines().find(|l| l.starts_with("CreationDate:"));
    assert_eq!(
        created.map(|l| l.split_whitespace().last()),
        Some(Some("D:202503")),
        "{dates}"
    );
    // Its keywords leave out what the decision lacks (here a category's subject).
    assert!(dates.contains("Keywords:        202412345; Inverbrae Council; Local Government; Some upheld, recommendations\n"), "{dates}");
    let xmp = info(&["-meta"]);
    assert!(
        xmp.contains("<xmp:CreateDate>2025-03</xmp:CreateDate>"),
        "{xmp}"
    );
}

#[test]
fn an_outcome_with_recommendations_needs_them() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let text = read(PathBuf::from(NONE)).replace(
        "outcome: not-upheld-no-recommendations",
        "outcome: not-upheld-recommendations",
    );
    std::fs::write(&case, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("outcome:"))
        .unwrap()
        + 1;
    let (code, stderr, out) = build(&case, "md");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(&format!("case.yaml:{line}:")), "{stderr}");
    assert!(stderr.contains("recommendations"), "{stderr}");
    assert!(!out.path().join("site").exists());
    // As the office has it, the same case without recommendations builds.
    let (code, stderr, _) = build(Path::new(NONE), "md");
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn an_outcome_without_recommendations_may_not_have_them() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let text = read(PathBuf::from(NONE)).replace(
        "\nfindings:\n",
        "\nrecommendations:\n  - standard: evidence\n\nfindings:\n",
    );
    std::fs::write(&case, &text).unwrap();
    let line = text.lines().position(|l| l == "recommendations:").unwrap() + 1;
    let (code, stderr, out) = build(&case, "md");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("case.yaml:{}:", line + 1)),
        "{stderr}"
    );
    assert!(
        stderr.contains("section `recommendations` (“Recommendations”) is not for the outcome “Not upheld, no recommendations”"),
        "{stderr}"
    );
    assert!(stderr.contains("`upheld-recommendations`"), "{stderr}");
    assert!(!out.path().join("site").exists());
}

/// The shipped examples and the published decisions rebuilt from the office's pages,
/// published together as the office's library.
#[test]
fn the_library_speaks_as_the_office_and_passes_the_nu_checker_and_axe_core() {
    let cases = tempfile::tempdir().unwrap();
    for dir in ["offices/spso/cases", "tests/fixtures/offices/spso"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let (from, name) = if path.is_dir() {
                (path.join("case.yaml"), path.file_name().unwrap().to_owned())
            } else {
                (path.clone(), path.file_stem().unwrap().to_owned())
            };
            let to = cases.path().join(name).with_extension("yaml");
            std::fs::copy(from, to).unwrap();
        }
    }
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let o = Command::cargo_bin("decisions")
        .unwrap()
        .args(["publish", "--quiet", "--templates", SPSO, "--out"])
        .arg(&site)
        .arg(cases.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The office's labels, its month dates and its subjects to browse by.
    let index = read(site.join("index.html"));
    for words in [
        "<dt>Sector</dt>",
        "<dt>Subject</dt>",
        "July 2025",
        "Upheld, recommendations",
    ] {
        assert!(index.contains(words), "{words} not in\n{index}");
    }
    let pages = [
        site.join("index.html"),
        site.join("browse/areas.html"),
        site.join("browse/fact-subject.html"),
        site.join("browse/fact-subject--mould-damp-1.html"),
        site.join("decisions/202310193/decision.html"),
    ];
    common::assert_nu_valid(&pages);
    common::assert_axe_clean(&pages);
}

#[test]
fn a_new_case_is_dated_by_the_month() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.yaml");
    let o = Command::cargo_bin("decisions")
        .unwrap()
        .args(["new", "202512345", "--authority", "Fife Council"])
        .args(["--outcome", "not-upheld-no-recommendations"])
        .args(["--decided", "2025-07-15", "--templates", SPSO, "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = read(path);
    assert!(text.contains("\ndecided: 2025-07\n"), "{text}");
}

//! `decisions compare`: the change report between a draft and the final decision, run as a
//! user runs it, on a draft kept beside the example it became.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const DRAFT: &str = "tests/fixtures/compare/23-004-117-draft.yaml";
const FINAL: &str = "cases/23-004-117.yaml";

/// Runs `compare` on two case files, returning the report's folder and what it printed.
fn compare(before: &Path, after: &Path, out: &Path) -> (PathBuf, String) {
    let output = bin()
        .args(["compare", "--out"])
        .arg(out)
        .arg(before)
        .arg(after)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "compare failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stem = std::fs::read_dir(out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    (stem, stdout)
}

#[test]
fn draft_to_final_report_says_what_changed() {
    let out = tempfile::tempdir().unwrap();
    let (dir, printed) = compare(&repo().join(DRAFT), &repo().join(FINAL), out.path());
    let summary = "4 paragraphs changed, 5 added, 6 renumbered, the outcome changed, \
                   1 standard paragraph changed, 5 agreed actions changed.";
    assert!(printed.contains(summary), "{printed}");
    let md = std::fs::read_to_string(dir.join("changes.md")).unwrap();
    let html = std::fs::read_to_string(dir.join("changes.html")).unwrap();
    for report in [&md, &html] {
        assert!(report.contains(summary));
        assert!(report.contains("Draft: Not upheld → Final: Upheld"));
        // The outcome is the first fact.
        let header = report.find("Draft: Not upheld").unwrap();
        assert!(header < report.find("Draft paragraph").unwrap());
    }
    // The paragraph the final adds, and the one after it, renumbered and changed.
    assert!(md.contains("**Final paragraph 12, added**"));
    assert!(md.contains("**Draft paragraph 12 is final paragraph 13**"));
    assert!(md.contains("The Council replied in [-September-] {+October+} 2023."));
    assert!(md.contains("*3 paragraphs unchanged: final 14 to 16 (draft 13 to 15)*"));
    assert!(md.contains("`information-from-parties` switched to `evidence-law-policy`"));
    assert!(md.contains("- {+pay Mrs X £300 for the distress and uncertainty caused.+} (deadline: within one month of the final decision)"));
    // Marks are named in words, not shown by colour alone.
    assert!(html.contains("<del><span class=\"vh\">[deleted: </span>September<span class=\"vh\">, end deleted]</span></del>"));
    assert!(html.contains("<ins><span class=\"vh\">[inserted: </span>October<span class=\"vh\">, end inserted]</span></ins>"));
    assert!(html.contains("<details>\n<summary>5 paragraphs unchanged: final 7 to 11</summary>"));
}

#[test]
fn a_real_draft_and_its_final_decision() {
    // 14 019 995 as sent for comments in 2015 and as decided in 2016, in the era's wording,
    // whose draft titles "Agreed action" as "Recommended action".
    let real = repo().join("tests/fixtures/real");
    let out = tempfile::tempdir().unwrap();
    let output = bin()
        .args(["compare", "--out"])
        .arg(out.path())
        .arg("--templates")
        .arg(real.join("14-019-995/templates"))
        .arg(real.join("14-019-995-draft/case.yaml"))
        .arg(real.join("14-019-995/case.yaml"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let md = std::fs::read_to_string(out.path().join("14-019-995/changes.md")).unwrap();
    assert!(
        md.contains("**Draft paragraph 22 is final paragraph 24**"),
        "{md}"
    );
    assert!(md.contains("**Draft paragraph 23, removed**"), "{md}");
    assert!(
        md.contains("*1 paragraph unchanged: final 31 (draft 27)*"),
        "{md}"
    );
    assert!(md.contains(
        "- **Signed:** Draft: Investigator’s draft decision on behalf of the Ombudsman → \
         Final: Investigator’s decision on behalf of the Ombudsman"
    ));
    // The draft's paragraph 30, removed, stands in the final's section, not in a second one.
    assert_eq!(md.matches("\n### Agreed action\n").count(), 1, "{md}");
    assert!(!md.contains("Recommended action"), "{md}");
}

/// The seed with one paragraph added at the start and one removed near the end.
fn renumbered_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let seed = std::fs::read_to_string(repo().join("cases/21-016-384.yaml")).unwrap();
    let before = dir.join("before.yaml");
    std::fs::write(&before, &seed).unwrap();
    let added = seed.replacen(
        "complaint:\n",
        "complaint:\n  - Mr X first wrote to us in January 2022, after the Council’s final reply.\n",
        1,
    );
    assert_ne!(added, seed);
    let considered = "  - standard: draft-comments\n";
    assert!(added.contains(considered));
    let after = dir.join("after.yaml");
    std::fs::write(&after, added.replacen(considered, "", 1)).unwrap();
    (before, after)
}

#[test]
fn paragraphs_are_aligned_by_content_when_renumbered() {
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = renumbered_pair(dir.path());
    let (report, _) = compare(&before, &after, &dir.path().join("out"));
    let md = std::fs::read_to_string(report.join("changes.md")).unwrap();
    // The first paragraph is new: every one after it keeps its partner, one number on, up to
    // the one removed, after which the numbers agree again.
    assert!(md.contains("**Later paragraph 1, added**"), "{md}");
    assert!(
        md.contains("*1 paragraph unchanged: later 2 (earlier 1)*"),
        "{md}"
    );
    assert!(
        md.contains("*3 paragraphs unchanged: later 3 to 5 (earlier 2 to 4)*"),
        "{md}"
    );
    assert!(
        md.contains("*2 paragraphs unchanged: later 6 to 7 (earlier 5 to 6)*"),
        "{md}"
    );
    assert!(md.contains("**Earlier paragraph 7, removed**"), "{md}");
    assert!(md.contains("*1 paragraph unchanged: later 8*"), "{md}");
    assert!(md.contains("*1 paragraph unchanged: later 9*"), "{md}");
    assert!(md.contains("`draft-comments` removed"), "{md}");
    assert!(
        md.contains(
            "**1 paragraph added, 1 removed, 6 renumbered, 1 standard paragraph changed.**"
        ),
        "{md}"
    );
}

#[test]
fn the_report_passes_the_nu_checker_and_axe_core() {
    let out = tempfile::tempdir().unwrap();
    let (dir, _) = compare(
        &repo().join(DRAFT),
        &repo().join(FINAL),
        &out.path().join("a"),
    );
    let (same, _) = compare(
        &repo().join(FINAL),
        &repo().join(FINAL),
        &out.path().join("b"),
    );
    let pages = [dir.join("changes.html"), same.join("changes.html")];
    assert_nu_valid(&pages);
    assert_axe_clean(&pages);
}

#[test]
fn the_same_version_twice_has_no_changes() {
    let out = tempfile::tempdir().unwrap();
    let (dir, printed) = compare(&repo().join(FINAL), &repo().join(FINAL), out.path());
    assert!(printed.contains("No changes."));
    let md = std::fs::read_to_string(dir.join("changes.md")).unwrap();
    let statement = &md[md.find("## The statement").unwrap()..];
    assert!(
        statement.contains("*2 paragraphs unchanged: later 1 to 2*"),
        "{md}"
    );
    assert!(
        !statement.contains("{+") && !statement.contains("[-"),
        "{md}"
    );
    assert!(
        !statement.contains("**"),
        "no paragraph is shown as changed:\n{md}"
    );
}

#[test]
fn git_reads_the_earlier_version_from_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    let case = dir.path().join("case.yaml");
    std::fs::copy(repo().join(DRAFT), &case).unwrap();
    git(&["init", "-q"]);
    git(&["add", "case.yaml"]);
    git(&["commit", "-q", "-m", "draft"]);
    std::fs::copy(repo().join(FINAL), &case).unwrap();
    let out = dir.path().join("out");
    let output = bin()
        .args(["compare", "--git", "HEAD", "--out"])
        .arg(&out)
        .arg(&case)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let md = std::fs::read_to_string(out.join("23-004-117/changes.md")).unwrap();
    assert!(md.contains("Draft: `HEAD:"), "{md}");
    assert!(md.contains("Draft: Not upheld → Final: Upheld"));

    let bad = bin()
        .args(["compare", "--git", "no-such-revision", "--out"])
        .arg(&out)
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-revision"));
}

#[test]
fn bad_input_is_named_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(repo().join(FINAL)).unwrap();
    std::fs::write(&bad, text.replacen("outcome: upheld", "outcome: uphold", 1)).unwrap();
    let out = dir.path().join("out");
    let output = bin()
        .args(["compare", "--out"])
        .arg(&out)
        .arg(repo().join(DRAFT))
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.yaml:") && stderr.contains("outcome"),
        "{stderr}"
    );
    assert!(!out.exists());

    let one = bin().args(["compare", FINAL]).output().unwrap();
    assert_eq!(one.status.code(), Some(2));
}

//! Republishing a library: a case file unchanged since the live site is not read again, yet
//! the site, the warnings, drafts and duplicates come out as a full build would have them.

mod common;

use common::{bin, examples, repo};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BASE: &str = "https://decisions.example.gov.uk/library/";

/// Runs `decisions publish CASES --out OUT` with `extra` arguments; returns the assertion
/// and what it printed on stderr.
fn publish(cases: &Path, out: &Path, extra: &[&str]) -> (assert_cmd::assert::Assert, String) {
    let a = bin()
        .arg("publish")
        .arg(cases)
        .arg("--out")
        .arg(out)
        .args(["--base-url", BASE])
        .args(extra)
        .assert();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    (a, err)
}

/// Publishes, asserting success and that the summary says `counts` (e.g. "1 rendered, 2
/// unchanged"); returns stderr.
fn publish_ok(cases: &Path, out: &Path, counts: &str) -> String {
    let (a, err) = publish(cases, out, &[]);
    a.success();
    assert!(err.contains(counts), "expected `{counts}`:\n{err}");
    err
}

/// A copy of the example cases, and `generated` more, in a fresh folder.
fn cases(dir: &Path, generated: usize) -> PathBuf {
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    for case in examples() {
        std::fs::copy(&case, cases.join(case.file_name().unwrap())).unwrap();
    }
    if generated > 0 {
        bin()
            .args(["generate", "--count", &generated.to_string(), "--out"])
            .arg(cases.join("generated"))
            .assert()
            .success();
    }
    cases
}

/// Each file of the site (following the `out` link): path -> bytes.
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    common::files_under(out)
        .into_iter()
        .map(|(rel, p)| (rel, std::fs::read(p).unwrap()))
        .collect()
}

/// Replaces `from` by `to` in a case file, which must contain it.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The count in "Published N decisions".
fn published(stderr: &str) -> usize {
    let rest = stderr.split("Published ").nth(1).expect("a summary line");
    rest.split(' ').next().unwrap().parse().unwrap()
}

/// The site at `out` is, byte for byte, what a full build of `cases` makes (`--force` into a
/// new folder), but for the times in the JSON, the feeds and the sitemap, which a full build
/// sets to now (and the order of the feeds' entries, which follows those times).
fn assert_same_as_full_build(cases: &Path, out: &Path, full: &Path) {
    let (a, _) = publish(cases, full, &["--quiet", "--force"]);
    a.success();
    // The search index is compared by what it finds: an update numbers and splits it in its
    // own way.
    let index = |site: &Path| decisions::publish::search::read::contents(site).unwrap();
    assert_eq!(
        index(out),
        index(full),
        "the search index differs from a full build's"
    );
    let (mut site, mut expected) = (files(out), files(full));
    site.retain(|path, _| !path.starts_with("search/"));
    expected.retain(|path, _| !path.starts_with("search/"));
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        let same = match path.as_str() {
            "decisions.json" => without_changed(&site[path]) == without_changed(bytes),
            p if p == "sitemap.xml" || p.ends_with(".xml") && p.contains("feed") => {
                without_times(&site[path]) == without_times(bytes)
            }
            _ => &site[path] == bytes,
        };
        assert!(same, "{path} differs from a full build's");
    }
}

fn without_changed(json: &[u8]) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(json).unwrap();
    for d in v["decisions"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("changed");
        d.as_object_mut().unwrap().remove("published");
    }
    v
}

fn without_times(xml: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(xml);
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.contains("<lastmod>") && !l.contains("<updated>"))
        .filter(|l| !l.contains("<published>"))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_changed_case_alone_is_rendered_again_and_the_site_is_what_a_full_build_makes() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases(tmp.path(), 12);
    let out = tmp.path().join("out");
    let (a, err) = publish(&cases, &out, &[]);
    a.success();
    let n = published(&err);
    assert!(n > 5, "{err}");
    publish_ok(&cases, &out, &format!("0 rendered, {n} unchanged"));

    // One case changes; the version kept from before the live one is updated in place.
    edit(
        &cases.join("23-004-117.yaml"),
        "pay\n  Mrs X £300",
        "pay\n  Mrs X £350",
    );
    publish_ok(&cases, &out, &format!("1 rendered, {} unchanged", n - 1));
    assert!(
        std::fs::read_to_string(out.join("decisions/23-004-117/decision.md"))
            .unwrap()
            .contains("£350")
    );
    assert_same_as_full_build(&cases, &out, &tmp.path().join("full1"));

    // Another: the kept version is now behind the live one by the first change as well.
    edit(
        &cases.join("21-016-384.yaml"),
        "We will not investigate",
        "We shall not investigate",
    );
    publish_ok(&cases, &out, &format!("1 rendered, {} unchanged", n - 1));
    assert_same_as_full_build(&cases, &out, &tmp.path().join("full2"));

    // A case removed, and nothing else changed.
    std::fs::remove_file(cases.join("23-004-117.yaml")).unwrap();
    publish_ok(
        &cases,
        &out,
        &format!("0 rendered, {} unchanged, 1 removed", n - 1),
    );
    assert_same_as_full_build(&cases, &out, &tmp.path().join("full3"));

    // A new case at the head of its year: every page of its lists after it moves on.
    let seed = std::fs::read_to_string(cases.join("21-016-384.yaml")).unwrap();
    let head = seed
        .replace("reference: 21 016 384", "reference: 22 999 001")
        .replace("decided: 2022-03-10", "decided: 2022-12-31");
    std::fs::write(cases.join("22-999-001.yaml"), head).unwrap();
    publish_ok(&cases, &out, &format!("1 rendered, {} unchanged", n - 1));
    assert_same_as_full_build(&cases, &out, &tmp.path().join("full4"));

    // Live pages changed by hand: none is linked into the new site.
    for page in ["index.html", "browse/years.html", "browse/all-1.html"] {
        let path = out.join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, text.replace("<li", "<li  ")).unwrap();
    }
    edit(
        &cases.join("21-016-384.yaml"),
        "We shall not investigate",
        "We will not investigate",
    );
    publish_ok(&cases, &out, &format!("1 rendered, {} unchanged", n - 1));
    assert_same_as_full_build(&cases, &out, &tmp.path().join("full5"));
}

#[test]
fn a_case_file_that_changed_on_disk_is_checked_again() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases(tmp.path(), 0);
    let out = tmp.path().join("out");
    publish_ok(&cases, &out, "2 rendered, 0 unchanged");
    let before = files(&out);

    // A comment changes its bytes but not its decision: read, checked and rendered again,
    // to the same files (and the same change time).
    let case = cases.join("21-016-384.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, format!("{text}\n# Checked again on a Monday.\n")).unwrap();
    publish_ok(&cases, &out, "1 rendered, 1 unchanged");
    assert_eq!(files(&out), before);

    // Made invalid, it is refused though nothing else changed; nothing is published.
    edit(&case, "outcome: closed", "outcome: closd");
    let (a, err) = publish(&cases, &out, &[]);
    a.failure().code(1);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].contains("21-016-384.yaml:") && errors[0].contains("outcome"),
        "{err}"
    );
    assert!(err.contains("Nothing published"), "{err}");
    assert_eq!(files(&out), before);
}

#[test]
fn warnings_of_an_unchanged_case_are_reported_again() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases(tmp.path(), 0);
    edit(
        &cases.join("21-016-384.yaml"),
        "signed: investigator",
        "signed: investigator\naccept:\n  - text: Nothing like this\n    reason: to be sure",
    );
    let out = tmp.path().join("out");
    let warnings = |err: &str| -> Vec<String> {
        err.lines()
            .filter(|l| l.contains(": warning:"))
            .map(str::to_string)
            .collect()
    };
    let first = warnings(&publish_ok(&cases, &out, "2 rendered, 0 unchanged"));
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(
        first[0].contains("21-016-384.yaml:")
            && first[0].contains("warning: accept[0].text: nothing in the text matches"),
        "{first:?}"
    );
    let again = warnings(&publish_ok(&cases, &out, "0 rendered, 2 unchanged"));
    assert_eq!(again, first);
}

#[test]
fn an_unchanged_draft_is_skipped_and_a_draft_made_final_is_published() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases(tmp.path(), 0);
    let out = tmp.path().join("out");
    let draft = cases.join("24-011-902.yaml");
    publish_ok(
        &cases,
        &out,
        "2 rendered, 0 unchanged, 0 removed, 1 draft skipped",
    );
    publish_ok(
        &cases,
        &out,
        "0 rendered, 2 unchanged, 0 removed, 1 draft skipped",
    );
    assert!(!out.join("decisions/24-011-902").exists());

    edit(&draft, "status: draft", "status: final");
    publish_ok(
        &cases,
        &out,
        "1 rendered, 2 unchanged, 0 removed, 0 drafts skipped",
    );
    let md = std::fs::read_to_string(out.join("decisions/24-011-902/decision.md")).unwrap();
    assert!(md.contains("final decision"), "{md}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("decisions/24-011-902/"));

    // And back: a draft again is taken off the site.
    edit(&draft, "status: final", "status: draft");
    publish_ok(
        &cases,
        &out,
        "0 rendered, 2 unchanged, 1 removed, 1 draft skipped",
    );
    assert!(!out.join("decisions/24-011-902").exists());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("24-011-902"));
}

#[test]
fn a_new_case_with_the_reference_of_an_unchanged_one_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases(tmp.path(), 0);
    let out = tmp.path().join("out");
    publish_ok(&cases, &out, "2 rendered, 0 unchanged");
    let before = files(&out);
    let kept = || {
        std::fs::read_dir(tmp.path().join(".out.sites"))
            .unwrap()
            .count()
    };
    let versions = kept();

    // A new file, sorted before the unchanged one, with another text and the same reference:
    // the error is on the unchanged file, which is read again to say where.
    let seed = std::fs::read_to_string(repo().join("cases/21-016-384.yaml")).unwrap();
    let new = cases.join("00-new.yaml");
    std::fs::write(
        &new,
        seed.replace("We will not investigate", "We shall not investigate"),
    )
    .unwrap();
    let (a, err) = publish(&cases, &out, &[]);
    a.failure().code(1);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].contains("21-016-384.yaml:3:")
            && errors[0].contains("duplicate reference 21 016 384")
            && errors[0].contains("00-new.yaml"),
        "{err}"
    );
    std::fs::remove_file(&new).unwrap();

    // A byte-for-byte copy: both files are unchanged since the live site, and still refused.
    std::fs::create_dir(cases.join("more")).unwrap();
    std::fs::copy(cases.join("21-016-384.yaml"), cases.join("more/copy.yaml")).unwrap();
    let (a, err) = publish(&cases, &out, &[]);
    a.failure().code(1);
    assert!(
        err.contains("more/copy.yaml:3:") && err.contains("duplicate reference 21 016 384"),
        "{err}"
    );
    assert_eq!(files(&out), before);
    assert_eq!(kept(), versions, "nothing is left behind");
}

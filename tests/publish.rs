//! `decisions publish`: the site's contents, all-or-nothing publishing, incremental rebuilds,
//! interrupted runs and the lock, each on a temporary folder.

mod common;

use common::{bin, examples, repo};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DRAFT_SLUG: &str = "24-011-902";
const DRAFT_REF: &str = "24 011 902";
const FINALS: &[&str] = &["21-016-384", "23-004-117"];
const BASE: &str = "https://decisions.example.gov.uk/library/";

/// Runs `decisions publish CASES --out OUT --quiet` with `extra` arguments.
fn publish(cases: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .arg("publish")
        .arg(cases)
        .arg("--out")
        .arg(out)
        .args(["--quiet", "--base-url", BASE])
        .args(extra)
        .assert()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// A copy of the example cases in a fresh folder.
fn copy_examples(dir: &Path) -> PathBuf {
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    for case in examples() {
        std::fs::copy(&case, cases.join(case.file_name().unwrap())).unwrap();
    }
    cases
}

/// Each file of the site (following the `out` link): path -> (content, inode).
fn snapshot(out: &Path) -> Snapshot {
    use std::os::unix::fs::MetadataExt;
    common::files_under(out)
        .into_iter()
        .map(|(rel, p)| {
            (
                rel,
                (std::fs::read(&p).unwrap(), p.metadata().unwrap().ino()),
            )
        })
        .collect()
}

/// The names in `.out.sites`, where the site versions are kept, sorted.
fn kept(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(".out.sites"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap()
}

/// Rows of a CSV file (RFC 4180 quoting), header included.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

/// Writes a variant of an example case with another reference.
fn variant(cases: &Path, from: &str, reference: &str) -> PathBuf {
    let src = std::fs::read_to_string(repo().join("cases").join(format!("{from}.yaml"))).unwrap();
    let original = from.replace('-', " ");
    let text = src.replace(
        &format!("reference: {original}"),
        &format!("reference: {reference}"),
    );
    assert_ne!(text, src);
    let path = cases.join(format!("{}.yaml", reference.replace(' ', "-")));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn publishes_every_final_case_in_every_format_and_never_the_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let a = publish(&repo().join("cases"), &out, &[]).success();
    assert!(
        stderr(&a).is_empty(),
        "quiet prints nothing: {}",
        stderr(&a)
    );
    let formats = common::formats();
    assert!(formats.contains(&"md"));
    for slug in FINALS {
        for f in &formats {
            let p = out.join(format!("decisions/{slug}/decision.{f}"));
            assert!(p.is_file(), "{} is missing", p.display());
        }
    }
    assert!(!out.join("decisions").join(DRAFT_SLUG).exists());
    for (path, (bytes, _)) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for needle in [DRAFT_SLUG, DRAFT_REF, "Westvale"] {
            assert!(
                !text.contains(needle),
                "{path} mentions the draft ({needle})"
            );
        }
    }
    let index = read(&out, "index.html");
    for slug in FINALS {
        assert!(
            index.contains(&format!("decisions/{slug}/")),
            "index lacks {slug}"
        );
    }
    // Newest first, with the ways to browse the rest.
    let (new, old) = (index.find("23-004-117"), index.find("21-016-384"));
    assert!(new.is_some() && old.is_some() && new < old);
    for page in [
        "browse/years.html",
        "browse/areas.html",
        "browse/authorities.html",
    ] {
        assert!(
            index.contains(&format!("href=\"{page}\"")),
            "no link to {page}"
        );
        assert!(out.join(page).is_file(), "{page} is missing");
    }
}

/// The first child element of `n` named `name` in the Atom namespace.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", name)))
        .unwrap_or_else(|| panic!("no <{name}>"))
}

#[test]
fn feed_sitemap_json_and_csv_describe_each_final_decision() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    publish(&repo().join("cases"), &out, &[]).success();
    feed_lists_each_final_decision(&out);
    sitemap_lists_each_final_decision(&out);
    json_describes_each_final_decision(&out);
    csv_has_a_row_per_final_decision(&out);
}

fn feed_lists_each_final_decision(out: &Path) {
    let feed = read(out, "feed.xml");
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let atom = "http://www.w3.org/2005/Atom";
    let root = doc.root_element();
    assert!(root.has_tag_name((atom, "feed")));
    for name in ["id", "title", "updated", "author"] {
        child(root, name);
    }
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), FINALS.len());
    let mut ids = Vec::new();
    for e in &entries {
        let id = child(*e, "id").text().unwrap().to_string();
        assert!(id.starts_with("tag:decisions.example.gov.uk,"), "{id}");
        ids.push(id);
        for name in ["title", "updated", "published", "summary"] {
            assert!(!child(*e, name).text().unwrap_or_default().is_empty());
        }
        let href = child(*e, "link").attribute("href").unwrap();
        assert!(href.starts_with(BASE), "{href}");
        // The Akoma Ntoso XML beside the page, as Find Case Law links it.
        let akn = e
            .children()
            .find(|c| {
                c.has_tag_name((atom, "link")) && c.attribute("type") == Some("application/akn+xml")
            })
            .expect("a link to the Akoma Ntoso XML");
        assert!(akn
            .attribute("href")
            .unwrap()
            .ends_with("/decision.akn.xml"));
    }
    // The newest decision comes first.
    assert!(ids[0].contains("23-004-117"));
}

fn sitemap_lists_each_final_decision(out: &Path) {
    let sitemap = read(out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((sm, "urlset")));
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((sm, "loc")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(locs.len(), FINALS.len() + 1);
    for slug in FINALS {
        assert!(locs
            .iter()
            .any(|l| l.starts_with(&format!("{BASE}decisions/{slug}/"))));
    }
}

fn json_describes_each_final_decision(out: &Path) {
    let json: serde_json::Value = serde_json::from_str(&read(out, "decisions.json")).unwrap();
    let list = json["decisions"].as_array().unwrap();
    assert_eq!(list.len(), FINALS.len());
    for d in list {
        for key in [
            "reference",
            "authority",
            "category_area",
            "outcome",
            "summary",
        ] {
            assert!(d[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
        }
        assert_eq!(d["content_hash"].as_str().unwrap().len(), 64);
        let akn = d["akn"].as_str().unwrap();
        assert!(out.join(akn).is_file(), "{akn}");
        assert!(read(out, akn)
            .contains("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\""));
    }
}

fn csv_has_a_row_per_final_decision(out: &Path) {
    let rows = csv_rows(&read(out, "decisions.csv"));
    assert_eq!(
        rows.len(),
        FINALS.len() + 1,
        "a header and one row per decision"
    );
    assert_eq!(rows[0][0], "reference");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    assert_eq!(rows[1][0], "23 004 117");
    let akn = rows[0]
        .iter()
        .position(|c| c == "akn")
        .expect("an akn column");
    assert_eq!(rows[1][akn], "decisions/23-004-117/decision.akn.xml");
    assert!(rows[1].iter().any(|f| f.contains("£1,842.60")));
}

#[test]
fn republishing_renders_only_what_changed_and_drops_deleted_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = copy_examples(tmp.path());
    let out = tmp.path().join("out");
    publish(&cases, &out, &[]).success();
    let first = snapshot(&out);
    unchanged_cases_are_linked_not_written(&cases, &out, &first);
    let second = one_changed_case_changes_only_what_lists_it(&cases, &out, &first);
    force_renders_everything_again(&cases, &out, &second);
    a_deleted_case_disappears_everywhere(&cases, &out, tmp.path());
}

type Snapshot = BTreeMap<String, (Vec<u8>, u64)>;

/// Nothing changed: every decision file is the same file (a hard link), not a new one.
fn unchanged_cases_are_linked_not_written(cases: &Path, out: &Path, first: &Snapshot) {
    let a = bin()
        .arg("publish")
        .arg(cases)
        .arg("--out")
        .arg(out)
        .args(["--base-url", BASE])
        .assert()
        .success();
    assert!(
        stderr(&a).contains("0 rendered, 2 unchanged"),
        "{}",
        stderr(&a)
    );
    let same = snapshot(out);
    for (path, (bytes, ino)) in first {
        assert_eq!(&same[path].0, bytes, "{path} changed");
        if path.starts_with("decisions/") {
            assert_eq!(same[path].1, *ino, "{path} was written again");
        }
    }
}

/// One case changes: only its files, the site's index files, and the pages and feeds that
/// list it change; every other page is the live one, linked.
fn one_changed_case_changes_only_what_lists_it(
    cases: &Path,
    out: &Path,
    first: &Snapshot,
) -> Snapshot {
    let changed = cases.join("23-004-117.yaml");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(
        &changed,
        text.replace("pay\n  Mrs X £300", "pay\n  Mrs X £350"),
    )
    .unwrap();
    publish(cases, out, &[]).success();
    let second = snapshot(out);
    let site_files = [
        "index.html",
        "feed.xml",
        "sitemap.xml",
        "decisions.json",
        "decisions.csv",
        "search.html",
        "search.js",
    ];
    let mut differing = Vec::new();
    for (path, (bytes, ino)) in &second {
        if first
            .get(path)
            .map_or(true, |(b, i)| b != bytes || i != ino)
        {
            differing.push(path.clone());
        }
    }
    // The search index is updated: its small files are written again, and of the fragments
    // only the changed decision's.
    let fragments = differing
        .iter()
        .filter(|p| p.starts_with("search/d/"))
        .count();
    assert_eq!(fragments, 1, "{differing:?}");
    for path in &differing {
        let lists_it = (path.starts_with("browse/") || path.starts_with("feeds/"))
            && String::from_utf8_lossy(&second[path].0).contains("23-004-117");
        assert!(
            path.starts_with("decisions/23-004-117/")
                || site_files.contains(&path.as_str())
                || lists_it
                || path.starts_with("search/"),
            "{path} changed though its case did not"
        );
    }
    assert!(differing.contains(&"browse/all-1.html".to_string()));
    assert!(!differing.contains(&"browse/year-2022-1.html".to_string()));
    assert!(differing.contains(&"decisions/23-004-117/decision.md".to_string()));
    assert!(read(out, "decisions/23-004-117/decision.md").contains("£350"));
    assert!(read(out, "index.html").contains("£350"));
    second
}

/// --force renders everything again.
fn force_renders_everything_again(cases: &Path, out: &Path, second: &Snapshot) {
    let a = bin()
        .arg("publish")
        .arg(cases)
        .arg("--out")
        .arg(out)
        .args(["--base-url", BASE, "--force"])
        .assert()
        .success();
    assert!(
        stderr(&a).contains("2 rendered, 0 unchanged"),
        "{}",
        stderr(&a)
    );
    let forced = snapshot(out);
    assert_ne!(
        forced["decisions/21-016-384/decision.md"].1,
        second["decisions/21-016-384/decision.md"].1
    );
}

fn a_deleted_case_disappears_everywhere(cases: &Path, out: &Path, dir: &Path) {
    std::fs::remove_file(cases.join("21-016-384.yaml")).unwrap();
    publish(cases, out, &[]).success();
    assert!(!out.join("decisions/21-016-384").exists());
    for (path, (bytes, _)) in snapshot(out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("21-016-384"),
            "{path} still lists it"
        );
    }
    assert!(!out.join("browse/year-2022-1.html").exists());
    // Beside the link: the live version and its manifest, and the version before it, kept
    // to be updated in place by the next publish.
    assert_eq!(
        kept(dir),
        ["site-000004", "site-000005", "site-000005.manifest.json"]
    );
}

#[test]
fn an_error_in_any_case_publishes_nothing_and_lists_every_error() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = copy_examples(tmp.path());
    for n in 0..6 {
        variant(&cases, "21-016-384", &format!("21 016 40{n}"));
    }
    let out = tmp.path().join("out");
    publish(&cases, &out, &[]).success();
    let before = snapshot(&out);
    let link = std::fs::read_link(&out).unwrap();

    // Two broken cases, and two files with one reference.
    let bad1 = cases.join("21-016-402.yaml");
    let t = std::fs::read_to_string(&bad1).unwrap();
    std::fs::write(&bad1, t.replace("outcome: closed", "outcome: closd")).unwrap();
    let bad2 = cases.join("21-016-404.yaml");
    let t = std::fs::read_to_string(&bad2).unwrap();
    std::fs::write(&bad2, t.replace("signed:", "sined:")).unwrap();
    std::fs::create_dir(cases.join("more")).unwrap();
    std::fs::copy(cases.join("21-016-405.yaml"), cases.join("more/copy.yaml")).unwrap();

    let a = publish(&cases, &out, &[]).failure().code(1);
    let err = stderr(&a);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains("21-016-402.yaml:") && lines[0].contains("outcome"),
        "{err}"
    );
    assert!(lines[1].contains("21-016-404.yaml:"), "{err}");
    assert!(
        lines[2].contains("more/copy.yaml:") && lines[2].contains("21-016-405.yaml"),
        "the duplicate names both files: {err}"
    );
    assert!(err.contains("Nothing published"), "{err}");
    assert_eq!(snapshot(&out), before);
    assert_eq!(std::fs::read_link(&out).unwrap(), link);
    let versions = std::fs::read_dir(tmp.path().join(".out.sites"))
        .unwrap()
        .count();
    assert_eq!(versions, 2, "no staging folder is left behind");
}

#[test]
fn an_interrupted_publish_leaves_the_previous_site_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = copy_examples(tmp.path());
    for n in 0..4 {
        variant(&cases, "23-004-117", &format!("23 004 20{n}"));
    }
    let out = tmp.path().join("out");
    publish(&cases, &out, &[]).success();
    let before = snapshot(&out);

    // Killed half-way through (the test hook stops the process as a kill would).
    variant(&cases, "21-016-384", "21 016 499");
    let a = bin()
        .arg("publish")
        .arg(&cases)
        .arg("--out")
        .arg(&out)
        .args(["--quiet", "--base-url", BASE, "--force"])
        .env("DECISIONS_FAIL_AFTER", "3")
        .assert()
        .failure();
    assert!(stderr(&a).contains("DECISIONS_FAIL_AFTER"));
    assert_eq!(snapshot(&out), before, "the live site is untouched");
    let lock = tmp.path().join(".out.lock");
    let holder = std::fs::read_to_string(&lock).unwrap();
    assert!(
        holder.starts_with("pid "),
        "the dead run's note stays: {holder:?}"
    );
    let leftovers = std::fs::read_dir(tmp.path().join(".out.sites"))
        .unwrap()
        .count();
    assert!(leftovers > 2, "the killed run left its staging folder");

    // The next run takes the stale lock over, cleans up and publishes.
    let a = bin()
        .arg("publish")
        .arg(&cases)
        .arg("--out")
        .arg(&out)
        .args(["--base-url", BASE])
        .assert()
        .success();
    assert!(stderr(&a).contains("did not finish"), "{}", stderr(&a));
    assert!(out.join("decisions/21-016-499").is_dir());
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), "");
    assert_eq!(
        kept(tmp.path()),
        ["site-000001", "site-000002", "site-000002.manifest.json"]
    );
}

#[test]
fn a_second_publish_at_once_is_refused_naming_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let lock_path = tmp.path().join(".out.lock");
    std::fs::write(&lock_path, "pid 4242\nstarted 2024-01-01T00:00:00Z\n").unwrap();
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&lock_path)
        .unwrap();
    fs4::FileExt::try_lock(&lock).unwrap();
    let a = publish(&repo().join("cases"), &out, &[]).failure().code(1);
    let err = stderr(&a);
    assert!(
        err.contains(".out.lock") && err.contains("pid 4242"),
        "{err}"
    );
    assert!(!out.exists());
    drop(lock);
    publish(&repo().join("cases"), &out, &[]).success();
}

#[test]
fn a_folder_not_made_by_publish_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let a = publish(&repo().join("cases"), &out, &[]).failure().code(1);
    assert!(stderr(&a).contains("not a site made by `decisions publish`"));
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
}

/// A site of the examples plus generated cases, so the index has several years, outcomes
/// and authorities to filter.
fn site_for_page_checks(tmp: &Path) -> PathBuf {
    let cases = copy_examples(tmp);
    bin()
        .args(["generate", "--count", "12", "--out"])
        .arg(cases.join("generated"))
        .assert()
        .success();
    let out = tmp.join("out");
    publish(&cases, &out, &[]).success();
    out.join("index.html")
}

#[test]
fn index_passes_the_nu_html_checker() {
    let tmp = tempfile::tempdir().unwrap();
    let index = site_for_page_checks(tmp.path());
    common::assert_nu_valid(&[index]);
}

#[test]
fn index_passes_axe_core_at_1280_and_320_pixels() {
    let tmp = tempfile::tempdir().unwrap();
    let index = site_for_page_checks(tmp.path());
    common::assert_axe_clean(&[index]);
}

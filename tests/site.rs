//! The published library's pages and feeds: paged listings that work without JavaScript and
//! stay small, browse pages by year, category and authority, feeds per area and authority
//! with their dates, drafts nowhere, and CSV cells a spreadsheet would run neutralised.

mod common;

use common::{bin, examples, files_under};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const EVIL: &str = "=HYPERLINK(\"http://evil.example/x\",\"Leeds\")";

/// A library of the examples and 130 generated cases (more than two pages of decisions, some
/// drafts), published once for the tests of this file.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let cases = copy_examples(tmp.path());
        bin()
            .args(["generate", "--count", "130", "--out"])
            .arg(cases.join("generated"))
            .assert()
            .success();
        let out = tmp.path().join("out");
        publish(&cases, &out, &[]);
        (tmp, out)
    });
    out
}

fn copy_examples(dir: &Path) -> PathBuf {
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    for case in examples() {
        std::fs::copy(&case, cases.join(case.file_name().unwrap())).unwrap();
    }
    cases
}

fn publish(cases: &Path, out: &Path, env: &[(&str, &str)]) {
    let mut cmd = bin();
    cmd.arg("publish").arg(cases).arg("--out").arg(out);
    cmd.args(["--quiet", "--base-url", "https://decisions.example.gov.uk/"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.assert().success();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The slugs of every published decision, from `decisions.json`.
fn published_slugs(out: &Path) -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("decisions.json"))).unwrap();
    json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reference"].as_str().unwrap().replace(' ', "-"))
        .collect()
}

/// The decisions a listing page links to, in order.
fn listed(html: &str) -> Vec<String> {
    html.split("decisions/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/decision.html\""))
        .map(|(slug, _)| slug.to_string())
        .filter(|slug| !slug.contains('/'))
        .collect()
}

#[test]
fn every_listing_page_is_small_and_each_list_pages_through_its_decisions() {
    let out = site();
    let all = published_slugs(out);
    assert!(all.len() > 100, "{}", all.len());
    let mut pages = 0;
    for (rel, path) in files_under(out) {
        if rel.ends_with(".html") && !rel.starts_with("decisions/") {
            let size = std::fs::metadata(&path).unwrap().len();
            assert!(size <= 100 * 1024, "{rel} is {size} bytes");
            pages += 1;
        }
    }
    assert!(pages > 20, "{pages}");
    // The home page: the newest 50, newest first, then a link to page 2 of all.
    let home = read(&out.join("index.html"));
    assert_eq!(listed(&home).len(), 50);
    assert!(home.contains("href=\"browse/all-2.html\""));
    // Each kind of list holds every decision once, on pages of at most 50.
    for kind in ["all", "year", "area", "subject", "authority"] {
        let mut seen = Vec::new();
        for (rel, path) in files_under(&out.join("browse")) {
            if rel.starts_with(&format!("{kind}-")) {
                let on_page = listed(&read(&path));
                assert!(!on_page.is_empty() && on_page.len() <= 50, "{rel}");
                seen.extend(on_page);
            }
        }
        seen.sort();
        let expected: Vec<String> = all.iter().cloned().collect();
        assert_eq!(seen, expected, "the {kind} pages");
    }
    // The index pages count what the lists hold.
    let years = read(&out.join("browse/years.html"));
    let counted: usize = years
        .split("<span class=\"n\">")
        .skip(1)
        .map(|s| s.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(counted, all.len());
    let authorities = read(&out.join("browse/authorities.html"));
    assert!(authorities.contains("href=\"authorities-"));
}

#[test]
fn listings_work_with_javascript_off() {
    let out = site();
    let all = published_slugs(out);
    let script = std::ffi::OsStr::new("tests/browser/follow-pages.mjs");
    let start = out.join("index.html");
    let args = [
        script,
        start.as_os_str(),
        "Older decisions".as_ref(),
        "Next page".as_ref(),
    ];
    let output = common::browser_tool("node", &args);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = report.lines().collect();
    let pages: usize = lines
        .last()
        .unwrap()
        .strip_prefix("pages: ")
        .unwrap()
        .parse()
        .unwrap();
    // The home page, then page 2 of all decisions and on.
    assert_eq!(pages, 1 + all.len().div_ceil(50) - 1);
    let seen: BTreeSet<String> = lines[..lines.len() - 1]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(seen, all);
}

#[test]
fn listing_pages_pass_the_nu_checker_and_axe_core() {
    let out = site();
    let browse = out.join("browse");
    let subject = files_under(&browse)
        .into_iter()
        .find(|(rel, _)| rel.starts_with("subject-"))
        .unwrap()
        .1;
    let pages: Vec<PathBuf> = vec![
        out.join("index.html"),
        browse.join("all-2.html"),
        subject,
        browse.join("areas.html"),
        browse.join("authorities.html"),
    ];
    common::assert_nu_valid(&pages);
    common::assert_axe_clean(&pages);
}

/// The entries of an Atom feed: (id, published, updated, decision date).
fn entries(xml: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((ATOM, "feed")));
    for name in ["id", "title", "updated", "author"] {
        assert!(
            root.children().any(|c| c.has_tag_name((ATOM, name))),
            "no {name}"
        );
    }
    let text = |e: roxmltree::Node, ns: &str, name: &str| {
        e.children()
            .find(|c| c.has_tag_name((ns, name)))
            .and_then(|c| c.text())
            .unwrap_or_else(|| panic!("an entry without {name}"))
            .to_string()
    };
    root.children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            (
                text(e, ATOM, "id"),
                text(e, ATOM, "published"),
                text(e, ATOM, "updated"),
                text(e, DCTERMS, "date"),
            )
        })
        .collect()
}

#[test]
fn every_feed_is_atom_and_linked_from_its_browse_pages() {
    let out = site();
    let mut feeds = 0;
    for (rel, path) in files_under(&out.join("feeds")) {
        let found = entries(&read(&path));
        assert!(!found.is_empty() && found.len() <= 50, "feeds/{rel}");
        feeds += 1;
        // Its list's pages name it as their alternate.
        let page = out.join("browse").join(rel.replace(".xml", "-1.html"));
        let link = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Decisions about ";
        let html = read(&page);
        assert!(html.contains(link), "{}", page.display());
        assert!(
            html.contains(&format!("href=\"../feeds/{rel}\"")),
            "{}",
            page.display()
        );
    }
    let areas = files_under(&out.join("browse"))
        .iter()
        .filter(|(rel, _)| rel.starts_with("area-") && rel.ends_with("-1.html"))
        .count();
    let authorities = files_under(&out.join("browse"))
        .iter()
        .filter(|(rel, _)| rel.starts_with("authority-") && rel.ends_with("-1.html"))
        .count();
    assert_eq!(feeds, areas + authorities);
    assert_eq!(entries(&read(&out.join("feed.xml"))).len(), 50);
}

/// Case files under `cases` that are drafts: their references, as written and as slugs.
fn draft_references(cases: &Path) -> Vec<String> {
    let mut refs = Vec::new();
    for (_, path) in files_under(cases) {
        let text = read(&path);
        if text.contains("\nstatus: draft") {
            let line = text.lines().find(|l| l.starts_with("reference: ")).unwrap();
            let reference = line["reference: ".len()..].trim().to_string();
            refs.push(reference.replace(' ', "-"));
            refs.push(reference);
        }
    }
    refs
}

#[test]
fn no_draft_appears_in_any_file_of_the_site() {
    let out = site();
    let cases = out.parent().unwrap().join("cases");
    let drafts = draft_references(&cases);
    assert!(drafts.len() >= 4, "{drafts:?}");
    // The example draft's own words too.
    let words = "takes light from his kitchen";
    assert!(read(&cases.join("24-011-902.yaml")).contains(words));
    for (rel, path) in files_under(out) {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for needle in drafts.iter().map(String::as_str).chain([words]) {
            assert!(!text.contains(needle), "{rel} has the draft's {needle}");
        }
    }
}

#[test]
fn feeds_keep_when_a_decision_first_appeared_and_when_its_text_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = copy_examples(tmp.path());
    let out = tmp.path().join("out");
    let at = |epoch: &str| vec![("SOURCE_DATE_EPOCH", epoch.to_string())];
    let run = |epoch: &str| {
        let env = at(epoch);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        publish(&cases, &out, &env);
        let feed = read(&out.join("feed.xml"));
        entries(&feed)
            .into_iter()
            .map(|(id, p, u, d)| (id.rsplit('/').next().unwrap().to_string(), (p, u, d)))
            .collect::<BTreeMap<_, _>>()
    };
    let (t1, t2, t3) = (
        "2024-01-01T00:00:00Z",
        "2024-02-01T00:00:00Z",
        "2024-03-01T00:00:00Z",
    );
    let first = run("1704067200");
    assert_eq!(
        first["21-016-384"],
        (t1.into(), t1.into(), "2022-03-10".into())
    );
    assert_eq!(first["23-004-117"].0, t1);

    // One decision's text changes: its `updated` moves, its `published` does not.
    let case = cases.join("23-004-117.yaml");
    let text = read(&case);
    std::fs::write(
        &case,
        text.replace("pay\n  Mrs X £300", "pay\n  Mrs X £350"),
    )
    .unwrap();
    let second = run("1706745600");
    assert_eq!(second["23-004-117"].0, t1);
    assert_eq!(second["23-004-117"].1, t2);
    assert_eq!(second["21-016-384"], first["21-016-384"]);

    // A new decision with an old decision date appears now, and heads the feed.
    let seed = read(&cases.join("21-016-384.yaml"));
    let old = seed
        .replace("reference: 21 016 384", "reference: 16 000 001")
        .replace("decided: 2022-03-10", "decided: 2016-05-02");
    std::fs::write(cases.join("16-000-001.yaml"), old).unwrap();
    let third = run("1709251200");
    assert_eq!(
        third["16-000-001"],
        (t3.into(), t3.into(), "2016-05-02".into())
    );
    let feed = read(&out.join("feed.xml"));
    let ids: Vec<String> = entries(&feed).into_iter().map(|e| e.0).collect();
    assert!(ids[0].ends_with("16-000-001"), "{ids:?}");
    // The feeds of its area and authority carry it too.
    let area = read(&out.join("feeds/area-childrens-care-services.xml"));
    assert!(entries(&area).iter().any(|e| e.0.ends_with("16-000-001")));
    let authority = read(&out.join("feeds/authority-leeds-city-council.xml"));
    assert_eq!(entries(&authority).len(), 2);
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = copy_examples(tmp.path());
    let seed = read(&cases.join("21-016-384.yaml"));
    let evil = seed
        .replace("reference: 21 016 384", "reference: 21 016 999")
        .replace(
            "authority: Leeds City Council",
            &format!("authority: '{}'", EVIL.replace('\'', "''")),
        );
    std::fs::write(cases.join("21-016-999.yaml"), evil).unwrap();
    let out = tmp.path().join("out");
    publish(&cases, &out, &[]);
    let csv = read(&out.join("decisions.csv"));
    let row = csv.lines().find(|l| l.starts_with("21 016 999,")).unwrap();
    let cell = row.split(',').nth(1).unwrap();
    assert!(cell.starts_with("\"'=HYPERLINK("), "{row}");
    assert!(
        !csv.lines().any(|l| l.contains(",=") || l.contains(",\"=")),
        "{csv}"
    );
    // JSON keeps the authority as it is: it is data, not a formula.
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("decisions.json"))).unwrap();
    let authorities: Vec<&str> = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["authority"].as_str().unwrap())
        .collect();
    assert!(authorities.contains(&EVIL));
    assert_eq!(authorities.len(), csv.lines().count() - 1);
}

/// Every `<time datetime="YYYY-MM-DD">text</time>` of the listing pages of `out`: the page, the
/// date and the text.
fn listed_dates(out: &Path) -> Vec<(String, String, String)> {
    let re = regex::Regex::new(r#"<time datetime="(\d{4}-\d{2}-\d{2})">([^<]*)</time>"#).unwrap();
    files_under(out)
        .into_iter()
        .filter(|(rel, _)| {
            rel == "index.html" || (rel.starts_with("browse/") && rel.ends_with(".html"))
        })
        .flat_map(|(rel, path)| {
            let html = read(&path);
            re.captures_iter(&html)
                .map(|c| (rel.clone(), c[1].to_string(), c[2].to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A date as `{DD} {MMM} {YYYY}` or `{D} {MMMM} {YYYY}` would print it with `months`.
fn date_in(iso: &str, two_digit_day: bool, months: &[&str]) -> String {
    let (y, rest) = iso.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    let month = months[m.parse::<usize>().unwrap() - 1];
    let day = if two_digit_day {
        d.to_string()
    } else {
        d.trim_start_matches('0').to_string()
    };
    format!("{day} {month} {y}")
}

#[test]
fn listing_pages_print_dates_in_the_wordings_format() {
    const SHORT: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let dates = listed_dates(site());
    assert!(dates.len() > 100, "{}", dates.len());
    assert!(dates
        .iter()
        .any(|(_, iso, _)| iso.ends_with("-01") || iso[8..].starts_with('0')));
    for (page, iso, text) in &dates {
        assert_eq!(text, &date_in(iso, true, &SHORT), "{page}");
    }

    // An office's own format and month names, as its decisions print them.
    const WELSH: [&str; 12] = [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ];
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("wording.yaml"),
        format!(
            "date_format: \"{{D}} {{MMMM}} {{YYYY}}\"\nmonths: [{}]\n",
            WELSH.join(", ")
        ),
    )
    .unwrap();
    let cases = copy_examples(tmp.path());
    bin()
        .args(["generate", "--count", "60", "--seed", "3", "--out"])
        .arg(cases.join("generated"))
        .assert()
        .success();
    let out = tmp.path().join("out");
    bin()
        .arg("publish")
        .arg(&cases)
        .arg("--out")
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .arg("--quiet")
        .assert()
        .success();
    let dates = listed_dates(&out);
    assert!(dates.len() > 50, "{}", dates.len());
    for (page, iso, text) in &dates {
        assert_eq!(text, &date_in(iso, false, &WELSH), "{page}");
    }
    // The same words in the decision itself and in its search result.
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("decisions.json"))).unwrap();
    let first = &json["decisions"][0];
    let want = date_in(first["decided_iso"].as_str().unwrap(), false, &WELSH);
    assert!(read(&out.join(first["md"].as_str().unwrap())).contains(&want));
    let fragments: Vec<String> = files_under(&out.join("search/d"))
        .into_iter()
        .map(|(_, p)| read(&p))
        .collect();
    assert!(fragments
        .iter()
        .any(|f| f.contains(&format!("\"decided\":\"{want}\""))));
}

#[test]
fn publish_writes_only_the_formats_asked_for_and_always_the_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = copy_examples(tmp.path());
    let out = tmp.path().join("out");
    bin()
        .arg("publish")
        .arg(&cases)
        .arg("--out")
        .arg(&out)
        .args(["--format", "html", "--quiet"])
        .assert()
        .success();
    let files: BTreeSet<String> = files_under(&out.join("decisions"))
        .into_iter()
        .map(|(rel, _)| rel.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        files,
        BTreeSet::from(["decision.html".to_string(), "decision.md".to_string()])
    );
    let home = read(&out.join("index.html"));
    assert!(home.contains("/decision.md\"") && !home.contains(".pdf"));
    assert!(!read(&out.join("decisions.csv")).contains(".pdf"));
}

/// Names written freely (a subject, an authority) that differ only in capitals or spaces are
/// one list, shown as the newest decision writes it.
#[test]
fn names_that_differ_only_in_capitals_are_one_list() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = copy_examples(tmp.path());
    let seed = read(&cases.join("21-016-384.yaml"));
    let older = seed
        .replace("reference: 21 016 384", "reference: 21 016 385")
        .replace("decided: 2022-03-10", "decided: 2022-01-10")
        .replace(
            "authority: Leeds City Council",
            "authority: Leeds  city council",
        )
        .replace("> Child protection", "> child  Protection");
    assert_ne!(older, seed);
    std::fs::write(cases.join("21-016-385.yaml"), older).unwrap();
    let out = tmp.path().join("site");
    publish(&cases, &out, &[]);
    let browse = out.join("browse");
    let authorities = read(&browse.join("authorities-l-1.html"));
    assert_eq!(
        authorities.matches(">Leeds City Council<").count(),
        1,
        "{authorities}"
    );
    assert!(!authorities.contains("city council<"), "{authorities}");
    let pages: Vec<String> = std::fs::read_dir(&browse)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    let subject: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("child-protection") && p.ends_with("-1.html"))
        .collect();
    assert_eq!(subject.len(), 1, "{pages:?}");
    let in_subject = listed(&read(&browse.join(subject[0])));
    assert_eq!(in_subject, ["21-016-384", "21-016-385"]);
    let leeds: Vec<&String> = pages
        .iter()
        .filter(|p| p.starts_with("authority-leeds") && p.ends_with("-1.html"))
        .collect();
    assert_eq!(leeds.len(), 1, "{pages:?}");
    assert_eq!(listed(&read(&browse.join(leeds[0]))).len(), 2);
    // The search page offers each once, as the newest decision writes it.
    let search = read(&out.join("search.html"));
    assert_eq!(
        search.matches("<option>Leeds City Council").count(),
        1,
        "{search}"
    );
    assert!(!search.to_lowercase().contains("leeds  city"), "{search}");
    assert!(search.contains(">Child protection"), "{search}");
    assert!(!search.contains("child  Protection"), "{search}");
}

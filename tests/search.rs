//! The search page in headless Chromium against `decisions serve`, on a small generated
//! library: what it finds equals a scan of the published Markdown for random words, phrases
//! and filters; paging and the address; a republish that changes one word; no draft in the
//! index; axe-core and the Nu checker on the page with results.

mod common;
#[path = "search_support/mod.rs"]
mod support;

use decisions::publish::search::text::{normalise, Stems};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::{browse, library, scan, searches, Decision, Params, Rng, Server};

fn html_path(d: &Decision) -> String {
    d.fact("html").to_string()
}

/// Every search shows the count of the scan, and on its first page the scan's first 20.
fn assert_found(lib: &[Decision], searches: &[Params], seen: &[serde_json::Value], stems: &Stems) {
    for (p, s) in searches.iter().zip(seen) {
        let want = scan(lib, p, stems);
        assert_eq!(s["state"], "done", "{p:?}: {}", s["status"]);
        assert_eq!(
            s["count"].as_str(),
            Some(want.len().to_string().as_str()),
            "{p:?}"
        );
        let shown: Vec<&str> = s["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["links"][0].as_str().unwrap())
            .collect();
        let first: Vec<String> = want.iter().take(20).map(|d| html_path(d)).collect();
        if p.iter().all(|(k, _)| *k != "sort") {
            assert_eq!(shown, first, "{p:?}: newest first");
        } else {
            assert_eq!(shown.len(), first.len(), "{p:?}");
        }
    }
}

fn setup(tmp: &Path, count: &str) -> (PathBuf, PathBuf) {
    let (cases, site) = (tmp.join("cases"), tmp.join("site"));
    common::bin()
        .args(["generate", "--count", count, "--seed", "5", "--out"])
        .arg(&cases)
        .assert()
        .success();
    common::bin()
        .arg("publish")
        .arg(&cases)
        .arg("--out")
        .arg(&site)
        .arg("--quiet")
        .assert()
        .success();
    (cases, site)
}

#[test]
fn the_search_page_finds_what_a_scan_of_the_markdown_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let (cases, site) = setup(tmp.path(), "48");
    let stems = Stems::for_lang("en");
    let lib = library(&site, &stems);
    assert!(lib.len() > 20, "enough decisions for two pages");
    let server = Server::start(&site);
    let mut rng = Rng(0x5eed_1234_abcd);
    let all = searches(&lib, &mut rng, &stems);
    assert!(all.len() >= 20);
    let seen = browse(&server.base, &all, tmp.path());
    assert_found(&lib, &all, &seen, &stems);
    // "complained" finds every form of the word.
    let forms: BTreeSet<&str> = lib
        .iter()
        .flat_map(|d| &d.words)
        .filter(|w| w.starts_with("complain"))
        .map(String::as_str)
        .collect();
    assert!(forms.len() > 1, "{forms:?}");
    // Filters narrow.
    let (word, outcome) = (&all[15][0].1, &all[15][1]);
    let wide = scan(&lib, &vec![("q", word.clone())], &stems).len();
    assert!(scan(&lib, &vec![("q", word.clone()), outcome.clone()], &stems).len() <= wide);
    assert!(
        seen[16]["count"]
            .as_str()
            .unwrap()
            .parse::<usize>()
            .unwrap()
            < lib.len()
    );

    // The one before is a phrase of four words whose triples stand apart in a decision: it
    // finds nothing.
    let (long, holder) = support::split_long_phrase(&lib).unwrap();
    assert_eq!(
        seen[seen.len() - 2]["count"],
        "0",
        "\"{long}\" is in no decision"
    );
    let asked = stems.stems(&long);
    let triples: Vec<&[String]> = holder.stems.windows(3).collect();
    assert!(triples.contains(&&asked[..3]) && triples.contains(&&asked[1..]));

    // The last search is a phrase whose pairs stand apart in a decision: it finds nothing.
    let (phrase, holder) = support::split_phrase(&lib).unwrap();
    let last = seen.last().unwrap();
    assert_eq!(last["count"], "0", "\"{phrase}\" is in no decision");
    let pairs: Vec<String> = holder.stems.windows(2).map(|w| w.join(" ")).collect();
    let asked = stems.stems(&phrase);
    assert!(pairs.contains(&asked[..2].join(" ")) && pairs.contains(&asked[1..].join(" ")));

    long_phrases_are_shown(&lib, &all, &seen, &stems);

    paging_and_address(&lib, &server.base, tmp.path(), &stems);
    no_draft_anywhere(&cases, &site);
    republish_one_word(&lib, &cases, &site, &server.base, tmp.path(), &stems);
}

/// A result found by a quoted phrase of four words or more shows the phrase in its excerpt,
/// its words marked one after another, where the phrase stands early enough in the decision
/// for its fragment to hold it. A phrase is found by its words' stems, so the words marked
/// may be other forms of them ("section" for "sections") where those stand first.
fn long_phrases_are_shown(
    lib: &[Decision],
    searches: &[Params],
    seen: &[serde_json::Value],
    stems: &Stems,
) {
    let mut checked = 0;
    for (p, s) in searches.iter().zip(seen) {
        let q = &p[0].1;
        let phrase = stems.stems(q);
        if !q.starts_with('"') || phrase.len() < 4 {
            continue;
        }
        for r in s["results"].as_array().unwrap() {
            let link = r["links"][0].as_str().unwrap();
            let d = lib.iter().find(|d| html_path(d) == link).unwrap();
            let at = d.stems.windows(phrase.len()).position(|w| w == &phrase[..]);
            if !at.is_some_and(|at| at < 600) {
                continue;
            }
            let marks: Vec<String> = r["marks"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|m| stems.stems(&normalise(m.as_str().unwrap())))
                .collect();
            assert!(
                marks.windows(phrase.len()).any(|w| w == &phrase[..]),
                "{q} in {link}: marked {marks:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "a long phrase was looked for in an excerpt");
}

/// Page 2 shows results 21 to 40 and links back; the form shows the search of the address.
fn paging_and_address(lib: &[Decision], base: &str, tmp: &Path, stems: &Stems) {
    let p: Params = vec![
        ("q", "council".into()),
        ("sort", "newest".into()),
        ("page", "2".into()),
    ];
    let seen = &browse(base, std::slice::from_ref(&p), tmp)[0];
    let want = scan(lib, &p, stems);
    assert!(want.len() > 20);
    let shown: Vec<&str> = seen["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["links"][0].as_str().unwrap())
        .collect();
    let second: Vec<String> = want
        .iter()
        .skip(20)
        .take(20)
        .map(|d| html_path(d))
        .collect();
    assert_eq!(shown, second);
    assert_eq!(seen["fields"]["q"], "council");
    assert_eq!(seen["fields"]["sort"], "newest");
    let prev = seen["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "prev")
        .expect("a link to page 1");
    assert!(prev["href"].as_str().unwrap().contains("q=council"));
    assert_eq!(seen["count"].as_str().unwrap(), want.len().to_string());
}

/// The references of the draft case files.
fn drafts(cases: &Path) -> Vec<String> {
    let mut refs = Vec::new();
    for (_, path) in common::files_under(cases) {
        let text = std::fs::read_to_string(path).unwrap();
        if text.lines().any(|l| l.trim() == "status: draft") {
            let line = text.lines().find(|l| l.starts_with("reference:")).unwrap();
            refs.push(line["reference:".len()..].trim().to_string());
        }
    }
    refs
}

fn no_draft_anywhere(cases: &Path, site: &Path) {
    let refs = drafts(cases);
    assert!(!refs.is_empty(), "the library has drafts to leave out");
    let files = common::files_under(site);
    assert!(files.iter().any(|(p, _)| p.starts_with("search/w/")));
    for (rel, path) in files {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for r in &refs {
            let slug = r.replace(' ', "-");
            assert!(
                !text.contains(r.as_str()) && !text.contains(&slug),
                "draft {r} is in {rel}"
            );
        }
    }
}

/// Changes one word of one decision's summary, republishes, and searches for both words.
fn republish_one_word(
    lib: &[Decision],
    cases: &Path,
    site: &Path,
    base: &str,
    tmp: &Path,
    stems: &Stems,
) {
    let new_word = "zyglophant";
    let (d, old) = lib
        .iter()
        .find_map(|d| {
            let summary: Vec<String> = stems.stems(d.fact("summary"));
            let old = summary
                .iter()
                .find(|s| s.len() > 4 && d.stems.iter().filter(|t| t == s).count() == 1)?;
            let word = decisions::publish::search::text::words(d.fact("summary"))
                .find(|w| stems.stem(w) == *old)?;
            Some((d, word))
        })
        .expect("a decision with a word found once in it");
    let file = cases.join(format!("{}.yaml", d.fact("slug")));
    let yaml = std::fs::read_to_string(&file).unwrap();
    let re = regex::Regex::new(&format!(r"(?i)\b{}\b", regex::escape(&old))).unwrap();
    assert_eq!(
        re.find_iter(&yaml).count(),
        1,
        "{old} once in {}",
        file.display()
    );
    std::fs::write(&file, re.replace(&yaml, new_word).as_bytes()).unwrap();
    let out = common::bin()
        .arg("publish")
        .arg(cases)
        .arg("--out")
        .arg(site)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.contains("1 rendered"),
        "{stderr}"
    );
    let after = library(site, stems);
    // Phrases of five words around the changed word, before and after: the changed
    // decision's places are read from where the update put them.
    let around = |d: &Decision, word: &str| -> String {
        let at = d.words.iter().position(|w| w == word).unwrap();
        let start = at.saturating_sub(2).min(d.words.len() - 5);
        format!("\"{}\"", d.words[start..start + 5].join(" "))
    };
    let changed = after
        .iter()
        .find(|a| a.fact("slug") == d.fact("slug"))
        .unwrap();
    let searches: Vec<Params> = vec![
        vec![("q", new_word.into())],
        vec![("q", normalise(&old))],
        vec![("q", around(changed, new_word))],
        vec![("q", around(d, &normalise(&old)))],
    ];
    let seen = browse(base, &searches, tmp);
    assert_found(&after, &searches, &seen, stems);
    assert_eq!(seen[0]["count"], "1");
    assert_eq!(seen[2]["count"], "1");
    assert_eq!(
        seen[0]["results"][0]["links"][0].as_str(),
        Some(html_path(d).as_str())
    );
    let old_hits: Vec<&str> = seen[1]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["links"][0].as_str().unwrap())
        .collect();
    assert!(
        !old_hits.contains(&html_path(d).as_str()),
        "the old word no longer finds it"
    );
}

#[test]
fn the_search_page_with_results_passes_axe_and_the_nu_checker() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, site) = setup(tmp.path(), "24");
    let server = Server::start(&site);
    let page = format!("{}search.html?q=council&sort=relevance", server.base);
    let out = common::browser_tool(
        "node",
        &[
            "tests/browser/search.mjs".as_ref(),
            "axe".as_ref(),
            page.as_ref(),
        ],
    );
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = tmp.path().join("search-with-results.html");
    let out = common::browser_tool(
        "node",
        &[
            "tests/browser/search.mjs".as_ref(),
            "dom".as_ref(),
            page.as_ref(),
            dom.as_ref(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&dom)
        .unwrap()
        .contains("id=\"results-count\""));
    for file in [dom, site.join("search.html")] {
        let out = common::browser_tool("tests/browser/validate-html", &[file.as_ref()]);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("sub")).unwrap();
    std::fs::write(site.join("index.html"), "<p>in</p>").unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "SECRET-OUTSIDE").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), site.join("sub/link.txt")).unwrap();
    let server = Server::start(&site);
    let host = server
        .base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let get = |path: &str| -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&host).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    assert!(get("/").starts_with("HTTP/1.0 200") || get("/").starts_with("HTTP/1.1 200"));
    assert!(get("/").contains("<p>in</p>"));
    for path in [
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sub/link.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
    ] {
        let answer = get(path);
        assert!(
            answer.contains(" 403 ") || answer.contains(" 404 "),
            "{path}: {answer}"
        );
        assert!(
            !answer.contains("SECRET-OUTSIDE"),
            "{path} leaked the file outside"
        );
    }
    assert!(get("/nothing.html").contains(" 404 "));
}

//! A library published with another office's folder: the Housing Ombudsman's example case and
//! three made from it with other facts, categories and findings. The pages name the office and
//! its labels, each fact has browse pages listing the right decisions, the search page filters
//! by a fact in Chromium, the exports carry facts, categories and findings, and the new pages
//! pass the Nu checker and axe-core.

mod common;
#[allow(dead_code)]
#[path = "search_support/mod.rs"]
mod support;

#[path = "office_site_support/mod.rs"]
mod library;

use common::{files_under, repo};
use library::{listed, newest_first, publish, read, site, site_pages, Made, CASES};
use std::path::PathBuf;
use support::{browse, Params, Server};

#[test]
fn the_pages_name_the_office_and_its_labels_and_nothing_of_another_office() {
    let out = site();
    let index = read(&out.join("index.html"));
    for want in [
        "<title>Decisions – Housing Ombudsman Service</title>",
        "Decisions of the Housing Ombudsman Service",
        ">By landlord</a>",
        ">By landlord type</a>",
        ">By occupancy</a>",
        "<dt>Landlord type</dt><dd>Local Authority</dd>",
        "<dt>Occupancy</dt><dd>Secure Tenancy</dd>",
        "<dt>Category</dt><dd>Damp and mould; Complaint handling</dd>",
        "<dt>Outcome</dt><dd>Partial maladministration</dd>",
    ] {
        assert!(index.contains(want), "index.html lacks {want}");
    }
    let search = read(&out.join("search.html"));
    for want in [
        "<label for=\"s-authority\">Landlord</label>",
        "<label for=\"s-fact-tenure\">Occupancy</label>",
        "<select id=\"s-fact-landlord_type\" name=\"fact-landlord_type\">",
    ] {
        assert!(search.contains(want), "search.html lacks {want}");
    }
    // A list of categories has no subjects: no subject filter, no empty subject list.
    assert!(!search.contains("name=\"subject\""));
    assert!(!files_under(&out.join("browse"))
        .iter()
        .any(|(rel, _)| rel.starts_with("subject-")));
    let feed = read(&out.join("feed.xml"));
    assert!(feed.contains("<title>Decisions of the Housing Ombudsman Service</title>"));
    // A decision of two categories is filed under both in its feed entry.
    assert!(feed.contains("<category term=\"Complaint handling\""));
    assert!(feed.contains("<category term=\"Repairs\""));
    for (rel, path) in site_pages(out) {
        let html = read(&path);
        for lgsco in [
            "Local Government",
            "LGSCO",
            "Council",
            "By authority",
            ">Authority<",
            "Authorities",
            "authority’s",
        ] {
            assert!(!html.contains(lgsco), "{rel} says {lgsco}");
        }
    }
}

#[test]
fn each_fact_and_category_has_browse_pages_listing_its_decisions() {
    let browse = site().join("browse");
    let tenure = read(&browse.join("fact-tenure.html"));
    assert!(tenure.contains("<h1>Decisions by occupancy</h1>"));
    // The values in the office's order, each with its count.
    let assured = tenure.find(
        "fact-tenure--assured-tenancy-1.html\">Assured Tenancy</a> <span class=\"n\">2 decisions",
    );
    let secure = tenure.find(
        "fact-tenure--secure-tenancy-1.html\">Secure Tenancy</a> <span class=\"n\">2 decisions",
    );
    assert!(assured.unwrap() < secure.unwrap(), "{tenure}");
    for (file, keep) in [
        (
            "fact-tenure--assured-tenancy-1.html",
            &(|m: &Made| m.tenure == "Assured Tenancy") as &dyn Fn(&Made) -> bool,
        ),
        ("fact-tenure--secure-tenancy-1.html", &|m: &Made| {
            m.tenure == "Secure Tenancy"
        }),
        (
            "fact-landlord-type--housing-association-1.html",
            &|m: &Made| m.landlord_type == "Housing Association",
        ),
        ("fact-landlord-type--local-authority-1.html", &|m: &Made| {
            m.landlord_type == "Local Authority"
        }),
        ("area-repairs-1.html", &|m: &Made| {
            m.categories.contains("Repairs")
        }),
        ("area-complaint-handling-1.html", &|m: &Made| {
            m.categories.contains("Complaint handling")
        }),
        ("area-damp-and-mould-1.html", &|m: &Made| {
            m.categories.contains("Damp and mould")
        }),
    ] {
        let html = read(&browse.join(file));
        assert_eq!(listed(&html), newest_first(keep), "{file}");
    }
    let value = read(&browse.join("fact-landlord-type--housing-association-1.html"));
    assert!(value.contains("<h1>Decisions about Landlord type: Housing Association</h1>"));
    assert!(value.contains("<a href=\"fact-landlord-type.html\">By landlord type</a>"));
    let areas = read(&browse.join("areas.html"));
    assert!(areas.contains("<h1>Decisions by category</h1>"));
}

/// The cells of a CSV file, quoted cells with commas and line breaks read as one.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    rows
}

#[test]
fn json_and_csv_carry_the_facts_categories_and_findings() {
    let out = site();
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("decisions.json"))).unwrap();
    let list = json["decisions"].as_array().unwrap();
    assert_eq!(list.len(), CASES.len());
    let rows = csv_rows(&read(&out.join("decisions.csv")));
    let head = &rows[0];
    let col = |name: &str| {
        head.iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    for name in ["categories", "landlord_type", "tenure", "parts"] {
        col(name);
    }
    for m in &CASES {
        let d = list.iter().find(|d| d["reference"] == m.reference).unwrap();
        assert_eq!(
            d["authority"], m.authority,
            "JSON keeps the authority as it is"
        );
        let fact = |key: &str| {
            let f = d["facts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["key"] == key)
                .unwrap();
            f["values"][0].as_str().unwrap().to_string()
        };
        assert_eq!(fact("landlord_type"), m.landlord_type);
        assert_eq!(fact("tenure"), m.tenure);
        let categories: Vec<&str> = d["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = m.categories.trim_matches(['[', ']']).split(", ").collect();
        assert_eq!(categories, want);
        let findings: Vec<&str> = d["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["finding"].as_str().unwrap())
            .collect();
        assert_eq!(findings, m.findings);

        let row = rows.iter().find(|r| r[0] == m.reference).unwrap();
        assert_eq!(row.len(), head.len());
        assert_eq!(row[col("landlord_type")], m.landlord_type);
        assert_eq!(row[col("tenure")], m.tenure);
        assert_eq!(row[col("categories")], want.join("\n"));
        let parts = &row[col("parts")];
        assert!(
            parts.starts_with(&format!(
                "{}: the landlord",
                d["parts"][0]["finding_label"].as_str().unwrap()
            )),
            "{parts}"
        );
        assert_eq!(parts.lines().count(), 2);
    }
    // A cell a spreadsheet would run is neutralised, facts or not.
    let evil = rows.iter().find(|r| r[0] == "202398768").unwrap();
    assert!(evil[1].starts_with("'=HYPERLINK("), "{evil:?}");
}

#[test]
fn the_search_page_filters_by_a_fact_in_chromium() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(site());
    let searches: Vec<(Params, Vec<String>)> = vec![
        (
            vec![("fact-tenure", "Secure Tenancy".into())],
            newest_first(|m| m.tenure == "Secure Tenancy"),
        ),
        (
            vec![
                ("fact-tenure", "Assured Tenancy".into()),
                ("fact-landlord_type", "Local Authority".into()),
            ],
            newest_first(|m| m.tenure == "Assured Tenancy" && m.landlord_type == "Local Authority"),
        ),
        (
            vec![("q", "mould".into()), ("area", "Repairs".into())],
            newest_first(|m| m.categories.contains("Repairs")),
        ),
    ];
    let params: Vec<_> = searches.iter().map(|(p, _)| p.clone()).collect();
    let seen = browse(&server.base, &params, tmp.path());
    for ((p, want), s) in searches.iter().zip(&seen) {
        assert_eq!(s["state"], "done", "{p:?}: {}", s["status"]);
        assert_eq!(
            s["count"].as_str(),
            Some(want.len().to_string().as_str()),
            "{p:?}"
        );
        let shown: Vec<String> = s["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["links"][0].as_str().unwrap().to_string())
            .collect();
        let want: Vec<String> = want
            .iter()
            .map(|r| format!("decisions/{r}/decision.html"))
            .collect();
        assert_eq!(shown, want, "{p:?}");
        // The form shows the filter the address gave.
        for (k, v) in p {
            assert_eq!(s["fields"][k], v.as_str(), "{p:?}");
        }
        // Each result shows the office's facts beside the usual ones, as the lists do.
        for r in s["results"].as_array().unwrap() {
            let facts: Vec<(&str, &str)> = r["facts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f[0].as_str().unwrap(), f[1].as_str().unwrap()))
                .collect();
            let labels: Vec<&str> = facts.iter().map(|f| f.0).collect();
            assert_eq!(labels[..3], ["Category", "Outcome", "Date"], "{p:?}");
            for (k, v) in p.iter().filter(|(k, _)| k.starts_with("fact-")) {
                let label = if *k == "fact-tenure" {
                    "Occupancy"
                } else {
                    "Landlord type"
                };
                assert!(facts.contains(&(label, v.as_str())), "{p:?}: {facts:?}");
            }
        }
    }
    assert!(
        !searches[1].1.is_empty(),
        "the combined filter finds a decision"
    );
}

#[test]
fn the_new_pages_pass_the_nu_checker_and_axe_core() {
    let out = site();
    let browse = out.join("browse");
    let pages: Vec<PathBuf> = vec![
        out.join("index.html"),
        out.join("search.html"),
        browse.join("areas.html"),
        browse.join("fact-tenure.html"),
        browse.join("fact-tenure--assured-tenancy-1.html"),
        browse.join("authorities.html"),
    ];
    common::assert_nu_valid(&pages);
    // The search page is checked below, with its results shown.
    let listed: Vec<&PathBuf> = pages
        .iter()
        .filter(|p| !p.ends_with("search.html"))
        .collect();
    common::assert_axe_clean(&listed);
    // The search page, its results shown for a fact's filter.
    let server = Server::start(out);
    let page = format!("{}search.html?fact-tenure=Secure%20Tenancy", server.base);
    let axe = common::browser_tool(
        "node",
        &[
            "tests/browser/search.mjs".as_ref(),
            "axe".as_ref(),
            page.as_ref(),
        ],
    );
    assert!(
        axe.status.success(),
        "{}{}",
        String::from_utf8_lossy(&axe.stdout),
        String::from_utf8_lossy(&axe.stderr)
    );
}

#[test]
fn the_welsh_office_publishes_with_its_own_name_and_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let office = repo().join("offices/ombwdsmon-cymru");
    let out = tmp.path().join("out");
    publish(&office.join("cases"), &office, &out);
    let index = read(&out.join("index.html"));
    for want in [
        ">Penderfyniadau Ombwdsmon Gwasanaethau Cyhoeddus Cymru</a>",
        ">Yn ôl achos yn erbyn</a>",
        ">Yn ôl math o adroddiad</a>",
        ">Y penderfyniadau diweddaraf</h2>",
        "<dt>Pwnc</dt><dd>Tai</dd>",
        "<dt>Canlyniad</dt><dd>Datrys yn gynnar</dd>",
        "<dt>Math o adroddiad</dt><dd>Datrys yn gynnar</dd>",
    ] {
        assert!(index.contains(want), "index.html lacks {want}");
    }
    // The decision and its English translation, each at its own address.
    let page = read(&out.join("browse/fact-report-type--datrys-yn-gynnar-1.html"));
    assert_eq!(listed(&page), ["202312345", "202312345-en-gb"]);
    let csv = read(&out.join("decisions.csv"));
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",categories,report_type,parts"),
        "{csv}"
    );
    for (rel, path) in site_pages(&out) {
        assert!(!read(&path).contains("Local Government"), "{rel}");
    }
    the_library_speaks_welsh_throughout(&out);
}

/// A page or feed without the list items and entries of the English translation.
fn without_english_entries(page: &str) -> String {
    let mut out = page.to_string();
    for (open, close) in [
        ("<li class=\"decision\">", "</li>"),
        ("<entry>", "</entry>"),
    ] {
        let mut kept = String::new();
        let mut rest = out.as_str();
        while let Some(at) = rest.find(open) {
            let end = rest[at..]
                .find(close)
                .map_or(rest.len(), |e| at + e + close.len());
            kept.push_str(&rest[..at]);
            if !rest[at..end].contains("202312345-en-gb") {
                kept.push_str(&rest[at..end]);
            }
            rest = &rest[end..];
        }
        kept.push_str(rest);
        out = kept;
    }
    out
}

/// The text of a page, feed or script without its markup: what a reader is shown.
fn words_of(page: &str) -> String {
    let page = match (page.find("<style>"), page.find("</style>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &page[..a], &page[b..]),
        _ => page.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// No fixed words of the English library are left on the Welsh library's pages, in its
/// search script or in its feeds: each English `site:` text, cut at its words in braces.
fn the_library_speaks_welsh_throughout(out: &std::path::Path) {
    let wording: serde_yaml::Value =
        serde_yaml::from_str(&read(&repo().join("templates/wording.yaml"))).unwrap();
    let english: Vec<String> = wording["site"]
        .as_mapping()
        .unwrap()
        .values()
        .flat_map(|v| {
            let v = v.as_str().unwrap().to_string();
            let pieces: Vec<String> = v
                .split(['{', '}'])
                .step_by(2)
                .map(|piece| piece.trim().to_string())
                .collect();
            pieces
        })
        .filter(|piece| piece.chars().filter(|c| c.is_alphabetic()).count() >= 6)
        .collect();
    assert!(english.len() > 40, "{english:?}");
    let mut files = site_pages(out);
    files.extend(
        files_under(out)
            .into_iter()
            .filter(|(rel, _)| rel.ends_with(".xml") || rel == "search.js"),
    );
    files.retain(|(rel, _)| !rel.starts_with("decisions/"));
    assert!(files.len() > 10, "{files:?}");
    for (rel, path) in files {
        // The English translation is listed by its own title and summary, which are English.
        let text = without_english_entries(&read(&path));
        // A feed's words are its titles; its ids and addresses are for machines.
        let text = if rel.ends_with(".xml") {
            text.split("<title")
                .skip(1)
                .filter_map(|t| t.split("</title>").next())
                .collect::<Vec<_>>()
                .join(" ")
        } else if rel == "search.js" {
            // The script's words; the rest is code.
            let line = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("var WORDS = "));
            let json = line.expect("search.js has its words").trim_end_matches(';');
            let words: std::collections::BTreeMap<String, String> =
                serde_json::from_str(json).unwrap();
            words.into_values().collect::<Vec<_>>().join(" ")
        } else {
            text
        };
        let text = words_of(&text);
        for piece in &english {
            assert!(
                !text.contains(piece.as_str()),
                "{rel} has the English words {piece:?}"
            );
        }
    }
    let search = read(&out.join("search.html"));
    assert!(
        search.contains("<h1>Chwilio penderfyniadau</h1>"),
        "{search}"
    );
    let js = read(&out.join("search.js"));
    assert!(js.contains("Canfuwyd {count} penderfyniad"), "{js}");
    // Snowball has no Welsh stemmer: the index keeps Welsh words as written, not cut down
    // by the English stemmer's rules.
    let meta: serde_json::Value =
        serde_json::from_str(&read(&out.join("search/meta.json"))).unwrap();
    assert_eq!(meta["stemming"], "none");
}

/// The Welsh example and its English translation, with the translation's file as `edit`
/// makes it (or left out), published: the run's error output, or `None` when it succeeds.
fn publish_translated(edit: Option<fn(String) -> String>) -> Option<String> {
    let tmp = tempfile::tempdir().unwrap();
    let office = repo().join("offices/ombwdsmon-cymru");
    let cases = tmp.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    let welsh = read(&office.join("cases/202312345.yaml"));
    std::fs::write(cases.join("202312345.yaml"), welsh).unwrap();
    if let Some(edit) = edit {
        let english = read(&office.join("cases/202312345-en.yaml"));
        std::fs::write(cases.join("202312345-en.yaml"), edit(english)).unwrap();
    }
    let out = tmp.path().join("out");
    let run = common::bin()
        .arg("publish")
        .arg(&cases)
        .arg("--templates")
        .arg(&office)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .unwrap();
    if run.status.success() {
        return None;
    }
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists(), "a refused publish wrote its site");
    Some(String::from_utf8(run.stderr).unwrap())
}

#[test]
fn translations_are_published_together_and_name_each_other() {
    assert_eq!(publish_translated(Some(|english| english)), None);
    let place = "202312345.yaml:18:";
    let alone = publish_translated(None).expect("a translation left out is refused");
    assert!(
        alone.contains(place)
            && alone.contains("translations.en-GB: its en-GB translation (decisions/202312345-en-gb/) is not among the final decisions published"),
        "{alone}"
    );
    let one_way = publish_translated(Some(|english| {
        english.replace("translations:\n  cy: 202312345\n", "")
    }))
    .expect("a translation that does not name the decision back is refused");
    assert!(
        one_way.contains(place) && one_way.contains("does not name it back"),
        "{one_way}"
    );
    let draft = publish_translated(Some(|english| {
        english.replace("status: final", "status: draft")
    }))
    .expect("a translation still in draft is refused");
    assert!(
        draft.contains("is not among the final decisions published"),
        "{draft}"
    );
}

#[test]
fn check_of_a_folder_finds_what_publish_would_refuse_across_it() {
    let tmp = tempfile::tempdir().unwrap();
    let office = repo().join("offices/ombwdsmon-cymru");
    let welsh = tmp.path().join("202312345.yaml");
    std::fs::write(&welsh, read(&office.join("cases/202312345.yaml"))).unwrap();
    std::fs::write(
        tmp.path().join("copy.yaml"),
        read(&office.join("cases/202312345.yaml")),
    )
    .unwrap();
    let check = |path: &std::path::Path| {
        let run = common::bin()
            .arg("check")
            .arg(path)
            .arg("--templates")
            .arg(&office)
            .output()
            .unwrap();
        (run.status.code(), String::from_utf8(run.stdout).unwrap())
    };
    // One file alone is checked alone: its translation may be elsewhere.
    assert_eq!(check(&welsh).0, Some(0));
    // The folder is checked as publish checks it: the translation it names is missing, and
    // two files give one reference.
    let (code, out) = check(tmp.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("202312345.yaml:18:10: error: translations.en-GB: its en-GB translation"),
        "{out}"
    );
    assert!(
        out.contains("error: reference: duplicate reference 202312345"),
        "{out}"
    );
    // With its translation beside it, and the copy gone, the folder is clean.
    std::fs::remove_file(tmp.path().join("copy.yaml")).unwrap();
    std::fs::write(
        tmp.path().join("202312345-en.yaml"),
        read(&office.join("cases/202312345-en.yaml")),
    )
    .unwrap();
    assert_eq!(check(tmp.path()).0, Some(0));
}

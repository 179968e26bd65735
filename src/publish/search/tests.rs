//! Tests of the index as a whole: what a query finds, read back from the files, and that an
//! update gives the index a full build gives.

use super::read::contents;
use super::text::{pair, plain_text, Stems};
use super::{update, Doc, Input};
use crate::publish::row::Row;
use std::collections::BTreeSet;
use std::path::Path;

fn row(slug: &str, authority: &str, outcome: &str, date: &str) -> Row {
    let reference = slug.replace('-', " ");
    serde_json::from_value(serde_json::json!({
        "reference": reference, "slug": slug, "title": format!("{authority} ({reference})"),
        "authority": authority, "category": "Housing > Homelessness", "category_area": "Housing",
        "category_subject": "Homelessness", "outcome": outcome, "outcome_key": outcome.to_lowercase(),
        "decided": date, "decided_iso": date, "year": 2022, "summary": "A summary."
    }))
    .unwrap()
}

fn write_md(site: &Path, slug: &str, body: &str) {
    let dir = site.join("decisions").join(slug);
    std::fs::create_dir_all(&dir).unwrap();
    let md = format!("---\ntitle: \"draftsecret\"\n---\n\n# {slug}\n\n{body}\n");
    std::fs::write(dir.join("decision.md"), md).unwrap();
}

const TEXTS: [&str; 4] = [
    "Mr X complained that the Council delayed. The Council complains rarely.",
    "Ms Y says the Council gave her temporary accommodation far away.",
    "The housing officer complained about the temporary officer.",
    "I do not uphold the complaint about accommodation.",
];

fn index(site: &Path, previous: Option<&Path>, rows: &[Row], changed: &[bool]) -> super::Stats {
    let docs: Vec<Doc> = rows
        .iter()
        .zip(changed)
        .map(|(row, &changed)| Doc {
            row,
            html: true,
            pdf: false,
            changed,
        })
        .collect();
    update(&Input {
        site,
        previous,
        docs: &docs,
        lang: "en-GB",
    })
    .unwrap()
}

#[test]
fn an_update_finds_what_a_full_build_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    let outcomes = ["Upheld", "Upheld", "Not upheld", "Upheld"];
    let rows: Vec<Row> = (0..4)
        .map(|i| {
            row(
                &format!("22-000-00{i}"),
                &format!("Town {}", i % 2),
                outcomes[i],
                &format!("2022-0{}-01", 4 - i),
            )
        })
        .collect();
    for (i, text) in TEXTS.iter().enumerate() {
        write_md(&a, rows[i].slug(), text);
    }
    let first = index(&a, None, &rows, &[true; 4]);
    assert!(first.rebuilt);
    // One word of one decision changes, one decision goes, one comes.
    let mut next: Vec<Row> = rows[..3].to_vec();
    next.push(row("22-000-009", "Town 9", "Upheld", "2021-01-05"));
    let texts = [
        TEXTS[0],
        TEXTS[1].replace("far away", "nearby").leak(),
        TEXTS[2],
        "A new decision about parking.",
    ];
    for site in [&b, &c] {
        for (r, t) in next.iter().zip(texts) {
            write_md(site, r.slug(), t);
        }
    }
    let changed = [false, true, false, true];
    let updated = index(&b, Some(&a), &next, &changed);
    assert!(!updated.rebuilt, "{updated:?}");
    assert_eq!(updated.fragments_written, 2);
    let full = index(&c, None, &next, &[true; 4]);
    assert!(full.rebuilt);
    let (got, want) = (contents(&b).unwrap(), contents(&c).unwrap());
    assert_eq!(got, want);
    // The update read its changed decisions' places from `q/`, the full build from `p/`.
    let meta = |site: &Path| -> super::table::Meta {
        serde_json::from_slice(&std::fs::read(site.join("search/meta.json")).unwrap()).unwrap()
    };
    assert_eq!(meta(&b).moved.len(), 2);
    assert!(meta(&c).moved.is_empty());
    let stems = Stems::for_lang("en");
    let nearby = holders(&got, &stems.stems("her temporary accommodation nearby"));
    assert_eq!(nearby, BTreeSet::from(["22-000-001".to_string()]));
    assert!(got.keys.contains_key("nearbi"));
    assert!(!got.keys.contains_key("far"), "the old word is gone");
    assert!(
        !got.keys.contains_key("draftsecret"),
        "front matter is not indexed"
    );
}

#[test]
fn stems_pairs_and_filters_find_what_a_scan_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    let rows: Vec<Row> = (0..4)
        .map(|i| {
            row(
                &format!("22-000-00{i}"),
                "Town",
                if i == 2 { "Not upheld" } else { "Upheld" },
                "2022-01-01",
            )
        })
        .collect();
    for (i, text) in TEXTS.iter().enumerate() {
        write_md(site, rows[i].slug(), text);
    }
    index(site, None, &rows, &[true; 4]);
    let found = contents(site).unwrap();
    let stems = Stems::for_lang("en");
    let scan = |f: &dyn Fn(&[String]) -> bool| -> BTreeSet<String> {
        rows.iter()
            .filter(|r| {
                let md = std::fs::read_to_string(
                    site.join("decisions").join(r.slug()).join("decision.md"),
                )
                .unwrap();
                f(&stems.stems(&plain_text(&md)))
            })
            .map(|r| r.slug().to_string())
            .collect()
    };
    let complain = stems.stem("complained");
    assert_eq!(
        found.keys["complained"].0.as_ref().map(|a| a.0.as_str()),
        Some(complain.as_str())
    );
    assert_eq!(found.keys[&complain].1, scan(&|w| w.contains(&complain)));
    assert_eq!(found.keys[&complain].1.len(), 2);
    let temporary = pair(&stems.stem("temporary"), &stems.stem("accommodation"));
    let phrase = |w: &[String]| w.windows(2).any(|p| pair(&p[0], &p[1]) == temporary);
    assert_eq!(found.keys[&temporary].1, scan(&phrase));
    assert_eq!(
        found.keys[&temporary].1.len(),
        1,
        "the phrase, not the two words apart"
    );
    assert_eq!(found.filters["outcome=not upheld"].len(), 1);
    // Each run of three words of this phrase stands in the first decision, but not the
    // phrase: "that the Council delayed" and "The Council complains" are apart.
    let split = stems.stems("that the Council complains");
    let whole = stems.stems("the Council complains rarely");
    for words in [&split, &whole] {
        let runs = |w: &[String]| words.windows(3).all(|t| w.windows(3).any(|x| x == t));
        assert_eq!(scan(&runs).len(), 1);
        assert_eq!(
            holders(&found, words),
            scan(&|w| w.windows(words.len()).any(|x| x == &words[..]))
        );
    }
    assert!(holders(&found, &split).is_empty());
    assert_eq!(holders(&found, &whole).len(), 1);
}

/// The decisions holding a phrase of three stems or more, found as the search page finds
/// them: where the phrase's first triple stands at some place, and the triples that tile it
/// at that place and the right distance on.
fn holders(found: &super::read::Contents, phrase: &[String]) -> BTreeSet<String> {
    let n = phrase.len();
    let mut offsets: Vec<usize> = (0..n - 2).step_by(3).collect();
    offsets.push(n - 3);
    let at = |off: usize, slug: &str| -> BTreeSet<u32> {
        let key = phrase[off..off + 3].join(" ");
        found
            .places
            .get(&(key, slug.to_string()))
            .map(|v| v.iter().copied().collect())
            .unwrap_or_default()
    };
    found
        .fragments
        .keys()
        .filter(|slug| {
            at(0, slug).iter().any(|&p| {
                offsets
                    .iter()
                    .all(|&off| at(off, slug).contains(&(p + off as u32)))
            })
        })
        .cloned()
        .collect()
}

#[test]
fn a_long_text_is_cut_for_its_excerpt_between_words() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    let rows = [row("22-000-001", "Town", "Upheld", "2022-01-01")];
    // Nine characters a word with its space: the limit falls inside a word.
    let body: Vec<String> = (0..1000).map(|i| format!("w{i:07}")).collect();
    write_md(site, rows[0].slug(), &body.join(" "));
    index(site, None, &rows, &[true]);
    let found = contents(site).unwrap();
    let text = found.fragments[rows[0].slug()]["text"].as_str().unwrap();
    assert!(text.len() <= super::fragment::TEXT_LIMIT && text.len() > 5900);
    // The heading first, then whole words of the body only: the last is not cut short.
    let words: Vec<&str> = text.split(' ').collect();
    assert_eq!(words[0], "22-000-001");
    let body: Vec<&str> = body[..words.len() - 1].iter().map(String::as_str).collect();
    assert_eq!(words[1..], body[..]);
}

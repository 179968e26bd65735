//! Published LGSCO decisions, written as case files in `tests/fixtures/real/REF/case.yaml`,
//! rebuilt word for word and number for number against the published text beside them. A
//! decision copied as issued (a PDF letter of its time) keeps that era's wording and letter
//! head in `templates/` beside it, and is built with them.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// The fixture folders, sorted: each holds `case.yaml`, `published.txt` and `SOURCE.md`.
fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The Markdown that `build` writes for the fixture in `dir`, with its own `templates/` where
/// it has them.
fn markdown(dir: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let templates = dir.join("templates");
    if templates.is_dir() {
        bin()
            .args(["build", "--quiet", "--format", "md", "--templates"])
            .arg(&templates)
            .arg("--out")
            .arg(out.path())
            .arg(dir.join("case.yaml"))
            .assert()
            .success();
    } else {
        build(&dir.join("case.yaml"), out.path(), "md");
    }
    // The one decision built: a draft's folder is named `REF-draft`, its output `REF`.
    let built = std::fs::read_dir(out.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    std::fs::read_to_string(built.path().join("decision.md")).unwrap()
}

/// The decision's reference as its address writes it: the folder's name, without the
/// `-draft` that tells a draft's folder from its final decision's.
fn reference(dir: &Path) -> String {
    let name = dir.file_name().unwrap().to_string_lossy();
    name.strip_suffix("-draft").unwrap_or(&name).to_string()
}

fn published(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("published.txt")).unwrap()
}

/// How many numbered paragraphs the published text has: lines whose list marker (`1. ` or
/// `- `) stands at most two spaces in. The web copies read number each section from 1 again,
/// so the marker counts paragraphs but does not give their number; the bullets of a copy are
/// indented further, under their paragraph.
fn published_paragraphs(text: &str) -> u64 {
    let is_paragraph = |line: &str| {
        let trimmed = line.trim_start();
        line.len() - trimmed.len() <= 2 && strip_list_marker(trimmed).len() < trimmed.len()
    };
    text.lines().filter(|l| is_paragraph(l)).count() as u64
}

#[test]
fn there_are_real_decisions() {
    assert!(fixtures().len() >= 5, "{:?}", fixtures());
    for dir in fixtures() {
        let source = std::fs::read_to_string(dir.join("SOURCE.md")).unwrap();
        let name = reference(&dir);
        // A web copy gives its address; a copy as issued gives where it was read, and its
        // letter head names the reference.
        let web = source.contains("https://www.lgo.org.uk/decisions/")
            && source.contains(&format!("/{name}\n"));
        let issued = source.contains("- Issued copy: http")
            && published(&dir).contains(&format!(
                "Complaint reference:\n{}\n",
                name.replace('-', " ")
            ));
        assert!(
            (web || issued)
                && source.contains(
                    "© Local Government and Social Care Ombudsman. Reused with attribution."
                ),
            "{}: SOURCE.md needs the address and the attribution",
            dir.display()
        );
    }
}

#[test]
fn real_decisions_have_the_published_words() {
    for dir in fixtures() {
        let md = markdown(&dir);
        let expected = published_words(&published(&dir));
        assert_same_words(&md_words(&md), &expected, &dir.display().to_string());
    }
}

#[test]
fn real_decisions_number_their_paragraphs_as_published() {
    for dir in fixtures() {
        let md = markdown(&dir);
        let count = published_paragraphs(&published(&dir));
        assert!(
            count > 0,
            "{}: no paragraphs in published.txt",
            dir.display()
        );
        assert_eq!(
            paragraph_numbers(&md),
            (1..=count).collect::<Vec<u64>>(),
            "{}",
            dir.display()
        );
    }
}

/// The Markdown of `md`'s section under `## heading`, up to the next section.
fn section<'a>(md: &'a str, heading: &str) -> Option<&'a str> {
    let start = md.find(&format!("\n## {heading}\n"))? + heading.len() + 5;
    let rest = &md[start..];
    Some(&rest[..rest.find("\n## ").unwrap_or(rest.len())])
}

#[test]
fn real_decisions_include_upheld_ones_with_and_without_agreed_action() {
    let mut without = Vec::new();
    let mut narrative = Vec::new();
    for dir in fixtures() {
        let md = markdown(&dir);
        if !md.contains("\noutcome: \"Upheld\"\n") {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        match section(&md, "Agreed action") {
            None => without.push(name),
            // Narrative: numbered paragraphs only, no lettered actions under a deadline.
            Some(text) if !text.lines().any(|l| l.starts_with(' ')) => narrative.push(name),
            Some(_) => {}
        }
    }
    assert!(
        !without.is_empty(),
        "no upheld decision without Agreed action"
    );
    assert!(
        !narrative.is_empty(),
        "no upheld decision with a narrative Agreed action"
    );
}

/// A citation that a published page sets on a line of its own after a list stands on a line of
/// its own in ours; one that ends the list's last item ends ours. The seed's page does the
/// latter, most pages the former.
#[test]
fn citations_after_lists_stand_where_published() {
    let seed = repo().join("cases/21-016-384.yaml");
    let seed_text = std::fs::read_to_string(repo().join("tests/golden/decision-21-016-384.txt"))
        .expect("the seed's published text");
    let out = tempfile::tempdir().unwrap();
    build(&seed, out.path(), "md");
    let seed_md = std::fs::read_to_string(out.path().join("21-016-384/decision.md")).unwrap();
    let mut cases = vec![(seed_text, seed_md)];
    cases.extend(fixtures().iter().map(|d| (published(d), markdown(d))));
    let mut seen = (0, 0);
    for (text, md) in &cases {
        let ours: Vec<&str> = md.lines().map(str::trim).collect();
        for line in text.lines().map(str::trim) {
            let bare = line.trim_start_matches(['•', '-', ' ']);
            let Some(at) = bare.find("(Local Government Act") else {
                continue;
            };
            if at == 0 {
                seen.0 += 1;
                assert!(ours.contains(&bare), "“{bare}” on its own line:\n{md}");
            } else if line.starts_with('•') {
                seen.1 += 1;
                assert!(
                    ours.iter()
                        .any(|l| l.starts_with("- ") && l.ends_with(bare)),
                    "“{bare}” as the end of a list item:\n{md}"
                );
            }
        }
    }
    // Both forms are among the decisions.
    assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
}

//! Every example case builds, and its Markdown matches the reviewed snapshot in
//! `tests/snapshots/` (regenerate with `INSTA_UPDATE=always cargo test --test examples`).

mod common;
use common::*;

#[test]
fn example_markdown_snapshots() {
    let out = tempfile::tempdir().unwrap();
    for case in examples() {
        build(&case, out.path(), "md");
        let slug = case.file_stem().unwrap().to_str().unwrap().to_string();
        let md = std::fs::read_to_string(out.path().join(&slug).join("decision.md")).unwrap();
        insta::assert_snapshot!(slug, md);
    }
}

#[test]
fn examples_number_paragraphs_continuously() {
    let out = tempfile::tempdir().unwrap();
    for case in examples() {
        build(&case, out.path(), "md");
        let slug = case.file_stem().unwrap().to_str().unwrap().to_string();
        let md = std::fs::read_to_string(out.path().join(&slug).join("decision.md")).unwrap();
        let numbers = paragraph_numbers(&md);
        assert!(numbers.len() >= 6, "{slug}: {numbers:?}");
        assert_eq!(
            numbers,
            (1..=numbers.len() as u64).collect::<Vec<_>>(),
            "{slug}"
        );
    }
}

#[test]
fn cross_references_become_links_to_paragraphs() {
    let out = tempfile::tempdir().unwrap();
    build(&repo().join("cases/23-004-117.yaml"), out.path(), "md");
    let md = std::fs::read_to_string(out.path().join("23-004-117/decision.md")).unwrap();
    // [[para:letter]] is the first paragraph under "What happened".
    let what_happened = md.find("### What happened").unwrap();
    let first = &md[what_happened..];
    let n: String = first
        .lines()
        .nth(2)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(md.contains(&format!("[paragraph {n}](#para-{n})")), "{md}");
    // The lettered point with `id: letters` is cited as e.g. 19(a).
    assert!(md.contains("Within three months of the final decision, the Council has agreed to:"));
}

#[test]
fn drafts_say_draft() {
    let out = tempfile::tempdir().unwrap();
    build(&repo().join("cases/24-011-902.yaml"), out.path(), "md");
    let md = std::fs::read_to_string(out.path().join("24-011-902/decision.md")).unwrap();
    assert!(md.contains("**The Ombudsman's draft decision:**"));
    assert!(md.contains("status: \"draft\""));
    assert!(!md.contains("final decision:**"));
}

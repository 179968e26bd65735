//! The seed decision 21 016 384, rebuilt from its case file, word for word and number for number.

mod common;
use common::*;

/// The published text from its first line to the sign-off, without the web page's chrome
/// ("Back to top") and without the list markers that the copy from the page left behind.
fn published_words() -> Vec<String> {
    let text =
        std::fs::read_to_string(repo().join("tests/golden/decision-21-016-384.txt")).unwrap();
    let end = text
        .find("Print this page")
        .expect("the sign-off comes before 'Print this page'");
    common::published_words(&text[..end])
}

#[test]
fn seed_markdown_has_the_published_words() {
    let out = tempfile::tempdir().unwrap();
    build(&repo().join("cases/21-016-384.yaml"), out.path(), "md");
    let md = std::fs::read_to_string(out.path().join("21-016-384/decision.md")).unwrap();
    assert_same_words(&md_words(&md), &published_words(), "seed decision");
}

#[test]
fn seed_paragraphs_are_numbered_one_to_nine() {
    let out = tempfile::tempdir().unwrap();
    build(&repo().join("cases/21-016-384.yaml"), out.path(), "md");
    let md = std::fs::read_to_string(out.path().join("21-016-384/decision.md")).unwrap();
    assert_eq!(paragraph_numbers(&md), (1..=9).collect::<Vec<u64>>());
    // Any CommonMark renderer keeps the numbers: the lists carry their start numbers.
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body(&md)));
    for start in [
        "<ol start=\"2\">",
        "<ol start=\"5\">",
        "<ol start=\"8\">",
        "<ol start=\"9\">",
    ] {
        assert!(html.contains(start), "{start} missing from\n{html}");
    }
    assert_eq!(html.matches("<ol>").count(), 1, "the complaint list");
    // The lettered areas carry their letters as text, which no renderer renumbers.
    for letter in ["a", "b", "c"] {
        assert!(
            html.contains(&format!("<li>\n<p>{letter}) Mr X")),
            "{letter}) in\n{html}"
        );
    }
}

#[test]
fn seed_front_matter_reads_as_metadata() {
    let out = tempfile::tempdir().unwrap();
    build(&repo().join("cases/21-016-384.yaml"), out.path(), "md");
    let md = std::fs::read_to_string(out.path().join("21-016-384/decision.md")).unwrap();
    let fm = md
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    let meta: serde_yaml::Mapping = serde_yaml::from_str(fm).unwrap();
    let get = |k: &str| {
        meta.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(get("title"), "Leeds City Council (21 016 384)");
    assert_eq!(get("reference"), "21 016 384");
    assert_eq!(
        get("category"),
        "Children's care services > Child protection"
    );
    assert_eq!(get("outcome"), "Closed after initial enquiries");
    assert_eq!(get("date"), "2022-03-10");
    assert_eq!(get("status"), "final");
    assert_eq!(get("lang"), "en-GB");
}

//! Fixtures and poppler-utils helpers for the PDF renderer's tests.

use std::process::Command;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::super::{Fonts, PdfMeta};

pub(super) const LEEDS: &str = include_str!("testdata/leeds.md");
pub(super) const HEADER: &str = "Leeds City Council (21 016 384)";

pub(super) fn fonts() -> &'static Fonts {
    static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| Fonts::bundled().expect("bundled fonts parse"))
}

pub(super) fn meta(draft: bool) -> PdfMeta<'static> {
    static KEYWORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PdfMeta {
        title: "Leeds City Council (21 016 384)",
        author: "Local Government and Social Care Ombudsman",
        subject: "We will not investigate Mr X’s complaint about a children services assessment.",
        keywords: KEYWORDS.get_or_init(|| {
            vec![
                "Children's care services".to_string(),
                "Child protection".to_string(),
            ]
        }),
        running_header: HEADER,
        date: (2022, 3, 10),
        draft,
        draft_mark: "DRAFT",
        page_of: "Page {n} of {total}",
        lang: "en-GB",
    }
}

/// A long decision: about `paragraphs` numbered paragraphs over several sections, lettered
/// points with second paragraphs, bullets, cross-references and URLs too long for a line.
pub(super) fn long_markdown(paragraphs: usize) -> String {
    let sentences = [
        "The Council says it has already made some amendments to take into account the factual errors he alleged.",
        "Mr X has the right to ask that records are ‘rectified’, which means any factual errors are corrected.",
        "We provide a free service, but must use public money carefully.",
        "It is unlikely our investigation would achieve more than the £250 the Council has already offered.",
        "The care provider’s records for 2020–21 show the visits were shorter than the care plan said they should be.",
    ];
    let mut md = String::from(
        "# Leeds City Council (21 016 384)\n\nCategory : Adult care services > Assessment and care plan\n\nDecision : Upheld\n\nDecision date : 10 Mar 2022\n\n**The Ombudsman's draft decision:**\n\n**Summary:** Mrs Y complains about the Council’s care charges. We found fault causing injustice.\n",
    );
    let sections = [
        ("The complaint", None),
        ("The Ombudsman’s role and powers", None),
        ("How I considered this complaint", None),
        (
            "What I found",
            Some(["Law and guidance", "What happened", "Analysis"]),
        ),
        ("Agreed action", None),
        ("Final decision", None),
    ];
    let mut n = 1;
    for (s, (title, subs)) in sections.iter().enumerate() {
        md.push_str(&format!("\n## {title}\n"));
        let parts: Vec<Option<&str>> = match subs {
            Some(subs) => subs.iter().map(|t| Some(*t)).collect(),
            None => vec![None],
        };
        for sub in parts {
            if let Some(sub) = sub {
                md.push_str(&format!("\n### {sub}\n"));
            }
            for k in 0..(if subs.is_some() { 12 } else { 6 }) {
                let len = 1 + (n * 7 + s) % 5;
                let mut text: Vec<&str> = (0..len).map(|i| sentences[(n + i) % 5]).collect();
                if n % 9 == 0 {
                    text.push("See [paragraph 3](#para-3) and *the guidance* at <https://www.lgo.org.uk/information-centre/reports/annual-review-reports/adult-social-care-reviews/a-very-long-path-segment-that-cannot-fit-on-one-line-of-text-at-all>.");
                }
                md.push_str(&format!("\n{n}. {}\n", text.join(" ")));
                if k % 4 == 1 {
                    // Nested blocks line up with the text after "N. ".
                    let pad = " ".repeat(format!("{n}. ").len());
                    let points = "1. **Mr X** says the Council failed to disclose the assessment.\n\n   The ICO is better placed; see [point a](#para-8a).\n\n2. The visits were short:\n\n   - on 3 May 2021 – by 20 minutes, and\n   - on 4 May 2021 – by 25 minutes.\n";
                    md.push('\n');
                    for line in points.lines() {
                        if !line.is_empty() {
                            md.push_str(&pad);
                        }
                        md.push_str(line);
                        md.push('\n');
                    }
                }
                n += 1;
                if n > paragraphs {
                    break;
                }
            }
        }
    }
    md.push_str("\nInvestigator's decision on behalf of the Ombudsman\n");
    md
}

pub(super) fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let path = path.to_str().expect("utf-8 path");
    let mut all: Vec<&str> = args.to_vec();
    all.push(path);
    if tool == "pdftotext" {
        all.push("-");
    }
    let out = Command::new(tool)
        .args(&all)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The words a reader should get from the PDF: the Markdown's text with list markers as the
/// PDF shows them (1., a), •).
pub(super) fn expected_words(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    let mut lists: Vec<(Option<u64>, usize)> = Vec::new(); // (next number, ordered depth)
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::List(start)) => {
                let depth = lists.iter().filter(|l| l.0.is_some()).count();
                lists.push((start, depth));
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                let bullets = lists.iter().filter(|l| l.0.is_none()).count();
                if let Some(list) = lists.last_mut() {
                    let marker = match list {
                        (Some(n), 0) => format!("{n}."),
                        (Some(n), _) => format!("{})", char::from(b'a' + (*n as u8 - 1))),
                        (None, _) if bullets > 1 => "–".to_string(),
                        (None, _) => "•".to_string(),
                    };
                    if let Some(n) = &mut list.0 {
                        *n += 1;
                    }
                    text.push_str(&format!(" {marker} "));
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

/// The body words of the PDF, page by page, without running header, DRAFT mark and footer.
pub(super) fn body_words(pdf: &[u8], draft: bool) -> Vec<String> {
    let text = run("pdftotext", &["-enc", "UTF-8"], pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let total = pages.len();
    let header: Vec<&str> = HEADER.split_whitespace().collect();
    let mut words = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut page_words: Vec<&str> = page.split_whitespace().collect();
        let footer = format!("Page {} of {total}", i + 1);
        let footer: Vec<&str> = footer.split_whitespace().collect();
        if draft {
            // The mark shares the header's baseline; either may come first.
            let at = page_words.iter().position(|w| *w == "DRAFT");
            assert!(
                at.is_some_and(|at| at <= header.len()),
                "page {}: {page}",
                i + 1
            );
            page_words.remove(at.unwrap_or(0));
        }
        assert!(
            page_words.starts_with(&header),
            "page {} header: {page}",
            i + 1
        );
        page_words.drain(..header.len());
        assert!(
            page_words.ends_with(&footer),
            "page {} footer: {page}",
            i + 1
        );
        page_words.truncate(page_words.len() - footer.len());
        words.extend(page_words.into_iter().map(str::to_string));
    }
    words
}

/// Each expected word must come out whole, or (a URL cut at the margin) as consecutive pieces.
pub(super) fn assert_same_words(expected: &[String], got: &[String]) {
    let mut g = 0;
    for (e, word) in expected.iter().enumerate() {
        let mut joined = String::new();
        while joined.len() < word.len() && g < got.len() {
            joined.push_str(&got[g]);
            g += 1;
        }
        assert_eq!(
            &joined,
            word,
            "word {e} differs; expected …{}…, got …{}…",
            expected[e.saturating_sub(5)..(e + 5).min(expected.len())].join(" "),
            got[g.saturating_sub(8)..(g + 3).min(got.len())].join(" ")
        );
    }
    assert_eq!(g, got.len(), "extra words: {:?}", &got[g..]);
}

pub(super) fn field<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map(str::trim)
        .unwrap_or_else(|| panic!("{key} missing from:\n{info}"))
}

//! End-to-end tests of the PDF renderer, checked with poppler-utils (pdftotext, pdffonts,
//! pdfinfo) as a reader would see the file.

use std::path::Path;
use std::process::Command;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::*;

const LEEDS: &str = include_str!("testdata/leeds.md");
const HEADER: &str = "Leeds City Council (21 016 384)";

fn fonts() -> &'static Fonts {
    static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| Fonts::bundled().expect("bundled fonts parse"))
}

fn meta(draft: bool) -> PdfMeta<'static> {
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
        lang: "en-GB",
    }
}

/// A long decision: 60 numbered paragraphs over several sections, lettered points with second
/// paragraphs, bullets, cross-references and URLs too long for a line.
fn long_markdown(paragraphs: usize) -> String {
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

fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
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
fn expected_words(markdown: &str) -> Vec<String> {
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
fn body_words(pdf: &[u8], draft: bool) -> Vec<String> {
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
fn assert_same_words(expected: &[String], got: &[String]) {
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

#[test]
fn sample_extracts_the_markdown_words_in_order() {
    let pdf = render(LEEDS, &meta(false), fonts()).expect("renders");
    let got = body_words(&pdf, false);
    assert_same_words(&expected_words(LEEDS), &got);
    for must in ["X’s", "‘maladministration’", "£150", "2021–22", "8."] {
        assert!(got.iter().any(|w| w.contains(must)), "{must} missing");
    }
}

#[test]
fn long_decision_extracts_in_order_with_draft_on_every_page() {
    let md = long_markdown(60);
    let pdf = render(&md, &meta(true), fonts()).expect("renders");
    let got = body_words(&pdf, true);
    assert_same_words(&expected_words(&md), &got);
    let info = run("pdfinfo", &[], &pdf);
    let pages: usize = field(&info, "Pages").parse().expect("page count");
    assert!(pages >= 6, "{pages} pages");
}

fn field<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map(str::trim)
        .unwrap_or_else(|| panic!("{key} missing from:\n{info}"))
}

#[test]
fn metadata_page_size_and_tagging() {
    let pdf = render(LEEDS, &meta(false), fonts()).expect("renders");
    let info = run("pdfinfo", &["-isodates"], &pdf);
    assert_eq!(field(&info, "Title"), "Leeds City Council (21 016 384)");
    assert_eq!(
        field(&info, "Author"),
        "Local Government and Social Care Ombudsman"
    );
    assert!(field(&info, "Subject").starts_with("We will not investigate Mr X’s"));
    assert_eq!(
        field(&info, "Keywords"),
        "Children's care services; Child protection"
    );
    assert!(
        field(&info, "CreationDate").starts_with("2022-03-10"),
        "{info}"
    );
    assert!(
        field(&info, "Page size").starts_with("595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert_eq!(field(&info, "Tagged"), "yes");
    assert_eq!(field(&info, "Pages"), "2");
    assert_eq!(field(&info, "PDF version"), "1.7");
}

#[test]
fn three_page_decision_is_small() {
    let md = long_markdown(12);
    let pdf = render(&md, &meta(false), fonts()).expect("renders");
    let info = run("pdfinfo", &[], &pdf);
    assert_eq!(field(&info, "Pages"), "3");
    let size = pdf.len();
    assert!(size <= 50 * 1024, "3-page decision is {size} bytes");
}

#[test]
fn fonts_are_embedded_and_subset() {
    let pdf = render(LEEDS, &meta(true), fonts()).expect("renders");
    let list = run("pdffonts", &[], &pdf);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{list}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains("+LiberationSans"), "{row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{row}"
        );
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let a = render(LEEDS, &meta(true), fonts()).expect("renders");
    let other = Fonts::bundled().expect("fonts");
    let b = render(LEEDS, &meta(true), &other).expect("renders");
    assert!(a == b, "two renders differ");
}

#[test]
fn draft_mark_on_every_page() {
    let pdf = render(LEEDS, &meta(true), fonts()).expect("renders");
    let text = run("pdftotext", &["-enc", "UTF-8"], &pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(|p| p.contains("DRAFT")));
    let final_text = run(
        "pdftotext",
        &[],
        &render(LEEDS, &meta(false), fonts()).expect("renders"),
    );
    assert!(!final_text.contains("DRAFT"));
}

#[test]
fn no_text_outside_the_margins() {
    for pdf in [
        render(LEEDS, &meta(true), fonts()).expect("renders"),
        render(&long_markdown(60), &meta(false), fonts()).expect("renders"),
    ] {
        let html = run("pdftotext", &["-bbox"], &pdf);
        for line in html.lines().filter(|l| l.contains("<word ")) {
            let num = |key: &str| -> f32 {
                let rest = &line[line.find(&format!("{key}=\"")).expect(key) + key.len() + 2..];
                rest[..rest.find('"').expect("quote")]
                    .parse()
                    .expect("number")
            };
            let (x0, y0, x1, y1) = (num("xMin"), num("yMin"), num("xMax"), num("yMax"));
            assert!(x0 >= MARGIN_LEFT - 0.5, "left of margin: {line}");
            assert!(
                x1 <= MARGIN_LEFT + TEXT_WIDTH + 0.5,
                "right of margin: {line}"
            );
            let in_header = y1 < PAGE_HEIGHT - BODY_TOP - 8.0;
            let in_footer = y0 > PAGE_HEIGHT - BODY_BOTTOM + 20.0;
            if !in_header && !in_footer {
                assert!(
                    y0 >= PAGE_HEIGHT - BODY_TOP - 1.0,
                    "above text area: {line}"
                );
                assert!(
                    y1 <= PAGE_HEIGHT - BODY_BOTTOM + 1.0,
                    "below text area: {line}"
                );
            }
        }
    }
}

#[test]
fn no_widows_orphans_or_stranded_headings() {
    let md = long_markdown(60);
    let doc = parse::parse(&md, fonts()).expect("parses");
    let laid = layout::layout(&doc.blocks, fonts());
    for (p, page) in laid.pages.iter().enumerate() {
        let last_line = page.iter().map(|x| x.baseline).fold(f32::MAX, f32::min);
        let last = page
            .iter()
            .rfind(|x| x.baseline == last_line)
            .expect("text");
        let role = doc.nodes[last.node].role;
        assert!(
            !matches!(role, parse::Role::H(_)),
            "page {p} ends with a heading"
        );
    }
    // A paragraph continued over a page break keeps two lines on each side.
    let mut lines: std::collections::BTreeMap<usize, Vec<(usize, f32)>> = Default::default();
    for (p, page) in laid.pages.iter().enumerate() {
        for x in page {
            let mut node = x.node;
            while doc.nodes[node].role == parse::Role::Link {
                node = doc.nodes[node].parent.expect("link in paragraph");
            }
            let entry = lines.entry(node).or_default();
            if !entry.contains(&(p, x.baseline)) {
                entry.push((p, x.baseline));
            }
        }
    }
    for (node, spots) in lines {
        let pages: std::collections::BTreeSet<usize> = spots.iter().map(|s| s.0).collect();
        if pages.len() > 1 {
            for page in pages {
                let n = spots.iter().filter(|s| s.0 == page).count();
                assert!(n >= 2, "paragraph {node} has {n} line(s) on page {page}");
            }
        }
    }
}

#[test]
fn unknown_characters_are_reported() {
    let err = render("1. A smile \u{1F642} here.", &meta(false), fonts()).expect_err("no glyph");
    assert!(err.to_string().contains("U+1F642"), "{err}");
}

/// Writes sample PDFs for inspection when DECISIONS_PDF_SAMPLES names a directory.
#[test]
fn write_samples() {
    let Ok(dir) = std::env::var("DECISIONS_PDF_SAMPLES") else {
        return;
    };
    let dir = Path::new(&dir);
    let long = long_markdown(60);
    for (name, md, draft) in [
        ("pdf-sample.pdf", LEEDS, false),
        ("pdf-sample-draft.pdf", LEEDS, true),
        ("pdf-sample-long.pdf", long.as_str(), true),
    ] {
        let start = std::time::Instant::now();
        let pdf = render(md, &meta(draft), fonts()).expect("renders");
        eprintln!("{name}: {} bytes in {:?}", pdf.len(), start.elapsed());
        std::fs::write(dir.join(name), pdf).expect("write sample");
    }
}

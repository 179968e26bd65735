//! End-to-end tests of the PDF renderer, checked with poppler-utils (pdftotext, pdffonts,
//! pdfinfo) as a reader would see the file.

mod support;

use std::path::Path;

use super::*;
use support::*;

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
    let xmp = run("pdfinfo", &["-meta"], &pdf);
    assert!(
        xmp.contains(">Leeds City Council (21 016 384)</rdf:li>"),
        "{xmp}"
    );
    assert!(
        xmp.contains("<xmp:CreateDate>2022-03-10T00:00:00Z<"),
        "{xmp}"
    );
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
    let laid = layout::layout(&doc.blocks, &doc.tables, fonts());
    for (p, page) in laid.pages.iter().enumerate() {
        let last_line = page.iter().map(|x| x.baseline).fold(f32::MAX, f32::min);
        let last = page
            .iter()
            .rfind(|x| x.baseline == last_line)
            .expect("text");
        let role = doc.nodes[last.node].role;
        assert!(
            !last.text.ends_with(':'),
            "page {p} ends with a lead-in: {}",
            last.text
        );
        assert!(
            !matches!(role, model::Role::H(_)),
            "page {p} ends with a heading"
        );
    }
    // A paragraph continued over a page break keeps two lines on each side.
    let mut lines: std::collections::BTreeMap<usize, Vec<(usize, f32)>> = Default::default();
    for (p, page) in laid.pages.iter().enumerate() {
        for x in page {
            let mut node = x.node;
            while doc.nodes[node].role == model::Role::Link {
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

/// A heading, or a chain of them, followed by a short paragraph, wherever it falls on the page.
#[test]
fn headings_travel_with_the_first_lines_after_them() {
    let sentence = "This paragraph is set after two headings and must share their page. ";
    for (filler, length) in (15..35).flat_map(|f| (1..=6).map(move |l| (f, l))) {
        let mut md = String::from("# Title\n\n");
        for n in 1..=filler {
            md.push_str(&format!("{n}. A line.\n\n"));
        }
        md.push_str(&format!(
            "## What I found\n\n### Law and guidance\n\n{}. Start {}\n",
            filler + 1,
            sentence.repeat(length)
        ));
        let doc = parse::parse(&md, fonts()).expect("parses");
        let laid = layout::layout(&doc.blocks, &doc.tables, fonts());
        let page_of = |text: &str| {
            laid.pages
                .iter()
                .position(|p| p.iter().any(|x| x.text.contains(text)))
                .expect(text)
        };
        let (h2, h3, body) = (page_of("found"), page_of("guidance"), page_of("Start"));

        assert!(
            h2 == h3 && h3 == body,
            "{filler} lines, {length} sentences: headings on {h2}, {h3}, text on {body}"
        );
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
    let three = long_markdown(12);
    for (name, md, draft) in [
        ("pdf-sample-3pages.pdf", three.as_str(), false),
        ("pdf-sample.pdf", LEEDS, false),
        ("pdf-sample-draft.pdf", LEEDS, true),
        ("pdf-sample-long.pdf", long.as_str(), true),
    ] {
        let fonts = fonts();
        let pdf = render(md, &meta(draft), fonts).expect("renders");
        let fastest = (0..10)
            .map(|_| {
                let start = std::time::Instant::now();
                render(md, &meta(draft), fonts).expect("renders");
                start.elapsed()
            })
            .min()
            .unwrap_or_default();
        let cpu = || -> u64 {
            let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
            let after = stat.rsplit(')').next().unwrap_or_default();
            let f: Vec<&str> = after.split_whitespace().collect();
            let field = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
            field(11) + field(12) // utime + stime, in clock ticks (10 ms)
        };
        let before = cpu();
        for _ in 0..50 {
            render(md, &meta(draft), fonts).expect("renders");
        }
        let ms = (cpu() - before) as f64 * 10.0 / 50.0;
        eprintln!(
            "{name}: {} bytes, fastest render {fastest:?}, {ms:.1} ms CPU per render",
            pdf.len()
        );
        std::fs::write(dir.join(name), pdf).expect("write sample");
    }
}

#[test]
fn odd_input_renders_without_panicking() {
    let many: String = (1..=120)
        .map(|n| format!("{n}. Paragraph {n}.\n\n"))
        .collect();
    let long_word = "x".repeat(400);
    let inputs = [
        String::new(),
        "# Only a title".to_string(),
        "## Section\n\n### Sub\n\n#### Deeper".to_string(),
        format!("1. {long_word}\n"),
        "1. - 1. nested at once\n\n2.\n".to_string(),
        "> quoted\n\n```\ncode\nblock\n```\n\n| a | b |\n|---|---|\n\n<div>html</div>\n\n---\n"
            .to_string(),
        "Line one  \nline two\\\nline three\u{00AD}\u{200B}\tend".to_string(),
        "[dangling](#para-99) and [mail](mailto:x@example.org)".to_string(),
        many.clone(),
    ];
    for md in &inputs {
        let pdf = render(md, &meta(false), fonts()).expect("renders");
        run("pdftotext", &[], &pdf);
    }
    // Three-digit numbers widen the number column rather than run into the text.
    let pdf = render(&many, &meta(false), fonts()).expect("renders");
    let text = run("pdftotext", &["-enc", "UTF-8"], &pdf);
    assert!(text.contains("120. Paragraph 120."), "{text}");
}

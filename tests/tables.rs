//! GFM tables in all three formats: kept in the Markdown, real `<table>` markup with column
//! header cells in the HTML (valid, accessible), and a tagged table in the PDF whose cells
//! wrap inside the page and whose header row repeats on every page the table runs onto.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/cases/symbols-and-table.yaml";
/// A4 in points, and the side margins of the text area (25 mm).
const PAGE_WIDTH: f64 = 595.28;
const PAGE_HEIGHT: f64 = 841.89;
const MARGIN: f64 = 70.87;

fn tool(program: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The fixture with its table replaced by `table` (lines of Markdown), built in `formats`.
fn build_with_table(dir: &Path, table: Option<&str>, formats: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut src = std::fs::read_to_string(repo().join(FIXTURE)).unwrap();
    if let Some(table) = table {
        let start = src.find("          | Stage").unwrap();
        let end = src[start..].find("      - id: delay").unwrap() + start;
        let indented: String = table.lines().map(|l| format!("          {l}\n")).collect();
        src.replace_range(start..end, &indented);
    }
    let case = dir.join("case.yaml");
    std::fs::write(&case, src).unwrap();
    let out = dir.join("out");
    build(&case, &out, formats);
    out.join("23-011-052")
}

/// Every word of a PDF with its page and box (xMin, yMin, xMax, yMax), from `pdftotext -bbox`.
fn words(pdf: &Path) -> Vec<(usize, String, [f64; 4])> {
    let html = tool("pdftotext", &["-bbox"], pdf);
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        let Some(rest) = line.trim().strip_prefix("<word ") else {
            continue;
        };
        let num = |key: &str| -> f64 {
            let at = rest.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
            rest[at..].split('"').next().unwrap().parse().unwrap()
        };
        let text = rest.split('>').nth(1).unwrap().split('<').next().unwrap();
        out.push((
            page,
            text.to_string(),
            [num("xMin"), num("yMin"), num("xMax"), num("yMax")],
        ));
    }
    out
}

fn assert_inside_text_area(words: &[(usize, String, [f64; 4])]) {
    for (page, word, [x0, y0, x1, y1]) in words {
        assert!(
            *x0 >= MARGIN - 1.0 && *x1 <= PAGE_WIDTH - MARGIN + 1.0,
            "page {page}: `{word}` runs from {x0} to {x1}, outside the text area"
        );
        assert!(
            *y0 >= 0.0 && *y1 <= PAGE_HEIGHT,
            "page {page}: `{word}` is off the page"
        );
    }
}

#[test]
fn markdown_keeps_the_table_and_html_has_header_cells_and_a_caption() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_table(dir.path(), None, "md,html");
    let md = std::fs::read_to_string(out.join("decision.md")).unwrap();
    assert!(
        md.contains(
            "   | Stage | What the Council did | Date | Done |\n   | --- | --- | ---: | :---: |"
        ),
        "{md}"
    );
    assert!(md.contains("   Table: The stages of the review\n"), "{md}");
    let html = std::fs::read_to_string(out.join("decision.html")).unwrap();
    assert!(
        html.contains(
            "<table>\n<caption>The stages of the review</caption>\n<colgroup><col style=\"width: "
        ),
        "{html}"
    );
    assert!(
        html.contains("<thead>\n<tr><th scope=\"col\">Stage</th>"),
        "{html}"
    );
    // Four columns, the wordiest the widest.
    let cols = &html[html.find("<colgroup>").unwrap()..html.find("</colgroup>").unwrap()];
    let widths: Vec<f64> = cols
        .split("width: ")
        .skip(1)
        .map(|w| w.split('%').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 4, "{cols}");
    assert!((widths.iter().sum::<f64>() - 100.0).abs() < 0.5, "{cols}");
    assert!(widths[1] > widths[0] && widths[1] > widths[3], "{cols}");
    assert!(
        html.contains("<td class=\"right\">19 June 2023</td><td class=\"center\">✓</td></tr>"),
        "{html}"
    );
    assert!(
        !html.contains("| Stage |"),
        "pipe rows reached the page as text"
    );
    assert!(
        !html.contains("Table: The stages"),
        "the caption is also a paragraph"
    );
}

#[test]
fn the_pdf_table_is_tagged_with_rows_header_cells_and_a_caption() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_with_table(dir.path(), None, "pdf").join("decision.pdf");
    let tree = tool("pdfinfo", &["-struct"], &pdf);
    let table = &tree[tree.find("Table").expect("a Table element")..];
    let lines: Vec<&str> = table.lines().map(str::trim).collect();
    assert_eq!(lines[1], "Caption", "{table}");
    assert_eq!(lines[2], "TR", "{table}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("TH")).count(),
        4,
        "{table}"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("/Scope /Column"))
            .count(),
        4
    );
    assert_eq!(lines.iter().filter(|l| **l == "TR").count(), 4, "{table}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("TD")).count(),
        12,
        "{table}"
    );
    let text = tool("pdftotext", &["-layout"], &pdf);
    assert!(text.contains("The stages of the review"), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains("Application"))
        .expect("the first row");
    for cell in ["Received the form", "4 May 2023", "✓"] {
        assert!(
            row.contains(cell),
            "`{cell}` is not on the row's line: {row}"
        );
    }
    assert_inside_text_area(&words(&pdf));
}

/// Eight columns of long words and ninety rows: far too wide for the page, and three pages long.
fn big_table() -> String {
    let head = "| Milestone | Obligation | Responsible officer | Counterparty | Evidence | Reference | Status | Remarks |";
    let mut t = format!("{head}\n|{}\n", " --- |".repeat(8));
    for n in 1..=90 {
        let long = if n % 7 == 0 {
            "the Council must reconsider the assessment, write to the complainant, and send the Ombudsman a copy of its reconsidered decision with its reasons"
        } else {
            "apologise"
        };
        t.push_str(&format!(
            "| Row{n} | {long} | Housingallocationsteamleader | Mrs D | Correspondence | REF-2023-{n:04}-ABCDEFGHIJKLMNOPQRSTUVWXYZ | Outstanding | None |\n"
        ));
    }
    t
}

#[test]
fn a_wide_long_table_wraps_inside_the_page_and_repeats_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_table(dir.path(), Some(&big_table()), "pdf,html");
    let pdf = out.join("decision.pdf");
    let words = words(&pdf);
    assert_inside_text_area(&words);
    // Every row once, in order.
    let rows: Vec<usize> = words
        .iter()
        .filter_map(|(_, w, _)| w.strip_prefix("Row")?.parse().ok())
        .collect();
    assert_eq!(rows, (1..=90).collect::<Vec<_>>());
    // The header row on every page the table is on, above that page's rows.
    let pages: std::collections::BTreeSet<usize> = words
        .iter()
        .filter(|(_, w, _)| w.starts_with("Row"))
        .map(|(p, _, _)| *p)
        .collect();
    assert!(
        pages.len() >= 3,
        "the table fits on {} page(s)",
        pages.len()
    );
    for page in &pages {
        let top_of = |word: &str| {
            words
                .iter()
                .filter(|(p, w, _)| p == page && w.starts_with(word))
                .map(|(_, _, b)| b[1])
                .fold(f64::MAX, f64::min)
        };
        assert!(
            top_of("Milestone") < top_of("Row"),
            "page {page}: no header above the rows"
        );
    }
    // The repeated header is an artefact: the structure has one header row.
    let tree = tool("pdfinfo", &["-struct-text"], &pdf);
    assert_eq!(
        tree.matches("\"Milestone\"").count(),
        1,
        "{}",
        &tree[..2000.min(tree.len())]
    );

    // A row is never cut between pages when it fits on one: its first cell and its reference
    // (cut into several lines) share a page.
    for n in [7usize, 14, 63, 84] {
        let on: std::collections::BTreeSet<usize> = words
            .iter()
            .filter(|(_, w, _)| w.contains(&format!("-{n:04}-")) || w == &format!("Row{n}"))
            .map(|(p, _, _)| *p)
            .collect();
        assert!(on.len() <= 1, "row {n} is split over pages {on:?}");
    }
}

#[test]
fn pages_with_tables_pass_the_nu_checker_and_axe_without_scrolling_sideways() {
    let dir = tempfile::tempdir().unwrap();
    let small = build_with_table(&dir.path().join("small"), None, "html");
    let big = build_with_table(&dir.path().join("big"), Some(&big_table()), "html");
    let pages = [small.join("decision.html"), big.join("decision.html")];
    assert_nu_valid(&pages);
    assert_axe_clean(&pages);
}

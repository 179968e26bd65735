//! PDFs of every example, read back with poppler: the Markdown's words in order, the
//! paragraph numbers, embedded subset fonts, A4, metadata, DRAFT marks and identical bytes.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} (install poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn built() -> (tempfile::TempDir, Vec<(String, std::path::PathBuf)>) {
    let out = tempfile::tempdir().unwrap();
    bin()
        .args(["build", "--quiet", "--format", "md,pdf", "--out"])
        .arg(out.path())
        .args(examples())
        .assert()
        .success();
    let cases = examples()
        .iter()
        .map(|c| {
            let slug = c.file_stem().unwrap().to_str().unwrap().to_string();
            let dir = out.path().join(&slug);
            (slug, dir)
        })
        .collect();
    (out, cases)
}

/// The page's words without the running header, the footer and the DRAFT mark.
fn pdf_body_words(text: &str, header: &str) -> Vec<String> {
    let mut out = Vec::new();
    for page in text.split('\u{c}') {
        let mut lines = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "DRAFT")
            .peekable();
        if lines.peek() == Some(&header) {
            lines.next();
        }
        for t in lines {
            let footer = t.starts_with("Page ") && t.contains(" of ");
            if t != "DRAFT" && !footer {
                out.extend(words(t));
            }
        }
    }
    out
}

fn is_marker(w: &str) -> bool {
    let letter = |s: &str| s.len() == 1 && s.chars().all(|c| c.is_ascii_lowercase());
    match (w.strip_suffix('.'), w.strip_suffix(')')) {
        (Some(stem), _) => {
            !stem.is_empty() && (stem.chars().all(|c| c.is_ascii_digit()) || letter(stem))
        }
        (_, Some(stem)) => letter(stem),
        _ => w == "•",
    }
}

#[test]
fn pdf_text_has_the_markdown_words_in_order_and_every_number() {
    let (_out, cases) = built();
    for (slug, dir) in cases {
        let md = std::fs::read_to_string(dir.join("decision.md")).unwrap();
        let title = md
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .unwrap()
            .to_string();
        let text = poppler("pdftotext", &["-enc", "UTF-8"], &dir.join("decision.pdf"));
        let words = pdf_body_words(&text, &title);
        let ours: Vec<String> = words.iter().filter(|w| !is_marker(w)).cloned().collect();
        let expected: Vec<String> = md_words(&md)
            .into_iter()
            .filter(|w| !is_marker(w))
            .collect();
        assert_same_words(&ours, &expected, &slug);
        // Hanging numbers start their lines, in order (a line may also start with "2023.").
        let numbers: Vec<u64> = text
            .lines()
            .filter_map(|l| l.split_whitespace().next()?.strip_suffix('.')?.parse().ok())
            .collect();
        let mut found = numbers.iter();
        for n in paragraph_numbers(&md) {
            assert!(
                found.any(|&m| m == n),
                "{slug}: paragraph {n} missing or out of order in {numbers:?}"
            );
        }
        for special in ["’", "£"] {
            if md.contains(special) {
                assert!(
                    text.contains(special),
                    "{slug}: {special} lost in extraction"
                );
            }
        }
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let (_out, cases) = built();
    for (slug, dir) in cases {
        let fonts = poppler("pdffonts", &[], &dir.join("decision.pdf"));
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{slug}: no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{slug}: {row}");
            assert!(
                cols[0].chars().nth(6) == Some('+'),
                "{slug}: subset prefix in {row}"
            );
        }
    }
}

#[test]
fn a4_with_title_author_language_and_page_count() {
    let (_out, cases) = built();
    for (slug, dir) in cases {
        let pdf = dir.join("decision.pdf");
        let info = poppler("pdfinfo", &[], &pdf);
        let md = std::fs::read_to_string(dir.join("decision.md")).unwrap();
        let title = md.lines().find_map(|l| l.strip_prefix("# ")).unwrap();
        assert!(info.contains("(A4)"), "{slug}: {info}");
        assert!(
            info.contains(&format!("Title:           {title}")),
            "{slug}: {info}"
        );
        assert!(
            info.contains("Author:          Local Government and Social Care Ombudsman"),
            "{slug}"
        );
        assert!(info.contains("Tagged:          yes"), "{slug}");
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!((1..=6).contains(&pages), "{slug}: {pages} pages");
        let text = poppler("pdftotext", &[], &pdf);
        assert!(text.contains(&format!("Page {pages} of {pages}")), "{slug}");
        let doc = lopdf::Document::load(&pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        assert_eq!(
            catalog.get(b"Lang").unwrap().as_str().unwrap(),
            b"en-GB",
            "{slug}: /Lang"
        );
        assert!(catalog.get(b"Outlines").is_ok(), "{slug}: bookmarks");
        let size = std::fs::metadata(&pdf).unwrap().len() as usize;
        assert!(
            size < 50_000 * pages.div_ceil(3),
            "{slug}: {size} bytes for {pages} pages"
        );
    }
}

#[test]
fn drafts_are_marked_on_every_page() {
    let (_out, cases) = built();
    for (slug, dir) in cases {
        let pdf = dir.join("decision.pdf");
        let info = poppler("pdfinfo", &[], &pdf);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let draft = std::fs::read_to_string(dir.join("decision.md"))
            .unwrap()
            .contains("status: \"draft\"");
        for page in 1..=pages {
            let p = page.to_string();
            let text = poppler("pdftotext", &["-f", &p, "-l", &p], &pdf);
            assert_eq!(
                text.lines().any(|l| l.trim() == "DRAFT"),
                draft,
                "{slug} page {page}"
            );
        }
        if draft {
            assert!(poppler("pdftotext", &[], &pdf).contains("The Ombudsman's draft decision:"));
        }
    }
}

#[test]
fn same_input_same_bytes() {
    let (_a, first) = built();
    let (_b, second) = built();
    for ((slug, a), (_, b)) in first.iter().zip(&second) {
        assert_eq!(
            std::fs::read(a.join("decision.pdf")).unwrap(),
            std::fs::read(b.join("decision.pdf")).unwrap(),
            "{slug}"
        );
    }
}

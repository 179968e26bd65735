//! Published decisions of other offices, written as case files with the office folders that
//! ship in `offices/` and rebuilt word for word: `tests/fixtures/offices/OFFICE/NAME/` holds
//! `case.yaml`, `published.txt` (the decision as its office's web page shows it) and
//! `SOURCE.md` (its address and attribution). Each is built with `offices/OFFICE` and nothing
//! else, as that office's staff would build it.

mod common;
use common::akn::{akn_words, schema_errors};
use common::*;
use std::path::{Path, PathBuf};

/// Every fixture folder, sorted, with the office folder it is built with.
fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let root = repo().join("tests/fixtures/offices");
    let mut out = Vec::new();
    for office in std::fs::read_dir(&root).unwrap() {
        let office = office.unwrap().path();
        let folder = repo().join("offices").join(office.file_name().unwrap());
        assert!(folder.is_dir(), "no office folder {}", folder.display());
        for dir in std::fs::read_dir(&office).unwrap() {
            out.push((dir.unwrap().path(), folder.clone()));
        }
    }
    out.sort();
    out
}

/// The fixture built in md, html and pdf; the output folder and the decision's folder in it.
fn built(dir: &Path, office: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    bin()
        .args([
            "build",
            "--quiet",
            "--format",
            "md,html,pdf,akn",
            "--templates",
        ])
        .arg(office)
        .arg("--out")
        .arg(out.path())
        .arg(dir.join("case.yaml"))
        .assert()
        .success();
    let decision = out.path().join(dir.file_name().unwrap());
    assert!(decision.is_dir(), "{}: built elsewhere", dir.display());
    (out, decision)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Markdown body from the first line after the title: the stored copies of these pages
/// begin with the header, without the page's title.
fn after_title(md: &str) -> &str {
    let body = body(md);
    let start = body.find("\n# ").expect("a title") + 3;
    let rest = &body[start..];
    &rest[rest.find('\n').unwrap_or(rest.len())..]
}

/// The header lines of our Markdown before the first other block: `Label : value`, or
/// `Label: value` where the office prints its labels with a colon ("Case ref: 202310193"),
/// the colon then kept with the label as the page sets it.
fn header_lines(md: &str) -> Vec<(String, String)> {
    let line = |b: &str| {
        if let Some((label, value)) = b.split_once(" : ") {
            return Some((label.to_string(), value.to_string()));
        }
        let (label, value) = b.split_once(": ")?;
        let plain = label.chars().all(|c| c.is_alphabetic() || c == ' ');
        plain.then(|| (format!("{label}:"), value.to_string()))
    };
    after_title(md)
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map_while(line)
        .collect()
}

#[test]
fn there_are_real_decisions_of_other_offices() {
    let all = fixtures();
    let of = |office: &str| all.iter().filter(|(_, o)| o.ends_with(office)).count();
    let welsh = all
        .iter()
        .filter(|(d, o)| o.ends_with("ombwdsmon-cymru") && !d.to_string_lossy().ends_with("-en-gb"))
        .count();
    assert!(
        of("ombwdsmon-cymru") >= 4 && welsh >= 1 && of("housing-ombudsman") >= 6 && of("spso") >= 3,
        "{all:?}"
    );
    for (dir, _) in &all {
        let source = read(&dir.join("SOURCE.md"));
        assert!(
            source.contains("- Address: https://") && source.contains("Reused with attribution."),
            "{}: SOURCE.md needs the address and the attribution",
            dir.display()
        );
    }
}

#[test]
fn real_decisions_of_other_offices_have_the_published_words() {
    for (dir, office) in fixtures() {
        let what = dir.display().to_string();
        let (_out, built) = built(&dir, &office);
        let md = read(&built.join("decision.md"));
        let published = read(&dir.join("published.txt"));
        let numbers = published_numbers(&published);
        assert_eq!(
            paragraph_numbers(&md),
            (1..=numbers).collect::<Vec<u64>>(),
            "{what}: the numbered paragraphs"
        );
        let title = body(&md)
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .unwrap();
        if published.lines().next() == Some(title) {
            // A copy that keeps the page's title and a masthead of plain lines (the Housing
            // Ombudsman's): the whole text, word for word.
            assert_same_words(&md_words(&md), &published_words(&published), &what);
            same_in_html_and_pdf(&md, &built, &published, &what, true);
            continue;
        }
        // The web page sets each header label and its value on lines of their own.
        let header = header_lines(&md);
        assert!(!header.is_empty(), "{what}: no header in\n{md}");
        let lines: Vec<&str> = published.lines().collect();
        let expected: Vec<(String, String)> = lines
            .chunks(2)
            .take(header.len())
            .map(|pair| (pair[0].trim().to_string(), pair[1].trim().to_string()))
            .collect();
        assert_eq!(header, expected, "{what}: the header");
        // Then the decision itself, word for word.
        let rest = after_title(&md);
        let text_start = header.iter().fold(0, |at, (_, v)| {
            rest[at..].find(v.as_str()).unwrap() + at + v.len()
        });
        let ours = md_words(&rest[text_start..]);
        let text = lines[2 * header.len()..].join("\n");
        assert_same_words(&ours, &published_words(&text), &what);
        same_in_html_and_pdf(&md, &built, &text, &what, false);
    }
}

/// How many numbered paragraphs a copy shows: lines whose `N. ` marker stands at most two
/// spaces in (the points under them stand further in).
fn published_numbers(text: &str) -> u64 {
    let numbered = |line: &&str| {
        let trimmed = line.trim_start();
        line.len() - trimmed.len() <= 2
            && trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    text.lines().filter(numbered).count() as u64
}

/// The page and the Akoma Ntoso carry the Markdown's words (the XML valid against the OASIS
/// schema), and the PDF every line of `text` (the published text, from where the comparison
/// starts), word for word.
fn same_in_html_and_pdf(md: &str, built: &Path, text: &str, what: &str, masthead: bool) {
    let akn = built.join("decision.akn.xml");
    if let Some(report) = schema_errors(std::slice::from_ref(&akn)) {
        panic!("{what}: invalid Akoma Ntoso:\n{report}");
    }
    // A masthead of the office's own `decision.md` is not the XML's header facts: then the
    // body alone is compared.
    let (ours, theirs) = if masthead {
        let from = md.find("\n## ").expect("a section");
        (
            akn_words(&read(&akn), &["mainBody"]).0,
            md_words(&md[from..]),
        )
    } else {
        let all = ["preface", "mainBody", "conclusions"];
        (akn_words(&read(&akn), &all).0, md_words(md))
    };
    assert_same_words(
        &content_words(&ours),
        &content_words(&theirs),
        &format!("{what} (Akoma Ntoso)"),
    );
    let html = read(&built.join("decision.html"));
    // The page sets a header label's colon by its style sheet, after the label's words.
    let mut on_page = md.to_string();
    for (label, value) in header_lines(md) {
        if let Some(bare) = label.strip_suffix(':') {
            on_page = on_page.replacen(&format!("{label} {value}"), &format!("{bare} {value}"), 1);
        }
    }
    assert_same_words(
        &content_words(&html_words(&html)),
        &content_words(&md_words(&on_page)),
        &format!("{what} (HTML)"),
    );
    let pdf = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(built.join("decision.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let pdf = words(&String::from_utf8_lossy(&pdf.stdout)).join(" ");
    for line in text.lines() {
        let line = words(strip_list_marker(line.trim())).join(" ");
        assert!(
            pdf.contains(&line),
            "{what}: the PDF lacks\n{line}\nin\n{pdf}"
        );
    }
}

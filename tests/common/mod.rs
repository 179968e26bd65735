//! Helpers shared by the integration tests: run the binary, read Markdown as words.
#![allow(dead_code)]

pub mod akn;

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> Command {
    let mut cmd = Command::cargo_bin("decisions").expect("the decisions binary");
    cmd.current_dir(repo());
    cmd
}

/// The example case files in `cases/`, sorted.
pub fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

/// Builds `case` in `formats` into `out`, asserting success.
pub fn build(case: &Path, out: &Path, formats: &str) {
    bin()
        .args(["build", "--quiet", "--format", formats, "--out"])
        .arg(out)
        .arg(case)
        .assert()
        .success();
}

/// The line (from 1) of `text` that first holds `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

/// Strips YAML front matter.
pub fn body(md: &str) -> &str {
    md.strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|i| &rest[i + 5..]))
        .unwrap_or(md)
}

/// The words a reader sees in Markdown: text of every block and table cell, markup and list
/// markers removed.
pub fn md_words(md: &str) -> Vec<String> {
    let mut text = String::new();
    let mut item_start = false;
    for event in Parser::new_ext(body(md), Options::ENABLE_TABLES) {
        if let Event::Text(t) = &event {
            if std::mem::take(&mut item_start) {
                // A point's label (`a)`, `iv)`) is its list marker, not a word.
                text.push_str(strip_label(t));
                continue;
            }
        }
        if matches!(event, Event::Start(Tag::Item)) {
            item_start = true;
        } else if !matches!(event, Event::Start(Tag::Paragraph)) {
            item_start = false;
        }
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // Blocks separate words; inline markup (links, emphasis) does not.
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::List(_) | Tag::TableCell,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::TableCell,
            ) => text.push(' '),
            _ => {}
        }
    }
    words(&text)
}

/// `t` without a leading point label such as `a) ` or `iv) `.
pub fn strip_label(t: &str) -> &str {
    let letters = t.len() - t.trim_start_matches(|c: char| c.is_ascii_lowercase()).len();
    match t[letters..].strip_prefix(')') {
        Some(rest) if letters > 0 && (rest.is_empty() || rest.starts_with(' ')) => rest,
        _ => t,
    }
}

pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// The words of a published statement copied from its web page: without the page's chrome
/// ("Back to top") and without the list markers the copy left behind (`1. `, `• `, `- `).
pub fn published_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line == "Back to top" {
            continue;
        }
        out.extend(words(strip_list_marker(line)));
    }
    out
}

/// `line` (trimmed) without a leading `12. `, `• ` or `- ` list marker.
pub fn strip_list_marker(line: &str) -> &str {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match line[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => line
            .strip_prefix("• ")
            .or_else(|| line.strip_prefix("- "))
            .unwrap_or(line),
    }
}

/// The numbers of the numbered paragraphs (top-level ordered list items), in order.
pub fn paragraph_numbers(md: &str) -> Vec<u64> {
    let mut numbers = Vec::new();
    let mut depth = 0;
    let mut next: Vec<Option<u64>> = Vec::new();
    for event in Parser::new(body(md)) {
        match event {
            Event::Start(Tag::List(start)) => {
                depth += 1;
                next.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                next.pop();
            }
            Event::Start(Tag::Item) if depth == 1 => {
                if let Some(Some(n)) = next.last_mut() {
                    numbers.push(*n);
                    *n += 1;
                }
            }
            _ => {}
        }
    }
    numbers
}

/// Asserts two word lists are equal, showing where they first differ.
pub fn assert_same_words(ours: &[String], expected: &[String], what: &str) {
    if ours == expected {
        return;
    }
    let i = ours
        .iter()
        .zip(expected)
        .take_while(|(a, b)| a == b)
        .count();
    let show = |w: &[String]| w[i.saturating_sub(8)..(i + 8).min(w.len())].join(" ");
    panic!(
        "{what}: words differ at word {i} (ours {}, expected {}):\n  ours:     …{}…\n  expected: …{}…",
        ours.len(),
        expected.len(),
        show(ours),
        show(expected)
    );
}

/// The words of an HTML page's `<main>`: tags dropped, entities decoded, self-link marks removed.
pub fn html_words(html: &str) -> Vec<String> {
    let start = html.find("<main").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main> element");
    const INLINE: &[&str] = &[
        "a", "em", "strong", "code", "span", "abbr", "time", "b", "i",
    ];
    let mut text = String::new();
    let mut rest = &html[start..end];
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open + 1..close.saturating_sub(1)];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replace('¶', " ");
    words(&text)
}

/// Words without tokens that are only punctuation (labels differ only in their colons).
pub fn content_words(words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .cloned()
        .collect()
}

/// Runs a tool of `tests/browser`, failing with a hint when the tooling is not installed.
pub fn browser_tool(program: &str, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let dir = repo().join("tests/browser");
    assert!(
        dir.join("node_modules/axe-core").exists(),
        "the browser tooling is not installed: run `bash .ci/setup-browser` first"
    );
    std::process::Command::new(program)
        .current_dir(repo())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e} (run `bash .ci/setup-browser`)"))
}

/// The Nu HTML checker finds no error in any of `pages`.
pub fn assert_nu_valid<P: AsRef<Path>>(pages: &[P]) {
    let args: Vec<&std::ffi::OsStr> = pages.iter().map(|p| p.as_ref().as_os_str()).collect();
    let nu = browser_tool("tests/browser/validate-html", &args);
    assert!(
        nu.status.success(),
        "Nu checker errors:\n{}{}",
        String::from_utf8_lossy(&nu.stdout),
        String::from_utf8_lossy(&nu.stderr)
    );
}

/// axe-core finds no problem in any of `pages`, at 1280 and 320 pixels wide; its report.
pub fn assert_axe_clean<P: AsRef<Path>>(pages: &[P]) -> String {
    let mut args = vec![std::ffi::OsStr::new("tests/browser/check-html.mjs")];
    args.extend(pages.iter().map(|p| p.as_ref().as_os_str()));
    let axe = browser_tool("node", &args);
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&axe.stdout),
        String::from_utf8_lossy(&axe.stderr)
    );
    assert!(axe.status.success(), "axe-core:\n{report}");
    assert!(
        report.contains(&format!("{} file(s), 0 problem(s)", pages.len())),
        "{report}"
    );
    report
}

/// Every file under `root` (following a link at `root` itself, not below it): its path
/// relative to `root`, and its full path.
pub fn files_under(root: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                files.push((rel, p));
            }
        }
    }
    files.sort();
    files
}

/// The formats a publish writes: those `build` can make here.
pub fn formats() -> Vec<&'static str> {
    let dir = tempfile::tempdir().unwrap();
    ["md", "html", "pdf"]
        .into_iter()
        .filter(|f| {
            bin()
                .args(["build", "--quiet", "--format", f, "--out"])
                .arg(dir.path())
                .arg(&examples()[0])
                .output()
                .unwrap()
                .status
                .success()
        })
        .collect()
}

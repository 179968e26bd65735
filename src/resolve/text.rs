//! The Markdown of each numbered paragraph: standard wording filled in, cross-references
//! turned into links, lettered and bulleted points nested under their paragraph.

use super::labels::{letter, roman_label};
use super::outline::{Entry, Item, OSection, Table, Target, MAX_POINT_DEPTH};
use super::{Block, Findings, Section};
use crate::case::{Case, FieldPath};
use crate::problem::suggest;
use crate::templates::Templates;
use std::collections::HashMap;

pub(super) struct Writer<'a> {
    pub(super) case: &'a Case,
    pub(super) t: &'a Templates,
    /// The decision's language, whose wording it is written in.
    pub(super) lang: &'a str,
    pub(super) ids: &'a HashMap<String, Target>,
    pub(super) findings: &'a mut Findings,
    pub(super) warnings: &'a mut Findings,
}

/// The sections with each numbered paragraph written out as a Markdown list item.
pub fn write(
    (case, lang): (&Case, &str),
    t: &Templates,
    outline: &[OSection],
    ids: &HashMap<String, Target>,
    (findings, warnings): (&mut Findings, &mut Findings),
) -> Vec<Section> {
    let mut w = Writer {
        case,
        t,
        lang,
        ids,
        findings,
        warnings,
    };
    outline
        .iter()
        .map(|s| Section {
            key: s.key.clone(),
            title: case
                .title(&s.key)
                .or_else(|| {
                    t.wording_for(lang)
                        .section_title(&s.key, case.status == crate::case::Status::Draft)
                })
                .cloned()
                .unwrap_or_else(|| s.key.clone()),
            blocks: s.entries.iter().map(|e| w.block(e)).collect(),
        })
        .collect()
}

/// A table cell's text on one line, with `|` escaped.
fn cell(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.replace('|', "\\|")
}

/// A list item: the marker on the first line, later lines indented to the text after it.
pub fn list_item(marker: &str, content: &str) -> String {
    let pad = " ".repeat(marker.chars().count());
    let mut out = String::with_capacity(content.len() + 16);
    for (i, line) in content.lines().enumerate() {
        if i == 0 {
            out.push_str(marker);
        } else {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(if line.trim().is_empty() { "" } else { line });
    }
    out
}

impl Writer<'_> {
    fn block(&mut self, entry: &Entry) -> Block {
        let (heading, level, number, markdown) = match entry {
            Entry::Heading(h, level) => (Some(h.clone()), *level, None, String::new()),
            Entry::Para(item) if item.number == 0 => (None, 0, None, self.content(item, 0, true)),
            Entry::Para(item) => {
                let marker = format!("{}. ", item.number);
                let md = list_item(&marker, &self.content(item, 0, true));
                (None, 0, Some(item.number), md)
            }
            Entry::Table(table) => (None, 0, None, self.table(table)),
        };
        Block {
            heading,
            level,
            number,
            markdown,
        }
    }

    /// A GFM table; a cell's line breaks become spaces and its `|` is escaped, so that
    /// every row stays one line.
    fn table(&mut self, table: &Table) -> String {
        let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
        let mut lines = vec![
            row(table.header.iter().map(|h| cell(h)).collect()),
            row(table.header.iter().map(|_| "---".to_string()).collect()),
        ];
        for (path, cells) in &table.rows {
            let cells = cells
                .iter()
                .map(|c| cell(&self.refs(c.trim(), path)))
                .collect();
            lines.push(row(cells));
        }
        lines.join("\n")
    }

    /// The Markdown of a paragraph or point and what stands under it. Its points are
    /// labelled with letters under a numbered paragraph (`letters`), with roman numerals
    /// under a point, as text: a CommonMark reader cannot renumber them.
    fn content(&mut self, item: &Item, depth: usize, letters: bool) -> String {
        let mut parts = Vec::new();
        if item.misplaced_heading {
            self.findings.add(
                &item.path.key("heading"),
                "a sub-heading stands between the paragraphs of a section, not among points",
            );
        }
        if let Some(key) = &item.standard {
            if let Some(s) = self.standard(&item.path, &item.with, key) {
                parts.push(self.refs(&s, &item.path.key("standard")));
            }
        }
        if !item.sentences.is_empty() {
            parts.push(self.sentences(item));
        }
        if let Some(text) = &item.text {
            let text = text.replace("\r\n", "\n");
            if text.trim().is_empty() {
                self.findings.add(&item.text_path, "the paragraph is empty");
            } else if item.standard.is_none()
                && item.sentences.is_empty()
                && item.points.is_empty()
                && item.bullets.is_empty()
            {
                self.own_words(item, &text);
            }
            parts.push(self.refs(text.trim(), &item.text_path));
        }
        if depth >= MAX_POINT_DEPTH && !(item.points.is_empty() && item.bullets.is_empty()) {
            self.findings.add(
                &item.path,
                format!("points nest more than {MAX_POINT_DEPTH} levels deep"),
            );
            return parts.join("\n\n");
        }
        if !item.points.is_empty() {
            let points: Vec<String> = item
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let label = if letters { letter(i) } else { roman_label(i) };
                    let text = format!("{label}) {}", self.content(p, depth + 1, false));
                    // `+`, not the bullets' `-`, so points and the bullets after them are two lists.
                    list_item("+ ", &text)
                })
                .collect();
            parts.push(points.join("\n\n"));
        }
        if !item.bullets.is_empty() {
            let bullets: Vec<String> = item
                .bullets
                .iter()
                .map(|b| list_item("- ", &self.content(b, depth + 1, letters)))
                .collect();
            parts.push(bullets.join("\n"));
        }
        parts.join("\n\n")
    }

    /// Replaces `[[para:ID]]` with a link to that paragraph, e.g. `[paragraph 12](#para-12)`.
    pub(super) fn refs(&mut self, text: &str, path: &FieldPath) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("[[") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("]]") else {
                self.findings
                    .add(path, "unclosed cross-reference `[[`: write `[[para:ID]]`");
                rest = after;
                continue;
            };
            let inner = after[..end].trim();
            rest = &after[end + 2..];
            let Some(id) = inner.strip_prefix("para:") else {
                self.findings.add(
                    path,
                    format!("unknown cross-reference `[[{inner}]]`: write `[[para:ID]]`"),
                );
                continue;
            };
            let id = id.trim();
            match self.ids.get(id) {
                Some(target) if target.label.is_empty() => {
                    self.findings.add(
                        path,
                        format!("`[[para:{id}]]` points at a paragraph that has no number: its section's paragraphs, or the paragraph itself, are not numbered"),
                    );
                }
                Some(target) => {
                    let mut ctx = tera::Context::new();
                    ctx.insert("number", &target.label);
                    let words = self
                        .t
                        .tera
                        .render(&self.t.wording_key(self.lang, "para_ref"), &ctx)
                        .unwrap_or_else(|_| format!("paragraph {}", target.label));
                    out.push_str(&format!("[{words}](#{})", target.anchor));
                }
                None => {
                    let hint = suggest(id, self.ids.keys().map(String::as_str));
                    self.findings.add_hint(
                        path,
                        format!("cross-reference to unknown id `{id}`"),
                        hint,
                    );
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_indent_continuations() {
        assert_eq!(list_item("10. ", "a\n\nb\n- c"), "10. a\n\n    b\n    - c");
        assert_eq!(letter(0), "a");
        assert_eq!(letter(27), "ab");
    }
}

//! One decision's fragment, `d/<id>.json`: what its result shows (title, header facts, links)
//! and the text its excerpt is cut from.

use super::{text, Doc};
use crate::publish::files;
use crate::render::Format;
use anyhow::{Context, Result};
use serde::Serialize;
use std::path::Path;

/// The excerpt is cut from at most this much of the text (after the header facts), so a page
/// of results stays small.
pub const TEXT_LIMIT: usize = 6000;

#[derive(Serialize)]
struct Fragment<'a> {
    title: &'a str,
    reference: &'a str,
    authority: &'a str,
    category: &'a str,
    outcome: &'a str,
    decided: &'a str,
    decided_iso: &'a str,
    html: Option<String>,
    pdf: Option<String>,
    /// The office's facts the site files by, label and values, as the lists show them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    facts: Vec<[String; 2]>,
    text: &'a str,
}

/// Reads a decision's Markdown from `site` and returns its plain text.
pub fn read_text(site: &Path, slug: &str) -> Result<String> {
    let path = site.join(crate::publish::row::file_path(slug, Format::Md));
    let md = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text::plain_text(&md))
}

/// Writes the fragment of `doc` as `dir/<id>.json`.
pub fn write(dir: &Path, id: u32, doc: &Doc, plain: &str) -> Result<()> {
    // The heading and header facts are shown apart: the excerpt starts after them.
    let r = doc.row;
    let plain = plain
        .find(r.decided())
        .map_or(plain, |at| plain[at + r.decided().len()..].trim_start());
    let mut end = plain.len().min(TEXT_LIMIT);
    while !plain.is_char_boundary(end) {
        end -= 1;
    }
    // Cut between words, so that an excerpt never ends in half a word.
    if end < plain.len() {
        end = plain[..end].rfind(' ').unwrap_or(end);
    }
    let f = Fragment {
        title: r.title(),
        reference: r.reference(),
        authority: r.authority(),
        category: r.category(),
        outcome: r.outcome(),
        decided: r.decided(),
        decided_iso: r.decided_iso(),
        html: doc.file(Format::Html),
        pdf: doc.file(Format::Pdf),
        facts: r
            .office
            .facts
            .iter()
            .map(|f| [f.label.clone(), f.values.join("; ")])
            .collect(),
        text: &plain[..end],
    };
    files::write_new(&dir.join(format!("{id}.json")), &serde_json::to_vec(&f)?)
}

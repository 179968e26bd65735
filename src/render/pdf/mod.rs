//! PDF renderer: typesets the canonical Markdown body of a decision on A4 with the bundled
//! fonts, then adds what printpdf lacks (outline, links, structure tree, metadata) with lopdf.
//!
//! Pipeline: [`parse`] walks the pulldown-cmark events into blocks and structure elements,
//! [`layout`] breaks lines and pages, [`writer`] emits printpdf operations, and [`finish`] and
//! [`tagging`] post-process the file. The same input always gives the same bytes: nothing reads
//! the clock and every identifier is derived from the content.

mod fallback;
mod finish;
mod fonts;
mod layout;
mod model;
mod parse;
mod save;
mod sfnt;
mod table;
mod tagging;
mod writer;
mod xmp;

#[cfg(test)]
mod tests;

pub use fallback::{describe, first_unsupported};
pub use fonts::Fonts;

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
const PAGE_WIDTH: f32 = 210.0 * MM;
const PAGE_HEIGHT: f32 = 297.0 * MM;
const MARGIN_LEFT: f32 = 25.0 * MM;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_LEFT;
/// Top and bottom of the text area (PDF y, from the bottom of the page).
const BODY_TOP: f32 = PAGE_HEIGHT - 27.0 * MM;
const BODY_BOTTOM: f32 = 25.0 * MM;
const HEADER_BASELINE: f32 = PAGE_HEIGHT - 15.0 * MM;
const FOOTER_BASELINE: f32 = 13.0 * MM;

/// Document metadata and running texts for one decision.
#[derive(Clone, Debug)]
pub struct PdfMeta<'a> {
    pub title: &'a str,
    /// e.g. "Local Government and Social Care Ombudsman".
    pub author: &'a str,
    /// The decision's summary.
    pub subject: &'a str,
    pub keywords: &'a [String],
    /// e.g. "Leeds City Council (21 016 384)", printed at the top of every page.
    pub running_header: &'a str,
    /// Decision date (year, month, day): the file's creation and modification date.
    pub date: (i32, u8, u8),
    /// Puts a DRAFT mark on every page.
    pub draft: bool,
    /// The draft mark in the document's language, e.g. "DRAFT".
    pub draft_mark: &'a str,
    /// The footer, with `{n}` and `{total}`, e.g. "Page {n} of {total}".
    pub page_of: &'a str,
    /// BCP 47 language tag, e.g. "en-GB".
    pub lang: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("bundled font {name} could not be parsed")]
    FontParse { name: &'static str },
    #[error("no bundled font has {} (in \"{context}\")", fallback::describe(*ch))]
    MissingGlyph { ch: char, context: String },
    #[error("invalid decision date {year}-{month:02}-{day:02}")]
    Date { year: i32, month: u8, day: u8 },
    #[error("PDF post-processing failed: {0}")]
    Lopdf(#[from] lopdf::Error),
    #[error("writing the PDF failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Renders a decision body (Markdown without front matter) to PDF bytes.
///
/// A character that the face of its text lacks is set in the fallback face; one that no
/// bundled face has is an error ([`PdfError::MissingGlyph`]), never a silent blank box; invisible format characters (soft hyphen, zero-width space) are
/// dropped.
pub fn render(markdown_body: &str, meta: &PdfMeta, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let (year, month, day) = meta.date;
    // Day 0: a decision dated by the month only ("January 2015").
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(0..=31).contains(&day) {
        return Err(PdfError::Date { year, month, day });
    }
    let doc = parse::parse(markdown_body, fonts)?;
    let laid = layout::layout(&doc.blocks, &doc.tables, fonts);
    let written = writer::write(&laid, &doc.nodes, meta, fonts)?;
    finish::finish(written, &laid, &doc.nodes, meta, markdown_body)
}

//! The typesetting model shared by the stages: structure elements (what the tagged PDF
//! exposes), styled spans and blocks, list markers, and the glyph check.

use super::fonts::{Face, Fonts};
use super::PdfError;

pub(crate) type NodeId = usize;

/// Standard structure types (ISO 32000-1, 14.8.4) used by the decision layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Link,
    /// A quotation (`>` in the Markdown), indented.
    BlockQuote,
    Table,
    TR,
    TH,
    TD,
    Caption,
    /// Content that is not part of the document's structure: a table header repeated on a
    /// later page.
    Artifact,
}

impl Role {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Link => "Link",
            Role::BlockQuote => "BlockQuote",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Caption => "Caption",
            Role::Artifact => "Artifact",
        }
    }
}

/// Where a link goes: a paragraph anchor (`para-8b`) or an external address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Anchor(String),
    Uri(String),
}

/// One element of the logical structure; its content is attached while pages are written.
#[derive(Debug)]
pub(crate) struct Node {
    pub role: Role,
    pub parent: Option<NodeId>,
    /// `/ListNumbering` of a list.
    pub numbering: Option<&'static str>,
    pub target: Option<Target>,
}

/// A run of text in one face, belonging to one structure element.
#[derive(Clone, Debug)]
pub(crate) struct Span {
    pub text: String,
    pub face: Face,
    pub node: NodeId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Heading(u8),
    Body,
    /// A table: the index of its [`Table`] in [`Doc::tables`].
    Table(usize),
}

/// The hanging number, letter or bullet of a list item.
#[derive(Clone, Debug)]
pub(crate) struct Marker {
    pub text: String,
    pub x: f32,
    pub node: NodeId,
}

/// A paragraph or heading, ready for line breaking.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub kind: Kind,
    pub spans: Vec<Span>,
    /// Left edge of the text, from the left margin.
    pub indent: f32,
    pub marker: Option<Marker>,
    pub anchor: Option<String>,
    /// Space above the block, unless it starts a page or follows a heading.
    pub space_before: f32,
}

#[derive(Debug)]
pub(crate) struct Doc {
    pub nodes: Vec<Node>,
    pub blocks: Vec<Block>,
    pub tables: Vec<Table>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// A row of a table: its `TR` element and one block per cell, whose spans belong to the
/// cell's `TH` or `TD` element.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub node: NodeId,
    pub cells: Vec<Block>,
}

/// A GFM table, read from the Markdown.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    pub caption: Option<Block>,
    pub aligns: Vec<Align>,
    pub header: Option<Row>,
    pub rows: Vec<Row>,
    /// The element that a header row repeated on a later page is marked with.
    pub artifact: NodeId,
}

/// a, b, … z, aa, ab, … for the 1-based `n`, as the statement's own labels.
pub(crate) fn letter(n: u64) -> String {
    crate::resolve::labels::letter(n.max(1) as usize - 1)
}

/// i, ii, iii, … for the 1-based `n`.
pub(crate) fn roman(n: u64) -> String {
    crate::resolve::labels::roman_label(n.max(1) as usize - 1)
}

/// Fails on the first character that `face` cannot draw, naming it and the text around it.
pub(crate) fn check_glyphs(fonts: &Fonts, text: &str, face: Face) -> Result<(), PdfError> {
    for (i, ch) in text.char_indices() {
        if ch == '\n' || fonts.has_glyph(face, ch) {
            continue;
        }
        let start = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
        let end = text[i..]
            .char_indices()
            .nth(30)
            .map_or(text.len(), |(j, _)| i + j);
        return Err(PdfError::MissingGlyph {
            ch,
            context: text[start..end].to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_numerals() {
        assert_eq!(letter(1), "a");
        assert_eq!(letter(26), "z");
        assert_eq!(letter(27), "aa");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(14), "xiv");
    }
}

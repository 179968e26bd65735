//! Walks the pulldown-cmark events of a decision body into blocks and structure elements:
//! numbered paragraphs, lettered points, bullets, headings, emphasis and links.

mod table;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::fonts::{Face, Fonts};
use super::model::{
    check_glyphs, letter, roman, Block, Doc, Kind, Marker, Node, NodeId, Role, Span, Target,
};
use super::PdfError;

/// Text indent of a numbered paragraph, and the step for each nested list. Narrow on purpose:
/// text extraction (poppler) reads a marker more than a font size away from its text as a
/// separate column.
const NUMBER_INDENT: f32 = 20.0;
const NESTED_INDENT: f32 = 18.0;
/// Least space between a paragraph number and its text.
const MARKER_GAP: f32 = 4.0;
/// How far a quotation is set in from the text it stands in, as the HTML's `blockquote`.
const QUOTE_INDENT: f32 = 24.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Numbered,
    Lettered,
    Roman,
    Bullet,
}

struct ListCtx {
    node: NodeId,
    kind: ListKind,
    next: u64,
    marker_x: f32,
    text_x: f32,
    /// Anchor of the enclosing numbered paragraph (`para-8`), for lettered points.
    parent_anchor: Option<String>,
}

struct ItemCtx {
    body: NodeId,
    text_x: f32,
    anchor: Option<String>,
    first_block: bool,
}

struct Walker<'f> {
    fonts: &'f Fonts,
    doc: Doc,
    lists: Vec<ListCtx>,
    items: Vec<ItemCtx>,
    pending_marker: Option<(Marker, Option<String>)>,
    open: Option<Block>,
    bold: usize,
    italic: usize,
    links: Vec<NodeId>,
    /// Open quotations: the structure element and how many list items were open around it.
    quotes: Vec<(NodeId, usize)>,
    table: Option<table::TableCtx>,
}

/// Parses `markdown` into blocks; every character must have a glyph in the face it is set in.
pub(crate) fn parse(markdown: &str, fonts: &Fonts) -> Result<Doc, PdfError> {
    let mut w = Walker {
        fonts,
        doc: Doc {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                numbering: None,
                target: None,
            }],
            blocks: Vec::new(),
            tables: Vec::new(),
        },
        lists: Vec::new(),
        items: Vec::new(),
        pending_marker: None,
        open: None,
        bold: 0,
        italic: 0,
        links: Vec::new(),
        quotes: Vec::new(),
        table: None,
    };
    for event in
        crate::render::points::read_labels(Parser::new_ext(markdown, Options::ENABLE_TABLES))
    {
        w.event(event)?;
    }
    w.close_block()?;
    widen_number_column(&mut w.doc.blocks, fonts);
    Ok(w.doc)
}

/// Makes room for paragraph numbers too wide for the number column (100. and beyond).
fn widen_number_column(blocks: &mut [Block], fonts: &Fonts) {
    let widest = blocks
        .iter()
        .filter_map(|b| b.marker.as_ref().filter(|m| m.x == 0.0 && b.indent > 0.0))
        .map(|m| fonts.width(Face::Regular, &m.text, 11.0))
        .fold(0.0, f32::max);
    let extra = widest + MARKER_GAP - NUMBER_INDENT;
    if extra <= 0.0 {
        return;
    }
    for block in blocks.iter_mut().filter(|b| b.indent > 0.0) {
        block.indent += extra;
        if let Some(marker) = block.marker.as_mut().filter(|m| m.x > 0.0) {
            marker.x += extra;
        }
    }
}

impl Walker<'_> {
    fn node(&mut self, role: Role, parent: NodeId) -> NodeId {
        self.doc.nodes.push(Node {
            role,
            parent: Some(parent),
            numbering: None,
            target: None,
        });
        self.doc.nodes.len() - 1
    }

    fn container(&self) -> NodeId {
        match self.quotes.last() {
            Some(&(quote, items)) if items == self.items.len() => quote,
            _ => self.items.last().map_or(0, |i| i.body),
        }
    }

    /// Left edge of text in the innermost list item, plus the indent of open quotations.
    fn text_indent(&self) -> f32 {
        let item = self.items.last().map_or(0.0, |i| i.text_x);
        item + QUOTE_INDENT * self.quotes.len() as f32
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), PdfError> {
        if self.table_event(&event)? {
            return Ok(());
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.close_block()?;
                let level = heading_level(level);
                self.open_block(Kind::Heading(level), Role::H(level));
            }
            Event::Start(Tag::Paragraph) => {
                self.close_block()?;
                self.open_block(Kind::Body, Role::P);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => self.close_block()?,
            Event::Start(Tag::List(start)) => {
                self.close_block()?;
                self.start_list(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.close_block()?;
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.close_block()?;
                self.start_item()?;
            }
            Event::End(TagEnd::Item) => {
                self.close_block()?;
                self.items.pop();
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.close_block()?;
                let node = self.node(Role::BlockQuote, self.container());
                self.quotes.push((node, self.items.len()));
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.close_block()?;
                self.quotes.pop();
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let parent = self.inline_node();
                let id = self.node(Role::Link, parent);
                self.doc.nodes[id].target = Some(match dest_url.strip_prefix('#') {
                    Some(anchor) => Target::Anchor(anchor.to_string()),
                    None => Target::Uri(dest_url.to_string()),
                });
                self.links.push(id);
            }
            Event::End(TagEnd::Link) => {
                self.links.pop();
            }
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) => self.text(&text),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Rule => self.close_block()?,
            _ => {}
        }
        Ok(())
    }

    fn open_block(&mut self, kind: Kind, role: Role) {
        let node = self.node(role, self.container());
        let (marker, anchor) = match self.pending_marker.take() {
            Some((m, a)) => (Some(m), a),
            None => (None, None),
        };
        let indent = self.text_indent();
        let space_before = match kind {
            // As a section's heading; at the top of a page (where the title stands) none.
            Kind::Heading(1 | 2) => 16.0,
            Kind::Heading(_) => 10.0,
            Kind::Table(_) => 9.0,
            Kind::Body => match self.items.last() {
                Some(item) if self.items.len() > 1 && item.first_block => 4.0,
                _ => 7.0,
            },
        };
        if let Some(item) = self.items.last_mut() {
            item.first_block = false;
        }
        self.open = Some(Block {
            kind,
            spans: vec![Span {
                text: String::new(),
                face: Face::Regular,
                node,
            }],
            indent,
            marker,
            anchor,
            space_before,
        });
    }

    /// The structure element that inline content goes into, opening an implicit paragraph for
    /// the text of a tight list item.
    fn inline_node(&mut self) -> NodeId {
        if self.open.is_none() {
            self.open_block(Kind::Body, Role::P);
        }
        match (&self.open, self.links.last()) {
            (_, Some(&link)) => link,
            (Some(block), None) => block.spans[0].node,
            (None, None) => 0,
        }
    }

    fn text(&mut self, text: &str) {
        let node = self.inline_node();
        let face = match self.open.as_ref().map(|b| b.kind) {
            // A second level of sub-heading is set apart from the first by weight alone.
            Some(Kind::Heading(level)) => {
                Face::of(level <= 3 || self.bold > 0, level >= 3 || self.italic > 0)
            }
            _ => Face::of(self.bold > 0, self.italic > 0),
        };
        let Some(block) = self.open.as_mut() else {
            return;
        };
        let clean = text.chars().filter_map(|c| match c {
            '\t' => Some(' '),
            c if super::fallback::is_dropped(c) => None,
            c => Some(c),
        });
        match block.spans.last_mut() {
            Some(last) if last.face == face && last.node == node => last.text.extend(clean),
            _ => block.spans.push(Span {
                text: clean.collect(),
                face,
                node,
            }),
        }
    }

    fn close_block(&mut self) -> Result<(), PdfError> {
        let Some(block) = self.open.take() else {
            return Ok(());
        };
        let block = self.tidy(block)?;
        if !block.spans.is_empty() || block.marker.is_some() {
            self.doc.blocks.push(block);
        }
        Ok(())
    }

    /// A block's text trimmed at both ends, with fallback runs split out.
    fn tidy(&self, mut block: Block) -> Result<Block, PdfError> {
        block.spans.retain(|s| !s.text.is_empty());
        if let Some(first) = block.spans.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = block.spans.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        block.spans.retain(|s| !s.text.is_empty());
        block.spans = super::fallback::split_spans(self.fonts, std::mem::take(&mut block.spans))?;
        if let Some(marker) = &block.marker {
            check_glyphs(self.fonts, &marker.text, Face::Regular)?;
        }
        Ok(block)
    }

    fn start_list(&mut self, start: Option<u64>) {
        let enclosing = self.lists.iter().rev().find(|l| l.kind != ListKind::Bullet);
        let kind = match (start, enclosing.map(|l| l.kind)) {
            (None, _) => ListKind::Bullet,
            (Some(crate::render::points::TOP_LETTERED), None) => ListKind::Lettered,
            (Some(_), None) => ListKind::Numbered,
            (Some(_), Some(ListKind::Numbered)) => ListKind::Lettered,
            (Some(_), Some(_)) => ListKind::Roman,
        };
        let (marker_x, text_x) = match self.items.last() {
            Some(_) => (self.text_indent(), self.text_indent() + NESTED_INDENT),
            None => (0.0, NUMBER_INDENT),
        };
        let node = self.node(Role::L, self.container());
        self.doc.nodes[node].numbering = Some(match kind {
            ListKind::Numbered => "Decimal",
            ListKind::Lettered => "LowerAlpha",
            ListKind::Roman => "LowerRoman",
            ListKind::Bullet => "Disc",
        });
        let parent_anchor = self.items.last().and_then(|i| i.anchor.clone());
        self.lists.push(ListCtx {
            node,
            kind,
            next: start.unwrap_or(1).max(1),
            marker_x,
            text_x,
            parent_anchor,
        });
    }

    fn start_item(&mut self) -> Result<(), PdfError> {
        // An item that opens with a nested list still shows its own marker, on a line of its own.
        if self.pending_marker.is_some() {
            self.open_block(Kind::Body, Role::P);
            self.close_block()?;
        }
        let bullet_depth = self
            .lists
            .iter()
            .filter(|l| l.kind == ListKind::Bullet)
            .count();
        let Some(list) = self.lists.last_mut() else {
            return Ok(());
        };
        let n = list.next;
        list.next += 1;
        let (text, anchor) = match list.kind {
            ListKind::Numbered => (format!("{n}."), Some(format!("para-{n}"))),
            ListKind::Lettered => {
                let letter = letter(n);
                let anchor = list.parent_anchor.as_ref().map(|a| format!("{a}{letter}"));
                (format!("{letter})"), anchor)
            }
            ListKind::Roman => (format!("{})", roman(n)), None),
            ListKind::Bullet => ((if bullet_depth > 1 { "–" } else { "•" }).to_string(), None),
        };
        let (list_node, marker_x, text_x) = (list.node, list.marker_x, list.text_x);
        let li = self.node(Role::LI, list_node);
        let lbl = self.node(Role::Lbl, li);
        let body = self.node(Role::LBody, li);
        self.pending_marker = Some((
            Marker {
                text,
                x: marker_x,
                node: lbl,
            },
            anchor.clone(),
        ));
        self.items.push(ItemCtx {
            body,
            text_x,
            anchor,
            first_block: true,
        });
        Ok(())
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;

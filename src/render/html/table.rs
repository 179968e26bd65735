//! GFM tables as HTML: `<table>` with a `<caption>` when a `Table: …` paragraph stands right
//! before it (pandoc's convention), column widths shared out as in the PDF, `<th scope="col">`
//! header cells, and column alignment as classes the page's stylesheet sets.

use std::fmt::Write as _;

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::text::escape_into;
use super::{Frame, Writer};

/// What a table being written needs to know about its columns and where it is.
#[derive(Debug, Default)]
pub(super) struct TableState {
    aligns: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

/// The caption of a table written as a paragraph of its own right before it:
/// `Table: Orders and due dates`. Plain text only.
pub(super) fn caption_before<'a>(events: &'a [Event], i: usize) -> Option<&'a str> {
    match (
        events.get(i),
        events.get(i + 1),
        events.get(i + 2),
        events.get(i + 3),
    ) {
        (
            Some(Event::Start(Tag::Paragraph)),
            Some(Event::Text(text)),
            Some(Event::End(TagEnd::Paragraph)),
            Some(Event::Start(Tag::Table(_))),
        ) => text
            .strip_prefix("Table: ")
            .map(str::trim)
            .filter(|c| !c.is_empty()),
        _ => None,
    }
}

/// The text width a table shares out, in characters (a 40rem column less the paragraph
/// indent, at the table's font size), and each cell's padding.
const TEXT_CHARS: f32 = 62.0;
const PAD_CHARS: f32 = 2.5;
/// Characters are counted generously, for capitals and bold header cells.
const CHAR: f32 = 1.2;

/// Each column's share of the width, in per cent, from its cells' words as
/// [`crate::render::columns::widths`] shares them out in the PDF.
fn column_percents(events: &[Event], i: usize, columns: usize) -> Vec<f32> {
    let mut min = vec![PAD_CHARS; columns.max(1)];
    let mut max = min.clone();
    let mut column = 0;
    let mut cell = String::new();
    for e in &events[i + 1..] {
        match e {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead | Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::Text(t) | Event::Code(t) => cell.push_str(t),
            Event::End(TagEnd::TableCell) => {
                if let (Some(lo), Some(hi)) = (min.get_mut(column), max.get_mut(column)) {
                    let widest = cell.split_whitespace().map(|w| w.chars().count()).max();
                    *lo = lo.max(widest.unwrap_or(0) as f32 * CHAR + PAD_CHARS);
                    *hi = hi.max(cell.chars().count() as f32 * CHAR + PAD_CHARS);
                }
                column += 1;
            }
            _ => {}
        }
    }
    let widths = crate::render::columns::widths(min, &max, TEXT_CHARS);
    let total: f32 = widths.iter().sum::<f32>().max(0.01);
    widths.iter().map(|w| 100.0 * w / total).collect()
}

impl Writer {
    /// Writes `<table>` and the caption that precedes it in the events, if any.
    pub(super) fn table(&mut self, aligns: &[Alignment], events: &[Event], i: usize) -> Frame {
        self.out.push_str("<table>\n");
        if let Some(caption) = i.checked_sub(3).and_then(|at| caption_before(events, at)) {
            self.out.push_str("<caption>");
            escape_into(&mut self.out, caption);
            self.out.push_str("</caption>\n");
        }
        self.out.push_str("<colgroup>");
        for width in column_percents(events, i, aligns.len()) {
            let _ = write!(self.out, "<col style=\"width: {width:.1}%\">");
        }
        self.out.push_str("</colgroup>\n");
        self.table = Some(TableState {
            aligns: aligns.to_vec(),
            ..TableState::default()
        });
        Frame::Table
    }

    pub(super) fn table_head(&mut self) -> Frame {
        if let Some(t) = self.table.as_mut() {
            t.in_head = true;
            t.column = 0;
        }
        self.out.push_str("<thead>\n<tr>");
        Frame::Plain("</tr>\n</thead>\n<tbody>\n")
    }

    pub(super) fn table_row(&mut self) -> Frame {
        if let Some(t) = self.table.as_mut() {
            t.in_head = false;
            t.column = 0;
        }
        self.out.push_str("<tr>");
        Frame::Plain("</tr>\n")
    }

    /// A cell; an `empty` one in the header row is a `<td>`, since a header cell that names
    /// nothing leaves its column without a name for screen readers.
    pub(super) fn table_cell(&mut self, empty: bool) -> Frame {
        let (head, align) = match self.table.as_mut() {
            Some(t) => {
                let align = t.aligns.get(t.column).copied().unwrap_or(Alignment::None);
                t.column += 1;
                (t.in_head, align)
            }
            None => (false, Alignment::None),
        };
        let class = match align {
            Alignment::Right => " class=\"right\"",
            Alignment::Center => " class=\"center\"",
            Alignment::Left | Alignment::None => "",
        };
        if head && !empty {
            self.out.push_str("<th scope=\"col\"");
            self.out.push_str(class);
            self.out.push('>');
            Frame::Plain("</th>")
        } else {
            self.out.push_str("<td");
            self.out.push_str(class);
            self.out.push('>');
            Frame::Plain("</td>")
        }
    }

    pub(super) fn end_table(&mut self) {
        self.table = None;
        self.out.push_str("</tbody>\n</table>\n");
    }
}

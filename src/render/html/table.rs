//! GFM tables as HTML: `<table>` with a `<caption>` when a `Table: …` paragraph stands right
//! before it (pandoc's convention), `<th scope="col">` header cells, and column alignment as
//! classes the page's stylesheet sets.

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
    match (events.get(i), events.get(i + 1), events.get(i + 2), events.get(i + 3)) {
        (
            Some(Event::Start(Tag::Paragraph)),
            Some(Event::Text(text)),
            Some(Event::End(TagEnd::Paragraph)),
            Some(Event::Start(Tag::Table(_))),
        ) => text.strip_prefix("Table: ").map(str::trim).filter(|c| !c.is_empty()),
        _ => None,
    }
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

    pub(super) fn table_cell(&mut self) -> Frame {
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
        if head {
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

//! HTML rendering: the canonical Markdown body as a semantic, safe HTML fragment, plus the page context.
//!
//! The body is produced by walking pulldown-cmark events, as the PDF typesetter does, so words and
//! paragraph numbers agree across formats. Raw HTML in the Markdown is shown as text, and only
//! http, https, mailto and `#fragment` links become links.

mod page;
mod table;
mod text;

use std::collections::HashSet;
use std::fmt::Write as _;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

pub use page::{page, PageContext, PageDecision, PageTranslation};
use text::{
    escape_href_into, escape_into, is_allowed_href, letters, slug, split_label, start_attr,
};

/// Converts the canonical Markdown body (front matter removed) into the HTML of the decision:
/// a `<header>` with the title and a definition list of the header lines, then one `<section>`
/// per `##` heading, with numbered paragraphs as `<li id="para-N">` items.
pub fn body(markdown_body: &str) -> String {
    body_in(markdown_body, "Paragraph", " : ")
}

/// [`body`], with the word that names a paragraph to screen readers ("Paragraph 12") in the
/// decision's language, and what stands between a header line's label and its value
/// (" : ", or ": " for "Case ref: 201403021").
pub fn body_in(markdown_body: &str, paragraph: &str, separator: &str) -> String {
    let events = super::points::read_labels(Parser::new_ext(markdown_body, Options::ENABLE_TABLES));
    let mut label = String::new();
    escape_into(&mut label, paragraph);
    let mut w = Writer {
        paragraph: label,
        separator: separator.to_string(),
        ..Writer::default()
    };
    for i in 0..events.len() {
        w.event(&events, i);
    }
    w.finish()
}

/// What an open element is, so the matching end event knows what to close.
#[derive(Debug, Clone, PartialEq)]
enum Frame {
    /// Closing markup written verbatim at the end event.
    Plain(&'static str),
    /// A list of numbered paragraphs; `next` is the number of its next item.
    Paras { next: u64 },
    /// A numbered paragraph; `auto_p` is set while a `<p>` opened for tight text is open.
    Para { number: u64, auto_p: bool },
    /// Lettered sub-points of paragraph `para`; `next` is the 1-based index of the next item.
    Letters { para: u64, next: u64 },
    /// Any other ordered list.
    Ordered,
    /// A bullet list.
    Bullets,
    /// A header line shown as a `<dt>`/`<dd>` pair.
    HeaderLine,
    /// A GFM table.
    Table,
}

#[derive(Default)]
struct Writer {
    out: String,
    stack: Vec<Frame>,
    ids: HashSet<String>,
    /// Between the title and the first block that is not a header line.
    in_header: bool,
    dl_open: bool,
    section_open: bool,
    /// The page's one `<h1>` is written: a later level-one heading is set as `<h2>`.
    h1_written: bool,
    /// Events already written by a look-ahead (heading text, header-line label, caption).
    skip_until: usize,
    table: Option<table::TableState>,
    /// "Paragraph", as in the self-link's label "Paragraph 12", escaped for an attribute.
    paragraph: String,
    /// Between a header line's label and its value.
    separator: String,
}

impl Writer {
    fn event(&mut self, events: &[Event], i: usize) {
        if i < self.skip_until {
            return;
        }
        let event = &events[i];
        if is_inline(event) {
            self.open_tight_paragraph();
        } else if matches!(event, Event::Start(_) | Event::Rule) {
            self.close_tight_paragraph();
            if self.in_header && self.stack.is_empty() && !self.is_header_line(events, i) {
                self.end_header();
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, events, i),
            Event::End(tag) => self.end(*tag),
            Event::Code(text) => {
                self.out.push_str("<code>");
                escape_into(&mut self.out, text);
                self.out.push_str("</code>");
            }
            Event::Text(text)
            | Event::Html(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text)
            | Event::FootnoteReference(text) => escape_into(&mut self.out, text),
            Event::SoftBreak => self.out.push('\n'),
            Event::HardBreak => self.out.push_str("<br>\n"),
            Event::Rule => self.out.push_str("<hr>\n"),
            Event::TaskListMarker(done) => self.out.push_str(if *done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: &Tag, events: &[Event], i: usize) {
        let top_level = self.stack.is_empty();
        let frame = match tag {
            Tag::Paragraph if self.in_header && top_level => {
                return self.header_line(events, i);
            }
            // A table's caption is written inside the table.
            Tag::Paragraph if table::caption_before(events, i).is_some() => {
                self.skip_until = i + 3;
                return;
            }
            Tag::Table(aligns) => self.table(aligns, events, i),
            Tag::TableHead => self.table_head(),
            Tag::TableRow => self.table_row(),
            Tag::TableCell => self.table_cell(matches!(events.get(i + 1), Some(Event::End(_)))),
            Tag::Paragraph => {
                self.out.push_str("<p>");
                Frame::Plain("</p>\n")
            }
            Tag::Heading { level, .. } => return self.heading(*level, events, i, top_level),
            Tag::List(start) => self.list(*start, top_level),
            Tag::Item => self.item(),
            Tag::BlockQuote(_) => {
                self.out.push_str("<blockquote>\n");
                Frame::Plain("</blockquote>\n")
            }
            Tag::CodeBlock(_) => {
                self.out.push_str("<pre><code>");
                Frame::Plain("</code></pre>\n")
            }
            // Raw HTML is shown as the text it is, never passed through.
            Tag::HtmlBlock => {
                self.out.push_str("<p>");
                Frame::Plain("</p>\n")
            }
            Tag::Emphasis => {
                self.out.push_str("<em>");
                Frame::Plain("</em>")
            }
            Tag::Strong => {
                self.out.push_str("<strong>");
                Frame::Plain("</strong>")
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => self.link(*link_type, dest_url, title),
            // Images would need a network request or a data: URL; their alt text stands in.
            _ => Frame::Plain(""),
        };
        self.stack.push(frame);
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::Heading(_)) {
            return; // written whole by `heading`
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Plain(close) => self.out.push_str(close),
            Frame::Paras { .. } | Frame::Letters { .. } | Frame::Ordered => {
                self.out.push_str("</ol>\n");
            }
            Frame::Bullets => self.out.push_str("</ul>\n"),
            Frame::Para { auto_p, .. } => {
                if auto_p {
                    self.out.push_str("</p>");
                }
                self.out.push_str("</li>\n");
            }
            Frame::HeaderLine => self.out.push_str("</dd></div>\n"),
            Frame::Table => self.end_table(),
        }
    }

    fn finish(mut self) -> String {
        self.end_header();
        if self.section_open {
            self.out.push_str("</section>\n");
        }
        self.out
    }

    fn heading(&mut self, level: HeadingLevel, events: &[Event], i: usize, top_level: bool) {
        let end = events[i..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
            .map_or(events.len(), |p| i + p);
        let mut inner = Writer::default();
        let mut text = String::new();
        for (j, e) in events.iter().enumerate().take(end).skip(i + 1) {
            inner.event(events, j);
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
            }
        }
        self.skip_until = end + 1;

        let is_title = level == HeadingLevel::H1 && top_level && self.out.is_empty();
        // The first level-one heading before the sections is the page's `<h1>`, also after a
        // letter head; only the one that opens the page opens its `<header>`.
        let first_h1 =
            level == HeadingLevel::H1 && top_level && !self.h1_written && !self.section_open;
        let n = match level {
            HeadingLevel::H1 if first_h1 => 1,
            HeadingLevel::H1 | HeadingLevel::H2 => 2,
            other => other as usize,
        };
        self.h1_written |= first_h1;
        if is_title {
            self.in_header = true;
            let _ = writeln!(self.out, "<header>\n<h1>{}</h1>", inner.out);
            return;
        }
        let id = self.unique_id(&slug(&text));
        if n == 2 && top_level {
            if self.section_open {
                self.out.push_str("</section>\n");
            }
            self.section_open = true;
            let _ = writeln!(self.out, "<section aria-labelledby=\"{id}\">");
        }
        let _ = writeln!(self.out, "<h{n} id=\"{id}\">{}</h{n}>", inner.out);
    }

    fn list(&mut self, start: Option<u64>, top_level: bool) -> Frame {
        let Some(start) = start else {
            self.out.push_str("<ul>\n");
            return Frame::Bullets;
        };
        let enclosing = self.stack.iter().rev().find_map(|f| match f {
            Frame::Para { number, .. } => Some(Some(*number)),
            Frame::Letters { .. } | Frame::Ordered => Some(None),
            _ => None,
        });
        match (top_level, enclosing) {
            (true, _) if start == super::points::TOP_LETTERED => {
                self.out.push_str("<ol type=\"a\">\n");
                Frame::Ordered
            }
            (true, _) => {
                let _ = writeln!(self.out, "<ol class=\"paras\" start=\"{start}\">");
                Frame::Paras { next: start }
            }
            (false, Some(Some(para))) => {
                let _ = writeln!(self.out, "<ol type=\"a\"{}>", start_attr(start));
                Frame::Letters { para, next: start }
            }
            (false, Some(None)) => {
                let _ = writeln!(self.out, "<ol type=\"i\"{}>", start_attr(start));
                Frame::Ordered
            }
            (false, None) => {
                let _ = writeln!(self.out, "<ol{}>", start_attr(start));
                Frame::Ordered
            }
        }
    }

    fn item(&mut self) -> Frame {
        match self.stack.last_mut() {
            Some(Frame::Paras { next }) => {
                let number = *next;
                *next += 1;
                let id = format!("para-{number}");
                let id_attr = self.claim_id(&id);
                let _ = write!(
                    self.out,
                    "<li{id_attr}><a class=\"self\" href=\"#{id}\" \
                     aria-label=\"{} {number}\">¶</a>",
                    self.paragraph
                );
                Frame::Para {
                    number,
                    auto_p: false,
                }
            }
            Some(Frame::Letters { para, next }) => {
                let id = format!("para-{para}{}", letters(*next));
                *next += 1;
                let id_attr = self.claim_id(&id);
                let _ = write!(self.out, "<li{id_attr}>");
                Frame::Plain("</li>\n")
            }
            _ => {
                self.out.push_str("<li>");
                Frame::Plain("</li>\n")
            }
        }
    }

    fn link(&mut self, link_type: LinkType, dest: &str, title: &str) -> Frame {
        let href = match link_type {
            LinkType::Email => format!("mailto:{dest}"),
            _ => dest.to_string(),
        };
        if !is_allowed_href(&href) {
            return Frame::Plain("");
        }
        self.out.push_str("<a href=\"");
        escape_href_into(&mut self.out, &href);
        if !title.is_empty() {
            self.out.push_str("\" title=\"");
            escape_into(&mut self.out, title);
        }
        self.out.push_str("\">");
        Frame::Plain("</a>")
    }

    /// A header line is a top-level paragraph right after the title that reads "Label : value".
    fn is_header_line(&self, events: &[Event], i: usize) -> bool {
        matches!(events[i], Event::Start(Tag::Paragraph))
            && self.stack.is_empty()
            && matches!(events.get(i + 1), Some(Event::Text(t)) if split_label(t, &self.separator).is_some())
    }

    fn header_line(&mut self, events: &[Event], i: usize) {
        let Some(Event::Text(text)) = events.get(i + 1) else {
            return;
        };
        let Some((label, value)) = split_label(text, &self.separator) else {
            return;
        };
        if !self.dl_open {
            self.dl_open = true;
            self.out.push_str("<dl class=\"meta\">\n");
        }
        self.out.push_str("<div><dt>");
        escape_into(&mut self.out, label);
        self.out.push_str("</dt><dd>");
        escape_into(&mut self.out, value);
        self.stack.push(Frame::HeaderLine);
        self.skip_until = i + 2;
    }

    fn end_header(&mut self) {
        if self.dl_open {
            self.out.push_str("</dl>\n");
            self.dl_open = false;
        }
        if self.in_header {
            self.out.push_str("</header>\n");
            self.in_header = false;
        }
    }

    /// Text directly inside a numbered paragraph of a tight list gets its own `<p>`, so that
    /// every numbered paragraph has the same shape.
    fn open_tight_paragraph(&mut self) {
        if let Some(Frame::Para { auto_p, .. }) = self.stack.last_mut() {
            if !*auto_p {
                *auto_p = true;
                self.out.push_str("<p>");
            }
        }
    }

    fn close_tight_paragraph(&mut self) {
        if let Some(Frame::Para { auto_p, .. }) = self.stack.last_mut() {
            if *auto_p {
                *auto_p = false;
                self.out.push_str("</p>\n");
            }
        }
    }

    /// Returns ` id="…"` the first time an id is used, and nothing after that, so that a
    /// repeated number cannot produce duplicate ids.
    fn claim_id(&mut self, id: &str) -> String {
        if self.ids.insert(id.to_string()) {
            format!(" id=\"{id}\"")
        } else {
            String::new()
        }
    }

    fn unique_id(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests;

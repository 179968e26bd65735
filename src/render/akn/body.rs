//! A numbered paragraph's Markdown as Akoma Ntoso: `paragraph` with `num` and `content`,
//! lettered points and bullets as nested `blockList`s, quotations as `embeddedStructure`,
//! cross-references as `ref`s to `para_N`, and citations of known Acts as `ref`s to the Act.

use super::xml::Xml;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// A numbered paragraph.
pub fn paragraph(x: &mut Xml, number: usize, markdown: &str, cite: &Citations) {
    let id = format!("para_{number}");
    x.open("paragraph", &[("eId", &id)]);
    x.leaf("num", &[], &format!("{number}."));
    x.open("content", &[]);
    let mut w = Walker {
        x,
        cite,
        base: id,
        stack: Vec::new(),
        auto_p: false,
    };
    for event in coalesce(Parser::new(markdown)) {
        w.event(event);
    }
    w.close_auto_p();
    x.close("content");
    x.close("paragraph");
    x.nl();
}

/// A paragraph the office does not number ("Our approach", a findings summary's text): a
/// `paragraph` without a `num`, its `eId` given by the section it stands in.
pub fn unnumbered(x: &mut Xml, id: &str, markdown: &str, cite: &Citations) {
    x.open("paragraph", &[("eId", id)]);
    x.open("content", &[]);
    let mut w = Walker {
        x,
        cite,
        base: id.to_string(),
        stack: Vec::new(),
        auto_p: false,
    };
    for event in coalesce(Parser::new(markdown)) {
        w.event(event);
    }
    w.close_auto_p();
    x.close("content");
    x.close("paragraph");
    x.nl();
}

/// Inline Markdown (a summary, a heading) inside an element that is already open.
pub fn inline_markdown(x: &mut Xml, markdown: &str, cite: &Citations) {
    let mut w = Walker {
        x,
        cite,
        base: String::new(),
        stack: vec![Frame::P],
        auto_p: false,
    };
    for event in coalesce(Parser::new(markdown)) {
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            e => w.event(e),
        }
    }
}

/// Joins the text events that pulldown-cmark splits at special characters, so a citation
/// arrives whole, and reads lettered points (`- a) …`) back as the ordered lists they are.
fn coalesce(parser: Parser<'_>) -> Vec<Event<'_>> {
    crate::render::points::read_labels(parser)
}

/// What an open Markdown element became, so its end closes the right thing.
enum Frame {
    /// The numbered paragraph's own list and item: the `paragraph` element stands for them.
    Outer,
    /// A list of points; `depth` 0 is lettered, deeper ordered lists are numbered.
    List {
        ordered: bool,
        depth: usize,
        next: u64,
    },
    Item,
    P,
    Quote,
    Inline(Option<&'static str>),
}

struct Walker<'a, 'x> {
    x: &'x mut Xml,
    cite: &'a Citations,
    /// The `eId` of the paragraph, which its lettered points extend.
    base: String,
    stack: Vec<Frame>,
    /// A `p` opened for the text of a tight list item.
    auto_p: bool,
}

impl Walker<'_, '_> {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.inline();
                self.cite.write(self.x, &t);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) | Event::FootnoteReference(t) => {
                self.inline();
                self.x.text(&t);
            }
            Event::SoftBreak => {
                self.inline();
                self.x.text(" ");
            }
            Event::HardBreak => {
                self.inline();
                self.x.empty("eol", &[]);
            }
            Event::TaskListMarker(done) => {
                self.inline();
                self.x.text(if done { "[x] " } else { "[ ] " });
            }
            Event::Rule => {}
        }
    }

    /// Opens a `p` when text arrives straight inside a block container.
    fn inline(&mut self) {
        if matches!(
            self.stack.last(),
            Some(Frame::Outer | Frame::Item | Frame::Quote) | None
        ) && !self.auto_p
        {
            self.x.open("p", &[]);
            self.auto_p = true;
        }
    }

    fn close_auto_p(&mut self) {
        if self.auto_p {
            self.x.close("p");
            self.auto_p = false;
        }
    }

    fn start(&mut self, tag: Tag) {
        let inline = matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        );
        if inline {
            self.inline();
        } else {
            self.close_auto_p();
        }
        let frame = match tag {
            Tag::List(start)
                if self.stack.is_empty() && start != Some(crate::render::points::TOP_LETTERED) =>
            {
                Frame::Outer
            }
            Tag::Item if matches!(self.stack.last(), Some(Frame::Outer)) => Frame::Outer,
            Tag::List(start) => {
                let depth = self
                    .stack
                    .iter()
                    .filter(|f| matches!(f, Frame::List { .. }))
                    .count();
                self.x.open("blockList", &[]);
                Frame::List {
                    ordered: start.is_some(),
                    depth,
                    next: start.unwrap_or(1).max(1),
                }
            }
            Tag::Item => {
                self.item();
                Frame::Item
            }
            Tag::BlockQuote(_) => {
                self.x.open("p", &[]);
                self.x.open("embeddedStructure", &[]);
                Frame::Quote
            }
            Tag::Emphasis => self.open_inline("i", &[]),
            Tag::Strong => self.open_inline("b", &[]),
            Tag::Strikethrough => self.open_inline("del", &[]),
            Tag::Link { dest_url, .. } => self.link(&dest_url),
            Tag::Image { .. } => Frame::Inline(None),
            // Any other block (a heading, code, a table) is kept as a paragraph of its text,
            // and what nests inside it as words of that paragraph.
            _ if matches!(self.stack.last(), Some(Frame::P | Frame::Inline(_))) => {
                self.x.text(" ");
                Frame::Inline(None)
            }
            _ => {
                self.x.open("p", &[]);
                Frame::P
            }
        };
        self.stack.push(frame);
    }

    fn open_inline(&mut self, tag: &'static str, attrs: &[(&str, &str)]) -> Frame {
        self.x.open(tag, attrs);
        Frame::Inline(Some(tag))
    }

    /// An item of a list of points: lettered (with an `eId` that cross-references reach),
    /// numbered, or a bullet.
    fn item(&mut self) {
        let Some(Frame::List {
            ordered,
            depth,
            next,
        }) = self.stack.last_mut()
        else {
            self.x.open("item", &[]);
            return;
        };
        let i = *next;
        *next += 1;
        match (*ordered, *depth) {
            (true, 0) => {
                let letter = crate::resolve::letter(i.saturating_sub(1) as usize);
                let id = format!("{}__item_{letter}", self.base);
                self.x.open("item", &[("eId", &id)]);
                self.x.leaf("num", &[], &format!("{letter})"));
            }
            (true, _) => {
                self.x.open("item", &[]);
                let roman = crate::resolve::labels::roman_label(i.saturating_sub(1) as usize);
                self.x.leaf("num", &[], &format!("{roman})"));
            }
            (false, _) => self.x.open("item", &[]),
        }
    }

    /// A cross-reference becomes a `ref` to the paragraph's `eId`; a web address an `a`.
    fn link(&mut self, dest: &str) -> Frame {
        if let Some(anchor) = dest.strip_prefix("#para-") {
            let digits: String = anchor.chars().take_while(char::is_ascii_digit).collect();
            let letters = &anchor[digits.len()..];
            let href = if letters.is_empty() {
                format!("#para_{digits}")
            } else {
                format!("#para_{digits}__item_{letters}")
            };
            return self.open_inline("ref", &[("href", &href)]);
        }
        let web = ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| dest.to_ascii_lowercase().starts_with(s));
        if web {
            return self.open_inline("a", &[("href", dest)]);
        }
        Frame::Inline(None)
    }

    fn end(&mut self, _tag: TagEnd) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Outer => self.close_auto_p(),
            Frame::List { .. } => self.x.close("blockList"),
            Frame::Item => {
                self.close_auto_p();
                self.x.close("item");
            }
            Frame::P => self.x.close("p"),
            Frame::Quote => {
                self.close_auto_p();
                self.x.close("embeddedStructure");
                self.x.close("p");
            }
            Frame::Inline(Some(tag)) => self.x.close(tag),
            Frame::Inline(None) => {}
        }
    }
}

/// The Acts that the office's wording knows, to mark their citations as `ref`s.
pub struct Citations {
    /// Longest name first, so a longer name wins over one it contains.
    acts: Vec<(String, String)>,
}

impl Citations {
    pub fn new(acts: &BTreeMap<String, String>) -> Citations {
        let mut acts: Vec<(String, String)> = acts
            .iter()
            .filter(|(name, _)| !name.trim().is_empty())
            .map(|(n, u)| (n.clone(), u.trim_end_matches('/').to_string()))
            .collect();
        acts.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        Citations { acts }
    }

    /// Writes `text`, each citation of a known Act inside a `ref`: the Act with its first
    /// section (`Local Government Act 1974, section 26(1)`), then each further section.
    pub fn write(&self, x: &mut Xml, text: &str) {
        let mut rest = text;
        while let Some((at, name, uri)) = self.next_act(rest) {
            x.text(&rest[..at]);
            rest = &rest[at + name.len()..];
            let (lead, first) = match section_lead(rest) {
                Some(lead) => (lead, section(&rest[lead..])),
                None => (0, None),
            };
            let Some((id, len)) = first else {
                x.leaf("ref", &[("href", uri)], name);
                continue;
            };
            let href = format!("{uri}/section/{id}");
            x.leaf(
                "ref",
                &[("href", &href)],
                &format!("{name}{}", &rest[..lead + len]),
            );
            rest = &rest[lead + len..];
            // "sections 26(1) and 26A(1)": each further section gets its own `ref`.
            while let Some(sep) = [" and ", ", "].iter().find(|s| rest.starts_with(**s)) {
                let Some((id, len)) = section(&rest[sep.len()..]) else {
                    break;
                };
                x.text(sep);
                rest = &rest[sep.len()..];
                x.leaf(
                    "ref",
                    &[("href", &format!("{uri}/section/{id}"))],
                    &rest[..len],
                );
                rest = &rest[len..];
            }
        }
        x.text(rest);
    }

    fn next_act<'s>(&'s self, text: &str) -> Option<(usize, &'s str, &'s str)> {
        self.acts
            .iter()
            .filter_map(|(name, uri)| text.find(name.as_str()).map(|at| (at, name, uri)))
            .min_by_key(|(at, _, _)| *at)
            .map(|(at, name, uri)| (at, name.as_str(), uri.as_str()))
    }
}

/// The length of `, section ` or `, sections ` at the start of `s`.
fn section_lead(s: &str) -> Option<usize> {
    [", sections ", ", section ", " section ", " s. ", ", s. "]
        .iter()
        .find(|lead| s.starts_with(**lead))
        .map(|lead| lead.len())
}

/// A section number at the start of `s` (`26A`, with any `(1)(a)` after it): the section's
/// id and the length of the whole.
fn section(s: &str) -> Option<(&str, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let id_len = digits
        + s[digits..]
            .bytes()
            .take_while(u8::is_ascii_uppercase)
            .count();
    let mut len = id_len;
    while s[len..].starts_with('(') {
        match s[len..].find(')') {
            Some(close) if s[len + 1..len + close].chars().all(char::is_alphanumeric) => {
                len += close + 1;
            }
            _ => break,
        }
    }
    Some((&s[..id_len], len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(text: &str) -> String {
        let acts = BTreeMap::from([(
            "Local Government Act 1974".to_string(),
            "http://www.legislation.gov.uk/id/ukpga/1974/7".to_string(),
        )]);
        let mut x = Xml::default();
        Citations::new(&acts).write(&mut x, text);
        x.finish()
    }

    #[test]
    fn citations_link_the_act_and_its_sections() {
        assert_eq!(
            cite("(Local Government Act 1974, section 26(6)(a), as amended)"),
            "(<ref href=\"http://www.legislation.gov.uk/id/ukpga/1974/7/section/26\">Local Government Act 1974, section 26(6)(a)</ref>, as amended)\n"
        );
        assert_eq!(
            cite("Local Government Act 1974, sections 26B and 34D"),
            "<ref href=\"http://www.legislation.gov.uk/id/ukpga/1974/7/section/26B\">Local Government Act 1974, sections 26B</ref> and <ref href=\"http://www.legislation.gov.uk/id/ukpga/1974/7/section/34D\">34D</ref>\n"
        );
        assert_eq!(
            cite("the Local Government Act 1974 says"),
            "the <ref href=\"http://www.legislation.gov.uk/id/ukpga/1974/7\">Local Government Act 1974</ref> says\n"
        );
        assert_eq!(cite("the Care Act 2014"), "the Care Act 2014\n");
    }
}

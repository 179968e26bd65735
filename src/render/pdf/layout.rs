//! Line breaking (UAX #14 via unicode-linebreak, measured with the bundled fonts) and
//! pagination: headings kept with what follows, no widow or orphan lines.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::fonts::{Face, Fonts};
use super::model::{Block, Kind, NodeId, Table};
use super::table::{self, LaidTable};
use super::{BODY_BOTTOM, BODY_TOP, MARGIN_LEFT, TEXT_WIDTH};

/// A piece of text placed on a page, in PDF coordinates (points, origin bottom left).
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub face: Face,
    pub size: f32,
    pub width: f32,
    pub node: NodeId,
}

/// A heading's place, for the outline.
#[derive(Clone, Debug)]
pub(crate) struct HeadingPos {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub top: f32,
}

/// A horizontal or vertical line drawn on a page (a table's rules), in PDF coordinates.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub page: usize,
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub width: f32,
}

#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Placed text per page, in reading order.
    pub pages: Vec<Vec<Placed>>,
    pub rules: Vec<Rule>,
    /// Paragraph anchors: name, page index, top of the paragraph.
    pub anchors: Vec<(String, usize, f32)>,
    pub headings: Vec<HeadingPos>,
}

struct Style {
    size: f32,
    leading: f32,
    /// Space kept below a heading, before the block that follows it.
    space_after: f32,
}

fn style(kind: Kind) -> Style {
    match kind {
        Kind::Heading(1) => Style {
            size: 16.0,
            leading: 20.0,
            space_after: 8.0,
        },
        Kind::Heading(2) => Style {
            size: 13.0,
            leading: 17.0,
            space_after: 5.0,
        },
        Kind::Heading(_) => Style {
            size: 11.5,
            leading: 15.0,
            space_after: 4.0,
        },
        Kind::Body | Kind::Table(_) => Style {
            size: 11.0,
            leading: 15.0,
            space_after: 0.0,
        },
    }
}

/// A line of a block, positions relative to the block's left text edge and first line.
pub(crate) struct Line {
    pub frags: Vec<Placed>,
}

struct LaidBlock<'a> {
    block: &'a Block,
    lines: Vec<Line>,
    style: Style,
    table: Option<LaidTable<'a>>,
}

/// Breaks every block into lines and places the lines on pages.
pub(crate) fn layout(blocks: &[Block], tables: &[Table], fonts: &Fonts) -> Layout {
    let laid: Vec<LaidBlock> = blocks
        .iter()
        .map(|block| {
            let style = style(block.kind);
            let width = TEXT_WIDTH - block.indent;
            let table = match block.kind {
                Kind::Table(t) => tables
                    .get(t)
                    .map(|t| table::lay(t, block.indent, width, fonts)),
                _ => None,
            };
            LaidBlock {
                block,
                lines: break_lines(block, fonts, style.size, width),
                style,
                table,
            }
        })
        .collect();
    paginate(&laid, fonts)
}

/// Greedy line filling over UAX #14 break opportunities; a piece wider than the line (a long
/// URL) is cut between characters rather than allowed to overflow.
pub(crate) fn break_lines(block: &Block, fonts: &Fonts, size: f32, width: f32) -> Vec<Line> {
    let runs = Runs::new(block, fonts, size);
    runs.ranges(width)
        .into_iter()
        .map(|(start, end)| runs.line(start, end))
        .collect()
}

/// A block's text in one string, with where each span (and so each face) starts.
struct Runs<'a> {
    block: &'a Block,
    fonts: &'a Fonts,
    size: f32,
    text: String,
    /// (start byte, span index)
    faces: Vec<(usize, usize)>,
}

impl<'a> Runs<'a> {
    fn new(block: &'a Block, fonts: &'a Fonts, size: f32) -> Runs<'a> {
        let mut text = String::new();
        let mut faces = Vec::new();
        for (i, span) in block.spans.iter().enumerate() {
            faces.push((text.len(), i));
            text.push_str(&span.text);
        }
        Runs {
            block,
            fonts,
            size,
            text,
            faces,
        }
    }

    fn span_at(&self, pos: usize) -> usize {
        let k = self.faces.partition_point(|&(start, _)| start <= pos);
        self.faces[k.saturating_sub(1)].1
    }

    /// Where the span holding `pos` ends, or `limit` if sooner.
    fn span_end(&self, span: usize, limit: usize) -> usize {
        self.faces
            .get(span + 1)
            .map_or(self.text.len(), |&(s, _)| s)
            .min(limit)
    }

    /// The width of `range` of the text, each part in its own face.
    fn measure(&self, range: std::ops::Range<usize>) -> f32 {
        let mut total = 0.0;
        let mut pos = range.start;
        while pos < range.end {
            let span = self.span_at(pos);
            let end = self.span_end(span, range.end);
            let face = self.block.spans[span].face;
            let units: u32 = self.text[pos..end]
                .chars()
                .map(|c| u32::from(self.fonts.advance(face, c)))
                .sum();
            total += units as f32 * self.fonts.scale(face, self.size);
            pos = end;
        }
        total
    }

    /// The lines as byte ranges (start, end) of the text.
    fn ranges(&self, width: f32) -> Vec<(usize, usize)> {
        let text = &self.text;
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut line_start = 0;
        let mut line_width = 0.0;
        let mut prev = 0;
        let breaks = linebreaks(text).filter(|&(pos, kind)| {
            kind == BreakOpportunity::Mandatory || !after_dash(&text[..pos])
        });
        for (pos, kind) in breaks {
            let piece = &text[prev..pos];
            let content_end = prev + piece.trim_end().len();
            let content = self.measure(prev..content_end);
            if line_width > 0.0 && line_width + content > width {
                ranges.push((line_start, prev));
                line_start = prev;
                line_width = 0.0;
            }
            if content > width {
                let w = self.cut(
                    prev..content_end,
                    (&mut line_start, line_width),
                    width,
                    &mut ranges,
                );
                line_width = w + self.measure(content_end..pos);
            } else {
                line_width += self.measure(prev..pos);
            }
            if kind == BreakOpportunity::Mandatory && pos < text.len() {
                ranges.push((line_start, pos));
                line_start = pos;
                line_width = 0.0;
            }
            prev = pos;
        }
        if line_start < text.len() || ranges.is_empty() {
            ranges.push((line_start, text.len()));
        }
        ranges
    }

    /// Cuts a piece wider than the line between characters, pushing the full lines; returns
    /// the width of what is left on the current line.
    fn cut(
        &self,
        piece: std::ops::Range<usize>,
        (line_start, line_width): (&mut usize, f32),
        width: f32,
        ranges: &mut Vec<(usize, usize)>,
    ) -> f32 {
        let mut w = line_width;
        for (i, c) in self.text[piece.clone()].char_indices() {
            let at = piece.start + i;
            let cw = self.measure(at..at + c.len_utf8());
            if w + cw > width && at > *line_start {
                let cut = cut_point(&self.text, (*line_start).max(piece.start), at);
                ranges.push((*line_start, cut));
                *line_start = cut;
                w = self.measure(cut..at);
            }
            w += cw;
        }
        w
    }

    /// The line `start..end` as fragments, one per span, placed left to right.
    fn line(&self, start: usize, end: usize) -> Line {
        let end = start + self.text[start..end].trim_end().len();
        let mut frags = Vec::new();
        let mut x = 0.0;
        let mut pos = start;
        while pos < end {
            let span = self.span_at(pos);
            let span_end = self.span_end(span, end);
            let piece: String = self.text[pos..span_end]
                .chars()
                .filter(|&c| c != '\n')
                .collect();
            let w = self.measure(pos..span_end);
            if !piece.trim().is_empty() || !frags.is_empty() {
                frags.push(Placed {
                    x,
                    baseline: 0.0,
                    text: piece,
                    face: self.block.spans[span].face,
                    size: self.size,
                    width: w,
                    node: self.block.spans[span].node,
                });
            }
            x += w;
            pos = span_end;
        }
        Line { frags }
    }
}

/// A line must not end in a dash inside a word: text extraction (poppler) would join the two
/// halves and drop the hyphen, and the text was not hyphenated in the first place.
fn after_dash(before: &str) -> bool {
    matches!(
        before.chars().next_back(),
        Some('-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}')
    )
}

/// Where to cut a word too long for a line, given that it overflows at `at`: after the last
/// `/`, `.`, `?`, `&`, `=` or `_` of the part on this line when there is one, otherwise at `at`,
/// and never right after a dash.
fn cut_point(text: &str, start: usize, at: usize) -> usize {
    let part = &text[start..at];
    let soft = part
        .char_indices()
        .filter(|&(i, c)| matches!(c, '/' | '.' | '?' | '&' | '=' | '_') && i > part.len() / 2)
        .map(|(i, c)| start + i + c.len_utf8())
        .next_back();
    let mut cut = soft.unwrap_or(at);
    while cut > start + 1 && after_dash(&text[..cut]) {
        cut = text[..cut]
            .char_indices()
            .next_back()
            .map_or(cut, |(i, _)| i);
    }
    cut
}

pub(crate) struct Pager<'f> {
    pub fonts: &'f Fonts,
    pub out: Layout,
    /// Height used on the current page, from the top of the text area.
    pub used: f32,
}

/// Widest space between a list marker and its text (just under the body font size).
const MAX_MARKER_GAP: f32 = 10.0;

const BODY_HEIGHT: f32 = BODY_TOP - BODY_BOTTOM;

impl Pager<'_> {
    pub(crate) fn new_page(&mut self) {
        self.out.pages.push(Vec::new());
        self.used = 0.0;
    }

    pub(crate) fn room(&self) -> f32 {
        BODY_HEIGHT - self.used
    }

    /// Records where a block starts, for links to its anchor and for the outline.
    fn mark_start(&mut self, laid: &LaidBlock) {
        let top = BODY_TOP - self.used;
        let page = self.out.pages.len() - 1;
        if let Some(anchor) = &laid.block.anchor {
            self.out.anchors.push((anchor.clone(), page, top));
        }
        if let Kind::Heading(level) = laid.block.kind {
            let title = laid.block.spans.iter().map(|s| s.text.as_str()).collect();
            self.out.headings.push(HeadingPos {
                level,
                title,
                page,
                top,
            });
        }
    }

    fn place_line(&mut self, laid: &LaidBlock, line: &Line, with_marker: bool) {
        let s = &laid.style;
        let baseline = BODY_TOP - self.used - (s.leading + self.fonts.cap_height(s.size)) / 2.0;
        let left = MARGIN_LEFT + laid.block.indent;
        let Some(page) = self.out.pages.last_mut() else {
            return;
        };
        if with_marker {
            if let Some(marker) = &laid.block.marker {
                // Left-aligned in its column, unless that leaves more than a font size of
                // space before the text (a bullet): then moved right to keep them together.
                let width = self.fonts.width(Face::Regular, &marker.text, s.size);
                let column = laid.block.indent - marker.x;
                let shift = (column - width - MAX_MARKER_GAP).max(0.0);
                page.push(Placed {
                    x: MARGIN_LEFT + marker.x + shift,
                    baseline,
                    text: marker.text.clone(),
                    face: Face::Regular,
                    size: s.size,
                    width,
                    node: marker.node,
                });
            }
        }
        for frag in &line.frags {
            page.push(Placed {
                x: left + frag.x,
                baseline,
                ..frag.clone()
            });
        }
        self.used += s.leading;
    }
}

/// Whether a block must end up on the same page as the start of the next one: a heading, or a
/// short lead-in that ends in a colon ("His complaint falls into three areas:").
fn keeps_with_next(b: &LaidBlock) -> bool {
    match b.block.kind {
        Kind::Heading(_) => true,
        Kind::Table(_) => false,
        Kind::Body => {
            b.lines.len() <= 3 && b.block.spans.last().is_some_and(|s| s.text.ends_with(':'))
        }
    }
}

/// Height a block needs at the bottom of a page before it may start there: the first two
/// lines of a paragraph, or all of a block kept with the next plus what that one needs.
fn needed(laid: &[LaidBlock], i: usize, depth: usize) -> f32 {
    let Some(b) = laid.get(i) else {
        return 0.0;
    };
    if let Some(t) = &b.table {
        return t.lead_height();
    }
    let lines = b.lines.len() as f32;
    match laid.get(i + 1) {
        Some(next) if depth < 4 && keeps_with_next(b) => {
            let gap = match b.block.kind {
                Kind::Heading(_) => b.style.space_after,
                Kind::Body | Kind::Table(_) => next.block.space_before,
            };
            b.style.leading * lines + gap + needed(laid, i + 1, depth + 1)
        }
        _ => b.style.leading * least_lines(b.lines.len()) as f32,
    }
}

/// The fewest lines of a block that may end a page: all of a block of up to three lines (two
/// and a widow of one would break the rule), or two.
fn least_lines(lines: usize) -> usize {
    if lines <= 3 {
        lines
    } else {
        2
    }
}

fn paginate(laid: &[LaidBlock], fonts: &Fonts) -> Layout {
    let mut p = Pager {
        fonts,
        out: Layout::default(),
        used: 0.0,
    };
    p.new_page();
    let mut after_heading: Option<f32> = None;
    for (i, b) in laid.iter().enumerate() {
        let space = match after_heading.take() {
            Some(gap) => gap,
            None if p.used == 0.0 => 0.0,
            None => b.block.space_before,
        };
        if p.used > 0.0 && space + needed(laid, i, 0) > p.room() + 0.01 {
            p.new_page();
        }
        if p.used > 0.0 {
            p.used += space;
        }
        if let Kind::Heading(_) = b.block.kind {
            after_heading = Some(b.style.space_after);
        }
        if let Some(t) = &b.table {
            t.place(&mut p);
            continue;
        }
        let mut rest: &[Line] = &b.lines;
        let mut first = true;
        while !rest.is_empty() {
            let fit = ((p.room() + 0.01) / b.style.leading).floor().max(0.0) as usize;
            let take = if rest.len() <= fit {
                rest.len()
            } else if fit >= 2 && rest.len() - fit >= 2 {
                fit
            } else if fit >= 3 {
                rest.len() - 2 // leave two lines for the next page
            } else if p.used == 0.0 {
                fit.max(1) // a page too short for the rules: fill it
            } else {
                0
            };
            for line in &rest[..take] {
                if first {
                    p.mark_start(b);
                }
                p.place_line(b, line, first);
                first = false;
            }
            rest = &rest[take..];
            if !rest.is_empty() {
                p.new_page();
            }
        }
    }
    p.out
}

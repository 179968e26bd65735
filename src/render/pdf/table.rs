//! Tables on the page: column widths from the cells' content and the text width, cell text
//! wrapped to its column, rows kept whole where they fit, and the header row repeated (as an
//! artefact) at the top of each page a table continues on.

use super::fonts::Fonts;
use super::layout::{break_lines, Line, Pager, Placed, Rule};
use super::model::{Align, Block, Table};
use super::{BODY_BOTTOM, BODY_TOP, MARGIN_LEFT};

const SIZE: f32 = 10.0;
const LEADING: f32 = 13.0;
const CAPTION_SIZE: f32 = 11.0;
const CAPTION_LEADING: f32 = 15.0;
/// Space between a cell's text and its column's edges, and above and below it.
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const RULE: f32 = 0.5;
const HEAD_RULE: f32 = 1.0;

struct LaidRow {
    /// Per column: the cell's lines, already moved for the column's alignment.
    cells: Vec<Vec<Line>>,
    lines: usize,
}

/// A table measured and broken into lines, ready to be placed.
pub(crate) struct LaidTable<'a> {
    table: &'a Table,
    left: f32,
    /// Left edge of each column, from `left`, and the right edge of the last.
    edges: Vec<f32>,
    caption: Vec<Line>,
    header: Option<LaidRow>,
    rows: Vec<LaidRow>,
}

/// Widest word and whole width of a cell at the table's size.
fn measure(cell: &Block, fonts: &Fonts) -> (f32, f32) {
    let mut widest: f32 = 0.0;
    let mut whole = 0.0;
    for span in &cell.spans {
        whole += fonts.width(span.face, &span.text, SIZE);
        for word in span.text.split_whitespace() {
            widest = widest.max(fonts.width(span.face, word, SIZE));
        }
    }
    (widest, whole)
}

/// Column widths filling `width` (see [`crate::render::columns::widths`]).
fn column_widths(table: &Table, columns: usize, width: f32, fonts: &Fonts) -> Vec<f32> {
    let mut min = vec![0.0f32; columns];
    let mut max = vec![0.0f32; columns];
    for row in table.header.iter().chain(&table.rows) {
        for (c, cell) in row.cells.iter().enumerate().take(columns) {
            let (widest, whole) = measure(cell, fonts);
            min[c] = min[c].max(widest + 2.0 * PAD_X);
            max[c] = max[c].max(whole + 2.0 * PAD_X);
        }
    }
    crate::render::columns::widths(min, &max, width)
}

fn lay_row(cells: &[Block], table: &Table, edges: &[f32], fonts: &Fonts) -> LaidRow {
    let mut laid = Vec::with_capacity(edges.len() - 1);
    for c in 0..edges.len() - 1 {
        let inner = edges[c + 1] - edges[c] - 2.0 * PAD_X;
        let Some(cell) = cells.get(c).filter(|b| !b.spans.is_empty()) else {
            laid.push(Vec::new());
            continue;
        };
        let mut lines = break_lines(cell, fonts, SIZE, inner);
        let align = table.aligns.get(c).copied().unwrap_or(Align::Left);
        for line in &mut lines {
            let used = line.frags.last().map_or(0.0, |f| f.x + f.width);
            let shift = match align {
                Align::Left => 0.0,
                Align::Center => (inner - used).max(0.0) / 2.0,
                Align::Right => (inner - used).max(0.0),
            };
            for frag in &mut line.frags {
                frag.x += edges[c] + PAD_X + shift;
            }
        }
        laid.push(lines);
    }
    let lines = laid.iter().map(Vec::len).max().unwrap_or(0).max(1);
    LaidRow { cells: laid, lines }
}

/// Measures `table` for a text area of `width` starting `indent` from the left margin.
pub(crate) fn lay<'a>(table: &'a Table, indent: f32, width: f32, fonts: &Fonts) -> LaidTable<'a> {
    let columns = table
        .header
        .iter()
        .chain(&table.rows)
        .map(|r| r.cells.len())
        .chain([table.aligns.len(), 1])
        .max()
        .unwrap_or(1);
    let widths = column_widths(table, columns, width, fonts);
    let mut edges = vec![0.0];
    for w in &widths {
        edges.push(edges.last().copied().unwrap_or(0.0) + w);
    }
    let caption = table
        .caption
        .as_ref()
        .map(|c| break_lines(c, fonts, CAPTION_SIZE, width))
        .unwrap_or_default();
    LaidTable {
        table,
        left: MARGIN_LEFT + indent,
        header: table
            .header
            .as_ref()
            .map(|h| lay_row(&h.cells, table, &edges, fonts)),
        rows: table
            .rows
            .iter()
            .map(|r| lay_row(&r.cells, table, &edges, fonts))
            .collect(),
        edges,
        caption,
    }
}

fn row_height(lines: usize) -> f32 {
    lines as f32 * LEADING + 2.0 * PAD_Y
}

impl LaidTable<'_> {
    /// What must fit at the bottom of a page for the table to start there: its caption, its
    /// header and the first two lines of its first row.
    pub(crate) fn lead_height(&self) -> f32 {
        self.caption.len() as f32 * CAPTION_LEADING
            + PAD_Y
            + self.header.as_ref().map_or(0.0, |h| row_height(h.lines))
            + self
                .rows
                .first()
                .map_or(0.0, |r| row_height(r.lines.min(2)))
    }

    fn header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, |h| row_height(h.lines))
    }

    fn rule(&self, p: &mut Pager, width: f32) {
        let y = BODY_TOP - p.used;
        let page = p.out.pages.len() - 1;
        let right = self.left + self.edges.last().copied().unwrap_or(0.0);
        p.out.rules.push(Rule {
            page,
            from: (self.left, y),
            to: (right, y),
            width,
        });
    }

    /// Places lines `from..to` of every cell of `row` as one band of the table; with
    /// `artifact`, as a repeated header that is not part of the structure.
    fn band(&self, p: &mut Pager, row: &LaidRow, from: usize, to: usize, artifact: bool) {
        let top = BODY_TOP - p.used - PAD_Y;
        let cap = p.fonts.cap_height(SIZE);
        let Some(page) = p.out.pages.last_mut() else {
            return;
        };
        for cell in &row.cells {
            for (k, line) in cell.iter().enumerate().take(to).skip(from) {
                let baseline = top - (k - from) as f32 * LEADING - (LEADING + cap) / 2.0;
                for frag in &line.frags {
                    page.push(Placed {
                        x: self.left + frag.x,
                        baseline,
                        node: if artifact {
                            self.table.artifact
                        } else {
                            frag.node
                        },
                        ..frag.clone()
                    });
                }
            }
        }
        p.used += row_height(to - from);
    }

    fn header(&self, p: &mut Pager, artifact: bool) {
        self.rule(p, HEAD_RULE);
        if let Some(h) = &self.header {
            self.band(p, h, 0, h.lines, artifact);
            self.rule(p, HEAD_RULE);
        }
    }

    fn continue_on_new_page(&self, p: &mut Pager) {
        p.new_page();
        self.header(p, true);
    }

    /// Places the caption, the header and the rows, moving a row that does not fit to the
    /// next page and cutting only a row taller than a page, between lines.
    pub(crate) fn place(&self, p: &mut Pager) {
        let cap = p.fonts.cap_height(CAPTION_SIZE);
        for line in &self.caption {
            let baseline = BODY_TOP - p.used - (CAPTION_LEADING + cap) / 2.0;
            if let Some(page) = p.out.pages.last_mut() {
                for frag in &line.frags {
                    page.push(Placed {
                        x: self.left + frag.x,
                        baseline,
                        ..frag.clone()
                    });
                }
            }
            p.used += CAPTION_LEADING;
        }
        if !self.caption.is_empty() {
            p.used += PAD_Y;
        }
        self.header(p, false);
        let page_lines = ((BODY_TOP - BODY_BOTTOM - self.header_height() - 2.0 * PAD_Y) / LEADING)
            .floor()
            .max(1.0) as usize;
        for row in &self.rows {
            let mut start = 0;
            while start < row.lines {
                let left = row.lines - start;
                let fit = ((p.room() - 2.0 * PAD_Y + 0.01) / LEADING).floor().max(0.0) as usize;
                if left <= fit {
                    self.band(p, row, start, row.lines, false);
                    break;
                }
                // A row that would fit on a page of its own moves there whole.
                let fresh = fit >= page_lines;
                if !fresh && ((start == 0 && left <= page_lines) || fit < 2) {
                    self.continue_on_new_page(p);
                    continue;
                }
                let take = fit.max(1);
                self.band(p, row, start, start + take, false);
                start += take;
                self.continue_on_new_page(p);
            }
            self.rule(p, RULE);
        }
    }
}

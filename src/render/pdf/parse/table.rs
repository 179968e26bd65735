//! GFM tables in the Markdown walk: a `Table` element with its `TR` rows of `TH` and `TD`
//! cells, and a `Caption` from a `Table: …` paragraph right before it.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::super::fonts::Face;
use super::super::model::{Align, Block, Kind, Role, Row, Span, Table};
use super::super::PdfError;
use super::Walker;

/// A table being read.
pub(super) struct TableCtx {
    table: Table,
    node: usize,
    row: Option<(Row, bool)>,
}

impl Walker<'_> {
    /// Reads the events of a table; returns false for every other event.
    pub(super) fn table_event(&mut self, event: &Event) -> Result<bool, PdfError> {
        match event {
            Event::Start(Tag::Table(aligns)) => self.start_table(aligns)?,
            Event::End(TagEnd::Table) => self.end_table(),
            Event::Start(Tag::TableHead) => self.start_row(true),
            Event::Start(Tag::TableRow) => self.start_row(false),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => self.end_row(),
            Event::Start(Tag::TableCell) => self.start_cell(),
            Event::End(TagEnd::TableCell) => self.end_cell()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn start_table(&mut self, aligns: &[Alignment]) -> Result<(), PdfError> {
        self.close_block()?;
        // A table that opens a list item still shows the item's marker, on a line of its own.
        if self.pending_marker.is_some() {
            self.open_block(Kind::Body, Role::P);
            self.close_block()?;
        }
        let node = self.node(Role::Table, self.container());
        let caption = self.take_caption(node);
        let artifact = self.doc.nodes.len();
        self.doc.nodes.push(super::Node {
            role: Role::Artifact,
            parent: None,
            numbering: None,
            target: None,
        });
        let aligns = aligns
            .iter()
            .map(|a| match a {
                Alignment::Right => Align::Right,
                Alignment::Center => Align::Center,
                Alignment::Left | Alignment::None => Align::Left,
            })
            .collect();
        self.table = Some(TableCtx {
            table: Table {
                caption,
                aligns,
                header: None,
                rows: Vec::new(),
                artifact,
            },
            node,
            row: None,
        });
        Ok(())
    }

    /// The paragraph just before the table, when it reads `Table: …` and nothing came
    /// between: it becomes the table's caption.
    fn take_caption(&mut self, table: usize) -> Option<Block> {
        let last = self.doc.blocks.last()?;
        let [span] = last.spans.as_slice() else {
            return None;
        };
        let is_caption = last.kind == Kind::Body
            && last.marker.is_none()
            && span.node + 2 == self.doc.nodes.len()
            && self.doc.nodes[span.node].role == Role::P
            && span.text.starts_with("Table: ");
        if !is_caption {
            return None;
        }
        let mut block = self.doc.blocks.pop()?;
        let node = block.spans[0].node;
        self.doc.nodes[node].role = Role::Caption;
        self.doc.nodes[node].parent = Some(table);
        let text = block.spans[0].text["Table: ".len()..].trim().to_string();
        block.spans[0].text = text;
        Some(block)
    }

    fn start_row(&mut self, head: bool) {
        let Some(t) = self.table.as_mut() else {
            return;
        };
        let table_node = t.node;
        let node = self.node(Role::TR, table_node);
        if head {
            self.bold += 1;
        }
        if let Some(t) = self.table.as_mut() {
            t.row = Some((
                Row {
                    node,
                    cells: Vec::new(),
                },
                head,
            ));
        }
    }

    fn start_cell(&mut self) {
        let Some((row, head)) = self.table.as_ref().and_then(|t| t.row.as_ref()) else {
            return;
        };
        let role = if *head { Role::TH } else { Role::TD };
        let node = self.node(role, row.node);
        self.open = Some(Block {
            kind: Kind::Body,
            spans: vec![Span {
                text: String::new(),
                face: Face::Regular,
                node,
            }],
            indent: 0.0,
            marker: None,
            anchor: None,
            space_before: 0.0,
        });
    }

    fn end_cell(&mut self) -> Result<(), PdfError> {
        let Some(block) = self.open.take() else {
            return Ok(());
        };
        let block = self.tidy(block)?;
        if let Some((row, _)) = self.table.as_mut().and_then(|t| t.row.as_mut()) {
            row.cells.push(block);
        }
        Ok(())
    }

    fn end_row(&mut self) {
        let Some(t) = self.table.as_mut() else {
            return;
        };
        match t.row.take() {
            Some((row, true)) => {
                t.table.header = Some(row);
                self.bold = self.bold.saturating_sub(1);
            }
            Some((row, false)) => t.table.rows.push(row),
            None => {}
        }
    }

    fn end_table(&mut self) {
        let Some(t) = self.table.take() else {
            return;
        };
        let index = self.doc.tables.len();
        self.doc.tables.push(t.table);
        self.doc.blocks.push(Block {
            kind: Kind::Table(index),
            spans: Vec::new(),
            indent: self.items.last().map_or(0.0, |i| i.text_x),
            marker: None,
            anchor: None,
            space_before: 9.0,
        });
    }
}

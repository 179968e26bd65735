//! The change report as Markdown, for e-mail and review tools: insertions `{+…+}`, deletions
//! `[-…-]` (as `wdiff` marks them), unchanged paragraphs listed by number only.

use super::align::{Span, SpanKind};
use super::words::Words;
use super::{Change, Report, Row};
use crate::templates::md_escape;
use std::fmt::Write as _;

pub fn render(r: &Report, w: &Words) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let _ = writeln!(out, "# {}: {}\n", md_escape(&w.title), md_escape(&r.title));
    let _ = writeln!(
        out,
        "{}: `{}`  ",
        md_escape(&r.before),
        r.before_source.replace('`', "'")
    );
    let _ = writeln!(
        out,
        "{}: `{}`\n",
        md_escape(&r.after),
        r.after_source.replace('`', "'")
    );
    let _ = writeln!(out, "**{}**\n", md_escape(&r.summary));
    let _ = writeln!(out, "{}\n", md_escape(&w.legend_markdown));

    let _ = writeln!(out, "## {}\n", md_escape(&w.header));
    if r.facts.is_empty() {
        let _ = writeln!(out, "{}\n", md_escape(&w.no_changes));
    }
    for f in &r.facts {
        let value = match &f.words {
            Some(spans) => spans_md(spans),
            None => md_escape(&w.from_to(r, &f.before, &f.after)),
        };
        let _ = writeln!(out, "- **{}:** {value}", md_escape(&f.label));
    }
    if !r.facts.is_empty() {
        out.push('\n');
    }

    statement(&mut out, r, w);
    standards_and_actions(&mut out, r, w);
    out
}

/// The statement, section by section: runs of unchanged paragraphs folded, each other
/// paragraph with its changes.
fn statement(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(out, "## {}\n", md_escape(&w.statement));
    let mut section = None;
    let mut rows = r.paragraphs.as_slice();
    while let Some(row) = rows.first() {
        if section != Some(&row.section) {
            section = Some(&row.section);
            let _ = writeln!(out, "### {}\n", md_escape(&row.section));
        }
        if row.change == Change::Same {
            let n = rows
                .iter()
                .take_while(|p| p.change == Change::Same && p.section == row.section)
                .count();
            let _ = writeln!(out, "*{}*\n", md_escape(&w.unchanged(r, &rows[..n])));
            rows = &rows[n..];
            continue;
        }
        paragraph(out, r, w, row);
        rows = &rows[1..];
    }
}

/// Standard paragraphs added, removed or switched, and the agreed actions.
fn standards_and_actions(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(out, "## {}\n", md_escape(&w.standards));
    if r.standards.is_empty() {
        let _ = writeln!(out, "{}\n", md_escape(&w.no_changes));
    }
    for s in &r.standards {
        let _ = writeln!(out, "- {}: {}", md_escape(&s.section), w.standard(s));
    }
    if !r.standards.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", md_escape(&w.actions));
    if r.actions.is_empty() {
        let _ = writeln!(out, "{}", md_escape(&w.no_changes));
    }
    for a in &r.actions {
        let by = match (&a.by_before, &a.by_after) {
            (Some(b), Some(n)) if b != n => w.from_to(r, b, n),
            (_, Some(n)) => n.clone(),
            (Some(b), None) => b.clone(),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "- {} ({} {})",
            spans_md(&a.action),
            w.deadline,
            md_escape(&by)
        );
    }
}

fn paragraph(out: &mut String, r: &Report, w: &Words, row: &Row) {
    let _ = writeln!(
        out,
        "**{}**\n",
        md_escape(&w.place(r, row.before, row.after))
    );
    let text = spans_md(&row.spans);
    for line in text.lines() {
        let _ = writeln!(out, "> {line}  ");
    }
    out.push('\n');
}

/// Words with `{+insertions+}` and `[-deletions-]`; a mark spanning lines is closed and
/// reopened at each line break, so every line reads on its own.
fn spans_md(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        let (open, close) = match s.kind {
            SpanKind::Same => ("", ""),
            SpanKind::Inserted => ("{+", "+}"),
            SpanKind::Deleted => ("[-", "-]"),
        };
        let lines: Vec<String> = s.text.split('\n').map(md_escape).collect();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if line.trim().is_empty() {
                out.push_str(line);
            } else {
                let (words, space) = line.split_at(line.trim_end().len());
                let _ = write!(out, "{open}{words}{close}{space}");
            }
        }
    }
    out
}

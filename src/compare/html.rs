//! The change report as one HTML page: valid HTML5, readable without colour (insertions are
//! underlined, deletions struck through, and both named for screen readers), unchanged
//! paragraphs folded in `<details>`.

use super::align::{Span, SpanKind};
use super::words::Words;
use super::{Change, Report, Row};
use std::fmt::Write as _;

const CSS: &str = include_str!("report.css");

pub fn render(r: &Report, w: &Words) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let title = format!("{}: {}", w.title, r.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{}</title>\n<style>\n{CSS}</style>\n\
         </head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&r.lang),
        esc(&title),
        esc(&title)
    );
    let _ = write!(
        out,
        "<p>{}: <code>{}</code><br>\n{}: <code>{}</code></p>\n",
        esc(&r.before),
        esc(&r.before_source),
        esc(&r.after),
        esc(&r.after_source)
    );
    let _ = writeln!(
        out,
        "<p class=\"summary\"><strong>{}</strong></p>",
        esc(&r.summary)
    );
    let _ = writeln!(out, "<p>{}</p>", esc(&w.legend));
    facts(&mut out, r, w);
    statement(&mut out, r, w);
    standards(&mut out, r, w);
    actions(&mut out, r, w);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn facts(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(out, "<h2>{}</h2>", esc(&w.header));
    if r.facts.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&w.no_changes));
        return;
    }
    out.push_str("<dl class=\"facts\">\n");
    for (i, f) in r.facts.iter().enumerate() {
        let class = if i == 0 && r.outcome_changed {
            " class=\"outcome\""
        } else {
            ""
        };
        let _ = write!(out, "<div{class}><dt>{}</dt><dd>", esc(&f.label));
        match &f.words {
            Some(spans) => out.push_str(&spans_html(spans, w)),
            None => out.push_str(&esc(&w.from_to(r, &f.before, &f.after))),
        }
        out.push_str("</dd></div>\n");
    }
    out.push_str("</dl>\n");
}

fn statement(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(out, "<h2>{}</h2>", esc(&w.statement));
    let mut rows = r.paragraphs.as_slice();
    while let Some(first) = rows.first() {
        // One section at a time, under its heading.
        let len = rows
            .iter()
            .take_while(|p| p.section == first.section)
            .count();
        let (section, rest) = rows.split_at(len);
        rows = rest;
        let _ = writeln!(out, "<h3>{}</h3>", esc(&first.section));
        let mut i = 0;
        while i < section.len() {
            let same = section[i..]
                .iter()
                .take_while(|p| p.change == Change::Same)
                .count();
            if same > 0 {
                folded(out, r, w, &section[i..i + same]);
                i += same;
            } else {
                paragraph(out, r, w, &section[i]);
                i += 1;
            }
        }
    }
}

/// A run of unchanged paragraphs, folded.
fn folded(out: &mut String, r: &Report, w: &Words, rows: &[Row]) {
    let _ = writeln!(
        out,
        "<details>\n<summary>{}</summary>",
        esc(&w.unchanged(r, rows))
    );
    for row in rows {
        paragraph(out, r, w, row);
    }
    out.push_str("</details>\n");
}

fn paragraph(out: &mut String, r: &Report, w: &Words, row: &Row) {
    let _ = write!(
        out,
        "<div class=\"para\">\n<p class=\"where\">{}</p>\n<p class=\"text\">{}</p>\n</div>\n",
        esc(&w.place(r, row.before, row.after)),
        spans_html(&row.spans, w)
    );
}

fn standards(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(out, "<h2>{}</h2>", esc(&w.standards));
    if r.standards.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&w.no_changes));
        return;
    }
    out.push_str("<ul>\n");
    for s in &r.standards {
        let _ = writeln!(
            out,
            "<li>{}: {}</li>",
            esc(&s.section),
            code_spans(&esc(&w.standard(s)))
        );
    }
    out.push_str("</ul>\n");
}

fn actions(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(out, "<h2>{}</h2>", esc(&w.actions));
    if r.actions.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&w.no_changes));
        return;
    }
    out.push_str("<ul>\n");
    for a in &r.actions {
        let _ = write!(out, "<li>{}", spans_html(&a.action, w));
        let by = match (&a.by_before, &a.by_after) {
            (Some(b), Some(n)) if b != n => esc(&w.from_to(r, b, n)),
            (_, Some(n)) => esc(n),
            (Some(b), None) => esc(b),
            (None, None) => String::new(),
        };
        if !by.is_empty() {
            let _ = write!(out, " ({} {by})", esc(&w.deadline));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// Words with their insertions and deletions marked, and named for screen readers.
fn spans_html(spans: &[Span], w: &Words) -> String {
    let mut out = String::new();
    for s in spans {
        let (tag, name) = match s.kind {
            SpanKind::Same => {
                out.push_str(&esc(&s.text));
                continue;
            }
            SpanKind::Inserted => ("ins", &w.inserted),
            SpanKind::Deleted => ("del", &w.deleted),
        };
        // The space after the last word stands outside the mark.
        let (text, space) = s.text.split_at(s.text.trim_end().len());
        let _ = write!(
            out,
            "<{tag}><span class=\"vh\">[{}: </span>{}<span class=\"vh\">, {} {}]</span></{tag}>{}",
            esc(name),
            esc(text),
            esc(&w.end),
            esc(name),
            esc(space)
        );
    }
    out
}

/// Turns `key` quoted in backticks into `<code>`.
fn code_spans(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

//! The canonical Markdown of a decision: CommonMark with YAML front matter that pandoc reads.

use crate::resolve::Decision;
use crate::templates::{error_chain, Templates};
use anyhow::{anyhow, Result};

/// Renders the decision through the `decision.md` template.
pub fn render(decision: &Decision, t: &Templates) -> Result<String> {
    let mut ctx = tera::Context::new();
    ctx.insert("d", &decision.meta);
    ctx.insert("w", t.wording_for(&decision.meta.lang));
    ctx.insert("sections", &decision.sections);
    let text = t.tera.render("decision.md", &ctx).map_err(|e| {
        anyhow!(
            "{}the template decision.md failed: {}",
            t.error_place("decision.md", &e),
            error_chain(&e)
        )
    })?;
    Ok(tidy(&text))
}

/// Collapses the blank lines that template logic leaves behind, so the text reads as written.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The Markdown without its front matter: what the HTML and PDF renderers read.
pub fn body(markdown: &str) -> &str {
    if let Some(rest) = markdown.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            return &rest[end + 5..];
        }
    }
    markdown
}

/// The text of a Markdown fragment without its markup, e.g. for a meta description.
pub fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

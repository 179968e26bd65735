//! The numbered paragraphs of a decision as plain text, one line per block: points keep their
//! letters and bullets their marks, so a changed point reads as it does in the statement.

use crate::resolve::Decision;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A numbered paragraph as plain text.
pub struct Para {
    pub section: String,
    /// The key of the section, which names it in both versions whatever their titles.
    pub key: String,
    pub number: usize,
    pub text: String,
}

pub fn paragraphs(d: &Decision) -> Vec<Para> {
    let mut out = Vec::new();
    for section in &d.sections {
        for block in &section.blocks {
            if let Some(number) = block.number {
                out.push(Para {
                    section: section.title.clone(),
                    key: section.key.clone(),
                    number,
                    text: plain(&block.markdown),
                });
            }
        }
    }
    out
}

/// The text of a numbered paragraph's Markdown list item, its own number left out.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    // For each open list: the next item's index, or None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    // Lettered points are written `- a) …`: read them back as the ordered lists they are.
    for event in crate::render::points::read_labels(Parser::new(markdown)) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                line_break(&mut out);
                let depth = lists.len();
                if let Some(Some(next)) = lists.last_mut() {
                    let i = next.saturating_sub(1) as usize;
                    *next += 1;
                    if depth == 2 {
                        out.push_str(&format!("{}) ", crate::resolve::letter(i)));
                    } else if depth > 2 {
                        let roman = crate::resolve::labels::roman_label(i);
                        out.push_str(&format!("{roman}) "));
                    }
                } else if depth > 1 {
                    out.push_str("• ");
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                line_break(&mut out)
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Ends the line, without trailing spaces and without an empty line.
fn line_break(out: &mut String) {
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_keep_their_letters_and_bullets_their_marks() {
        let md = "8. Mr X says:\n\n   1. one\n\n   2. two\n\n   - a bullet";
        assert_eq!(plain(md), "Mr X says:\na) one\nb) two\n• a bullet");
        let labelled = "8. Mr X says:\n\n   - a) one\n   - b) two";
        assert_eq!(plain(labelled), "Mr X says:\na) one\nb) two");
    }
}

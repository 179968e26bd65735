//! Lettered points as the Markdown writes them, read back for the HTML and PDF.
//!
//! CommonMark has no lettered lists, and renderers renumber nested `1.` lists, so a point is
//! written as a bullet whose text starts with its label: `+ a) apologise to Mr X;`. Any
//! CommonMark reader then shows the same letters. The HTML and PDF read such a list back as
//! the ordered list it is, with the labels taken off the text, and set their own markers.

use crate::resolve::labels::{letter, roman_label};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The start a lettered list takes when it stands outside any numbered paragraph (the points
/// of an unnumbered paragraph): numbered paragraphs start at 1 or later, so the renderers
/// can tell the two apart.
pub const TOP_LETTERED: u64 = 0;

/// The events with adjacent text joined, and every bullet list whose items are labelled
/// `a)`, `b)`, … (or `i)`, `ii)`, …) in order turned into an ordered list without the labels.
pub fn read_labels<'a>(events: impl IntoIterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut ev = coalesce_text(events);
    let mut depth = 0usize;
    for i in 0..ev.len() {
        match ev[i] {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !matches!(ev[i], Event::Start(Tag::List(None))) {
            continue;
        }
        let Some((labels, end)) = labelled_items(&ev, i) else {
            continue;
        };
        let start = if depth == 1 { TOP_LETTERED } else { 1 };
        ev[i] = Event::Start(Tag::List(Some(start)));
        ev[end] = Event::End(TagEnd::List(true));
        for (at, len) in labels {
            if let Event::Text(t) = &ev[at] {
                let rest = t[len..].trim_start().to_string();
                ev[at] = Event::Text(CowStr::from(rest));
            }
        }
    }
    ev
}

/// Joins adjacent text events, which pulldown-cmark splits at special characters.
pub fn coalesce_text<'a>(events: impl IntoIterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    for event in events {
        match (out.last_mut(), event) {
            (Some(Event::Text(prev)), Event::Text(next)) => {
                *prev = CowStr::from(format!("{prev}{next}"));
            }
            (_, event) => out.push(event),
        }
    }
    out
}

/// For the bullet list starting at `start`: where each item's label is (event index, length
/// in bytes) and the index of the list's end, if every item carries the next label.
fn labelled_items(ev: &[Event], start: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let mut depth = 0usize;
    let mut labels = Vec::new();
    let mut roman_labels = None;
    for (j, e) in ev.iter().enumerate().skip(start) {
        match e {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                if depth == 0 {
                    return (!labels.is_empty()).then_some((labels, j));
                }
            }
            Event::Start(Tag::Item) if depth == 1 => {
                let at = match ev.get(j + 1) {
                    Some(Event::Start(Tag::Paragraph)) => j + 2,
                    _ => j + 1,
                };
                let Some(Event::Text(text)) = ev.get(at) else {
                    return None;
                };
                let n = labels.len();
                let roman = *roman_labels.get_or_insert_with(|| text.starts_with("i)"));
                let label = if roman { roman_label(n) } else { letter(n) } + ")";
                let rest = text.strip_prefix(label.as_str())?;
                if !(rest.is_empty() || rest.starts_with(' ')) {
                    return None;
                }
                labels.push((at, label.len()));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn kinds(md: &str) -> Vec<String> {
        read_labels(Parser::new(md))
            .into_iter()
            .filter_map(|e| match e {
                Event::Start(Tag::List(s)) => Some(format!("list {s:?}")),
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn labelled_bullets_become_an_ordered_list() {
        let md = "8. Lead:\n\n   - a) one;\n\n     more.\n\n   - b) two\n\n     - i) deep\n     - ii) deeper\n";
        assert_eq!(
            kinds(md),
            [
                "list Some(8)",
                "Lead:",
                "list Some(1)",
                "one;",
                "more.",
                "two",
                "list Some(1)",
                "deep",
                "deeper"
            ]
        );
    }

    #[test]
    fn other_bullets_stay_bullets() {
        assert_eq!(
            kinds("- a) one\n- c) two\n"),
            ["list None", "a) one", "c) two"]
        );
        assert_eq!(
            kinds("- apple\n- b) two\n"),
            ["list None", "apple", "b) two"]
        );
        assert_eq!(kinds("- a)b\n"), ["list None", "a)b"]);
    }

    #[test]
    fn labels_count_from_zero() {
        assert_eq!(letter(0), "a");
        assert_eq!(letter(27), "ab");
        assert_eq!(roman_label(3), "iv");
        assert_eq!(roman_label(8), "ix");
    }
}

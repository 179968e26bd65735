//! The words a yes-or-no parameter of a library paragraph always writes when it is yes, read
//! from the paragraph's template, so that a fit need not try yes where they are missing.

use super::library::same_words;
use crate::templates::{StandardParagraph, YesWords};

/// One piece of a template: text as written, or a tag (`{% … %}`, `{{ … }}`) by what is
/// inside it.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Tag(&'a str),
}

/// The words each yes-or-no parameter of `sp` that is no by default always writes when yes,
/// where they can be read from its template.
pub(super) fn yes_words(sp: &StandardParagraph) -> YesWords {
    let no = Some(serde_yaml::Value::Bool(false));
    sp.params
        .iter()
        .filter(|(_, default)| **default == no)
        .filter_map(|(name, _)| Some((name.clone(), written_when_yes(&sp.text, name)?)))
        .collect()
}

/// The words (as `same_words` gives them) that `text` writes wherever its parameter `name`
/// is yes and changes what it writes: the text of its `{% if name %}` with the word before and
/// the word after it. Only where `name` is used nowhere else and that text is words alone, so
/// that yes writes nothing else; `None` otherwise.
fn written_when_yes(text: &str, name: &str) -> Option<String> {
    let pieces = pieces(text)?;
    let uses = |inside: &str| {
        inside
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| *w == name)
            .count()
    };
    let tags = pieces.iter().filter_map(|p| match p {
        Piece::Tag(inside) => Some(uses(inside)),
        Piece::Text(_) => None,
    });
    if tags.sum::<usize>() != 1 {
        return None;
    }
    let at = pieces
        .iter()
        .position(|p| matches!(p, Piece::Tag(t) if words(t) == ["if", name]))?;
    let Some(Piece::Text(yes)) = pieces.get(at + 1) else {
        return None;
    };
    let after_yes = pieces.get(at + 2).map(first_word)?;
    if !matches!(after_yes.as_str(), "else" | "elif" | "endif") {
        return None;
    }
    let end = at + 2 + end_of_if(&pieces[at + 2..])?;
    let before = match at.checked_sub(1).map(|i| &pieces[i]) {
        Some(Piece::Text(t)) => last_word(t),
        _ => "",
    };
    let after = match pieces.get(end + 1) {
        Some(Piece::Text(t)) => next_word(t),
        _ => "",
    };
    let written = format!("{before}{yes}{after}");
    // Lines are read as bullets where the paragraph is compared, so only words on one line.
    (!written.contains('\n') && !written.trim().is_empty()).then(|| same_words(&written))
}

/// `text` cut into its pieces; `None` where a tag is not closed or whitespace is trimmed
/// around one (`{%-`), so that what stands beside a tag is not what it writes.
fn pieces(text: &str) -> Option<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(found) = text[from..].find('{') {
        let open = from + found;
        let close = match text.get(open..open + 2) {
            Some("{%") => "%}",
            Some("{{") => "}}",
            Some("{#") => "#}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let end = open + 2 + text[open + 2..].find(close)?;
        let inside = &text[open + 2..end];
        if inside.starts_with('-') || inside.ends_with('-') {
            return None;
        }
        if open > start {
            out.push(Piece::Text(&text[start..open]));
        }
        if close != "#}" {
            out.push(Piece::Tag(inside));
        }
        (start, from) = (end + 2, end + 2);
    }
    if start < text.len() {
        out.push(Piece::Text(&text[start..]));
    }
    Some(out)
}

/// The words of a tag.
fn words(tag: &str) -> Vec<&str> {
    tag.split_whitespace().collect()
}

/// A piece's first word: what a tag does (`if`, `else`, `endif`); nothing for text.
fn first_word(piece: &Piece) -> String {
    match piece {
        Piece::Tag(t) => words(t).first().unwrap_or(&"").to_string(),
        Piece::Text(_) => String::new(),
    }
}

/// Where the `{% if %}` whose branches `pieces` go on with ends: the index of its `endif`.
fn end_of_if(pieces: &[Piece]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, piece) in pieces.iter().enumerate() {
        match first_word(piece).as_str() {
            "if" | "for" | "macro" | "filter" | "raw" => depth += 1,
            "endif" | "endfor" | "endmacro" | "endfilter" | "endraw" if depth == 0 => {
                return (first_word(piece) == "endif").then_some(i)
            }
            "endif" | "endfor" | "endmacro" | "endfilter" | "endraw" => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The last word of a text with the spaces after it: what stands just before a tag.
fn last_word(text: &str) -> &str {
    let body = text.trim_end();
    let start = body.rfind(char::is_whitespace).map_or(0, |at| at + 1);
    &text[start..]
}

/// The first word of a text with the spaces before it: what stands just after a tag.
fn next_word(text: &str) -> &str {
    let lead = text.len() - text.trim_start().len();
    let end = text[lead..]
        .find(char::is_whitespace)
        .map_or(text.len(), |at| lead + at);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::written_when_yes;

    #[test]
    fn the_words_yes_writes_with_their_neighbours() {
        let cases = [
            (
                "I considered {% if the %}the {% endif %}information provided.",
                "the",
                "considered the information",
            ),
            // The yes branch of an if with else, after another if.
            (
                "and {% if x %}I {% endif %}{% if our %}our{% else %}the Ombudsman’s{% endif %} Code.",
                "our",
                "our Code.",
            ),
            // A nested if is read to its own end.
            (
                "{% if a %}x {% if b %}y{% endif %}{% else %}z{% endif %}.",
                "b",
                "x y",
            ),
        ];
        for (text, name, words) in cases {
            assert_eq!(
                written_when_yes(text, name).as_deref(),
                Some(words),
                "{text}"
            );
        }
    }

    #[test]
    fn nothing_where_the_parameter_is_used_twice_or_its_text_holds_a_tag() {
        for text in [
            "{% if a %}one {% endif %}and {% if a or b %}two{% endif %}",
            "by {% if a %}{{ who }}, {% endif %}and",
            "by {%- if a %} x {% endif %}",
        ] {
            assert_eq!(written_when_yes(text, "a"), None, "{text}");
        }
    }
}

//! Font fallback per glyph run: a character that the face of its span lacks is set in the
//! fallback face; one that no bundled face has is an error naming it.

use super::fonts::{Face, Fonts};
use super::model::Span;
use super::PdfError;

/// Invisible format characters that the PDF drops rather than draws: soft hyphen, zero-width
/// space and joiners, word joiner, byte-order mark.
pub(crate) fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Characters that are never drawn as glyphs: line breaks and other controls.
fn needs_no_glyph(c: char) -> bool {
    c.is_control() || is_dropped(c)
}

/// The first character of `text` that no bundled face can draw, with its byte offset.
pub fn first_unsupported(fonts: &Fonts, text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| !needs_no_glyph(c) && !fonts.covers(c))
}

/// `text` cut into runs of one face each: `face` where it has the glyph, the fallback face
/// where only that one has it. Spaces stay in the run they follow, so a line breaks and
/// measures as before.
pub(crate) fn runs(fonts: &Fonts, text: &str, face: Face) -> Result<Vec<(Face, String)>, PdfError> {
    let mut out: Vec<(Face, String)> = Vec::new();
    for (i, ch) in text.char_indices() {
        let this = if ch == ' ' || needs_no_glyph(ch) || fonts.has_glyph(face, ch) {
            out.last()
                .map_or(face, |r| if ch == ' ' { r.0 } else { face })
        } else if fonts.has_glyph(Face::Fallback, ch) {
            Face::Fallback
        } else {
            return Err(missing(text, i, ch));
        };
        match out.last_mut() {
            Some((f, run)) if *f == this => run.push(ch),
            _ => out.push((this, ch.to_string())),
        }
    }
    Ok(out)
}

/// The spans of a block with fallback runs split out.
pub(crate) fn split_spans(fonts: &Fonts, spans: Vec<Span>) -> Result<Vec<Span>, PdfError> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        // The common case, a span its own face can set whole, keeps its text as it is.
        if span
            .text
            .chars()
            .all(|c| needs_no_glyph(c) || fonts.has_glyph(span.face, c))
        {
            out.push(span);
            continue;
        }
        for (face, text) in runs(fonts, &span.text, span.face)? {
            out.push(Span {
                text,
                face,
                node: span.node,
            });
        }
    }
    Ok(out)
}

/// The error for `ch` at byte `i` of `text`, with about thirty characters either side.
fn missing(text: &str, i: usize, ch: char) -> PdfError {
    let start = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
    let end = text[i..]
        .char_indices()
        .nth(30)
        .map_or(text.len(), |(j, _)| i + j);
    PdfError::MissingGlyph {
        ch,
        context: text[start..end].to_string(),
    }
}

/// `U+4E2D ‘中’, a CJK ideograph`: the code point, the character, and its script or kind when
/// it is one of those that people most often paste in.
pub fn describe(ch: char) -> String {
    let kind = match u32::from(ch) {
        0x0590..=0x05FF => Some("a Hebrew letter"),
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Some("an Arabic letter")
        }
        0x0900..=0x0DFF => Some("a letter of an Indic script"),
        0x0E00..=0x0E7F => Some("a Thai letter"),
        0x1100..=0x11FF | 0xAC00..=0xD7AF => Some("a Hangul letter"),
        0x3040..=0x30FF => Some("a Japanese kana"),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3FFFF => Some("a CJK ideograph"),
        0x1F000..=0x1FAFF => Some("an emoji or pictograph"),
        0xE000..=0xF8FF => Some("a private-use character"),
        _ => None,
    };
    match kind {
        Some(kind) => format!("U+{:04X} ‘{ch}’, {kind}", u32::from(ch)),
        None => format!("U+{:04X} ‘{ch}’", u32::from(ch)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_fall_back_per_character_and_keep_spaces_with_the_text() {
        let fonts = Fonts::bundled().expect("fonts");
        let runs = runs(&fonts, "pre\u{2011}action → done ✓", Face::Bold).expect("covered");
        let faces: Vec<(Face, &str)> = runs.iter().map(|(f, t)| (*f, t.as_str())).collect();
        assert_eq!(faces[0], (Face::Bold, "pre"));
        assert_eq!(faces[1], (Face::Fallback, "\u{2011}"));
        assert!(faces
            .iter()
            .any(|&(f, t)| f == Face::Fallback && t.starts_with('✓')));
        let joined: String = runs.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(joined, "pre\u{2011}action → done ✓");
    }

    #[test]
    fn what_no_face_has_is_named() {
        let fonts = Fonts::bundled().expect("fonts");
        assert_eq!(first_unsupported(&fonts, "a → b\u{00AD}c"), None);
        assert_eq!(first_unsupported(&fonts, "ab 中"), Some((3, '中')));
        let err = runs(&fonts, "Smile 😀 please", Face::Regular).expect_err("no emoji");
        assert!(err.to_string().contains("U+1F600"), "{err}");
        assert_eq!(describe('中'), "U+4E2D ‘中’, a CJK ideograph");
    }
}

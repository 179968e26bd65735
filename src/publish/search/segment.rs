//! Words of a text by Unicode's word boundaries (UAX #29), as `unicode-segmentation`'s
//! `unicode_words` finds them, with the ASCII stretches read by hand.
//!
//! Segmenting is most of the cost of indexing a decision, and nearly all of a decision's text
//! is ASCII. Whitespace is always a boundary and no rule looks across it, so each stretch
//! between whitespace is cut on its own: an ASCII one by the rules below, any other by
//! `unicode-segmentation`. A test checks the two agree on mixtures of every kind of character.

use unicode_segmentation::UnicodeSegmentation;

/// The words of `text`, as `text.unicode_words()` gives them.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|s| !s.is_empty())
        .flat_map(|stretch| -> Box<dyn Iterator<Item = &str>> {
            if stretch.is_ascii() {
                Box::new(AsciiWords { s: stretch, at: 0 })
            } else {
                Box::new(stretch.unicode_words())
            }
        })
}

/// UAX #29 on ASCII without whitespace: letters, digits and `_` (ExtendNumLet) join; a `:`,
/// `.` or `'` joins two letters (WB6, WB7); a `,`, `;`, `.` or `'` joins two digits (WB11,
/// WB12). A segment with no letter or digit is not a word.
struct AsciiWords<'a> {
    s: &'a str,
    at: usize,
}

fn joins(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        loop {
            while self.at < b.len() && !joins(b[self.at]) {
                self.at += 1;
            }
            if self.at >= b.len() {
                return None;
            }
            let start = self.at;
            let mut i = start + 1;
            while i < b.len() {
                if joins(b[i]) {
                    i += 1;
                    continue;
                }
                let (before, after) = (b[i - 1], b.get(i + 1).copied().unwrap_or(0));
                let letters = before.is_ascii_alphabetic()
                    && after.is_ascii_alphabetic()
                    && matches!(b[i], b':' | b'.' | b'\'');
                let digits = before.is_ascii_digit()
                    && after.is_ascii_digit()
                    && matches!(b[i], b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    i += 2;
                } else {
                    break;
                }
            }
            self.at = i;
            let word = &self.s[start..i];
            if word.bytes().any(|c| c.is_ascii_alphanumeric()) {
                return Some(word);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small random generator, so the test needs no crate and runs the same each time.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_mixtures_of_every_kind_of_character() {
        // Each kind the rules treat apart, ASCII and not: letters, digits, the joiners, other
        // punctuation, whitespace, accented and non-Latin letters, curly apostrophes, marks
        // that extend the letter before them, a non-breaking space, emoji.
        let pieces = [
            "a", "Z", "x", "7", "0", "_", ":", ".", "'", ",", ";", "-", "\"", "(", ")", "/", "£",
            " ", "  ", "\n", "\t", "\r\n", "é", "ß", "Ω", "д", "’", "‘", "\u{301}", "\u{a0}", "–",
            "😀", "\u{200d}", "中", "١", "ŵ", "ll", "1,000", "e.g.", "Mr X's", "3.5%",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let n = 1 + rng.next() % 12;
            let text: String = (0..n)
                .map(|_| pieces[(rng.next() % pieces.len() as u64) as usize])
                .collect();
            let mine: Vec<&str> = words(&text).collect();
            let theirs: Vec<&str> = text.unicode_words().collect();
            assert_eq!(mine, theirs, "{text:?}");
        }
    }

    #[test]
    fn agrees_on_the_example_decisions() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in ["cases", "tests/fixtures/real"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                let mine: Vec<&str> = words(&text).collect();
                let theirs: Vec<&str> = text.unicode_words().collect();
                assert_eq!(mine, theirs, "{}", e.path().display());
                read += 1;
            }
        }
        assert!(read >= 3, "read {read} files");
    }
}

//! The bundled Liberation Sans family and its fallback face (a subset of DejaVu Sans for
//! Greek, Cyrillic, arrows and symbols Liberation lacks): parsed once per run, then used to
//! look up glyphs and measure text.

use printpdf::ParsedFont;

use super::PdfError;

/// One face of the bundled family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// DejaVu Sans, for the characters the face of a run has no glyph for.
    Fallback,
}

impl Face {
    #[cfg(test)]
    pub(crate) const ALL: [Face; 5] = [
        Face::Regular,
        Face::Bold,
        Face::Italic,
        Face::BoldItalic,
        Face::Fallback,
    ];

    pub(crate) fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

const FILES: [(&str, &[u8]); 5] = [
    (
        "LiberationSans-Regular.ttf",
        include_bytes!("../../../fonts/LiberationSans-Regular.ttf"),
    ),
    (
        "LiberationSans-Bold.ttf",
        include_bytes!("../../../fonts/LiberationSans-Bold.ttf"),
    ),
    (
        "LiberationSans-Italic.ttf",
        include_bytes!("../../../fonts/LiberationSans-Italic.ttf"),
    ),
    (
        "LiberationSans-BoldItalic.ttf",
        include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf"),
    ),
    (
        "DejaVuSans-Fallback.ttf",
        include_bytes!("../../../fonts/DejaVuSans-Fallback.ttf"),
    ),
];

/// The faces of the bundled fonts, shared between threads. Regular is parsed at once; the
/// others when first used, since most decisions never set a word in italics or a symbol that
/// only the fallback face has.
pub struct Fonts {
    faces: [std::sync::OnceLock<Option<FaceData>>; 5],
}

/// One parsed face and what measuring text needs from it.
struct FaceData {
    font: ParsedFont,
    /// Advance widths (font units) of the characters in [`CACHED`], in order; 0 = no glyph.
    advances: Vec<u16>,
    units_per_em: f32,
}

impl FaceData {
    fn parse(name: &'static str, bytes: &[u8]) -> Result<FaceData, PdfError> {
        let mut warnings = Vec::new();
        let font =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(PdfError::FontParse { name })?;
        let advances = CACHED
            .iter()
            .flat_map(|range| range.clone())
            .map(|c| advance_of(&font, c))
            .collect();
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Ok(FaceData {
            font,
            advances,
            units_per_em,
        })
    }
}

/// Basic Latin, Latin-1, Latin Extended-A and General Punctuation are measured from a table;
/// other characters are looked up in the font. Each lookup costs about a thousand instructions,
/// so the table is kept to what decisions are written in.
const CACHED: [std::ops::Range<u32>; 2] = [0..0x180, 0x2000..0x2070];

/// Advance width of the character `c` in font units; 0 when the font has no glyph for it.
fn advance_of(font: &ParsedFont, c: u32) -> u16 {
    match font.lookup_glyph_index(c) {
        Some(g) if g != 0 => font.get_horizontal_advance(g),
        _ => 0,
    }
}

/// The place of `c` in a face's table of advances, if it has one.
fn cached_index(c: char) -> Option<usize> {
    let c = c as u32;
    let mut offset = 0;
    for range in &CACHED {
        if range.contains(&c) {
            return Some((offset + c - range.start) as usize);
        }
        offset += range.end - range.start;
    }
    None
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(Liberation Sans, DejaVu Sans)")
    }
}

/// The fonts of this run: parsed on first use, then shared by every document and thread.
static SHARED: std::sync::OnceLock<Result<Fonts, String>> = std::sync::OnceLock::new();

impl Fonts {
    /// Parses the regular face embedded in the binary; the others follow when needed.
    pub fn bundled() -> Result<Fonts, PdfError> {
        let fonts = Fonts {
            faces: Default::default(),
        };
        let (name, bytes) = FILES[Face::Regular.index()];
        let regular = FaceData::parse(name, bytes)?;
        let _ = fonts.faces[Face::Regular.index()].set(Some(regular));
        Ok(fonts)
    }

    /// The bundled fonts, parsed once per run whoever asks first (`check` or a renderer).
    pub fn shared() -> Result<&'static Fonts, String> {
        SHARED
            .get_or_init(|| Fonts::bundled().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Whether any bundled face can draw `ch`: the regular face or the fallback.
    pub fn covers(&self, ch: char) -> bool {
        // The table of advances answers for most characters without a lookup in the font; a
        // glyph of zero width (a combining mark) is looked up.
        self.advance(Face::Regular, ch) != 0
            || self.has_glyph(Face::Regular, ch)
            || self.has_glyph(Face::Fallback, ch)
    }

    fn face(&self, face: Face) -> &FaceData {
        let data = self.faces[face.index()].get_or_init(|| {
            let (name, bytes) = FILES[face.index()];
            FaceData::parse(name, bytes).ok()
        });
        // A face that would not parse (the tests parse them all) is drawn in the regular one.
        match data {
            Some(data) => data,
            None => self.faces[Face::Regular.index()]
                .get()
                .and_then(Option::as_ref)
                .expect("the regular face is parsed by Fonts::bundled"),
        }
    }

    pub(crate) fn parsed(&self, face: Face) -> &ParsedFont {
        &self.face(face).font
    }

    /// Whether `face` can draw `ch` (a real glyph, not .notdef).
    pub(crate) fn has_glyph(&self, face: Face, ch: char) -> bool {
        matches!(self.parsed(face).lookup_glyph_index(ch as u32), Some(g) if g != 0)
    }

    /// Advance width of `text` in points at `size`; characters without a glyph count as zero
    /// (they are rejected before layout).
    pub(crate) fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(face, c))).sum();
        units as f32 * size / self.face(face).units_per_em
    }

    /// Advance width of one character in font units.
    pub(crate) fn advance(&self, face: Face, c: char) -> u16 {
        let data = self.face(face);
        match cached_index(c).and_then(|i| data.advances.get(i)) {
            Some(&w) => w,
            None => advance_of(&data.font, c as u32),
        }
    }

    /// Points per font unit at `size`.
    pub(crate) fn scale(&self, face: Face, size: f32) -> f32 {
        size / self.face(face).units_per_em
    }

    /// Distance from the baseline to the top of capitals, in points (Liberation Sans: 1409/2048 em;
    /// the parsed metrics carry no OS/2 cap height).
    pub(crate) fn cap_height(&self, size: f32) -> f32 {
        size * 1409.0 / 2048.0
    }

    /// Depth below the baseline of descenders, in points (positive).
    pub(crate) fn descent(&self, face: Face, size: f32) -> f32 {
        let m = &self.parsed(face).pdf_font_metrics;
        f32::from(m.descender).abs() * self.scale(face, size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_shareable_and_cover_typographic_punctuation() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Fonts>();
        let fonts = Fonts::bundled().expect("bundled fonts parse");
        for face in Face::ALL {
            let (name, bytes) = FILES[face.index()];
            assert!(
                FaceData::parse(name, bytes).is_ok(),
                "{name} does not parse"
            );
            for ch in "‘’“”£–—•…é".chars() {
                assert!(fonts.has_glyph(face, ch), "{face:?} lacks {ch}");
            }
            if face == Face::Fallback {
                for ch in "\u{2011}→✓€αЖ".chars() {
                    assert!(fonts.has_glyph(face, ch), "the fallback lacks {ch}");
                }
            }
            assert!(!fonts.has_glyph(face, '\u{1F600}'));
            // The table and the font agree, in the table and beyond it.
            let parsed = fonts.parsed(face);
            for ch in "aZ£é\u{17f}\u{180}\u{1fff}\u{2014}\u{206f}\u{2070}€Ω".chars() {
                let direct = match parsed.lookup_glyph_index(ch as u32) {
                    Some(g) if g != 0 => parsed.get_horizontal_advance(g),
                    _ => 0,
                };
                assert_eq!(fonts.advance(face, ch), direct, "{face:?} {ch:?}");
            }
            assert!(fonts.width(face, "Ombudsman", 11.0) > 40.0);
        }
    }
}

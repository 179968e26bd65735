//! The bundled Liberation Sans family: parsed once, then used to look up glyphs and measure text.

use printpdf::ParsedFont;

use super::PdfError;

/// One face of the bundled family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    #[cfg(test)]
    pub(crate) const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

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

const FILES: [(&str, &[u8]); 4] = [
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
];

/// The four faces of the bundled font family, parsed once per run and shared between threads.
pub struct Fonts {
    faces: Vec<ParsedFont>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(Liberation Sans)")
    }
}

impl Fonts {
    /// Parses the fonts embedded in the binary.
    pub fn bundled() -> Result<Fonts, PdfError> {
        let mut faces = Vec::with_capacity(FILES.len());
        for (name, bytes) in FILES {
            let mut warnings = Vec::new();
            let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
                .ok_or(PdfError::FontParse { name })?;
            faces.push(font);
        }
        Ok(Fonts { faces })
    }

    pub(crate) fn parsed(&self, face: Face) -> &ParsedFont {
        &self.faces[face.index()]
    }

    /// Whether `face` can draw `ch` (a real glyph, not .notdef).
    pub(crate) fn has_glyph(&self, face: Face, ch: char) -> bool {
        matches!(self.parsed(face).lookup_glyph_index(ch as u32), Some(g) if g != 0)
    }

    /// Advance width of `text` in points at `size`; characters without a glyph count as zero
    /// (they are rejected before layout).
    pub(crate) fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let font = self.parsed(face);
        let units: u32 = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(c as u32)
                    .map_or(0, |g| u32::from(font.get_horizontal_advance(g)))
            })
            .sum();
        units as f32 * size / self.units_per_em(face)
    }

    fn units_per_em(&self, face: Face) -> f32 {
        f32::from(self.parsed(face).pdf_font_metrics.units_per_em.max(1))
    }

    /// Distance from the baseline to the top of capitals, in points (Liberation Sans: 1409/2048 em;
    /// the parsed metrics carry no OS/2 cap height).
    pub(crate) fn cap_height(&self, size: f32) -> f32 {
        size * 1409.0 / 2048.0
    }

    /// Depth below the baseline of descenders, in points (positive).
    pub(crate) fn descent(&self, face: Face, size: f32) -> f32 {
        let m = &self.parsed(face).pdf_font_metrics;
        f32::from(m.descender).abs() * size / self.units_per_em(face)
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
            for ch in "‘’“”£–—•…é".chars() {
                assert!(fonts.has_glyph(face, ch), "{face:?} lacks {ch}");
            }
            assert!(!fonts.has_glyph(face, '\u{1F600}'));
            assert!(fonts.width(face, "Ombudsman", 11.0) > 40.0);
        }
    }
}

//! Shrinks the embedded TrueType subsets: drops hinting (`fpgm`, `prep`, `cvt `, glyph
//! instructions) and the `name` table, which PDF readers do not need, roughly halving each font.

/// Tables kept in the embedded program (ISO 32000-1, 9.9: what a PDF TrueType font needs).
const KEEP: [&[u8; 4]; 8] = [
    b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"post",
];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Returns the font without hinting, or `None` if it is not a TrueType font this understands
/// (the caller then embeds it unchanged).
pub(crate) fn strip_hinting(font: &[u8]) -> Option<Vec<u8>> {
    if u32_at(font, 0)? != 0x0001_0000 {
        return None;
    }
    let count = usize::from(u16_at(font, 4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::new();
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        let data = font.get(offset..offset.checked_add(len)?)?;
        if KEEP.contains(&&tag) {
            tables.push((tag, data));
        }
    }
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.0 == tag).map(|t| t.1);
    let (head, loca, glyf, maxp) = (
        find(b"head")?,
        find(b"loca")?,
        find(b"glyf")?,
        find(b"maxp")?,
    );
    let glyphs = usize::from(u16_at(maxp, 4)?);
    let long_loca = u16_at(head, 50)? == 1;
    let offset = |i: usize| -> Option<usize> {
        if long_loca {
            Some(u32_at(loca, 4 * i)? as usize)
        } else {
            Some(usize::from(u16_at(loca, 2 * i)?) * 2)
        }
    };

    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for i in 0..glyphs {
        new_loca.extend((new_glyf.len() as u32).to_be_bytes());
        let glyph = glyf.get(offset(i)?..offset(i + 1)?)?;
        if !glyph.is_empty() {
            new_glyf.extend(strip_glyph(glyph)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend((new_glyf.len() as u32).to_be_bytes());

    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    if new_maxp.len() >= 28 {
        new_maxp[26..28].copy_from_slice(&[0, 0]); // maxSizeOfInstructions
    }

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = tables
        .iter()
        .map(|(tag, data)| {
            let data = match tag {
                b"glyf" => std::mem::take(&mut new_glyf),
                b"loca" => std::mem::take(&mut new_loca),
                b"head" => std::mem::take(&mut new_head),
                b"maxp" => std::mem::take(&mut new_maxp),
                _ => data.to_vec(),
            };
            (*tag, data)
        })
        .collect();
    out_tables.sort_by_key(|t| t.0);
    Some(assemble(&out_tables))
}

/// Removes the instructions of one glyph description.
fn strip_glyph(glyph: &[u8]) -> Option<Vec<u8>> {
    let contours = u16_at(glyph, 0)? as i16;
    if contours >= 0 {
        let ends = 10 + 2 * contours as usize;
        let len = usize::from(u16_at(glyph, ends)?);
        let rest = glyph.get(ends + 2 + len..)?;
        let mut out = glyph.get(..ends)?.to_vec();
        out.extend([0, 0]);
        out.extend(rest);
        return Some(out);
    }
    // Composite: walk the components, clear WE_HAVE_INSTRUCTIONS, cut what follows them.
    let mut out = glyph.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(&out, at)?;
        let cleared = flags & !0x0100;
        out.get_mut(at..at + 2)?
            .copy_from_slice(&cleared.to_be_bytes());
        let args = if flags & 0x0001 != 0 { 4 } else { 2 };
        let transform = if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        at += 4 + args + transform;
        if flags & 0x0020 == 0 {
            break;
        }
    }
    out.truncate(at);
    Some(out)
}

fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let mut power = 1u16;
    let mut log2 = 0u16;
    while power * 2 <= n {
        power *= 2;
        log2 += 1;
    }
    let mut out = Vec::new();
    out.extend(0x0001_0000u32.to_be_bytes());
    out.extend(n.to_be_bytes());
    out.extend((power * 16).to_be_bytes());
    out.extend(log2.to_be_bytes());
    out.extend((n * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend(tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripped_font_still_parses_with_the_same_glyphs() {
        let original = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");
        let stripped = strip_hinting(original).expect("TrueType font");
        assert!(stripped.len() < original.len());
        let mut warnings = Vec::new();
        let a = printpdf::ParsedFont::from_bytes(original, 0, &mut warnings).expect("parses");
        let b = printpdf::ParsedFont::from_bytes(&stripped, 0, &mut warnings).expect("parses");
        for ch in "Ombudsman’s £150 – é".chars() {
            let g = a.lookup_glyph_index(ch as u32);
            assert_eq!(g, b.lookup_glyph_index(ch as u32));
            let g = g.expect("glyph");
            assert_eq!(a.get_horizontal_advance(g), b.get_horizontal_advance(g));
        }
    }
}

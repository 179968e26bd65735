//! Writes the finished document: streams as they are, every other object in one compressed
//! object stream, and a cross-reference stream (ISO 32000-1, 7.5.7 and 7.5.8). lopdf's writer
//! formats numbers and references through `fmt` and serialises each object twice; this writes
//! each object once, straight into the file's buffer.

use lopdf::{Dictionary, Document, Object, StringFormat};

use super::PdfError;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The file's bytes. `deflate` packs a stream, or gives `None` when packing would not shrink it.
pub(crate) fn save(
    doc: &Document,
    deflate: impl Fn(&[u8]) -> Result<Option<Vec<u8>>, PdfError>,
) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    // A comment of bytes above 127 marks the file as binary for tools that guess.
    out.extend_from_slice(b"\n%\xE2\xE3\xCF\xD3\n");

    let max_id = doc.objects.keys().map(|id| id.0).max().unwrap_or(0);
    let (packed_id, xref_id) = (max_id + 1, max_id + 2);
    // Cross-reference entries by object number: (type, offset or stream, generation or index);
    // the index is 32 bits wide, for a decision long enough to have 65,536 objects.
    let mut entries: Vec<(u8, u32, u32)> = vec![(0, 0, 0); xref_id as usize + 1];
    entries[0] = (0, 0, u32::from(u16::MAX));

    let mut packed = Vec::with_capacity(16 * 1024);
    let mut index = Vec::new();
    for (&(id, generation), object) in &doc.objects {
        // Streams, and objects of a later generation, cannot stand in an object stream.
        if generation != 0 || matches!(object, Object::Stream(_)) {
            entries[id as usize] = (1, offset(&out)?, u32::from(generation));
            indirect(&mut out, id, generation, object);
        } else {
            entries[id as usize] = (2, packed_id, index.len() as u32);
            index.push((id, packed.len()));
            write_object(&mut packed, object);
            packed.push(b'\n');
        }
    }

    let (dict, body) = object_stream(&index, &packed);
    entries[packed_id as usize] = (1, offset(&out)?, 0);
    stream(&mut out, packed_id, dict, body, &deflate)?;

    entries[xref_id as usize] = (1, offset(&out)?, 0);
    let xref_at = out.len();
    let mut table = Vec::with_capacity(9 * entries.len());
    for (kind, field, number) in &entries {
        table.push(*kind);
        table.extend_from_slice(&field.to_be_bytes());
        table.extend_from_slice(&number.to_be_bytes());
    }
    let mut dict = doc.trailer.clone();
    for key in [
        &b"Prev"[..],
        b"XRefStm",
        b"Index",
        b"Filter",
        b"DecodeParms",
    ] {
        dict.remove(key);
    }
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(i64::from(xref_id) + 1));
    dict.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(4),
            Object::Integer(4),
        ]),
    );
    stream(&mut out, xref_id, dict, table, &deflate)?;
    out.extend_from_slice(b"startxref\n");
    integer(&mut out, xref_at as i64);
    out.extend_from_slice(b"\n%%EOF\n");
    Ok(out)
}

/// The object stream of the small objects: its dictionary, and its body (each object's
/// number and place, then the objects).
fn object_stream(index: &[(u32, usize)], packed: &[u8]) -> (Dictionary, Vec<u8>) {
    let mut body = Vec::with_capacity(packed.len() + 12 * index.len());
    for (id, at) in index {
        integer(&mut body, i64::from(*id));
        body.push(b' ');
        integer(&mut body, *at as i64);
        body.push(b' ');
    }
    let first = body.len();
    body.extend_from_slice(packed);
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"ObjStm".to_vec())),
        ("N", Object::Integer(index.len() as i64)),
        ("First", Object::Integer(first as i64)),
    ]);
    (dict, body)
}

/// Where the next object starts; the cross-reference entries hold 32-bit offsets.
fn offset(out: &[u8]) -> Result<u32, PdfError> {
    u32::try_from(out.len()).map_err(|_| PdfError::Io(std::io::Error::other("PDF over 4 GB")))
}

fn indirect(out: &mut Vec<u8>, id: u32, generation: u16, object: &Object) {
    integer(out, i64::from(id));
    out.push(b' ');
    integer(out, i64::from(generation));
    out.extend_from_slice(b" obj\n");
    write_object(out, object);
    out.extend_from_slice(b"\nendobj\n");
}

/// A stream object of `content`, deflated when that makes it smaller.
fn stream(
    out: &mut Vec<u8>,
    id: u32,
    mut dict: Dictionary,
    content: Vec<u8>,
    deflate: impl Fn(&[u8]) -> Result<Option<Vec<u8>>, PdfError>,
) -> Result<(), PdfError> {
    let content = match deflate(&content)? {
        Some(packed) => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            packed
        }
        None => content,
    };
    let object = Object::Stream(lopdf::Stream::new(dict, content));
    indirect(out, id, 0, &object);
    Ok(())
}

fn integer(out: &mut Vec<u8>, value: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// One object in PDF syntax. Every value is preceded by a space inside dictionaries and arrays,
/// which any reader accepts and deflate all but erases.
fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => integer(out, *value),
        Object::Real(value) => {
            use std::io::Write as _;
            let _ = write!(out, "{value}"); // writing to a Vec cannot fail
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => {
            out.push(b'(');
            for &byte in text {
                match byte {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(byte),
                }
            }
            out.push(b')');
        }
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for &byte in text {
                out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            write_dictionary(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            integer(out, i64::from(*id));
            out.push(b' ');
            integer(out, i64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name, with white space, delimiters and bytes outside `!`..`~` written as `#XX`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b"()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.extend_from_slice(&[
                b'#',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        } else {
            out.push(byte);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What this writes, lopdf reads back as the same objects: escapes, names, numbers,
    /// streams, references, and the cross-reference stream that finds them.
    #[test]
    fn a_saved_document_reads_back_object_for_object() {
        let mut doc = Document::with_version("1.7");
        let stream = doc.add_object(lopdf::Stream::new(
            Dictionary::from_iter([("Kind", Object::Name(b"Test".to_vec()))]),
            b"BT (a) Tj ET".repeat(40),
        ));
        let dict = doc.add_object(Dictionary::from_iter([
            (
                "Literal",
                Object::string_literal(&b"(unbalanced \\ ) (\r)"[..]),
            ),
            (
                "Hex",
                Object::String(vec![0x00, 0xFE, 0x41], StringFormat::Hexadecimal),
            ),
            (
                "Odd name",
                Object::Name(b"A name/with#odd\xE9bytes".to_vec()),
            ),
            ("Real", Object::Real(595.276)),
            ("Negative", Object::Integer(-42)),
            (
                "Array",
                Object::Array(vec![
                    Object::Null,
                    Object::Boolean(true),
                    Object::Boolean(false),
                    Object::Reference(stream),
                    Object::Array(vec![]),
                ]),
            ),
        ]));
        doc.trailer.set("Root", Object::Reference(dict));

        let bytes = save(&doc, |b| Ok((b.len() > 100).then(|| zip(b)))).expect("saved");
        let read = Document::load_mem(&bytes).expect("lopdf reads the file back");
        assert_eq!(read.get_object(dict).ok(), doc.get_object(dict).ok());
        let Ok(Object::Stream(back)) = read.get_object(stream) else {
            panic!("the stream is missing");
        };
        assert_eq!(back.content, b"BT (a) Tj ET".repeat(40));
        assert_eq!(
            read.trailer.get(b"Root").ok(),
            Some(&Object::Reference(dict))
        );
    }

    /// An object stream of more than 65,535 objects still finds its last one.
    #[test]
    fn objects_past_the_sixteen_bit_index_are_found() {
        let mut doc = Document::with_version("1.7");
        let mut last = (0, 0);
        for i in 0..70_000 {
            last = doc.add_object(Object::Integer(i));
        }
        doc.trailer.set("Root", Object::Reference(last));
        let bytes = save(&doc, |b| Ok(Some(zip(b)))).expect("saved");
        let read = Document::load_mem(&bytes).expect("lopdf reads the file back");
        assert_eq!(read.get_object(last).ok(), Some(&Object::Integer(69_999)));

        // lopdf finds packed objects through the object stream's own header, so the index in
        // each cross-reference entry is checked against that header here.
        let content = |id: u32| match read.get_object((id, 0)) {
            Ok(Object::Stream(s)) => s.decompressed_content().expect("inflates"),
            _ => panic!("object {id} is not a stream"),
        };
        let header = String::from_utf8(content(70_001)).expect("ASCII header");
        let packed: Vec<u32> = header
            .split_whitespace()
            .step_by(2)
            .take(70_000)
            .map(|n| n.parse().expect("an object number"))
            .collect();
        let table = content(70_002);
        for (id, entry) in table.chunks(9).enumerate().skip(1).take(70_000) {
            let field = |r: std::ops::Range<usize>| {
                entry[r].iter().fold(0u32, |n, &b| n << 8 | u32::from(b))
            };
            assert_eq!((entry[0], field(1..5)), (2, 70_001), "entry {id}");
            assert_eq!(packed[field(5..9) as usize], id as u32, "entry {id}");
        }
    }

    fn zip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(bytes).expect("in memory");
        z.finish().expect("in memory")
    }
}

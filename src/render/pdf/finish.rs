//! Post-processes printpdf's output with lopdf: document information, language, outline,
//! link annotations, structure tree, a content-derived file identifier, and compression.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::layout::Layout;
use super::model::{Node, NodeId, Target};
use super::save;
use super::sfnt;
use super::tagging::{self, AnnotRef};
use super::writer::{LinkArea, Written};
use super::{xmp, PdfError, PdfMeta, MARGIN_LEFT};

const PRODUCER: &str = "decisions (printpdf, lopdf)";

/// A PDF text string: literal when ASCII, otherwise UTF-16BE with a byte-order mark.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Destination: top of the given position on a page, zoom unchanged.
fn dest(page: ObjectId, top: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        name("XYZ"),
        Object::Real(MARGIN_LEFT - 10.0),
        Object::Real((top + 6.0).round()),
        Object::Null,
    ])
}

/// 128-bit FNV-1a of everything that determines the file: the same input, the same identifier.
fn file_id(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16);
    for seed in [0xcbf2_9ce4_8422_2325u64, 0x8422_2325_cbf2_9ce4] {
        let mut h = seed;
        for part in parts {
            for &b in part.iter().chain(&[0xFF]) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        out.extend(h.to_be_bytes());
    }
    out
}

/// The finished file: `written` with its document information, links, structure tree,
/// outline, metadata and identifier, compressed.
pub(crate) fn finish(
    written: Written,
    layout: &Layout,
    nodes: &[Node],
    meta: &PdfMeta,
    markdown: &str,
) -> Result<Vec<u8>, PdfError> {
    let Written {
        mut doc,
        marks,
        links: areas,
    } = written;
    doc.version = "1.7".to_string();
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let info = info(&mut doc, meta);
    doc.trailer.set("Info", info);

    let (annots, mut per_page) = links(&mut doc, (&areas, layout, nodes), &page_ids);
    for (i, &page_id) in page_ids.iter().enumerate() {
        let page = doc.get_dictionary_mut(page_id)?;
        page.set("Annots", Object::Array(std::mem::take(&mut per_page[i])));
        page.set("StructParents", Object::Integer(i as i64));
        page.set("Tabs", name("S"));
        page.remove(b"TrimBox");
    }

    let struct_root = tagging::build(&mut doc, nodes, &marks, &annots, &page_ids);
    let outline = outline(&mut doc, layout, &page_ids);
    catalog(&mut doc, meta, struct_root, outline)?;

    let id = Object::String(identifier(meta, markdown), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    doc.prune_objects();
    shrink_fonts(&mut doc);
    doc.renumber_objects();
    compress(&mut doc)?;
    // One object stream for all the small objects: it packs tighter than several.
    save::save(&doc, deflate)
}

/// The document information dictionary.
fn info(doc: &mut Document, meta: &PdfMeta) -> ObjectId {
    // A PDF date's fields after the year are optional: a month-only decision gives no day.
    let date = match meta.date {
        (y, m, 0) => format!("D:{y:04}{m:02}"),
        (y, m, d) => format!("D:{y:04}{m:02}{d:02}000000Z"),
    };
    doc.add_object(Dictionary::from_iter([
        ("Title", text_string(meta.title)),
        ("Author", text_string(meta.author)),
        ("Subject", text_string(meta.subject)),
        ("Keywords", text_string(&meta.keywords.join("; "))),
        ("Creator", text_string("decisions")),
        ("Producer", text_string(PRODUCER)),
        (
            "CreationDate",
            Object::String(date.clone().into_bytes(), StringFormat::Literal),
        ),
        (
            "ModDate",
            Object::String(date.into_bytes(), StringFormat::Literal),
        ),
    ]))
}

/// Link annotations, and each page's list of them; each is a kid of its Link element and has
/// its own parent-tree key.
fn links(
    doc: &mut Document,
    (areas, layout, nodes): (&[LinkArea], &Layout, &[Node]),
    page_ids: &[ObjectId],
) -> (Vec<AnnotRef>, Vec<Vec<Object>>) {
    let anchors: BTreeMap<&str, (usize, f32)> = layout
        .anchors
        .iter()
        .map(|(name, page, top)| (name.as_str(), (*page, *top)))
        .collect();
    let link_text = link_texts(areas, layout);
    let mut annots = Vec::new();
    let mut per_page: Vec<Vec<Object>> = vec![Vec::new(); page_ids.len()];
    for area in areas {
        let action = match &nodes[area.node].target {
            Some(Target::Uri(uri)) => ("A", {
                Object::Dictionary(Dictionary::from_iter([
                    ("S", name("URI")),
                    ("URI", Object::string_literal(uri.as_bytes())),
                ]))
            }),
            Some(Target::Anchor(anchor)) => match anchors.get(anchor.as_str()) {
                Some(&(page, top)) => ("Dest", dest(page_ids[page], top)),
                None => continue,
            },
            None => continue,
        };
        let key = (page_ids.len() + annots.len()) as i64;
        let [x0, y0, x1, y1] = area.rect.map(|v| Object::Real((v * 100.0).round() / 100.0));
        let mut dict = Dictionary::from_iter([
            ("Type", name("Annot")),
            ("Subtype", name("Link")),
            ("Rect", Object::Array(vec![x0, y0, x1, y1])),
            ("Border", Object::Array(vec![0.into(), 0.into(), 0.into()])),
            ("F", Object::Integer(4)),
            ("StructParent", Object::Integer(key)),
        ]);
        if let Some(text) = link_text.get(&area.node) {
            dict.set("Contents", text_string(text));
        }
        dict.set(action.0, action.1);
        let id = doc.add_object(dict);
        per_page[area.page].push(Object::Reference(id));
        annots.push(AnnotRef {
            mark: area.mark,
            annot: id,
            node: area.node,
            page: area.page,
            key,
        });
    }
    (annots, per_page)
}

/// Each link's visible text, for its annotation's `/Contents`.
fn link_texts(areas: &[LinkArea], layout: &Layout) -> BTreeMap<NodeId, String> {
    let mut link_text: BTreeMap<NodeId, String> = BTreeMap::new();
    for placed in layout.pages.iter().flatten() {
        if areas.iter().any(|l| l.node == placed.node) {
            let text = link_text.entry(placed.node).or_default();
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            text.push_str(&placed.text);
        }
    }
    link_text
}

/// The catalog: metadata, language, tagging, title display and outline.
fn catalog(
    doc: &mut Document,
    meta: &PdfMeta,
    struct_root: ObjectId,
    outline: Option<ObjectId>,
) -> Result<(), PdfError> {
    let mut packet = lopdf::Stream::new(
        Dictionary::from_iter([("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp::packet(meta, PRODUCER).into_bytes(),
    );
    packet.allows_compression = false; // left readable for tools that scan for it
    let metadata = doc.add_object(packet);

    let catalog = doc.catalog_mut()?;
    catalog.set("Metadata", metadata);
    catalog.set("Lang", text_string(meta.lang));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter([("Marked", Object::Boolean(true))]),
    );
    catalog.set("StructTreeRoot", struct_root);
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
    match outline {
        Some(id) => {
            catalog.set("Outlines", id);
            catalog.set("PageMode", name("UseOutlines"));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", name("UseNone"));
        }
    }
    Ok(())
}

/// The file identifier: a hash of everything the file is made from, so that the same input
/// gives the same file.
fn identifier(meta: &PdfMeta, markdown: &str) -> Vec<u8> {
    let (y, m, d) = (meta.date.0.to_be_bytes(), [meta.date.1], [meta.date.2]);
    file_id(&[
        markdown.as_bytes(),
        meta.title.as_bytes(),
        meta.author.as_bytes(),
        meta.subject.as_bytes(),
        meta.keywords.join("\u{1f}").as_bytes(),
        meta.running_header.as_bytes(),
        meta.lang.as_bytes(),
        &y,
        &m,
        &d,
        &[u8::from(meta.draft)],
    ])
}

/// Bookmarks: one per `##` section, with its `###` headings nested under it.
fn outline(doc: &mut Document, layout: &Layout, page_ids: &[ObjectId]) -> Option<ObjectId> {
    let mut tops: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, h) in layout.headings.iter().enumerate() {
        match h.level {
            2 => tops.push((i, Vec::new())),
            3.. => match tops.last_mut() {
                Some((_, subs)) => subs.push(i),
                None => tops.push((i, Vec::new())),
            },
            _ => {}
        }
    }
    if tops.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = tops.iter().map(|_| doc.new_object_id()).collect();
    let mut total = tops.len();
    for (t, (heading, subs)) in tops.iter().enumerate() {
        let sub_ids: Vec<ObjectId> = subs.iter().map(|_| doc.new_object_id()).collect();
        for (s, &sub) in subs.iter().enumerate() {
            let dict = item(layout, sub, ids[t], &sub_ids, s, page_ids);
            doc.objects.insert(sub_ids[s], Object::Dictionary(dict));
        }
        let mut dict = item(layout, *heading, root, &ids, t, page_ids);
        if let (Some(first), Some(last)) = (sub_ids.first(), sub_ids.last()) {
            dict.set("First", *first);
            dict.set("Last", *last);
            dict.set("Count", Object::Integer(sub_ids.len() as i64));
        }
        total += sub_ids.len();
        doc.objects.insert(ids[t], Object::Dictionary(dict));
    }
    doc.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", name("Outlines")),
            ("First", Object::Reference(ids[0])),
            ("Last", Object::Reference(ids[ids.len() - 1])),
            ("Count", Object::Integer(total as i64)),
        ])),
    );
    Some(root)
}

fn item(
    layout: &Layout,
    heading: usize,
    parent: ObjectId,
    siblings: &[ObjectId],
    index: usize,
    page_ids: &[ObjectId],
) -> Dictionary {
    let h = &layout.headings[heading];
    let mut dict = Dictionary::from_iter([
        ("Title", text_string(&h.title)),
        ("Parent", Object::Reference(parent)),
        ("Dest", dest(page_ids[h.page], h.top)),
    ]);
    if index > 0 {
        dict.set("Prev", siblings[index - 1]);
    }
    if let Some(next) = siblings.get(index + 1) {
        dict.set("Next", *next);
    }
    dict
}

/// Replaces each embedded TrueType program by its unhinted form (see [`sfnt`]).
fn shrink_fonts(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.dict.has(b"Length1") {
            continue;
        }
        let Ok(program) = stream.decompressed_content() else {
            continue;
        };
        if let Some(smaller) = sfnt::strip_hinting(&program) {
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream
                .dict
                .set("Length1", Object::Integer(smaller.len() as i64));
            stream.set_content(smaller);
            stream.allows_compression = true;
        }
    }
}

/// Deflates every stream not yet filtered (see [`deflate`]).
fn compress(doc: &mut Document) -> Result<(), PdfError> {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        if let Some(packed) = deflate(&stream.content)? {
            stream.dict.set("Filter", name("FlateDecode"));
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// `bytes` deflated at the default level, or `None` when that is no smaller: lopdf's own
/// compression uses the slowest level, which costs more time than it saves bytes here. One
/// compressor per thread is reset between streams: setting one up costs more than deflating a
/// page of text.
fn deflate(bytes: &[u8]) -> Result<Option<Vec<u8>>, PdfError> {
    thread_local! {
        static DEFLATE: std::cell::RefCell<flate2::Compress> =
            std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::default(), true));
    }
    DEFLATE.with_borrow_mut(|deflate| {
        deflate.reset();
        // Room for the whole input: what deflates no smaller stays as it is.
        let mut packed = Vec::with_capacity(bytes.len() + 64);
        let status = deflate
            .compress_vec(bytes, &mut packed, flate2::FlushCompress::Finish)
            .map_err(|e| PdfError::Io(std::io::Error::other(e)))?;
        Ok((status == flate2::Status::StreamEnd && packed.len() < bytes.len()).then_some(packed))
    })
}

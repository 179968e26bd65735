//! Turns placed text into printpdf page operations: marked content for tagging, running header,
//! "Page N of M" footer and DRAFT mark as artefacts, fonts embedded and subset.

use std::collections::BTreeMap;

use printpdf::{
    Color, DictItem, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFont, PdfFontHandle,
    PdfSaveOptions, PdfWarnMsg, Point, Pt, Rgb, TextItem,
};

use super::fonts::{Face, Fonts};
use super::layout::{Layout, Placed};
use super::model::{Node, NodeId, Role};
use super::{
    PdfMeta, FOOTER_BASELINE, HEADER_BASELINE, MARGIN_LEFT, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH,
};

/// A marked-content sequence: its page, its id there, and the element it belongs to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    pub page: usize,
    pub mcid: i64,
    pub node: NodeId,
}

/// The clickable area of (part of) a link.
#[derive(Clone, Debug)]
pub(crate) struct LinkArea {
    /// Index of the link text's marked-content sequence in [`Written::marks`].
    pub mark: usize,
    pub page: usize,
    pub rect: [f32; 4],
    pub node: NodeId,
}

pub(crate) struct Written {
    pub doc: lopdf::Document,
    pub marks: Vec<Mark>,
    pub links: Vec<LinkArea>,
}

const HEADER_SIZE: f32 = 9.0;
const BLACK: (f32, f32, f32) = (0.0, 0.0, 0.0);
const GREY: (f32, f32, f32) = (0.35, 0.35, 0.35);
const LINK_BLUE: (f32, f32, f32) = (0.07, 0.31, 0.6);
const DRAFT_RED: (f32, f32, f32) = (0.75, 0.1, 0.1);

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// Six capital letters naming a font subset (ISO 32000-1, 9.6.4), derived from the glyphs used
/// so that the same text always gives the same name.
fn subset_tag(face: Face, used: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ face.index() as u64;
    for b in used.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 10)) % 26) as u8))
        .collect()
}

struct PageOps<'a> {
    ops: Vec<Op>,
    font_ids: &'a BTreeMap<Face, FontId>,
    color: (f32, f32, f32),
}

impl PageOps<'_> {
    fn color(&mut self, color: (f32, f32, f32)) {
        if self.color != color {
            self.ops.push(Op::SetFillColor { col: rgb(color) });
            self.color = color;
        }
    }

    fn text(&mut self, x: f32, y: f32, face: Face, size: f32, text: &str) {
        let Some(id) = self.font_ids.get(&face) else {
            return;
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn rule(&mut self, x0: f32, x1: f32, y: f32, width: f32, color: (f32, f32, f32)) {
        let point = |x: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor { col: rgb(color) },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x0), point(x1)],
                    is_closed: false,
                },
            },
        ]);
    }

    fn begin_artifact(&mut self, subtype: &str) {
        let mut map = BTreeMap::new();
        map.insert("Type".to_string(), DictItem::Name(b"Pagination".to_vec()));
        map.insert(
            "Subtype".to_string(),
            DictItem::Name(subtype.as_bytes().to_vec()),
        );
        self.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Artifact".to_string(),
            properties: DictItem::Dict { map },
        });
    }
}

/// Writes the laid-out pages with printpdf; returns the uncompressed document and what the
/// structure tree and link annotations need.
pub(crate) fn write(
    layout: &Layout,
    nodes: &[Node],
    meta: &PdfMeta,
    fonts: &Fonts,
) -> Result<Written, super::PdfError> {
    let total = layout.pages.len();
    let footers: Vec<String> = (1..=total)
        .map(|n| {
            meta.page_of
                .replace("{n}", &n.to_string())
                .replace("{total}", &total.to_string())
        })
        .collect();

    let header_runs = super::fallback::runs(fonts, meta.running_header, Face::Regular)?;
    let mut doc = PdfDocument::new(meta.title);
    let font_ids = add_fonts(&mut doc, (layout, &header_runs, &footers), meta, fonts);

    let mut marks = Vec::new();
    let mut links = Vec::new();
    let mut pages = Vec::with_capacity(total);
    for (page_index, placed) in layout.pages.iter().enumerate() {
        let mut p = PageOps {
            ops: Vec::new(),
            font_ids: &font_ids,
            color: BLACK,
        };
        header(&mut p, meta, &header_runs, fonts);
        body(
            &mut p, placed, nodes, page_index, &mut marks, &mut links, fonts,
        );
        rules(&mut p, layout, page_index);

        footer(&mut p, &footers[page_index], fonts);
        pages.push(printpdf::PdfPage::new(
            Mm::from(Pt(PAGE_WIDTH)),
            Mm::from(Pt(PAGE_HEIGHT)),
            p.ops,
        ));
    }

    doc.with_pages(pages);
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    // printpdf builds the file as a lopdf document; taking it as such, rather than as bytes to
    // parse again, leaves one serialisation per decision.
    let doc = printpdf::serialize::to_lopdf_doc(&doc, &opts, &mut warnings);
    Ok(Written { doc, marks, links })
}

/// Adds each face the document draws with, named after the characters it draws (the subset's
/// tag); the font id of each face.
fn add_fonts(
    doc: &mut PdfDocument,
    (layout, header_runs, footers): (&Layout, &[(Face, String)], &[String]),
    meta: &PdfMeta,
    fonts: &Fonts,
) -> BTreeMap<Face, FontId> {
    let mut used: BTreeMap<Face, std::collections::BTreeSet<char>> = BTreeMap::new();
    let mut note = |face: Face, text: &str| used.entry(face).or_default().extend(text.chars());
    for placed in layout.pages.iter().flatten() {
        note(placed.face, &placed.text);
    }
    for (face, text) in header_runs {
        note(*face, text);
    }
    for footer in footers {
        note(Face::Regular, footer);
    }
    if meta.draft {
        note(Face::Bold, meta.draft_mark);
    }
    let mut font_ids = BTreeMap::new();
    for (face, chars) in &used {
        let id = FontId(subset_tag(*face, &chars.iter().collect::<String>()));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(fonts.parsed(*face).clone()));
        font_ids.insert(*face, id);
    }
    font_ids
}

/// The page's footer ("Page 1 of 2"), centred, as an artefact.
fn footer(p: &mut PageOps, footer: &str, fonts: &Fonts) {
    p.begin_artifact("Footer");
    p.color(GREY);
    let width = fonts.width(Face::Regular, footer, HEADER_SIZE);
    let x = MARGIN_LEFT + (TEXT_WIDTH - width) / 2.0;
    p.text(x, FOOTER_BASELINE, Face::Regular, HEADER_SIZE, footer);
    p.ops.push(Op::EndMarkedContentWithProperties);
}

/// A table's rules on page `page`, as one artefact.
fn rules(p: &mut PageOps, layout: &Layout, page: usize) {
    let mut on_page = layout.rules.iter().filter(|r| r.page == page).peekable();
    if on_page.peek().is_none() {
        return;
    }
    p.ops.push(Op::BeginMarkedContent {
        tag: "Artifact".to_string(),
    });
    for r in on_page {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        p.ops.extend([
            Op::SetOutlineColor { col: rgb(GREY) },
            Op::SetOutlineThickness { pt: Pt(r.width) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(r.from), point(r.to)],
                    is_closed: false,
                },
            },
        ]);
    }
    p.ops.push(Op::EndMarkedContent);
}

fn header(p: &mut PageOps, meta: &PdfMeta, runs: &[(Face, String)], fonts: &Fonts) {
    p.begin_artifact("Header");
    p.color(GREY);
    let mut x = MARGIN_LEFT;
    for (face, text) in runs {
        p.text(x, HEADER_BASELINE, *face, HEADER_SIZE, text);
        x += fonts.width(*face, text, HEADER_SIZE);
    }
    p.rule(
        MARGIN_LEFT,
        MARGIN_LEFT + TEXT_WIDTH,
        HEADER_BASELINE - 5.0,
        0.5,
        GREY,
    );
    if meta.draft {
        p.color(DRAFT_RED);
        let size = 14.0;
        let width = fonts.width(Face::Bold, meta.draft_mark, size);
        p.text(
            MARGIN_LEFT + TEXT_WIDTH - width,
            HEADER_BASELINE,
            Face::Bold,
            size,
            meta.draft_mark,
        );
    }
    p.ops.push(Op::EndMarkedContentWithProperties);
    p.color(BLACK);
}

fn body(
    p: &mut PageOps,
    placed: &[Placed],
    nodes: &[Node],
    page: usize,
    marks: &mut Vec<Mark>,
    links: &mut Vec<LinkArea>,
    fonts: &Fonts,
) {
    let mut underlines = Vec::new();
    let mut i = 0;
    while i < placed.len() {
        // One marked-content sequence per run of text of one element on one line.
        let first = &placed[i];
        let mut j = i + 1;
        while j < placed.len()
            && placed[j].node == first.node
            && placed[j].baseline == first.baseline
        {
            j += 1;
        }
        let role = nodes[first.node].role;
        if role == Role::Artifact {
            // A repeated table header: drawn, but not part of the structure.
            p.ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_string(),
            });
            for frag in &placed[i..j] {
                p.text(frag.x, frag.baseline, frag.face, frag.size, &frag.text);
            }
            p.ops.push(Op::EndMarkedContent);
            i = j;
            continue;
        }
        let mcid = marks.iter().rev().take_while(|m| m.page == page).count() as i64;
        marks.push(Mark {
            page,
            mcid,
            node: first.node,
        });
        let mut map = BTreeMap::new();
        map.insert("MCID".to_string(), DictItem::Int(mcid));
        p.ops.push(Op::BeginMarkedContentWithProperties {
            tag: role.name().to_string(),
            properties: DictItem::Dict { map },
        });
        let is_link = role == Role::Link;
        p.color(if is_link { LINK_BLUE } else { BLACK });
        for frag in &placed[i..j] {
            p.text(frag.x, frag.baseline, frag.face, frag.size, &frag.text);
        }
        p.ops.push(Op::EndMarkedContentWithProperties);
        if is_link {
            let last = &placed[j - 1];
            let (x0, x1, y) = (first.x, last.x + last.width, first.baseline);
            let descent = fonts.descent(first.face, first.size);
            let top = y + fonts.cap_height(first.size) + 2.5;
            links.push(LinkArea {
                mark: marks.len() - 1,
                page,
                rect: [x0, y - descent - 1.0, x1, top],
                node: first.node,
            });
            underlines.push((x0, x1, y - 1.5));
        }
        i = j;
    }
    p.color(BLACK);
    if !underlines.is_empty() {
        p.ops.push(Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        });
        for (x0, x1, y) in underlines {
            p.rule(x0, x1, y, 0.6, LINK_BLUE);
        }
        p.ops.push(Op::EndMarkedContent);
    }
}

//! Tests of the Markdown walk: markers, anchors, quotations and the glyph check.

use super::*;

#[test]
fn numbered_paragraphs_lettered_points_and_anchors() {
    let fonts = Fonts::bundled().expect("fonts");
    let md = "## A\n\n8. Intro:\n\n   1. First.\n   2. Second, see [p](#para-8a).\n\n9. Next.\n";
    let doc = parse(md, &fonts).expect("parses");
    let markers: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| Some((b.marker.as_ref()?.text.clone(), b.anchor.clone())))
        .collect();
    assert_eq!(
        markers,
        vec![
            ("8.".to_string(), Some("para-8".to_string())),
            ("a)".to_string(), Some("para-8a".to_string())),
            ("b)".to_string(), Some("para-8b".to_string())),
            ("9.".to_string(), Some("para-9".to_string())),
        ]
    );
    let link = doc
        .nodes
        .iter()
        .find(|n| n.role == Role::Link)
        .expect("link");
    assert_eq!(link.target, Some(Target::Anchor("para-8a".to_string())));
}

#[test]
fn a_level_one_heading_after_a_letter_head_stands_apart_from_it() {
    // The decision as issued in 2016: the letter head, then the heading.
    let fonts = Fonts::bundled().expect("fonts");
    let md = "**Complaint against:**\nA Council\n\n# The Ombudsman’s final decision\n\n## The complaint\n";
    let doc = parse(md, &fonts).expect("parses");
    let spaces: Vec<f32> = doc.blocks.iter().map(|b| b.space_before).collect();
    assert_eq!(spaces[1], spaces[2], "{spaces:?}");
    assert!(spaces[1] > spaces[0], "{spaces:?}");
}

#[test]
fn a_quotation_is_indented_from_its_paragraph() {
    let fonts = Fonts::bundled().expect("fonts");
    let md = "7. The letter said:\n\n   > Your care will be free.\n\n   So it was.\n";
    let doc = parse(md, &fonts).expect("parses");
    let indents: Vec<f32> = doc.blocks.iter().map(|b| b.indent).collect();
    assert_eq!(
        indents,
        vec![NUMBER_INDENT, NUMBER_INDENT + QUOTE_INDENT, NUMBER_INDENT]
    );
    let quote = doc.blocks[1].spans[0].node;
    let parent = doc.nodes[quote].parent.expect("in the quotation");
    assert_eq!(doc.nodes[parent].role, Role::BlockQuote);
}

#[test]
fn missing_glyph_is_an_error_naming_the_character() {
    let fonts = Fonts::bundled().expect("fonts");
    let err = parse("1. Smile \u{1F600} please", &fonts).expect_err("no emoji glyph");
    assert!(
        matches!(
            err,
            PdfError::MissingGlyph {
                ch: '\u{1F600}',
                ..
            }
        ),
        "{err}"
    );
}

//! Akoma Ntoso 3.0 (OASIS LegalDocML) XML of a decision, as legal-data reusers read it.
//!
//! The decision is a `doc name="decision"`: Akoma Ntoso's `judgment` is a court's judgment, whose
//! body must be split into a court's parts (introduction, background, motivation, decision) that
//! an ombudsman's sections do not follow, while `doc` takes the statement as it stands: the
//! header facts in its `preface`, the sections as `level`s of its `mainBody`, the sign-off in its
//! `conclusions`. The text comes from the same Markdown paragraphs as the other formats, so the
//! words and numbers agree. Names, language and addresses come from the decision's meta and the
//! office's wording (`ombudsman`, `akn`, `acts`), never from this code.

mod body;
mod meta;
mod xml;

use crate::resolve::{Decision, Section};
use crate::templates::Wording;
use xml::Xml;

/// The namespace of Akoma Ntoso 3.0.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The whole `decision.akn.xml`.
pub fn render(decision: &Decision, w: &Wording) -> String {
    let mut x = Xml::default();
    x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.open(
        "akomaNtoso",
        &[("xmlns", NAMESPACE), ("xmlns:dec", meta::PROPRIETARY_NS)],
    );
    x.open("doc", &[("name", "decision")]);
    meta::write(&mut x, decision, w);
    preface(&mut x, decision, w);
    x.open("mainBody", &[]);
    let cite = body::Citations::new(&w.acts);
    for (i, section) in decision.sections.iter().enumerate() {
        level(&mut x, section, i + 1, &cite);
    }
    x.close("mainBody");
    // An office whose statements are not signed has no conclusions.
    if !decision.meta.sign_off.is_empty() {
        x.open("conclusions", &[]);
        x.open("p", &[]);
        x.open("signature", &[]);
        x.text(&decision.meta.sign_off);
        x.close("signature");
        x.close("p");
        x.close("conclusions");
    }
    x.close("doc");
    x.close("akomaNtoso");
    x.finish()
}

/// The header facts, as the statement prints them above its sections.
fn preface(x: &mut Xml, d: &Decision, w: &Wording) {
    let m = &d.meta;
    x.open("preface", &[]);
    x.open("p", &[("class", "title")]);
    x.open("docTitle", &[]);
    let authority = meta::org_id(&m.authority);
    title(x, &w.title, &m.authority, &authority, &m.reference);
    x.close("docTitle");
    x.close("p");

    // The header lines in the office's order, each value marked for what it is.
    let authority = format!("#{authority}");
    let decided = meta::xsd_date(&m.decided_iso);
    for h in &m.header {
        let (tag, attrs): (&'static str, Vec<(&str, &str)>) = match h.key.as_str() {
            "category" => ("concept", vec![("refersTo", "#category")]),
            "outcome" => (
                "inline",
                vec![("name", "outcome"), ("refersTo", "#outcome")],
            ),
            "decided" => ("docDate", vec![("date", &decided)]),
            "body" => ("organization", vec![("refersTo", &authority)]),
            "reference" => ("docNumber", vec![]),
            fact => ("inline", vec![("name", fact)]),
        };
        x.open("p", &[]);
        x.text(&format!("{}{}", h.label, w.header.separator));
        x.leaf(tag, &attrs, &h.value);
        x.close("p");
    }
    // A heading or a summary the office does not print is not there to mark.
    if !m.heading.is_empty() {
        x.open("p", &[]);
        x.open("b", &[]);
        x.leaf("docStage", &[], &m.heading);
        x.close("b");
        x.close("p");
    }
    if !m.summary.is_empty() {
        x.open("p", &[("class", "summary")]);
        x.leaf("b", &[], &w.summary_label);
        x.text(" ");
        body::inline_markdown(x, &m.summary, &body::Citations::new(&w.acts));
        x.close("p");
    }
    x.close("preface");
}

/// A section as a `level`, its sub-headings as `level`s inside it.
/// The title in the wording's words ("{body} ({reference})", "Decision Report {reference}"),
/// the body and the reference marked for what they are.
fn title(x: &mut Xml, words: &str, body: &str, body_id: &str, reference: &str) {
    let mut rest = words;
    while let Some(at) = rest.find('{') {
        x.text(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{body}") {
            x.open("organization", &[("refersTo", &format!("#{body_id}"))]);
            x.text(body);
            x.close("organization");
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{reference}") {
            x.leaf("docNumber", &[], reference);
            rest = after;
        } else {
            x.text("{");
            rest = &tail[1..];
        }
    }
    x.text(rest);
}

fn level(x: &mut Xml, section: &Section, n: usize, cite: &body::Citations) {
    let id = format!("lvl_{n}");
    x.open("level", &[("eId", &id), ("class", &section.key)]);
    // A section the office prints without a title (a findings summary's paragraphs).
    if !section.title.is_empty() {
        x.leaf("heading", &[], &section.title);
    }
    let mut sub = 0;
    let mut unnumbered = 0;
    for block in &section.blocks {
        if let Some(h) = &block.heading {
            if sub > 0 {
                x.close("level");
            }
            sub += 1;
            x.open("level", &[("eId", &format!("{id}__lvl_{sub}"))]);
            // Sub-headings are plain text: the Markdown template escapes them.
            x.leaf("heading", &[], h);
        } else if let Some(number) = block.number {
            body::paragraph(x, number, &block.markdown, cite);
        } else {
            unnumbered += 1;
            let pid = format!("{id}__para_{unnumbered}");
            body::unnumbered(x, &pid, &block.markdown, cite);
        }
    }
    if sub > 0 {
        x.close("level");
    }
    x.close("level");
}

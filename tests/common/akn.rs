//! Reading Akoma Ntoso documents back: their schema check and the words a reader sees.

use super::{repo, words};
use std::path::PathBuf;

/// Runs `xmllint --schema` on `files`, returning its report when any is invalid.
pub fn schema_errors(files: &[PathBuf]) -> Option<String> {
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(repo().join("tests/akn/akomantoso30.xsd"))
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run xmllint: {e} (install libxml2-utils: run `bash .ci/setup-browser`)")
        });
    let report = String::from_utf8_lossy(&output.stderr).into_owned();
    (!output.status.success()).then_some(report)
}

/// The words a reader sees in the document's `parts` (`preface`, `mainBody`,
/// `conclusions`), paragraph and point numbers left out as Markdown's list markers are; and
/// the paragraphs' numbers, in order.
pub fn akn_words(xml: &str, parts: &[&str]) -> (Vec<String>, Vec<u64>) {
    const INLINE: &[&str] = &[
        "ref",
        "i",
        "b",
        "a",
        "docTitle",
        "docNumber",
        "organization",
        "concept",
        "inline",
        "docDate",
        "docStage",
        "signature",
        "del",
    ];
    fn walk(n: roxmltree::Node, text: &mut String, numbers: &mut Vec<u64>) {
        for child in n.children() {
            if child.is_text() {
                text.push_str(child.text().unwrap());
            } else if child.is_element() {
                let name = child.tag_name().name();
                if name == "num" {
                    if child.parent().unwrap().tag_name().name() == "paragraph" {
                        let n = child.text().unwrap().trim_end_matches('.');
                        numbers.push(n.parse().unwrap());
                    }
                    continue;
                }
                let block = !INLINE.contains(&name);
                if block {
                    text.push(' ');
                }
                walk(child, text, numbers);
                if block {
                    text.push(' ');
                }
            }
        }
    }
    let doc = roxmltree::Document::parse(xml).unwrap();
    let (mut text, mut numbers) = (String::new(), Vec::new());
    let d = doc.root_element().first_element_child().unwrap();
    for part in d
        .children()
        .filter(|c| parts.contains(&c.tag_name().name()))
    {
        walk(part, &mut text, &mut numbers);
    }
    (words(&text), numbers)
}

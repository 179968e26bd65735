//! Akoma Ntoso output: valid against the OASIS schema, the same words and numbers as the
//! Markdown, and the identification, references and links that reusers read.

mod common;
use common::akn::{akn_words, schema_errors};
use common::*;
use std::path::{Path, PathBuf};

const AKN: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// The parts of a document whose words a reader sees.
const PARTS: [&str; 3] = ["preface", "mainBody", "conclusions"];

fn build_examples(out: &Path) -> Vec<PathBuf> {
    bin()
        .args(["build", "--quiet", "--format", "md,akn", "--out"])
        .arg(out)
        .args(examples())
        .assert()
        .success();
    examples()
        .iter()
        .map(|c| out.join(c.file_stem().unwrap()).join("decision.akn.xml"))
        .collect()
}

#[test]
fn every_example_is_valid_against_the_oasis_schema() {
    let out = tempfile::tempdir().unwrap();
    let files = build_examples(out.path());
    if let Some(report) = schema_errors(&files) {
        panic!("invalid Akoma Ntoso:\n{report}");
    }
}

#[test]
fn the_schema_check_catches_an_invalid_document() {
    let out = tempfile::tempdir().unwrap();
    let file = build_examples(out.path()).remove(0);
    let xml = std::fs::read_to_string(&file).unwrap();
    // A paragraph without its content is not Akoma Ntoso.
    std::fs::write(&file, xml.replacen("<content>", "<contents>", 1)).unwrap();
    assert!(schema_errors(&[file]).is_some());
}

#[test]
fn xml_words_and_numbers_equal_markdown() {
    let out = tempfile::tempdir().unwrap();
    for file in build_examples(out.path()) {
        let xml = std::fs::read_to_string(&file).unwrap();
        let md = std::fs::read_to_string(file.with_file_name("decision.md")).unwrap();
        let (ours, numbers) = akn_words(&xml, &PARTS);
        assert_same_words(
            &content_words(&ours),
            &content_words(&md_words(&md)),
            &file.display().to_string(),
        );
        assert_eq!(numbers, paragraph_numbers(&md), "{}", file.display());
        assert!(numbers.len() > 5);
    }
}

fn attr<'a>(doc: &'a roxmltree::Document, tag: &str, name: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .filter_map(|n| n.attribute(name))
        .collect()
}

#[test]
fn identification_references_and_links() {
    let out = tempfile::tempdir().unwrap();
    build_examples(out.path());
    let xml = std::fs::read_to_string(out.path().join("21-016-384/decision.akn.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "akomaNtoso");
    assert_eq!(root.tag_name().namespace(), Some(AKN));
    let d = root.first_element_child().unwrap();
    assert_eq!(
        (d.tag_name().name(), d.attribute("name")),
        ("doc", Some("decision"))
    );

    let work = "/akn/gb/doc/decision/lgsco/2022-03-10/21-016-384";
    let uris = attr(&doc, "FRBRuri", "value");
    assert_eq!(
        uris,
        [work, &format!("{work}/eng@"), &format!("{work}/eng@.akn")]
    );
    assert_eq!(attr(&doc, "FRBRdate", "date"), ["2022-03-10"; 3]);
    assert_eq!(attr(&doc, "FRBRlanguage", "language"), ["eng"]);
    assert_eq!(attr(&doc, "FRBRnumber", "value"), ["21 016 384"]);
    assert_eq!(
        attr(&doc, "TLCOrganization", "showAs"),
        [
            "Local Government and Social Care Ombudsman",
            "Leeds City Council"
        ]
    );
    assert_eq!(attr(&doc, "TLCPerson", "showAs"), ["Mr X"]);
    assert!(xml.contains("<dec:outcome key=\"closed-after-initial-enquiries\">Closed after initial enquiries</dec:outcome>"));
    assert!(xml.contains("<docDate date=\"2022-03-10\">10 Mar 2022</docDate>"));

    let paras = attr(&doc, "paragraph", "eId");
    assert_eq!(
        paras,
        (1..=9).map(|n| format!("para_{n}")).collect::<Vec<_>>()
    );
    assert_eq!(
        attr(&doc, "level", "eId"),
        ["lvl_1", "lvl_2", "lvl_3", "lvl_4", "lvl_5"]
    );
    // The complaint areas are lettered points of paragraph 8.
    let items = attr(&doc, "item", "eId");
    assert_eq!(
        items,
        ["para_8__item_a", "para_8__item_b", "para_8__item_c"]
    );
    assert!(xml.contains("<ref href=\"http://www.legislation.gov.uk/id/ukpga/1974/7/section/34\">Local Government Act 1974, section 34(3)</ref>"));
}

#[test]
fn cross_references_point_at_paragraphs_that_exist() {
    let out = tempfile::tempdir().unwrap();
    build_examples(out.path());
    let xml = std::fs::read_to_string(out.path().join("23-004-117/decision.akn.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ids: Vec<&str> = attr(&doc, "paragraph", "eId")
        .into_iter()
        .chain(attr(&doc, "item", "eId"))
        .collect();
    let internal: Vec<&str> = attr(&doc, "ref", "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#'))
        .collect();
    assert!(internal.contains(&"para_22"), "{internal:?}");
    for target in internal {
        assert!(ids.contains(&target), "#{target} points nowhere");
    }
    // People appear by their labels only.
    assert_eq!(attr(&doc, "TLCPerson", "showAs"), ["Mrs X", "Mr Y"]);
}

#[test]
fn a_draft_says_so() {
    let out = tempfile::tempdir().unwrap();
    build_examples(out.path());
    let xml = std::fs::read_to_string(out.path().join("24-011-902/decision.akn.xml")).unwrap();
    assert!(xml.contains("<docStage>The Ombudsman's draft decision:</docStage>"));
    assert!(xml.contains("<dec:status>draft</dec:status>"));
}

#[test]
fn the_office_names_come_from_the_wording() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("office");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("wording.yaml"),
        "ombudsman: Public Services Ombudsman for Wales\nakn: { office: psow, country: gb-wls }\n",
    )
    .unwrap();
    bin()
        .args(["build", "--quiet", "--format", "akn", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(dir.path())
        .arg("cases/21-016-384.yaml")
        .assert()
        .success();
    let file = dir.path().join("21-016-384/decision.akn.xml");
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(
        xml.contains("<FRBRuri value=\"/akn/gb-wls/doc/decision/psow/2022-03-10/21-016-384\"/>")
    );
    assert!(xml.contains("showAs=\"Public Services Ombudsman for Wales\""));
    assert!(!xml.contains("lgsco"));
    assert!(schema_errors(&[file]).is_none());
}

/// The odd but valid cases, each built into a folder of its own (some share a reference).
fn build_odd_cases(out: &Path) -> Vec<(String, PathBuf)> {
    let mut cases: Vec<PathBuf> = ["tests/odd-but-valid", "tests/fixtures/cases"]
        .iter()
        .flat_map(|d| std::fs::read_dir(repo().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    let mut files = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let dir = out.join(i.to_string());
        build(case, &dir, "md,akn");
        let built = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        files.push((name, built.join("decision.akn.xml")));
    }
    assert!(files.len() > 10);
    files
}

#[test]
fn odd_but_valid_cases_are_valid_and_keep_their_words() {
    let out = tempfile::tempdir().unwrap();
    let files = build_odd_cases(out.path());
    let paths: Vec<PathBuf> = files.iter().map(|(_, p)| p.clone()).collect();
    if let Some(report) = schema_errors(&paths) {
        panic!("invalid Akoma Ntoso:\n{report}");
    }
    for (name, file) in files {
        let xml = std::fs::read_to_string(&file).unwrap();
        if name == "html-and-script-text" {
            // Raw HTML is kept as text, as on the page; Markdown's reading drops it.
            let doc = roxmltree::Document::parse(&xml).unwrap();
            assert!(!doc.descendants().any(|n| n.tag_name().name() == "script"));
            assert!(xml.contains("&lt;script&gt;"));
            continue;
        }
        let md = std::fs::read_to_string(file.with_file_name("decision.md")).unwrap();
        let (ours, numbers) = akn_words(&xml, &PARTS);
        assert_same_words(
            &content_words(&ours),
            &content_words(&md_words(&md)),
            &file.display().to_string(),
        );
        assert_eq!(numbers, paragraph_numbers(&md), "{}", file.display());
    }
}

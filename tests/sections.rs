//! Which sections a decision has and how they are written: upheld decisions without an
//! "Agreed action", narrative or deadline-grouped agreed actions, sub-headings in any section.

mod common;
use common::*;

/// An upheld investigation with no "Agreed action" section, as many published ones are.
const UPHELD: &str = include_str!("odd-but-valid/upheld-without-agreed-action.yaml");

/// Builds `text` as a case file and returns its Markdown, or the stderr of a failed build.
fn build_md(text: &str) -> Result<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, text).unwrap();
    let out = dir.path().join("out");
    let output = bin()
        .args(["build", "--quiet", "--format", "md", "--out"])
        .arg(&out)
        .arg(&case)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    if !output.status.success() {
        return Err(stderr);
    }
    Ok(std::fs::read_to_string(out.join("23-004-117/decision.md")).unwrap())
}

fn with_agreed_action(yaml: &str) -> String {
    UPHELD.replace("final_decision:", &format!("{yaml}final_decision:"))
}

#[test]
fn an_upheld_investigation_without_agreed_action_builds() {
    let md = build_md(UPHELD).expect("builds");
    assert!(md.contains("Decision : Upheld"), "{md}");
    assert!(!md.contains("Agreed action"), "{md}");
    assert_eq!(paragraph_numbers(&md), vec![1, 2, 3, 4, 5]);
}

#[test]
fn a_missing_section_is_asked_for_by_the_outcome() {
    let start = UPHELD.find("found:").unwrap();
    let end = UPHELD.find("final_decision:").unwrap();
    let text = format!("{}{}", &UPHELD[..start], &UPHELD[end..]);
    let err = build_md(&text).expect_err("refused");
    let line = text
        .lines()
        .position(|l| l.starts_with("outcome:"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("case.yaml:{line}:"))
            && err.contains(": outcome: ")
            && err.contains(
                "missing section `found` (“What I found”): the outcome “Upheld” needs it"
            ),
        "{err}"
    );
    assert!(!err.contains("layout"), "{err}");
    // With `layout:` set, the layout is what asks.
    let text = text.replace("outcome: upheld", "outcome: upheld\nlayout: investigation");
    let err = build_md(&text).expect_err("refused");
    assert!(
        err.contains(": layout: ") && err.contains("`layout: investigation` needs it"),
        "{err}"
    );
}

#[test]
fn a_narrative_agreed_action_is_numbered_paragraphs() {
    let md = build_md(&with_agreed_action(
        "agreed_action:\n  - To address the fault, I proposed that the Council apologise to Ms B.\n  - The Council has agreed to do this.\n",
    ))
    .expect("builds");
    let section = &md[md.find("## Agreed action").expect("the section")..];
    let section = &section[..section.find("## Final decision").unwrap()];
    assert!(
        section.contains("5. To address the fault, I proposed"),
        "{section}"
    );
    assert!(
        section.contains("6. The Council has agreed to do this."),
        "{section}"
    );
    // No lettered list, no lead-in and no evidence paragraph the writer did not write.
    assert!(
        !section.contains("a)") && !section.contains("has agreed to:"),
        "{section}"
    );
    assert!(!section.contains("evidence"), "{section}");
    assert_eq!(paragraph_numbers(&md), (1..=7).collect::<Vec<_>>());
}

#[test]
fn narrative_and_deadline_groups_mix() {
    let md = build_md(&with_agreed_action(
        "agreed_action:\n  intro:\n    - To remedy the injustice, the Council has agreed the following.\n  actions:\n    - action: apologise to Ms B;\n      by: within one month of the final decision\n    - action: pay Ms B £200.\n      by: within one month of the final decision\n",
    ))
    .expect("builds");
    let section = &md[md.find("## Agreed action").expect("the section")..];
    assert!(section.contains("5. To remedy the injustice"), "{section}");
    assert!(
        section.contains("6. Within one month of the final decision, the Council has agreed to:"),
        "{section}"
    );
    assert!(
        section.contains("a) apologise to Ms B;") && section.contains("b) pay Ms B £200."),
        "{section}"
    );
    assert!(
        section.contains("7. The Council should provide us with evidence"),
        "{section}"
    );
}

#[test]
fn an_agreed_action_with_nothing_in_it_is_an_error() {
    let err = build_md(&with_agreed_action("agreed_action: []\n")).expect_err("refused");
    assert!(
        err.contains("agreed action needs paragraphs or actions"),
        "{err}"
    );
}

#[test]
fn sub_headings_stand_in_any_section() {
    let text = UPHELD.replace("complaint:\n", "complaint:\n  - heading: Background\n");
    let md = build_md(&text).expect("builds");
    let complaint = md.find("## The complaint").unwrap();
    let heading = md.find("### Background").expect("the sub-heading");
    assert!(
        heading > complaint && heading < md.find("1. ").unwrap(),
        "{md}"
    );
    assert_eq!(paragraph_numbers(&md), vec![1, 2, 3, 4, 5]);
    // Among points it is an error, not a silent paragraph.
    let text = UPHELD.replace(
        "  - Ms B complains about the Council.",
        "  - text: \"Ms B complains that:\"\n    points:\n      - heading: Oops\n      - the Council was slow.",
    );
    let err = build_md(&text).expect_err("refused");
    assert!(
        err.contains("complaint[0].points[0].heading") && err.contains("not among points"),
        "{err}"
    );
}

/// The labels a reader of the Markdown sees, in order: paragraph numbers and point letters.
fn labels_in_plain_text(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            let head = l.split_whitespace().next()?;
            let num = head
                .strip_suffix('.')
                .filter(|n| n.chars().all(|c| c.is_ascii_digit()));
            let letter = head
                .strip_suffix(')')
                .filter(|n| n.chars().all(|c| c.is_ascii_lowercase()));
            num.or(letter)
                .filter(|s| !s.is_empty())
                .map(|_| head.to_string())
        })
        .collect()
}

#[test]
fn any_commonmark_reader_shows_the_same_numbers_and_letters() {
    let out = tempfile::tempdir().unwrap();
    build(&repo().join("cases/21-016-384.yaml"), out.path(), "md");
    let md_path = out.path().join("21-016-384/decision.md");
    let md = std::fs::read_to_string(&md_path).unwrap();
    let expected: Vec<String> = [
        "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "a)", "b)", "c)", "9.",
    ]
    .map(String::from)
    .to_vec();
    // pulldown-cmark: numbers come from the lists' start numbers, letters from the text.
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body(&md)));
    let mut seen = Vec::new();
    let mut rest = html.as_str();
    // Open lists: the next number of an ordered one, `None` for a bullet list.
    let mut lists: Vec<Option<u64>> = Vec::new();
    while let Some(i) = rest.find('<') {
        let tag = &rest[i..rest[i..].find('>').map_or(rest.len(), |e| i + e + 1)];
        if let Some(start) = tag.strip_prefix("<ol start=\"") {
            lists.push(Some(start.trim_end_matches("\">").parse::<u64>().unwrap()));
        } else if tag == "<ol>" {
            lists.push(Some(1));
        } else if tag == "<ul>" {
            lists.push(None);
        } else if tag == "</ol>" || tag == "</ul>" {
            lists.pop();
        } else if tag == "<li>" {
            let after = rest[i + 4..].trim_start().trim_start_matches("<p>");
            match lists.last_mut() {
                Some(Some(n)) => {
                    seen.push(format!("{n}."));
                    *n += 1;
                }
                _ => seen.extend(
                    after
                        .split_whitespace()
                        .next()
                        .filter(|w| strip_label(w).is_empty())
                        .map(String::from),
                ),
            }
        }
        rest = &rest[i + tag.len().max(1)..];
    }
    assert_eq!(seen, expected, "pulldown-cmark");
    // pandoc, as a second CommonMark reader, set as plain text.
    let pandoc = std::process::Command::new("pandoc")
        .args(["-f", "commonmark", "-t", "plain", "--wrap=none"])
        .arg(&md_path)
        .output()
        .expect("pandoc (installed by .ci/setup-browser)");
    let plain = String::from_utf8(pandoc.stdout).unwrap();
    assert_eq!(labels_in_plain_text(&plain), expected, "pandoc:\n{plain}");
}

#[test]
fn an_empty_parameter_is_an_error_naming_it() {
    let text = UPHELD.replace(
        "  - standard: information-from-parties",
        "  - standard: information-from-parties\n    with: { body: \"\" }",
    );
    let err = build_md(&text).expect_err("refused");
    let line = text
        .lines()
        .position(|l| l.contains("with: { body"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("case.yaml:{line}:"))
            && err.contains("considered[0].with.body")
            && err.contains(
                "the parameter `body` of standard paragraph `information-from-parties` is empty"
            ),
        "{err}"
    );
}

/// A decision may title a section in words of its own, as published decisions of some years
/// and joint decisions do; every format then carries that title and not the wording's.
#[test]
fn a_case_titles_its_own_sections_in_every_format() {
    let case = UPHELD
        .replace(
            "complaint:",
            "titles:\n  scope: What I have investigated\n  powers: The Ombudsmen’s role and powers\ncomplaint:",
        )
        .replace(
            "powers:\n",
            "scope:\n  - I have investigated how the Council dealt with Ms B’s application.\npowers:\n",
        );
    assert_ne!(case, UPHELD);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.yaml");
    std::fs::write(&path, &case).unwrap();
    let out = dir.path().join("out");
    build(&path, &out, "md,html,pdf,akn");
    let d = out.join("23-004-117");
    let md = std::fs::read_to_string(d.join("decision.md")).unwrap();
    let html = std::fs::read_to_string(d.join("decision.html")).unwrap();
    let akn = std::fs::read_to_string(d.join("decision.akn.xml")).unwrap();
    let pdf = std::process::Command::new("pdftotext")
        .arg(d.join("decision.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let pdf = String::from_utf8_lossy(&pdf.stdout).to_string();
    assert!(
        md.contains("\n## The Ombudsmen’s role and powers\n"),
        "{md}"
    );
    assert!(md.contains("\n## What I have investigated\n"), "{md}");
    assert!(!md.contains("## The Ombudsman’s role and powers"), "{md}");
    assert!(
        !md.contains("What I have and have not investigated"),
        "{md}"
    );
    // The other sections keep the wording's titles.
    assert!(md.contains("\n## What I found\n"), "{md}");
    for (what, text) in [("html", &html), ("pdf", &pdf), ("akn", &akn)] {
        for title in [
            "The Ombudsmen’s role and powers",
            "What I have investigated",
        ] {
            assert!(text.contains(title), "{what} lacks “{title}”:\n{text}");
        }
        assert!(!text.contains("have not investigated"), "{what}:\n{text}");
    }
    assert!(
        html.contains(">The Ombudsmen’s role and powers</h2>"),
        "{html}"
    );
}

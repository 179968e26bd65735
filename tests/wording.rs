//! A `--templates` folder's `wording.yaml` and `paragraphs.yaml`: the date's printed form is
//! wording, and a mistake in either file is named at its path, line, column and key path.

mod common;
use common::*;

/// Builds the seed's Markdown with a templates folder holding `file` = `text`.
fn build_with(file: &str, text: &str) -> (bool, String, String) {
    build_status_with("final", file, text)
}

/// As [`build_with`], the seed at `status` (`final` or `draft`).
fn build_status_with(status: &str, file: &str, text: &str) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(repo().join("cases/21-016-384.yaml")).unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::write(
        &case,
        seed.replace("status: final", &format!("status: {status}")),
    )
    .unwrap();
    let templates = dir.path().join("office");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join(file), text).unwrap();
    let out = dir.path().join("out");
    let output = bin()
        .args(["build", "--quiet", "--format", "md", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(&out)
        .arg(&case)
        .output()
        .unwrap();
    let md = std::fs::read_to_string(out.join("21-016-384/decision.md")).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let path = templates.join(file).display().to_string();
    (output.status.success(), md, stderr.replace(&path, "FILE"))
}

#[test]
fn the_date_format_is_wording() {
    for (format, printed) in [
        ("{D} {MMM} {YYYY}", "10 Mar 2022"),
        ("{DD} {MMM} {YYYY}", "10 Mar 2022"),
        ("{D} {MMMM} {YYYY}", "10 March 2022"),
        ("{DD}/{MM}/{YYYY}", "10/03/2022"),
    ] {
        let (ok, md, err) = build_with("wording.yaml", &format!("date_format: \"{format}\"\n"));
        assert!(ok, "{err}");
        assert!(
            md.contains(&format!("Decision date : {printed}\n")),
            "{format}:\n{md}"
        );
    }
}

#[test]
fn a_date_prints_in_the_form_of_its_day() {
    // The seed is dated 10 March 2022: a form from that day on is its form, a later one is not.
    for (from, printed) in [
        ("2022-03-10", "03/10/2022"),
        ("2022-01-01", "03/10/2022"),
        ("2022-03-11", "10 Mar 2022"),
    ] {
        let wording = format!(
            "date_format: \"{{DD}}/{{MM}}/{{YYYY}}\"\ndate_format_from:\n  \"2020-01-01\": \"{{D}} {{MMM}} {{YYYY}}\"\n  \"{from}\": \"{{MM}}/{{DD}}/{{YYYY}}\"\n"
        );
        let (ok, md, err) = build_with("wording.yaml", &wording);
        assert!(ok, "{err}");
        assert!(
            md.contains(&format!("Decision date : {printed}\n")),
            "{from}:\n{md}"
        );
    }
    // A form from a month, or with a token it does not know, is named at its key.
    for (from, format, message) in [
        ("2024-10", "{DD}/{MM}/{YYYY}", "`2024-10` has no day"),
        ("2024-10-01", "{DD}.{Mon}", "unknown date token `{Mon}`"),
        ("2024-13-01", "{DD}/{MM}/{YYYY}", "there is no month 13"),
    ] {
        let wording =
            format!("ombudsman: Ombudsman\ndate_format_from:\n  \"{from}\": \"{format}\"\n");
        let (ok, _, err) = build_with("wording.yaml", &wording);
        assert!(!ok);
        assert!(
            err.contains("FILE:3:") && err.contains(&format!("date_format_from.{from}")),
            "{err}"
        );
        assert!(err.contains(message), "{err}");
    }
}

#[test]
fn a_bad_date_format_is_named_at_its_line() {
    let (ok, _, err) = build_with(
        "wording.yaml",
        "ombudsman: Ombudsman\ndate_format: \"{D} {Mon} {YYYY}\"\n",
    );
    assert!(!ok);
    assert!(
        err.contains("FILE:2:14: error: date_format: unknown date token `{Mon}`"),
        "{err}"
    );
}

#[test]
fn an_unknown_wording_key_is_named_at_its_line_and_path() {
    let (ok, _, err) = build_with(
        "wording.yaml",
        "summary_label: \"Summary:\"\ndecision_heading:\n  finale: \"The end\"\n",
    );
    assert!(!ok);
    assert!(
        err.contains("FILE:3:3: error: decision_heading.finale: unknown field `finale`"),
        "{err}"
    );
}

/// A title for a section or outcome the office does not have would be set aside silently, and
/// the title meant would stay as it was.
#[test]
fn a_title_for_no_section_or_outcome_is_named_at_its_key() {
    let (ok, _, err) = build_with(
        "wording.yaml",
        "sections:\n  powers: Our role\n  consdered: How we looked\noutcomes:\n  uphold: Upheld\n",
    );
    assert!(!ok);
    assert!(
        err.contains("FILE:3:3: error: sections.consdered: `consdered` is not a section of the office's layouts\n  hint: did you mean `considered`?"),
        "{err}"
    );
    assert!(
        err.contains("FILE:5:3: error: outcomes.uphold: `uphold` is not an outcome of the office\n  hint: did you mean `upheld`"),
        "{err}"
    );
    let (ok, md, err) = build_with("wording.yaml", "sections:\n  powers: Our role\n");
    assert!(ok, "{err}");
    assert!(md.contains("## Our role\n"), "{md}");
}

#[test]
fn a_wrong_type_in_the_wording_is_named_at_its_line_and_path() {
    let (ok, _, err) = build_with("wording.yaml", "header:\n  outcome: [Decision]\n");
    assert!(!ok);
    assert!(
        err.contains("FILE:2:12: error: header.outcome: invalid type: sequence"),
        "{err}"
    );
}

#[test]
fn a_paragraphs_file_error_is_named_at_its_line_and_path() {
    let (ok, _, err) = build_with(
        "paragraphs.yaml",
        "own-words:\n  text: Our own words.\n  citaton: (An Act 2000)\n",
    );
    assert!(!ok);
    assert!(
        err.contains("FILE:3:3: error: own-words.citaton: unknown field `citaton`"),
        "{err}"
    );
}

#[test]
fn a_never_list_for_no_parameter_is_named_at_its_line_and_path() {
    let text = "own-words:\n  params: { body: the Council }\n  never: { bdoy: [spoke] }\n  text: \"I read {{ body }}.\"\n";
    let (ok, _, err) = build_with("paragraphs.yaml", text);
    assert!(!ok);
    assert!(
        err.contains(
            "FILE:3:12: error: own-words.never.bdoy: `bdoy` is not a parameter of the standard paragraph `own-words`\n  hint: did you mean `body`"
        ),
        "{err}"
    );
}

/// The LGSCO's draft of 14 019 995 (2015) in the words of its era: a draft titles sections and
/// signs off in its own words, the final in the final's.
const DRAFT_WORDS: &str = "draft:
  sections:
    final_decision: Draft decision
  sign_off:
    investigator: Investigator’s draft decision on behalf of the Ombudsman
";

#[test]
fn a_draft_has_its_own_headings_and_sign_off() {
    let (ok, md, err) = build_status_with("draft", "wording.yaml", DRAFT_WORDS);
    assert!(ok, "{err}");
    assert!(md.contains("\n## Draft decision\n"), "{md}");
    assert!(!md.contains("Final decision"), "{md}");
    assert!(
        md.contains("Investigator’s draft decision on behalf of the Ombudsman"),
        "{md}"
    );
    // Sections the draft words leave alone keep their titles.
    assert!(md.contains("\n## My assessment\n"), "{md}");
    let (ok, md, err) = build_status_with("final", "wording.yaml", DRAFT_WORDS);
    assert!(ok, "{err}");
    assert!(md.contains("\n## Final decision\n"), "{md}");
    assert!(!md.contains("Draft decision"), "{md}");
    assert!(
        md.contains("Investigator's decision on behalf of the Ombudsman"),
        "{md}"
    );
}

#[test]
fn a_draft_word_for_no_section_is_named_at_its_line_and_path() {
    let text = "draft:\n  sections:\n    final_decisoin: Draft decision\n";
    let (ok, _, err) = build_status_with("draft", "wording.yaml", text);
    assert!(!ok);
    assert!(
        err.contains(
            "FILE:3:5: error: draft.sections.final_decisoin: no `final_decisoin` in `sections` \
             for a draft's words to stand in for"
        ),
        "{err}"
    );
    assert!(err.contains("`final_decision`"), "{err}");
}

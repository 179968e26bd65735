//! A paragraph built from sentences (`sentences:`): standard sentences of the library and the
//! case's own words joined into one numbered paragraph, word for word; every mistake in one
//! named by file, line, column and key path; the schema and the anonymisation check see them.

mod common;
use common::*;
use std::path::Path;

const SEED: &str = include_str!("../cases/21-016-384.yaml");

/// The seed with its "How I considered" paragraphs replaced by `considered` (YAML list items).
fn seed_considering(considered: &str) -> String {
    let from = "considered:\n  - standard: information-from-parties\n  - standard: assessment-code\n  - standard: draft-comments\n";
    assert!(SEED.contains(from));
    SEED.replacen(from, &format!("considered:\n{considered}"), 1)
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let case = dir.join("case.yaml");
    std::fs::write(&case, text).unwrap();
    case
}

/// Builds the case, expecting failure: stderr, after checking nothing was written.
fn fails(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let case = write(dir.path(), text);
    let out = dir.path().join("out");
    let output = bin()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(&case)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());
    stderr
}

const BUILT: &str = "\
  - sentences:
      - standard: spoke-about-complaint
        with: { whose: his }
      - standard: information-from-parties
      - I also read the Council’s complaint file.
      - standard: opportunity-to-comment
      - standard: considered-comments-final
";

#[test]
fn sentences_make_one_numbered_paragraph_word_for_word() {
    let dir = tempfile::tempdir().unwrap();
    let case = write(dir.path(), &seed_considering(BUILT));
    let out = dir.path().join("out");
    build(&case, &out, "md,html");
    let md = std::fs::read_to_string(out.join("21-016-384/decision.md")).unwrap();
    let paragraph =
        "I spoke to Mr X about his complaint. I considered information provided by Mr X \
        and the Council. I also read the Council’s complaint file. Mr X and the Council had an \
        opportunity to comment on my draft decision. I considered their comments before making \
        a final decision.";
    let text = words(body(&md)).join(" ");
    assert!(text.contains(paragraph), "{text}");
    // One numbered paragraph: the next section's first number follows straight on.
    let html = std::fs::read_to_string(out.join("21-016-384/decision.html")).unwrap();
    let start = html.find("I spoke to Mr X").unwrap();
    let end = html[start..].find("</li>").unwrap() + start;
    assert!(
        html[start..end].contains("a final decision."),
        "{}",
        &html[start..end]
    );
}

#[test]
fn an_unknown_sentence_is_named_by_its_line_and_path() {
    let text = seed_considering(
        "  - sentences:\n      - standard: information-from-parties\n      - standard: spoke-about-complant\n",
    );
    let err = fails(&text);
    let line = line_of(&text, "spoke-about-complant");
    assert!(err.contains(&format!("case.yaml:{line}:")), "{err}");
    assert!(err.contains("considered[0].sentences[1].standard"), "{err}");
    assert!(
        err.contains("did you mean `spoke-about-complaint`"),
        "{err}"
    );
}

#[test]
fn a_sentence_parameter_is_checked_like_a_paragraph_parameter() {
    let text = seed_considering(
        "  - sentences:\n      - standard: spoke-about-complaint\n        with: { whose: hers }\n",
    );
    let err = fails(&text);
    assert!(
        err.contains(&format!("case.yaml:{}:", line_of(&text, "hers"))),
        "{err}"
    );
    assert!(
        err.contains("considered[0].sentences[0].with.whose"),
        "{err}"
    );
    assert!(err.contains("unknown choice `hers`"), "{err}");
    let text = seed_considering(
        "  - sentences:\n      - standard: read-complaint-response\n        with: { who: Mr X }\n",
    );
    let err = fails(&text);
    assert!(err.contains("considered[0].sentences[0].with.who"), "{err}");
    assert!(err.contains("takes no parameters"), "{err}");
}

#[test]
fn malformed_sentence_lists_are_refused_with_a_reason() {
    for (list, path, words) in [
        (
            "  - standard: assessment-code\n    sentences:\n      - standard: assessment-code\n",
            "considered[0]",
            "`standard` or `sentences`, not both",
        ),
        (
            "  - sentences: []\n",
            "considered[0]",
            "`sentences` needs at least one sentence",
        ),
        (
            "  - sentences:\n      - standard: assessment-code\n        text: Own words.\n",
            "considered[0].sentences[0]",
            "`text` or `standard`, not both",
        ),
        (
            "  - sentences:\n      - standard: assessment-code\n        wiht: { form: also-our }\n",
            "considered[0].sentences[0]",
            "wiht",
        ),
    ] {
        let err = fails(&seed_considering(list));
        assert!(err.contains("case.yaml:"), "{err}");
        assert!(err.contains(path), "{path}: {err}");
        assert!(err.contains(words), "{words}: {err}");
    }
}

#[test]
fn a_key_written_as_own_words_says_how_to_ask_for_it() {
    let text = seed_considering("  - sentences:\n      - assessment-code\n");
    let err = fails(&text);
    assert!(
        err.contains(&format!(
            "case.yaml:{}:",
            line_of(&text, "- assessment-code")
        )),
        "{err}"
    );
    assert!(err.contains("considered[0].sentences[0]"), "{err}");
    assert!(err.contains("write `- standard: assessment-code`"), "{err}");
}

#[test]
fn the_anonymisation_check_reads_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let text = seed_considering(
        "  - sentences:\n      - standard: assessment-code\n      - Mr X wrote from j.smith@example.com.\n",
    );
    let case = write(dir.path(), &text);
    let output = bin().arg("check").arg(&case).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("considered[0].sentences[1]"), "{stdout}");
    assert!(
        stdout.contains(&format!("case.yaml:{}:", line_of(&text, "example.com"))),
        "{stdout}"
    );
}

#[test]
fn the_schema_describes_sentences() {
    let output = bin().arg("schema").output().unwrap();
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let json = |text: &str| -> serde_json::Value { serde_yaml::from_str(text).unwrap() };
    assert!(validator.is_valid(&json(&seed_considering(BUILT))));
    for bad in [
        "  - sentences: []\n",
        "  - sentences:\n      - standard: assessment-code\n        txet: x\n",
        "  - sentences:\n      - with: { who: Mr X }\n",
    ] {
        assert!(!validator.is_valid(&json(&seed_considering(bad))), "{bad}");
    }
}

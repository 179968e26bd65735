//! A paragraph written in the case's own words that is a library paragraph word for word is
//! pointed out, with the key (and parameters) that ask for it.

mod common;
use common::*;

const SEED: &str = include_str!("../cases/21-016-384.yaml");

/// `check` on `text` as a case file: (exit code, its report: problems and the count).
fn check(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, text).unwrap();
    let out = bin().arg("check").arg(&case).output().unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), report)
}

#[test]
fn library_words_written_out_are_pointed_to_their_key() {
    // Straight apostrophe and a line break: the same words all the same.
    let case = SEED.replace(
        "  - standard: assessment-code\n",
        "  - >-\n    I considered the Ombudsman's\n    Assessment Code.\n",
    );
    assert_ne!(case, SEED);
    let (code, err) = check(&case);
    assert_eq!(code, 0, "a warning does not fail the check: {err}");
    // The paragraph's value starts at its `>-`, the line before its words.
    let line = line_of(&case, "I considered the Ombudsman's") - 1;
    assert!(
        err.contains(&format!(
            "case.yaml:{line}:5: warning: considered[1]: these are the words of the standard paragraph `assessment-code`"
        )) && err.contains("write `standard: assessment-code` instead"),
        "{err}"
    );
}

/// The seed with its discretion paragraph written out as `words`.
fn discretion_as(words: &str) -> String {
    let case = SEED.replace(
        "  - standard: assessment-discretion\n    with:\n      reasons: [could-not-add, better-placed]\n      apart: false\n",
        &format!("  - |-\n{}\n", textwrap(words, "    ")),
    );
    assert_ne!(case, SEED);
    case
}

fn textwrap(words: &str, indent: &str) -> String {
    words
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Markdown `build` makes of `text` as a case file.
fn markdown(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, text).unwrap();
    build(&case, &dir.path().join("out"), "md");
    std::fs::read_to_string(dir.path().join("out/21-016-384/decision.md")).unwrap()
}

#[test]
fn a_single_reason_is_named_as_a_list_of_one() {
    let single = discretion_as(
        "We investigate complaints about ‘maladministration’ and ‘service failure’, which we\ncall ‘fault’. We must also consider whether any fault has had an adverse impact on the\nperson making the complaint, which we call ‘injustice’. We provide a free service, but\nmust use public money carefully. We do not start or continue an investigation if we\ndecide there is not enough evidence of fault to justify investigating. (Local Government\nAct 1974, section 24A(6), as amended)",
    );
    let (_, err) = check(&single);
    assert!(
        err.contains("write `standard: assessment-discretion` and `with: { reasons: [not-enough-evidence] }` instead"),
        "{err}"
    );
}

#[test]
fn a_library_paragraph_with_parameters_is_named_with_them() {
    let listed = discretion_as(
        "We investigate complaints about ‘maladministration’ and ‘service failure’, which we\ncall ‘fault’. We must also consider whether any fault has had an adverse impact on the\nperson making the complaint, which we call ‘injustice’. We provide a free service, but\nmust use public money carefully. We do not start or continue an investigation if we\ndecide:\n\n- there is not enough evidence of fault to justify investigating, or\n- we cannot achieve the outcome someone wants.\n\n(Local Government Act 1974, section 24A(6), as amended, section 34(B))",
    );
    let (_, err) = check(&listed);
    assert!(
        err.contains("these are the words of the standard paragraph `assessment-discretion`")
            && err.contains(
                "`with: { citation: \"(Local Government Act 1974, section 24A(6), as amended, section 34(B))\", reasons: [not-enough-evidence, cannot-achieve-outcome] }`"
            ),
        "{err}"
    );
}

/// The hint's key and parameters, written into the case as it says, give the same statement.
#[test]
fn the_suggested_standard_paragraph_writes_the_same_words() {
    let words = "The Ombudsman investigates complaints about ‘maladministration’ and ‘service failure’,\nwhich we call ‘fault’. We must also consider whether any fault has had an adverse impact\non the person making the complaint, which we call ‘injustice’. We provide a free service,\nbut must use public money carefully. We do not start or continue an investigation if we\ndecide:\n\n- there is not enough evidence of fault to justify investigating, or\n- we cannot achieve the outcome someone wants.\n\n(Local Government Act 1974, section 24A(6), as amended, section 34(B))";
    let case = discretion_as(words);
    let own = format!("  - |-\n{}\n", textwrap(words, "    "));
    let hint = assert_hint_writes_the_same(&case, &own, "assessment-discretion");
    assert!(hint.contains("opening: ombudsman"), "{hint}");
}

#[test]
fn own_words_that_differ_from_the_library_are_left_alone() {
    let case = SEED.replace(
        "  - standard: assessment-code\n",
        "  - I considered the Ombudsman’s Assessment Code and the law.\n",
    );
    assert_ne!(case, SEED);
    let (code, err) = check(&case);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("standard paragraph"), "{err}");
    assert!(err.contains("0 warnings"), "{err}");
}

/// `check` of the seed with its `information-from-parties` written out as `own`.
fn check_parties_as(own: &str) -> (i32, String) {
    let case = SEED.replace(
        "  - standard: information-from-parties\n",
        &format!("  - {own}\n"),
    );
    assert_ne!(case, SEED);
    check(&case)
}

/// `own` is left as the case's own words: no library paragraph is named for it.
fn assert_left_alone(own: &str) {
    let (code, err) = check_parties_as(own);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("standard paragraph"), "{own}: {err}");
}

#[test]
fn a_clause_of_what_was_done_is_never_read_as_a_body() {
    // "… provided by Mr X and spoke to him." writes the words of `information-from-parties`
    // with `body: spoke to him`, but a body names who gave the information: these are the
    // case's own words.
    assert_left_alone("I considered information provided by Mr X and spoke to him.");
    assert_left_alone(
        "I considered information provided by Mr X and made some enquiries of the Council.",
    );
    // A body it names is read as before.
    let (_, err) =
        check_parties_as("I considered information provided by Mr X and the care provider.");
    assert!(
        err.contains("write `standard: information-from-parties` and `with: { body: the care provider }` instead"),
        "{err}"
    );
}

#[test]
fn a_value_read_off_the_words_never_starts_inside_a_word() {
    // `detail` stands right after "the Council": "’s procedure …" would go on that word.
    assert_left_alone(
        "I considered information provided by Mr X and the Council’s procedure for complaints about members.",
    );
    // A detail of its own words still is one.
    let (_, err) = check_parties_as(
        "I considered information provided by Mr X and the Council, including its complaint file.",
    );
    assert!(
        err.contains("`with: { detail: \", including its complaint file\" }`"),
        "{err}"
    );
}

#[test]
fn the_complainant_named_in_library_words_is_recognised() {
    let case = SEED
        .replace("complainant: Mr X", "complainant: Mrs B")
        .replace("Mr X", "Mrs B")
        .replace(
            "  - standard: information-from-parties\n",
            "  - I considered information provided by Mrs B and the Council.\n",
        );
    let (code, err) = check(&case);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("considered[0]: these are the words of the standard paragraph `information-from-parties`"),
        "{err}"
    );
    // Another person is named by the paragraph's `who`.
    let other = case.replace("provided by Mrs B and", "provided by Mr C and");
    let (_, err) = check(&other);
    assert!(
        err.contains(
            "write `standard: information-from-parties` and `with: { who: Mr C }` instead"
        ),
        "{err}"
    );
}

/// The hint's key and parameters, written into the case in place of `own`, and the case with
/// `own`, make the same words.
fn assert_hint_writes_the_same(case: &str, own: &str, key: &str) -> String {
    let (code, err) = check(case);
    assert_eq!(code, 0, "{err}");
    let hint = err
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix(&format!("hint: write `standard: {key}`"))
        })
        .unwrap_or_else(|| panic!("no hint for `{key}`: {err}"));
    let asked = as_hinted(case, own, key, hint);
    assert_eq!(md_words(&markdown(&asked)), md_words(&markdown(case)));
    hint.to_string()
}

/// `case` with `own` replaced by the paragraph `key` with the parameters `hint` names.
fn as_hinted(case: &str, own: &str, key: &str, hint: &str) -> String {
    let with = hint
        .strip_prefix(" and `with: ")
        .and_then(|r| r.split_once("` instead"))
        .map(|(with, _)| format!("\n    with: {with}"))
        .unwrap_or_default();
    let asked = case.replace(own, &format!("  - standard: {key}{with}\n"));
    assert_ne!(asked, case);
    asked
}

#[test]
fn choices_names_and_citations_are_read_off_the_words() {
    // The 2018–20 wording: the Ombudsman as "he", "a Council’s", the complainant named, the
    // Act cited without ", as amended".
    let own = "  - >-\n    The Ombudsman investigates complaints of injustice caused by maladministration and\n    service failure. I have used the word fault to refer to these. The Ombudsman cannot\n    question whether a Council’s decision is right or wrong simply because Mr X disagrees\n    with it. He must consider whether there was fault in the way the decision was reached.\n    (Local Government Act 1974, section 34(3))\n";
    let case = SEED.replace("  - standard: assessment-discretion\n    with:\n      reasons: [could-not-add, better-placed]\n      apart: false\n", own);
    assert_ne!(case, SEED);
    let hint = assert_hint_writes_the_same(&case, own, "merits-of-decision");
    for param in [
        "intro: ombudsman",
        "ombudsman: he",
        "who: Mr X",
        "whose: council-capital",
    ] {
        assert!(hint.contains(param), "{hint}");
    }
    // A body named in the words: the body the paragraph takes.
    let own = "  - I considered information provided by Mr X and the parish council.\n";
    let case = SEED.replace("  - standard: information-from-parties\n", own);
    let hint = assert_hint_writes_the_same(&case, own, "information-from-parties");
    assert!(
        hint.contains("with: { body: the parish council }"),
        "{hint}"
    );
    // Another person's name, then a detail: split where the detail starts as the library's
    // details do (", including …").
    let own = "  - I considered information provided by Ms B, including her correspondence with the Council.\n";
    let case = SEED.replace("  - standard: information-from-parties\n", own);
    let hint = assert_hint_writes_the_same(&case, own, "information-from-complainant");
    assert!(
        hint.contains(
            "with: { detail: \", including her correspondence with the Council\", who: Ms B }"
        ),
        "{hint}"
    );
}

#[test]
fn a_list_run_into_the_text_is_found_as_the_library_writes_it() {
    // Copies of published decisions often run the reasons of a list into the sentence.
    let own = "  - >-\n    We investigate complaints about ‘maladministration’ and ‘service failure’, which we\n    call ‘fault’. We must also consider whether any fault has had an adverse impact on the\n    person making the complaint, which we call ‘injustice’. We provide a free service, but\n    must use public money carefully. We do not start or continue an investigation if we\n    decide: there is not enough evidence of fault to justify investigating, or we cannot\n    achieve the outcome someone wants. (Local Government Act 1974, section 24A(6), as\n    amended, section 34(B))\n";
    let case = SEED.replace("  - standard: assessment-discretion\n    with:\n      reasons: [could-not-add, better-placed]\n      apart: false\n", own);
    let (code, err) = check(&case);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("write `standard: assessment-discretion` and `with: { citation: \"(Local Government Act 1974, section 24A(6), as amended, section 34(B))\", reasons: [not-enough-evidence, cannot-achieve-outcome] }` instead"),
        "{err}"
    );
}

#[test]
fn the_complaint_and_findings_are_not_read_against_the_library() {
    let case = SEED.replace(
        "  - The complainant, whom I shall call Mr X, complains about a children services assessment.\n",
        "  - I considered the Ombudsman’s Assessment Code.\n",
    );
    assert_ne!(case, SEED);
    let (code, err) = check(&case);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("standard paragraph"), "{err}");
}

/// The items of the hint to write `sentences:`, as `check` reports them.
fn sentences_hint(err: &str) -> &str {
    err.lines()
        .find_map(|l| l.trim().strip_prefix("hint: write `sentences:` with "))
        .unwrap_or_else(|| panic!("no hint: {err}"))
}

/// A paragraph of library sentences is pointed to `sentences:`, and built as the hint says it
/// has the same words.
#[test]
fn library_sentences_written_out_are_pointed_to_sentences() {
    let own = SEED.replace(
        "  - standard: information-from-parties\n  - standard: assessment-code\n",
        "  - >-\n    I considered information provided by Mr X and the Council. I considered the\n    Ombudsman’s Assessment Code.\n",
    );
    assert_ne!(own, SEED);
    let (code, err) = check(&own);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("considered[0]: each sentence is a standard sentence of the library: `information-from-parties`, `assessment-code`"),
        "{err}"
    );
    let hint = sentences_hint(&err);
    let items: Vec<&str> = hint
        .split('`')
        .filter(|part| part.starts_with("- standard: "))
        .collect();
    assert_eq!(items.len(), 2, "{hint}");
    let list: String = items.iter().map(|i| format!("      {i}\n")).collect();
    let asked = SEED.replace(
        "  - standard: information-from-parties\n  - standard: assessment-code\n",
        &format!("  - sentences:\n{list}"),
    );
    assert_eq!(md_words(&markdown(&asked)), md_words(&markdown(&own)));
    // One sentence of the investigator's own among them: no hint.
    let mixed = own.replace("Assessment Code.", "Assessment Code. I read the file.");
    let (_, err) = check(&mixed);
    assert!(!err.contains("standard sentence"), "{err}");
}

#[test]
fn a_library_paragraph_but_for_a_word_is_pointed_out_with_the_difference() {
    // The late complaints paragraph with the comma before "as amended" lost.
    let own = "  - >-\n    We cannot investigate late complaints unless we decide there are good reasons. Late\n    complaints are when someone takes more than 12 months to complain to us about something\n    a council has done. (Local Government Act 1974, sections 26B and 34D as amended)\n";
    let slipped = SEED.replace("  - standard: assessment-code\n", own);
    assert_ne!(slipped, SEED);
    let (code, err) = check(&slipped);
    assert_eq!(code, 0, "a warning does not fail the check: {err}");
    assert!(
        err.contains("considered[1]: these are nearly the words of the standard paragraph `late-complaints`: “and 34D as” where the library has “and 34D, as”"),
        "{err}"
    );
    assert!(err.contains("write `standard: late-complaints`"), "{err}");
    // Words of the investigator's own that share much with a library paragraph, but differ
    // in more than one word in ten, are left alone.
    let own = "  - >-\n    We cannot look at late complaints unless we think there are good reasons to. A late\n    complaint is one made more than 12 months after someone knew of the matter.\n";
    let case = SEED.replace("  - standard: assessment-code\n", own);
    let (_, err) = check(&case);
    assert!(!err.contains("nearly"), "{err}");
    // `build` names only the library's words as they are, and never what is nearly them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.yaml");
    std::fs::write(&path, &slipped).unwrap();
    let out = bin()
        .arg("build")
        .arg(&path)
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--format")
        .arg("md")
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("nearly"), "{said}");
}

/// Library sentences with a citation after them other than the one the library gives them are
/// pointed to `sentences:` with `cite`, and built as the hint says they have the same words.
#[test]
fn sentences_cited_otherwise_are_pointed_to_sentences_with_a_citation() {
    let own = "  - >-\n    We investigate complaints about ‘maladministration’ and ‘service failure’. In this\n    statement, I have used the word fault to refer to these. We must also consider whether any\n    fault has had an adverse impact on the person making the complaint. I refer to this as\n    ‘injustice’. If there has been fault which has caused an injustice, we may suggest a\n    remedy. (Local Government Act 1974, section 26A(1), as amended).\n";
    let case = SEED.replace("  - standard: information-commissioner\n", own);
    assert_ne!(case, SEED);
    let (code, err) = check(&case);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("powers[1]: each sentence is a standard sentence of the library: `investigates-fault`, `word-fault`, `adverse-impact`, `refer-injustice`, `suggest-remedy`, `cite`"),
        "{err}"
    );
    let hint = sentences_hint(&err);
    // "`- standard: KEY`" and, where it takes parameters, " and `with: { … }`" after it.
    let mut list = String::new();
    for item in hint.split(", `") {
        let item = item.trim_start_matches('`');
        let (key, with) = item.split_once("` and `with: ").unwrap_or((item, ""));
        let key = key.split('`').next().unwrap();
        list += &format!("      {key}\n");
        if let Some(with) = with.split("` instead").next().filter(|w| !w.is_empty()) {
            list += &format!("        with: {}\n", with.trim_end_matches('`'));
        }
    }
    assert!(
        list.contains("- standard: suggest-remedy\n        with: { cited: false }"),
        "{list}"
    );
    assert!(
        list.contains("(Local Government Act 1974, section 26A(1), as amended)."),
        "{list}"
    );
    let asked = SEED.replace(
        "  - standard: information-commissioner\n",
        &format!("  - sentences:\n{list}"),
    );
    assert_eq!(md_words(&markdown(&asked)), md_words(&markdown(&case)));
    // Cited as the library cites it, the paragraph is the library's whole.
    let usual = case.replace(
        "section 26A(1), as amended).",
        "sections 26(1) and 26A(1), as amended)",
    );
    let (_, err) = check(&usual);
    assert!(
        err.contains("these are the words of the standard paragraph `fault-and-injustice`"),
        "{err}"
    );
}

/// A list set out in the words is named as a list, where the same words could also be asked
/// for run into the sentence ("… if we decide:" is a wording of its own for that).
#[test]
fn a_list_set_out_is_named_as_a_list() {
    let own = "  - |-\n    We investigate complaints about ‘maladministration’ and ‘service failure’, which we\n    call ‘fault’. We must also consider whether any fault has had an adverse impact on the\n    person making the complaint, which we call ‘injustice’. We provide a free service, but\n    must use public money carefully. We do not start an investigation if we decide:\n\n    - any fault has not caused direct injustice to the person who complained, or\n    - there is another body better placed to consider this complaint.\n\n    (Local Government Act 1974, section 24A(6), as amended)\n";
    let case = SEED.replace("  - standard: assessment-discretion\n    with:\n      reasons: [could-not-add, better-placed]\n      apart: false\n", own);
    assert_ne!(case, SEED);
    let hint = assert_hint_writes_the_same(&case, own, "assessment-discretion");
    assert!(
        hint.contains("reasons: [direct-injustice, better-placed], start: start }")
            && !hint.contains("inline"),
        "{hint}"
    );
    let md = markdown(&as_hinted(&case, own, "assessment-discretion", &hint));
    assert!(
        md.contains(
            "   - any fault has not caused direct injustice to the person who complained, or\n"
        ),
        "{md}"
    );
}

/// The sentences investigators vary most are frames: own words that one of them writes are
/// named with the choices the words show, and the hint writes the same words.
#[test]
fn a_frame_is_named_with_the_choices_its_words_show() {
    for (own, key, with) in [
        (
            "  - I shared a draft version of this decision with Mr X and the Council and invited their comments.\n",
            "sent-draft",
            "{ draft: version, shared: true }",
        ),
        (
            "  - I considered all the comments I received before reaching my final decision.\n",
            "considered-comments-final",
            "{ before: reaching, final: my, received: i-received, whose: all-the }",
        ),
        (
            "  - I have considered all the information Mr X provided with his complaint.\n",
            "considered-information",
            "{ all: true, alone: true, form: provided, have: true, tail: with-his, the: true }",
        ),
        (
            "  - Both Mr X and the Council had an opportunity to comment on a draft version of this decision.\n",
            "opportunity-to-comment",
            "{ both: true, draft: version }",
        ),
        (
            "  - I examined the complaint and background information provided by Mr X and the Council.\n",
            "complaint-and-responses-considered",
            "{ alone: false, have: false, how: examined, the: true, then: background-by }",
        ),
        (
            "  - I considered the Council’s responses to my enquiries.\n",
            "council-comments-documents",
            "{ what: responses-my }",
        ),
        (
            "  - I gave Mr X and the Council the opportunity to comment on a draft of this decision.\n",
            "opportunity-on-draft",
            "{ alone: false, draft: this }",
        ),
    ] {
        let case = SEED.replace("  - standard: information-from-parties\n", own);
        assert_ne!(case, SEED);
        let hint = assert_hint_writes_the_same(&case, own, key);
        assert!(hint.contains(&format!("`with: {with}`")), "{hint}");
    }
}

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

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
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

#[test]
fn a_library_paragraph_with_parameters_is_named_with_them() {
    let case = SEED.replace(
        "  - standard: assessment-discretion\n    with:\n      reasons: [could-not-add, better-placed]\n      apart: false\n",
        "  - >-\n    We investigate complaints about ‘maladministration’ and ‘service failure’, which we\n    call ‘fault’. We must also consider whether any fault has had an adverse impact on the\n    person making the complaint, which we call ‘injustice’. We provide a free service, but\n    must use public money carefully. We do not start or continue an investigation if we\n    decide:\n\n    - there is not enough evidence of fault to justify investigating, or\n    - we cannot achieve the outcome someone wants.\n\n    (Local Government Act 1974, section 24A(6), as amended, section 34(B))\n",
    );
    assert_ne!(case, SEED);
    let (_, err) = check(&case);
    assert!(
        err.contains("these are the words of the standard paragraph `assessment-discretion`")
            && err.contains(
                "`with: { citation: (Local Government Act 1974, section 24A(6), as amended, section 34(B)), reasons: [not-enough-evidence, cannot-achieve-outcome] }`"
            ),
        "{err}"
    );
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
    // Another person's name is not the complainant's: those are not the library's words.
    let other = case.replace("provided by Mrs B and", "provided by Mr C and");
    let (_, err) = check(&other);
    assert!(!err.contains("standard paragraph"), "{err}");
}

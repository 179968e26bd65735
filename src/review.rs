//! Checks on a case's words once it resolves: unfinished TODOs, and the anonymisation gate.

use crate::case::{Case, FieldPath};
use crate::resolve::Findings;
use std::path::Path;

use crate::problem::Problem;

/// How strictly the anonymisation findings count: errors stop the run, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// `check` and `publish`: every finding is an error.
    Strict,
    /// `build`: findings in drafts are warnings, in final decisions errors.
    Build,
}

/// The problems in a case's words, each at its field.
pub fn review(case: &Case, file: &Path, src: &str, _gate: Gate) -> Vec<Problem> {
    let mut errors = Findings::default();
    todo_marks(
        &FieldPath::default().key("category"),
        &case.category.subject,
        &mut errors,
    );
    for (path, text) in case.texts() {
        todo_marks(&path, text, &mut errors);
    }
    errors.into_problems(file, src)
}

/// A `TODO` left by `decisions new` (or by anyone) means the decision is not finished.
fn todo_marks(path: &FieldPath, text: &str, findings: &mut Findings) {
    if text.contains("TODO") {
        findings.add_hint(
            path,
            "unfinished: the text still has a TODO",
            "write the text and remove the TODO".to_string(),
        );
    }
}

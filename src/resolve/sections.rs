//! Which sections a statement holds, in what order, and what asks for each: a table, so that
//! the rules read as data rather than as branches of code.

use crate::case::{Case, Layout};

/// Whether a section must be there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Every statement of the layout has it.
    Required,
    /// Written when the case has something to say.
    Optional,
}

/// One section of the statement, with the layouts that hold it.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The case file's key, which is also the wording's key for the heading.
    pub key: &'static str,
    pub layouts: &'static [Layout],
    pub need: Need,
}

const BOTH: &[Layout] = &[Layout::Assessment, Layout::Investigation];
const ASSESSMENT: &[Layout] = &[Layout::Assessment];
const INVESTIGATION: &[Layout] = &[Layout::Investigation];

/// The sections in the order the statement prints them.
pub const RULES: &[Rule] = &[
    rule("complaint", BOTH, Need::Required),
    rule("scope", INVESTIGATION, Need::Optional),
    rule("powers", BOTH, Need::Required),
    rule("considered", BOTH, Need::Required),
    rule("assessment", ASSESSMENT, Need::Required),
    rule("found", INVESTIGATION, Need::Required),
    // Upheld decisions often agree the remedy within the findings and have no such section.
    rule("agreed_action", INVESTIGATION, Need::Optional),
    rule("final_decision", BOTH, Need::Required),
    rule("not_investigated", INVESTIGATION, Need::Optional),
];

const fn rule(key: &'static str, layouts: &'static [Layout], need: Need) -> Rule {
    Rule { key, layouts, need }
}

/// Whether the case has anything written under section `key`.
pub fn present(case: &Case, key: &str) -> bool {
    match key {
        "complaint" => !case.complaint.is_empty(),
        "scope" => !case.scope.is_empty(),
        "powers" => !case.powers.is_empty(),
        "considered" => !case.considered.is_empty(),
        "assessment" => case.assessment.is_some(),
        "found" => !case.found.is_empty(),
        "agreed_action" => case.agreed_action.is_some(),
        "final_decision" => !case.final_decision.is_empty(),
        "not_investigated" => !case.not_investigated.is_empty(),
        _ => false,
    }
}

/// What asks for the case's sections, in words: the outcome, or a `layout:` that overrides it.
pub fn asked_by(case: &Case, outcome_words: &str) -> (&'static str, String) {
    match case.layout {
        Some(layout) => ("layout", format!("`layout: {}`", layout.key())),
        None => ("outcome", format!("the outcome “{outcome_words}”")),
    }
}

//! From a checked [`Case`] to a [`Decision`]: the layout's sections in order, standard
//! paragraphs filled in, paragraphs numbered through the statement, cross-references resolved.
//!
//! `outline` puts the case's content into the layout's sections; `text` turns each numbered
//! paragraph into its Markdown.

pub mod labels;
mod outline;
mod sections;
mod text;

pub use labels::letter;

use crate::case::{Case, FieldPath, Status};
use crate::problem::Problem;
use crate::templates::Templates;
use serde::Serialize;
use std::path::Path;

/// A decision ready to render: the header facts and the numbered sections.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub meta: Meta,
    pub sections: Vec<Section>,
}

/// The header facts, as the templates see them (`d` in `decision.md`).
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// `Leeds City Council (21 016 384)`
    pub title: String,
    pub reference: String,
    /// `21-016-384`, for addresses and folder names.
    pub slug: String,
    pub authority: String,
    pub category: String,
    pub category_area: String,
    pub category_subject: String,
    /// The outcome as printed, e.g. `Closed after initial enquiries`.
    pub outcome: String,
    /// The outcome's key, e.g. `closed-after-initial-enquiries`.
    pub outcome_key: String,
    /// `10 Mar 2022`
    pub decided: String,
    pub decided_iso: String,
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub status: String,
    pub draft: bool,
    pub layout: String,
    /// "The Ombudsman's final decision:" or the draft wording.
    pub heading: String,
    /// The summary, as Markdown on one line.
    pub summary: String,
    pub sign_off: String,
    pub ombudsman: String,
    pub complainant: String,
    /// How the decision names each person in the case (`Mr X`), never more.
    pub people: Vec<String>,
    pub lang: String,
}

/// One section of the statement, e.g. "The complaint".
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A sub-heading, or a numbered paragraph as a Markdown list item.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub heading: Option<String>,
    pub number: Option<usize>,
    pub markdown: String,
}

/// Problems found while resolving, by field; positions are added from the source text.
#[derive(Default)]
pub struct Findings(pub Vec<(FieldPath, String, Option<String>)>);

impl Findings {
    pub fn add(&mut self, path: &FieldPath, message: impl Into<String>) {
        self.0.push((path.clone(), message.into(), None));
    }

    pub fn add_hint(&mut self, path: &FieldPath, message: impl Into<String>, hint: String) {
        self.0.push((path.clone(), message.into(), Some(hint)));
    }

    /// The findings as problems of `file`, each at the position of its field in `src`,
    /// named as the file spells it (a plain-string paragraph has no `text`).
    pub fn into_problems(self, file: &Path, src: &str) -> Vec<Problem> {
        if self.0.is_empty() {
            return Vec::new();
        }
        // One pass over the file places every problem, however many there are.
        let positions = crate::case::Positions::of(src);
        self.0
            .into_iter()
            .map(|(path, message, hint)| {
                let mut p = Problem::error(file, message).field(path.to_string());
                if let Some((line, column, found)) = positions.nearest(&path) {
                    p = p.at(line, column).field(found.to_string());
                }
                if let Some(hint) = hint {
                    p = p.hint(hint);
                }
                p
            })
            .collect()
    }
}

/// Resolves a case. `src` is the case file's text, used to place problems.
pub fn resolve(
    case: &Case,
    templates: &Templates,
    file: &Path,
    src: &str,
) -> Result<Decision, Vec<Problem>> {
    let mut findings = Findings::default();
    let w = &templates.wording;
    let root = FieldPath::default();

    let sign_off = match w.sign_off.get(&case.signed) {
        Some(s) => s.clone(),
        None => {
            let hint = crate::problem::suggest(&case.signed, w.sign_off.keys().map(String::as_str));
            findings.add_hint(
                &root.key("signed"),
                format!("unknown sign-off `{}`", case.signed),
                hint,
            );
            String::new()
        }
    };
    let outline = outline::outline(case, templates, &mut findings);
    let mut outline = outline;
    let ids = outline::number(&mut outline, &mut findings);
    let sections = text::write(case, templates, &outline, &ids, &mut findings);

    if !findings.0.is_empty() {
        return Err(findings.into_problems(file, src));
    }
    let draft = case.status == Status::Draft;
    let outcome_key = case.outcome.key();
    let meta = Meta {
        title: format!("{} ({})", case.authority.trim(), case.reference),
        reference: case.reference.to_string(),
        slug: case.reference.slug(),
        authority: case.authority.trim().to_string(),
        category: case.category.to_string(),
        category_area: case.category.area.clone(),
        category_subject: case.category.subject.clone(),
        outcome: w
            .outcomes
            .get(outcome_key)
            .cloned()
            .unwrap_or_else(|| outcome_key.to_string()),
        outcome_key: outcome_key.to_string(),
        decided: case
            .decided
            .format_in(&w.date_format, &w.months, &w.months_short),
        decided_iso: case.decided.iso(),
        year: case.decided.year,
        month: case.decided.month,
        day: case.decided.day,
        status: case.status.key().to_string(),
        draft,
        layout: case.layout().key().to_string(),
        heading: if draft {
            &w.decision_heading.draft
        } else {
            &w.decision_heading.final_
        }
        .clone(),
        summary: one_line(&case.summary),
        sign_off,
        ombudsman: w.ombudsman.clone(),
        complainant: case.complainant.clone(),
        people: case.people.iter().map(|p| p.name.clone()).collect(),
        lang: templates.office.lang.clone(),
    };
    Ok(Decision { meta, sections })
}

/// Joins the lines of a short text into one, so it stays one Markdown paragraph.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

//! From a checked [`Case`] to a [`Decision`]: the layout's sections in order, standard
//! paragraphs filled in, paragraphs numbered through the statement, cross-references resolved.
//!
//! `outline` puts the case's content into the layout's sections; `text` turns each numbered
//! paragraph into its Markdown.

mod fit;
mod header;
pub mod labels;
mod library;
mod nearly;
mod outline;
mod standard;
mod text;
mod yes;

pub use header::{CategoryValue, FactValue};
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
    /// What the decision builds with but should be looked at: a section its outcome nearly
    /// always has, left out.
    #[serde(skip)]
    pub warnings: Vec<Problem>,
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
    /// The categories as printed, joined with `; `.
    pub category: String,
    /// The first category's area and subject (or the value itself, and no subject).
    pub category_area: String,
    pub category_subject: String,
    pub categories: Vec<CategoryValue>,
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
    /// The header lines under the title, label and value, in print order.
    pub header: Vec<HeaderLine>,
    /// The office's own facts.
    pub facts: Vec<FactValue>,
    /// The parts of the complaint and the finding on each.
    pub parts: Vec<PartFinding>,
    /// The same decision in other languages.
    pub translations: Vec<Translation>,
}

/// One "Label : value" line of the header.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderLine {
    /// What the line gives: `category`, `outcome`, `decided`, `body`, `reference` or a fact's
    /// key.
    pub key: String,
    pub label: String,
    pub value: String,
}

/// A part of the complaint and the office's finding on it.
#[derive(Debug, Clone, Serialize)]
pub struct PartFinding {
    pub part: String,
    pub finding: String,
    pub finding_label: String,
}

/// Another language's version of a decision.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    /// Its language tag: `cy`.
    pub lang: String,
    /// The language's name in itself: "Cymraeg".
    pub name: String,
    pub reference: String,
    pub slug: String,
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
    /// A sub-heading's level: 1 or 2.
    pub level: u8,
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

    let sign_off = sign_off(case, templates, &mut findings);
    let header = header::header(case, templates, &mut findings);
    let mut expected = Findings::default();
    let mut outline = outline::outline(case, templates, &header, (&mut findings, &mut expected));
    let ids = outline::number(&mut outline, &mut findings);
    let sections = text::write(
        (case, &header.lang),
        templates,
        &outline,
        &ids,
        (&mut findings, &mut expected),
    );

    if !findings.0.is_empty() {
        return Err(findings.into_problems(file, src));
    }
    let meta = meta(case, templates, header, sign_off);
    let warnings = expected.into_problems(file, src);
    let warnings = warnings.into_iter().map(Problem::warning).collect();
    Ok(Decision {
        meta,
        sections,
        warnings,
    })
}

fn sign_off(case: &Case, t: &Templates, findings: &mut Findings) -> String {
    let w = t.wording_for(case.lang.as_deref().unwrap_or_default());
    let Some(signed) = &case.signed else {
        return String::new();
    };
    match w.sign_off_words(signed.trim(), case.status == Status::Draft) {
        Some(s) => s.clone(),
        None => {
            let hint = crate::problem::suggest(signed, w.sign_off.keys().map(String::as_str));
            let root = FieldPath::default();
            let message = format!("unknown sign-off `{signed}`");
            findings.add_hint(&root.key("signed"), message, hint);
            String::new()
        }
    }
}

/// The header facts of a resolved case, as the templates see them.
fn meta(case: &Case, t: &Templates, h: header::Header, sign_off: String) -> Meta {
    let w = t.wording_for(&h.lang);
    let draft = case.status == Status::Draft;
    let outcome = outcome_label(t, &h.lang, &h.outcome);
    let decided = decided(case, t, w);
    // The office's categories and facts are named in its own language; a translation's
    // wording prints them in its own through `terms`.
    let term = |s: &str| w.terms.get(s).cloned().unwrap_or_else(|| s.to_string());
    let category: Vec<String> = h.categories.iter().map(|c| term(&c.text)).collect();
    let category = category.join("; ");
    let authority = case.authority.trim().to_string();
    let label = |l: &Option<String>| l.clone().unwrap_or_default();
    let fixed = [
        line("category", &w.header.category, &category),
        line("outcome", &w.header.outcome, &outcome),
        line("decided", &w.header.decided, &decided),
        line("body", &label(&w.header.body), &authority),
        line(
            "reference",
            &label(&w.header.reference),
            &h.reference.printed,
        ),
    ];
    let header = header_lines(t, &h.facts, &fixed, &term);
    let first = h.categories.first();
    Meta {
        title: w
            .title
            .replace("{body}", &authority)
            .replace("{reference}", &h.reference.printed),
        reference: h.reference.printed.clone(),
        slug: h.reference.address.clone(),
        authority,
        category,
        category_area: first.map(|c| c.area.clone()).unwrap_or_default(),
        category_subject: first.map(|c| c.subject.clone()).unwrap_or_default(),
        categories: h.categories.clone(),
        outcome,
        outcome_key: h.outcome.clone(),
        decided,
        decided_iso: case.decided.iso(),
        year: case.decided.year,
        month: case.decided.month,
        day: case.decided.day,
        status: case.status.key().to_string(),
        draft,
        layout: h.layout.clone(),
        heading: if draft {
            &w.decision_heading.draft
        } else {
            &w.decision_heading.final_
        }
        .clone(),
        summary: case.summary.as_deref().map(one_line).unwrap_or_default(),
        sign_off,
        ombudsman: w.ombudsman.clone(),
        complainant: case.complainant.clone(),
        people: case.people.iter().map(|p| p.name.clone()).collect(),
        lang: h.lang.clone(),
        header,
        facts: h.facts,
        parts: parts(case, t),
        translations: h
            .translations
            .into_iter()
            .map(|(lang, r)| Translation {
                name: t.wording_for(&lang).language_name.clone(),
                lang,
                reference: r.printed,
                slug: r.address,
            })
            .collect(),
    }
}

/// An outcome as printed in `lang`: the wording's label, or the office's, or its key.
fn outcome_label(t: &Templates, lang: &str, key: &str) -> String {
    t.wording_for(lang)
        .outcomes
        .get(key)
        .or_else(|| t.office.outcomes.get(key).map(|o| &o.label))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The decision date as printed: a month alone where the case or the office gives no day.
fn decided(case: &Case, t: &Templates, w: &crate::templates::Wording) -> String {
    let month_only = case.decided.month_only()
        || t.office.dates.precision == crate::office::DatePrecision::Month;
    let pattern = if month_only {
        &w.month_format
    } else {
        w.date_format_on(&case.decided)
    };
    case.decided.format_in(pattern, &w.months, &w.months_short)
}

/// The header lines in the office's order (`header` in `office.yaml`), or by default the
/// category, outcome and date, then the printed facts. A fact the office lists prints even
/// where `printed` is unset.
fn header_lines(
    t: &Templates,
    facts: &[FactValue],
    fixed: &[HeaderLine],
    term: &dyn Fn(&str) -> String,
) -> Vec<HeaderLine> {
    let fact_line = |f: &FactValue| {
        let values: Vec<String> = f.values.iter().map(|v| term(v)).collect();
        line(&f.key, &term(&f.label), &values.join("; "))
    };
    if t.office.header.is_empty() {
        let mut lines: Vec<HeaderLine> = fixed[..3].to_vec();
        lines.extend(facts.iter().filter(|f| f.printed).map(fact_line));
        return lines;
    }
    let by_key = |key: &str| {
        fixed
            .iter()
            .find(|l| l.key == key)
            .cloned()
            .or_else(|| facts.iter().find(|f| f.key == key).map(fact_line))
    };
    t.office.header.iter().filter_map(|k| by_key(k)).collect()
}

fn line(key: &str, label: &str, value: &str) -> HeaderLine {
    HeaderLine {
        key: key.to_string(),
        label: label.to_string(),
        value: value.to_string(),
    }
}

/// The parts' findings, for exports.
fn parts(case: &Case, t: &Templates) -> Vec<PartFinding> {
    let labels = t.office.parts.as_ref().map(|p| &p.findings);
    let parts = case.sections.iter().filter_map(|(_, b)| match b {
        crate::case::Body::Parts(parts) => Some(parts),
        _ => None,
    });
    parts
        .flatten()
        .map(|p| {
            let key = p.finding.trim();
            PartFinding {
                part: one_line(&p.part),
                finding: key.to_string(),
                finding_label: labels
                    .and_then(|l| l.get(key))
                    .cloned()
                    .unwrap_or_else(|| key.to_string()),
            }
        })
        .collect()
}

/// Joins the lines of a short text into one, so it stays one Markdown paragraph.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

//! The change report between two versions of a decision (the draft sent to the parties and
//! the final one): header facts, paragraphs aligned by content, standard paragraphs and
//! agreed actions, and a one-line summary. `html` and `markdown` write it out.

pub mod align;
pub mod html;
pub mod markdown;
mod parts;
mod text;
pub mod words;

use crate::case::Case;
use crate::resolve::Decision;
use crate::templates::Wording;
use align::{Pair, Span};
pub use parts::{ActionChange, Change, StandardChange};
use words::Words;

/// One version of the decision, as loaded.
pub struct Version<'a> {
    pub case: &'a Case,
    pub decision: &'a Decision,
    /// Where it was read from, e.g. `cases/21-016-384.yaml` or `HEAD~1:cases/21-016-384.yaml`.
    pub source: String,
}

/// The report, ready to write as HTML or Markdown.
pub struct Report {
    pub title: String,
    pub lang: String,
    /// How the two versions are called: "Draft" and "Final", or "Earlier" and "Later".
    pub before: String,
    pub after: String,
    pub before_source: String,
    pub after_source: String,
    /// Header facts that changed, the outcome first.
    pub facts: Vec<Fact>,
    pub outcome_changed: bool,
    pub paragraphs: Vec<Row>,
    pub standards: Vec<StandardChange>,
    pub actions: Vec<ActionChange>,
    pub summary: String,
}

/// A header fact that changed.
pub struct Fact {
    pub label: String,
    pub before: String,
    pub after: String,
    /// The changed words, for facts that are sentences (the summary).
    pub words: Option<Vec<Span>>,
}

/// One paragraph of the statement in the report: its numbers in each version, and its words.
pub struct Row {
    /// The section it stands in (in the later version, unless it was removed).
    pub section: String,
    pub change: Change,
    pub before: Option<usize>,
    pub after: Option<usize>,
    pub spans: Vec<Span>,
}

impl Row {
    pub fn renumbered(&self) -> bool {
        matches!((self.before, self.after), (Some(a), Some(b)) if a != b)
    }
}

/// Compares two versions of one decision.
pub fn compare(before: &Version, after: &Version, w: &Wording, words: &Words) -> Report {
    let (b, a) = (&before.decision.meta, &after.decision.meta);
    let (before_name, after_name) = if b.draft && !a.draft {
        (words.draft.clone(), words.final_.clone())
    } else {
        (words.earlier.clone(), words.later.clone())
    };
    let facts = facts(before.decision, after.decision, w, words);
    let outcome_changed = b.outcome_key != a.outcome_key;
    let paragraphs = rows(before.decision, after.decision);
    let standards = parts::standards(before.case, after.case, w);
    let actions = parts::actions(before.case, after.case);
    let mut report = Report {
        title: a.title.clone(),
        lang: a.lang.clone(),
        before: before_name,
        after: after_name,
        before_source: before.source.clone(),
        after_source: after.source.clone(),
        facts,
        outcome_changed,
        paragraphs,
        standards,
        actions,
        summary: String::new(),
    };
    report.summary = words.summary(&report);
    report
}

fn facts(before: &Decision, after: &Decision, w: &Wording, words: &Words) -> Vec<Fact> {
    let (b, a) = (&before.meta, &after.meta);
    let status = |draft: bool| {
        if draft {
            words.draft.clone()
        } else {
            words.final_.clone()
        }
    };
    let summary_label = w.summary_label.trim_end_matches(':').to_string();
    let candidates = [
        (
            w.header.outcome.clone(),
            b.outcome.clone(),
            a.outcome.clone(),
            false,
        ),
        // From draft to final, the versions' names already say so.
        (
            words.status.clone(),
            status(b.draft),
            status(a.draft || b.draft),
            false,
        ),
        (
            words.reference.clone(),
            b.reference.clone(),
            a.reference.clone(),
            false,
        ),
        (
            words.authority.clone(),
            b.authority.clone(),
            a.authority.clone(),
            false,
        ),
        (
            w.header.category.clone(),
            b.category.clone(),
            a.category.clone(),
            false,
        ),
        (
            w.header.decided.clone(),
            b.decided.clone(),
            a.decided.clone(),
            false,
        ),
        (summary_label, b.summary.clone(), a.summary.clone(), true),
        (
            words.signed.clone(),
            b.sign_off.clone(),
            a.sign_off.clone(),
            false,
        ),
    ];
    candidates
        .into_iter()
        .filter(|(_, old, new, _)| old != new)
        .map(|(label, old, new, sentence)| Fact {
            words: sentence.then(|| {
                align::words(
                    &crate::render::markdown::plain(&old),
                    &crate::render::markdown::plain(&new),
                )
            }),
            label,
            before: old,
            after: new,
        })
        .collect()
}

/// The numbered paragraphs of both versions, aligned by content.
fn rows(before: &Decision, after: &Decision) -> Vec<Row> {
    let old = text::paragraphs(before);
    let new = text::paragraphs(after);
    let old_text: Vec<String> = old.iter().map(|p| p.text.clone()).collect();
    let new_text: Vec<String> = new.iter().map(|p| p.text.clone()).collect();
    // A removed paragraph stands under its section as the later version titles it (a draft's
    // "Recommended action" is the final's "Agreed action"), so one section is not split in two.
    let later_title = |p: &text::Para| {
        let later = after.sections.iter().find(|s| s.key == p.key);
        later.map_or_else(|| p.section.clone(), |s| s.title.clone())
    };
    let same = |t: &str| {
        vec![Span {
            kind: align::SpanKind::Same,
            text: t.to_string(),
        }]
    };
    align::align(&old_text, &new_text)
        .into_iter()
        .map(|pair| match pair {
            Pair::Same(i, j) => Row {
                section: new[j].section.clone(),
                change: Change::Same,
                before: Some(old[i].number),
                after: Some(new[j].number),
                spans: same(&new[j].text),
            },
            Pair::Changed(i, j) => Row {
                section: new[j].section.clone(),
                change: Change::Changed,
                before: Some(old[i].number),
                after: Some(new[j].number),
                spans: align::words(&old[i].text, &new[j].text),
            },
            Pair::Added(j) => Row {
                section: new[j].section.clone(),
                change: Change::Added,
                before: None,
                after: Some(new[j].number),
                spans: vec![Span {
                    kind: align::SpanKind::Inserted,
                    text: new[j].text.clone(),
                }],
            },
            Pair::Removed(i) => Row {
                section: later_title(&old[i]),
                change: Change::Removed,
                before: Some(old[i].number),
                after: None,
                spans: vec![Span {
                    kind: align::SpanKind::Deleted,
                    text: old[i].text.clone(),
                }],
            },
        })
        .collect()
}

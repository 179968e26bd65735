//! What changed in the parts a case file names directly: its standard paragraphs, section by
//! section, and its agreed actions with their deadlines.

use super::align::{self, Pair, Span, SpanKind};
use crate::case::{Body, Case, Para};
use crate::templates::Wording;
use similar::{capture_diff_slices, Algorithm, DiffTag};

/// How an item differs between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Changed,
    Added,
    Removed,
}

/// A standard paragraph added, removed, switched for another, or given other parameters.
pub struct StandardChange {
    /// The section's title.
    pub section: String,
    pub change: Change,
    /// The standard paragraph's key in each version.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An agreed action added, removed, or changed in its wording or deadline.
pub struct ActionChange {
    pub change: Change,
    pub action: Vec<Span>,
    pub by_before: Option<String>,
    pub by_after: Option<String>,
}

/// The standard paragraphs of a case under each of `keys`: (key, its parameters as YAML).
fn standards_of(case: &Case, keys: &[String]) -> Vec<(String, Vec<(String, String)>)> {
    fn walk(paras: &[Para], out: &mut Vec<(String, String)>) {
        for p in paras {
            if let Some(key) = &p.standard {
                let with = serde_yaml::to_string(&p.with).unwrap_or_default();
                out.push((key.trim().to_string(), with));
            }
            for s in &p.sentences {
                if let Some(key) = &s.standard {
                    let with = serde_yaml::to_string(&s.with).unwrap_or_default();
                    out.push((key.trim().to_string(), with));
                }
            }
            walk(&p.points, out);
            walk(&p.bullets, out);
            if let Some(group) = &p.group {
                walk(group, out);
            }
        }
    }
    keys.iter()
        .map(|key| {
            let mut out = Vec::new();
            match case.section(key) {
                Some(Body::Paragraphs(paras)) => walk(paras, &mut out),
                Some(Body::Areas(a)) => walk(&a.paragraphs, &mut out),
                Some(Body::Actions(aa)) => walk(&aa.intro, &mut out),
                Some(Body::Parts(parts)) => {
                    parts.iter().for_each(|p| walk(&p.paragraphs, &mut out))
                }
                Some(Body::Table(_)) | None => {}
            }
            (key.clone(), out)
        })
        .collect()
}

/// The section keys of either version: the final's in its order, then any the draft alone has.
fn section_keys(before: &Case, after: &Case) -> Vec<String> {
    let mut keys: Vec<String> = after.sections.iter().map(|(k, _)| k.clone()).collect();
    for (k, _) in &before.sections {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    keys
}

/// The standard paragraphs that differ, section by section in the order of the wording.
pub fn standards(before: &Case, after: &Case, w: &Wording) -> Vec<StandardChange> {
    let keys = section_keys(before, after);
    let old = standards_of(before, &keys);
    let new = standards_of(after, &keys);
    let mut out = Vec::new();
    for ((key, old), (_, new)) in old.iter().zip(&new) {
        let section = w
            .sections
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        let old_keys: Vec<&str> = old.iter().map(|(k, _)| k.as_str()).collect();
        let new_keys: Vec<&str> = new.iter().map(|(k, _)| k.as_str()).collect();
        let mut push = |change, before: Option<&str>, after: Option<&str>| {
            out.push(StandardChange {
                section: section.clone(),
                change,
                before: before.map(str::to_string),
                after: after.map(str::to_string),
            })
        };
        for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
            let (tag, o, n) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {
                    for (i, j) in o.zip(n) {
                        if old[i].1 != new[j].1 {
                            push(Change::Changed, Some(old_keys[i]), Some(new_keys[j]));
                        }
                    }
                }
                DiffTag::Delete => o.for_each(|i| push(Change::Removed, Some(old_keys[i]), None)),
                DiffTag::Insert => n.for_each(|j| push(Change::Added, None, Some(new_keys[j]))),
                DiffTag::Replace => {
                    let (o, n): (Vec<usize>, Vec<usize>) = (o.collect(), n.collect());
                    for k in 0..o.len().max(n.len()) {
                        let (b, a) = (
                            o.get(k).map(|&i| old_keys[i]),
                            n.get(k).map(|&j| new_keys[j]),
                        );
                        let change = match (b, a) {
                            (Some(_), Some(_)) => Change::Changed,
                            (Some(_), None) => Change::Removed,
                            _ => Change::Added,
                        };
                        push(change, b, a);
                    }
                }
            }
        }
    }
    out
}

/// The agreed actions that differ, aligned by their wording.
pub fn actions(before: &Case, after: &Case) -> Vec<ActionChange> {
    let list = |c: &Case| -> Vec<(String, String)> {
        c.sections
            .iter()
            .filter_map(|(_, b)| match b {
                Body::Actions(aa) => Some(aa),
                _ => None,
            })
            .flat_map(|aa| &aa.actions)
            .map(|a| (one_line(&a.action), one_line(&a.by)))
            .collect()
    };
    let (old, new) = (list(before), list(after));
    let old_text: Vec<String> = old.iter().map(|(a, _)| a.clone()).collect();
    let new_text: Vec<String> = new.iter().map(|(a, _)| a.clone()).collect();
    let whole = |kind, text: &str| {
        vec![Span {
            kind,
            text: text.to_string(),
        }]
    };
    let mut out = Vec::new();
    for pair in align::align(&old_text, &new_text) {
        let change = match pair {
            Pair::Same(i, j) | Pair::Changed(i, j) => {
                let (ob, nb) = (&old[i].1, &new[j].1);
                if matches!(pair, Pair::Same(..)) && ob == nb {
                    continue;
                }
                ActionChange {
                    change: Change::Changed,
                    action: align::words(&old[i].0, &new[j].0),
                    by_before: Some(ob.clone()),
                    by_after: Some(nb.clone()),
                }
            }
            Pair::Added(j) => ActionChange {
                change: Change::Added,
                action: whole(SpanKind::Inserted, &new[j].0),
                by_before: None,
                by_after: Some(new[j].1.clone()),
            },
            Pair::Removed(i) => ActionChange {
                change: Change::Removed,
                action: whole(SpanKind::Deleted, &old[i].0),
                by_before: Some(old[i].1.clone()),
                by_after: None,
            },
        };
        out.push(change);
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

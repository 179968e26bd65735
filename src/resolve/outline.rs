//! The layout's sections in order, filled from the case, and the numbering of their paragraphs.

use super::sections::{self, Need};
use super::Findings;
use crate::case::{Case, FieldPath, Para};
use crate::templates::Templates;
use std::collections::HashMap;

/// Sub-points may nest, but not without end: deeper than this is an error.
pub const MAX_POINT_DEPTH: usize = 3;

/// A section of the layout with its sub-headings and paragraphs.
pub struct OSection {
    pub key: &'static str,
    pub entries: Vec<Entry>,
}

pub enum Entry {
    Heading(String),
    Para(Item),
}

/// A paragraph or point, with where it came from in the case file.
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub path: FieldPath,
    /// The field that holds its text, for problems in the text.
    pub text_path: FieldPath,
    pub text: Option<String>,
    pub id: Option<String>,
    pub standard: Option<String>,
    pub with: std::collections::BTreeMap<String, serde_yaml::Value>,
    pub points: Vec<Item>,
    pub bullets: Vec<Item>,
    /// The paragraph number, set by [`number`] on numbered paragraphs.
    pub number: usize,
    /// A sub-heading written where only a point may stand.
    pub misplaced_heading: bool,
}

impl Item {
    fn from_para(p: &Para, path: FieldPath) -> Item {
        Item {
            text_path: path.key("text"),
            text: p.text.clone(),
            id: p.id.clone(),
            standard: p.standard.clone(),
            with: p.with.clone(),
            points: list(&p.points, &path.key("points")),
            bullets: list(&p.bullets, &path.key("bullets")),
            number: 0,
            misplaced_heading: p.heading.is_some(),
            path,
        }
    }

    fn text(text: String, path: FieldPath, text_path: FieldPath) -> Item {
        Item {
            path,
            text_path,
            text: Some(text),
            ..Item::default()
        }
    }
}

fn list(paras: &[Para], path: &FieldPath) -> Vec<Item> {
    paras
        .iter()
        .enumerate()
        .map(|(i, p)| Item::from_para(p, path.index(i)))
        .collect()
}

fn paras(key: &'static str, paras: &[Para], findings: &mut Findings) -> OSection {
    OSection {
        key,
        entries: entries(paras, &FieldPath::default().key(key), findings),
    }
}

/// Paragraphs of a section, with the sub-headings written between them.
fn entries(paras: &[Para], path: &FieldPath, findings: &mut Findings) -> Vec<Entry> {
    let mut out: Vec<Entry> = paras
        .iter()
        .enumerate()
        .map(|(i, p)| match &p.heading {
            Some(h) => Entry::Heading(h.trim().to_string()),
            None => Entry::Para(Item::from_para(p, path.index(i))),
        })
        .collect();
    if matches!(out.last(), Some(Entry::Heading(_))) {
        findings.add(
            &path.index(paras.len() - 1),
            "a sub-heading needs a paragraph after it",
        );
        out.pop();
    }
    out
}

/// The sections of the case's layout, in the order the statement prints them.
pub fn outline(case: &Case, t: &Templates, findings: &mut Findings) -> Vec<OSection> {
    let root = FieldPath::default();
    let layout = case.layout();
    let outcome = case.outcome.key();
    let outcome_words = t
        .wording
        .outcomes
        .get(outcome)
        .map_or(outcome, String::as_str);
    // A missing section is named against what asks for it: the outcome, or `layout:`.
    let (chooser, asker) = sections::asked_by(case, outcome_words);
    let mut out = Vec::new();
    for rule in sections::RULES {
        let present = sections::present(case, rule.key);
        let title = t
            .wording
            .sections
            .get(rule.key)
            .map_or(rule.key, String::as_str);
        if !rule.layouts.contains(&layout) {
            if present {
                findings.add_hint(
                    &root.key(rule.key),
                    format!(
                        "section `{}` is not part of the {} layout",
                        rule.key,
                        layout.key()
                    ),
                    "remove it, or set `layout:` to the layout that has it".to_string(),
                );
            }
            continue;
        }
        if !present {
            if rule.need == Need::Required {
                findings.add_hint(
                    &root.key(chooser),
                    format!(
                        "missing section `{}` (“{title}”): {asker} needs it",
                        rule.key
                    ),
                    format!("add `{}:` to the case file", rule.key),
                );
            }
            continue;
        }
        out.push(match rule.key {
            "assessment" => assessment(case, findings),
            "found" => found(case, findings),
            "agreed_action" => agreed_action(case, t, findings),
            key => paras(key, section_paras(case, key), findings),
        });
    }
    out.retain(|s| !s.entries.is_empty());
    out
}

/// The paragraphs of a section that is a plain list of them.
fn section_paras<'c>(case: &'c Case, key: &str) -> &'c [Para] {
    match key {
        "complaint" => &case.complaint,
        "scope" => &case.scope,
        "powers" => &case.powers,
        "considered" => &case.considered,
        "final_decision" => &case.final_decision,
        "not_investigated" => &case.not_investigated,
        _ => &[],
    }
}

fn assessment(case: &Case, findings: &mut Findings) -> OSection {
    let path = FieldPath::default().key("assessment");
    let mut entries = Vec::new();
    if let Some(a) = &case.assessment {
        let areas: Vec<Item> = a
            .areas
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let p = path.key("areas").index(i);
                let text = format!(
                    "{} {}",
                    area.complaint.trim_end(),
                    area.finding.trim_start()
                );
                let mut item = Item::text(text, p.clone(), p.key("finding"));
                item.id = area.id.clone();
                item
            })
            .collect();
        match &a.intro {
            Some(intro) => {
                let mut item = Item::text(intro.clone(), path.clone(), path.key("intro"));
                item.id = a.id.clone();
                item.points = areas;
                entries.push(Entry::Para(item));
            }
            None if !areas.is_empty() => {
                findings.add(
                    &path.key("areas"),
                    "complaint areas need an `intro` paragraph to stand under",
                );
            }
            None => {}
        }
        let rest = self::entries(&a.paragraphs, &path.key("paragraphs"), findings);
        entries.extend(rest);
        if entries.is_empty() {
            findings.add(
                &path,
                "`assessment` needs an `intro` with `areas`, or `paragraphs`",
            );
        }
    }
    OSection {
        key: "assessment",
        entries,
    }
}

fn found(case: &Case, findings: &mut Findings) -> OSection {
    let mut entries = Vec::new();
    for (i, part) in case.found.iter().enumerate() {
        let path = FieldPath::default().key("found").index(i);
        if let Some(h) = &part.heading {
            entries.push(Entry::Heading(h.trim().to_string()));
        }
        if part.paragraphs.is_empty() {
            findings.add(
                &path.key("paragraphs"),
                "a part of “What I found” needs at least one paragraph",
            );
        }
        let items = self::entries(&part.paragraphs, &path.key("paragraphs"), findings);
        entries.extend(items);
    }
    OSection {
        key: "found",
        entries,
    }
}

fn agreed_action(case: &Case, t: &Templates, findings: &mut Findings) -> OSection {
    let path = FieldPath::default().key("agreed_action");
    let mut entries = Vec::new();
    let Some(aa) = &case.agreed_action else {
        return OSection {
            key: "agreed_action",
            entries,
        };
    };
    // Written as a list, the section's paragraphs are the intro.
    let intro_path = if aa.as_list {
        path.clone()
    } else {
        path.key("intro")
    };
    entries.extend(self::entries(&aa.intro, &intro_path, findings));
    if aa.actions.is_empty() && aa.intro.is_empty() {
        findings.add_hint(
            &path,
            "agreed action needs paragraphs or actions",
            "write the paragraphs as a list under `agreed_action:`, or give `intro:` and `actions:`"
                .to_string(),
        );
    }
    // One paragraph per deadline, in the order the deadlines first appear.
    let mut groups: Vec<(&str, Vec<Item>)> = Vec::new();
    for (i, action) in aa.actions.iter().enumerate() {
        let p = path.key("actions").index(i);
        let mut item = Item::text(action.action.clone(), p.clone(), p.key("action"));
        item.id = action.id.clone();
        let by = action.by.trim();
        match groups.iter_mut().find(|(b, _)| *b == by) {
            Some((_, items)) => items.push(item),
            None => groups.push((by, vec![item])),
        }
    }
    for (by, items) in groups {
        let mut ctx = tera::Context::new();
        ctx.insert("by", by);
        let lead = match t.tera.render("wording/action_lead", &ctx) {
            Ok(s) => s,
            Err(e) => {
                findings.add(
                    &path,
                    format!(
                        "the wording `action_lead` failed: {}",
                        crate::templates::error_chain(&e)
                    ),
                );
                String::new()
            }
        };
        let first = items[0].path.clone();
        let mut item = Item::text(lead, first.clone(), first.key("by"));
        item.points = items;
        entries.push(Entry::Para(item));
    }
    // The evidence paragraph follows actions with deadlines; narrative paragraphs say it
    // in their own words.
    let evidence = match &aa.evidence {
        Some(e) => e.clone(),
        None if aa.actions.is_empty() => String::new(),
        None => t.wording.action_evidence.clone(),
    };
    if !evidence.trim().is_empty() {
        entries.push(Entry::Para(Item::text(
            evidence,
            path.clone(),
            path.key("evidence"),
        )));
    }
    OSection {
        key: "agreed_action",
        entries,
    }
}

/// Where a cross-reference points: its printed number and its anchor.
#[derive(Debug, Clone)]
pub struct Target {
    /// `12` or `8(b)`
    pub label: String,
    /// `para-12` or `para-8b`
    pub anchor: String,
}

/// Numbers the paragraphs through the statement and collects the ids they carry.
pub fn number(sections: &mut [OSection], findings: &mut Findings) -> HashMap<String, Target> {
    let mut ids: HashMap<String, (Target, FieldPath)> = HashMap::new();
    let mut n = 0;
    let mut add =
        |id: &Option<String>, path: &FieldPath, target: Target, findings: &mut Findings| {
            let Some(id) = id else { return };
            let id = id.trim();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                findings.add(
                    &path.key("id"),
                    format!("invalid id `{id}`: use letters, digits, `-` and `_`"),
                );
            } else if let Some((_, first)) = ids.get(id) {
                findings.add(
                    &path.key("id"),
                    format!("duplicate id `{id}`: `{first}` already has it"),
                );
            } else {
                ids.insert(id.to_string(), (target, path.clone()));
            }
        };
    for section in sections.iter_mut() {
        for entry in &mut section.entries {
            let Entry::Para(item) = entry else { continue };
            n += 1;
            item.number = n;
            let target = Target {
                label: n.to_string(),
                anchor: format!("para-{n}"),
            };
            add(&item.id, &item.path, target.clone(), findings);
            for b in &item.bullets {
                add(&b.id, &b.path, target.clone(), findings);
            }
            for (i, point) in item.points.iter().enumerate() {
                let letter = super::labels::letter(i);
                let t = Target {
                    label: format!("{n}({letter})"),
                    anchor: format!("para-{n}{letter}"),
                };
                add(&point.id, &point.path, t.clone(), findings);
                for sub in point.points.iter().chain(&point.bullets) {
                    add(&sub.id, &sub.path, t.clone(), findings);
                }
            }
        }
    }
    ids.into_iter().map(|(k, (t, _))| (k, t)).collect()
}

//! The layout's sections in order, filled from the case, and the numbering of their paragraphs.

use super::Findings;
use crate::case::{Case, FieldPath, Layout, Outcome, Para};
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

fn paras(key: &'static str, paras: &[Para]) -> OSection {
    OSection {
        key,
        entries: list(paras, &FieldPath::default().key(key))
            .into_iter()
            .map(Entry::Para)
            .collect(),
    }
}

/// The sections of the case's layout, in the order the statement prints them.
pub fn outline(case: &Case, t: &Templates, findings: &mut Findings) -> Vec<OSection> {
    let root = FieldPath::default();
    let layout = case.layout();
    // Sections that a layout needs, and those it cannot hold, are named against the field
    // that chose the layout.
    let chooser = if case.layout.is_some() {
        "layout"
    } else {
        "outcome"
    };
    let need = |findings: &mut Findings, key: &str, present: bool| {
        if !present {
            let title = t
                .wording
                .sections
                .get(key)
                .map(String::as_str)
                .unwrap_or(key);
            findings.add_hint(
                &root.key(chooser),
                format!(
                    "missing section `{key}` (“{title}”), which the {} layout needs",
                    layout.key()
                ),
                format!("add `{key}:` to the case file"),
            );
        }
    };
    let refuse = |findings: &mut Findings, key: &str, present: bool| {
        if present {
            findings.add_hint(
                &root.key(key),
                format!("section `{key}` is not part of the {} layout", layout.key()),
                "remove it, or set `layout:` to the layout that has it".to_string(),
            );
        }
    };
    need(findings, "complaint", !case.complaint.is_empty());
    need(findings, "powers", !case.powers.is_empty());
    need(findings, "considered", !case.considered.is_empty());
    need(findings, "final_decision", !case.final_decision.is_empty());

    let mut out = vec![paras("complaint", &case.complaint)];
    match layout {
        Layout::Assessment => {
            for (key, present) in [
                ("scope", !case.scope.is_empty()),
                ("found", !case.found.is_empty()),
                ("agreed_action", case.agreed_action.is_some()),
                ("not_investigated", !case.not_investigated.is_empty()),
            ] {
                refuse(findings, key, present);
            }
            need(findings, "assessment", case.assessment.is_some());
            out.push(paras("powers", &case.powers));
            out.push(paras("considered", &case.considered));
            out.push(assessment(case, findings));
            out.push(paras("final_decision", &case.final_decision));
        }
        Layout::Investigation => {
            refuse(findings, "assessment", case.assessment.is_some());
            need(findings, "found", !case.found.is_empty());
            if case.outcome == Outcome::Upheld {
                need(findings, "agreed_action", case.agreed_action.is_some());
            }
            if !case.scope.is_empty() {
                out.push(paras("scope", &case.scope));
            }
            out.push(paras("powers", &case.powers));
            out.push(paras("considered", &case.considered));
            out.push(found(case, findings));
            if case.agreed_action.is_some() {
                out.push(agreed_action(case, t, findings));
            }
            out.push(paras("final_decision", &case.final_decision));
            if !case.not_investigated.is_empty() {
                out.push(paras("not_investigated", &case.not_investigated));
            }
        }
    }
    out.retain(|s| !s.entries.is_empty());
    out
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
        let rest = list(&a.paragraphs, &path.key("paragraphs"));
        entries.extend(rest.into_iter().map(Entry::Para));
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
        let items = list(&part.paragraphs, &path.key("paragraphs"));
        entries.extend(items.into_iter().map(Entry::Para));
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
    entries.extend(
        list(&aa.intro, &path.key("intro"))
            .into_iter()
            .map(Entry::Para),
    );
    if aa.actions.is_empty() {
        findings.add(
            &path.key("actions"),
            "agreed action needs at least one action",
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
    let evidence = aa
        .evidence
        .clone()
        .unwrap_or_else(|| t.wording.action_evidence.clone());
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
                let letter = letter(i);
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

/// a, b, …, z, aa, ab, …
pub fn letter(i: usize) -> String {
    let mut i = i;
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (i % 26) as u8) as char);
        if i < 26 {
            return s;
        }
        i = i / 26 - 1;
    }
}

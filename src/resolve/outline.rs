//! The layout's sections in order, filled from the case, and the numbering of their paragraphs.

use super::header::Header;
use super::Findings;
use crate::case::{AgreedAction, Assessment, Body, Case, FieldPath, Para, Part, Row, Sentence};
use crate::office::{Holds, LayoutDef, Numbering, SectionDef};
use crate::problem::suggest;
use crate::templates::Templates;
use std::collections::HashMap;

/// Sub-points may nest, but not without end: deeper than this is an error.
pub const MAX_POINT_DEPTH: usize = 3;

/// A section of the layout with its sub-headings and paragraphs.
pub struct OSection {
    pub key: String,
    /// Whether its paragraphs carry numbers.
    pub numbered: bool,
    pub entries: Vec<Entry>,
}

pub enum Entry {
    /// A sub-heading, level 1 or 2.
    Heading(String, u8),
    Para(Item),
    Table(Table),
}

/// A table: its header cells, and its rows with where each came from.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(FieldPath, Vec<String>)>,
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
    /// The sentences of a paragraph built from them.
    pub sentences: Vec<Sentence>,
    pub points: Vec<Item>,
    pub bullets: Vec<Item>,
    /// The paragraph number, set by [`number`] on numbered paragraphs.
    pub number: usize,
    /// A sub-heading written where only a point may stand.
    pub misplaced_heading: bool,
    /// The case's `numbered`, where it gives one.
    pub numbered: Option<bool>,
}

impl Item {
    fn from_para(p: &Para, path: FieldPath) -> Item {
        Item {
            text_path: path.key("text"),
            text: p.text.clone(),
            id: p.id.clone(),
            standard: p.standard.clone(),
            with: p.with.clone(),
            sentences: p.sentences.clone(),
            points: list(&p.points, &path.key("points")),
            bullets: list(&p.bullets, &path.key("bullets")),
            number: 0,
            misplaced_heading: p.heading.is_some(),
            numbered: p.numbered,
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

/// Paragraphs of a section, with the sub-headings and groups written between them. `level`
/// is the level a sub-heading here takes; the section allows `allowed` levels.
fn entries(
    paras: &[Para],
    path: &FieldPath,
    (level, allowed): (u8, u8),
    findings: &mut Findings,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let at = path.index(i);
        if let Some(h) = &p.heading {
            if level > allowed {
                findings.add(&at.key("heading"), too_deep(allowed));
            }
            out.push(Entry::Heading(h.trim().to_string(), level));
        }
        match &p.group {
            Some(group) => {
                if group.is_empty() {
                    findings.add(
                        &at.key("paragraphs"),
                        "a group under a sub-heading needs at least one paragraph",
                    );
                }
                let inner = level + u8::from(p.heading.is_some());
                let rest = entries(group, &at.key("paragraphs"), (inner, allowed), findings);
                out.extend(rest);
            }
            None if p.heading.is_none() => out.push(Entry::Para(Item::from_para(p, at))),
            None => {}
        }
    }
    if matches!(out.last(), Some(Entry::Heading(..))) {
        findings.add(
            &path.index(paras.len() - 1),
            "a sub-heading needs a paragraph after it",
        );
        out.pop();
    }
    out
}

fn too_deep(allowed: u8) -> String {
    match allowed {
        0 => "this section has no sub-headings".to_string(),
        1 => "this section has one level of sub-headings, not two".to_string(),
        n => format!("this section has at most {n} levels of sub-headings"),
    }
}

/// The case's own section titles: each one line, for a section the case has.
fn titles(case: &Case, findings: &mut Findings) {
    for (key, title) in &case.titles {
        let path = FieldPath::default().key("titles").key(key);
        if case.section(key).is_none() {
            findings.add_hint(
                &path,
                format!("a title for section `{key}`, which this case does not have"),
                format!("remove it, or add `{key}:` to the case file"),
            );
        } else if title.is_empty() || title.contains('\n') {
            // An empty title would drop the heading the layout prints.
            findings.add_hint(
                &path,
                "a section title is one line of text",
                format!("leave `{key}` out of `titles` to keep the wording's title"),
            );
        }
    }
}

/// The sections of the case's layout, in the order the statement prints them.
/// A section the outcome nearly always has, left out, is one of the `expected` findings.
pub fn outline(
    case: &Case,
    t: &Templates,
    h: &Header,
    (findings, expected): (&mut Findings, &mut Findings),
) -> Vec<OSection> {
    let root = FieldPath::default();
    let Some(layout) = t.office.layouts.get(&h.layout) else {
        return Vec::new();
    };
    for (key, _) in &case.sections {
        if !layout.sections.iter().any(|s| s.key == *key) {
            findings.add_hint(
                &root.key(key),
                format!("section `{key}` is not part of the {} layout", h.layout),
                "remove it, or set `layout:` to the layout that has it".to_string(),
            );
        }
    }
    titles(case, findings);
    let w = t.wording_for(&h.lang);
    let outcome_words = super::outcome_label(t, &h.lang, &h.outcome);
    // A missing section is named against what asks for it: the outcome, or `layout:`.
    let (chooser, asker) = match &case.layout {
        Some(l) => ("layout", format!("`layout: {}`", l.trim())),
        None => ("outcome", format!("the outcome “{outcome_words}”")),
    };
    let mut out = Vec::new();
    for def in &layout.sections {
        let Some(body) = case.section(&def.key) else {
            let title = w.sections.get(&def.key).unwrap_or(&def.key);
            let key = &def.key;
            if def.required.applies(&h.outcome) {
                findings.add_hint(
                    &root.key(chooser),
                    format!("missing section `{key}` (“{title}”): {asker} needs it"),
                    format!("add `{key}:` to the case file"),
                );
            } else if def.expected.applies(&h.outcome) {
                expected.add_hint(
                    &root.key(chooser),
                    format!("no section `{key}` (“{title}”), which decisions with {asker} nearly always have"),
                    format!("add `{key}:` if it was left out by mistake"),
                );
            }
            continue;
        };
        let path = root.key(&def.key);
        if let Some(only) = def.only.as_ref().filter(|o| !o.contains(&h.outcome)) {
            let title = w.sections.get(&def.key).unwrap_or(&def.key);
            findings.add_hint(
                &path,
                format!(
                    "section `{}` (“{title}”) is not for the outcome “{outcome_words}”",
                    def.key
                ),
                format!(
                    "remove it, or choose an outcome that has it: `{}`",
                    only.join("`, `")
                ),
            );
        }
        let entries = match body {
            Body::Paragraphs(paras) => entries(paras, &path, (1, def.subheadings), findings),
            Body::Areas(a) => assessment(a, &path, def, findings),
            Body::Parts(parts) => self::parts(parts, &path, def, (t, &h.lang), findings),
            Body::Actions(aa) => agreed_action(aa, &path, def, (t, &h.lang), findings),
            Body::Table(rows) => vec![Entry::Table(table(rows, &path, def))],
        };
        out.push(OSection {
            key: def.key.clone(),
            numbered: numbered(layout, def),
            entries,
        });
    }
    out.retain(|s| !s.entries.is_empty());
    out
}

fn numbered(layout: &LayoutDef, def: &SectionDef) -> bool {
    let table = def.holds == Holds::Table;
    def.numbered
        .unwrap_or(layout.numbering != Numbering::None && !table)
}

fn table(rows: &[Row], path: &FieldPath, def: &SectionDef) -> Table {
    Table {
        header: def.columns.iter().map(|c| c.label.clone()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    path.index(i),
                    r.cells.iter().map(|(_, v)| v.clone()).collect(),
                )
            })
            .collect(),
    }
}

/// The parts of the complaint: a table of each part and its finding, then the paragraphs
/// of each part under the part as a sub-heading.
fn parts(
    parts: &[Part],
    path: &FieldPath,
    def: &SectionDef,
    (t, lang): (&Templates, &str),
    findings: &mut Findings,
) -> Vec<Entry> {
    let labels = t.office.parts.as_ref().map(|p| &p.findings);
    let mut rows = Vec::new();
    let mut rest = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let at = path.index(i);
        let key = part.finding.trim();
        let label = match labels.and_then(|l| l.get(key)) {
            Some(label) => label.clone(),
            None => {
                let keys = labels
                    .into_iter()
                    .flat_map(|l| l.keys().map(String::as_str));
                findings.add_hint(
                    &at.key("finding"),
                    format!("unknown finding `{key}`"),
                    suggest(key, keys),
                );
                key.to_string()
            }
        };
        let name = upper_first(part.part.trim());
        rows.push((at.clone(), vec![name.clone(), label]));
        if !part.paragraphs.is_empty() {
            rest.push(Entry::Heading(name, 1));
            let level = (2, def.subheadings.max(1));
            rest.extend(entries(
                &part.paragraphs,
                &at.key("paragraphs"),
                level,
                findings,
            ));
        }
    }
    let w = &t.wording_for(lang).parts_table;
    let mut out = vec![Entry::Table(Table {
        header: vec![w.part.clone(), w.finding.clone()],
        rows,
    })];
    out.extend(rest);
    out
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn assessment(
    a: &Assessment,
    path: &FieldPath,
    def: &SectionDef,
    findings: &mut Findings,
) -> Vec<Entry> {
    let path = path.clone();
    let mut entries = Vec::new();
    {
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
        let level = (1, def.subheadings);
        let rest = self::entries(&a.paragraphs, &path.key("paragraphs"), level, findings);
        entries.extend(rest);
        if entries.is_empty() {
            findings.add(
                &path,
                format!(
                    "`{}` needs an `intro` with `areas`, or `paragraphs`",
                    def.key
                ),
            );
        }
    }
    entries
}

fn agreed_action(
    aa: &AgreedAction,
    path: &FieldPath,
    def: &SectionDef,
    (t, lang): (&Templates, &str),
    findings: &mut Findings,
) -> Vec<Entry> {
    let path = path.clone();
    let mut entries = Vec::new();
    // Written as a list, the section's paragraphs are the intro.
    let intro_path = if aa.as_list {
        path.clone()
    } else {
        path.key("intro")
    };
    let level = (1, def.subheadings);
    entries.extend(self::entries(&aa.intro, &intro_path, level, findings));
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
        let lead = match t.tera.render(&t.wording_key(lang, "action_lead"), &ctx) {
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
        None => t.wording_for(lang).action_evidence.clone(),
    };
    if !evidence.trim().is_empty() {
        entries.push(Entry::Para(Item::text(
            evidence,
            path.clone(),
            path.key("evidence"),
        )));
    }
    entries
}

/// Where a cross-reference points: its printed number and its anchor.
#[derive(Debug, Clone)]
pub struct Target {
    /// `12` or `8(b)`; empty for a paragraph that has no number.
    pub label: String,
    /// `para-12` or `para-8b`
    pub anchor: String,
}

impl Target {
    fn none() -> Target {
        Target {
            label: String::new(),
            anchor: String::new(),
        }
    }
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
            numbered_as_given(item, section.numbered, findings);
            if !section.numbered || item.numbered == Some(false) {
                // An unnumbered paragraph has no number to be referred to by.
                item.number = 0;
                add(&item.id, &item.path, Target::none(), findings);
                let mut under: Vec<&Item> = item.bullets.iter().chain(&item.points).collect();
                while let Some(sub) = under.pop() {
                    add(&sub.id, &sub.path, Target::none(), findings);
                    under.extend(sub.points.iter().chain(&sub.bullets));
                }
                continue;
            }
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

/// A paragraph's own `numbered`: `false` in a numbered section only, and never on a point,
/// which takes its label from the paragraph it stands under.
fn numbered_as_given(item: &Item, section_numbered: bool, findings: &mut Findings) {
    if item.numbered == Some(true) && !section_numbered {
        findings.add(
            &item.path.key("numbered"),
            "this section's paragraphs are not numbered: leave `numbered` out",
        );
    }
    let mut under: Vec<&Item> = item.points.iter().chain(&item.bullets).collect();
    while let Some(sub) = under.pop() {
        if sub.numbered.is_some() {
            findings.add(
                &sub.path.key("numbered"),
                "a point or bullet takes no `numbered`: only a paragraph stands with or without a number",
            );
        }
        under.extend(sub.points.iter().chain(&sub.bullets));
    }
}

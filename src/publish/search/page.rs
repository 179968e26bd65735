//! The search page, `search.html`, and its script, `search.js`: made from the templates of the
//! same names, with the filters' choices in the form, so that it is a whole form before any
//! script runs: outcome, category (and subject, for an office whose categories have them),
//! the body complained about, and each fact the office files decisions by.

use super::table::{Filters, Value};
use crate::publish::files;
use crate::publish::listings::OfficeView;
use crate::templates::{error_chain, Templates};
use anyhow::{anyhow, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Serialize)]
struct Choice<'a> {
    value: &'a str,
    label: &'a str,
}

/// A fact's filter: `fact-<key>` in the address.
#[derive(Serialize)]
struct FactChoices<'a> {
    key: &'a str,
    label: &'a str,
    values: Vec<Choice<'a>>,
}

#[derive(Serialize)]
struct Area<'a> {
    name: &'a str,
    subjects: Vec<Choice<'a>>,
}

/// The facts' filters in the office's order, each fact's values in the order it lists them.
fn facts<'a>(filters: &'a Filters, templates: &Templates) -> Vec<FactChoices<'a>> {
    let office = &templates.office.facts;
    let place = |key: &str| office.iter().position(|f| f.key == key);
    let mut facts: Vec<FactChoices> = filters
        .facts
        .iter()
        .map(|f| {
            let order = place(&f.key).map_or(&[][..], |i| office[i].values.as_slice());
            let mut values = choices(&f.values);
            values.sort_by_key(|c| order.iter().position(|v| v == c.value));
            // Values the office does not list (free text) come after, in their own order.
            values.sort_by_key(|c| !order.iter().any(|v| v == c.value));
            FactChoices {
                key: &f.key,
                label: &f.label,
                values,
            }
        })
        .collect();
    facts.sort_by_key(|f| place(f.key).unwrap_or(usize::MAX));
    facts
}

fn choices(values: &[Value]) -> Vec<Choice<'_>> {
    values
        .iter()
        .map(|v| Choice {
            value: &v.value,
            label: &v.label,
        })
        .collect()
}

/// The library's words that the search's script says, by key.
fn script_words(templates: &Templates) -> BTreeMap<&str, &str> {
    const SAID: [&str; 11] = [
        "searching",
        "found_one",
        "found_many",
        "showing",
        "showing_none",
        "page_of",
        "previous",
        "next",
        "web_page",
        "of_decision",
        "failed",
    ];
    let site = &templates.wording.site;
    SAID.iter()
        .filter_map(|k| Some((*k, site.get(*k)?.as_str())))
        .collect()
}

/// Writes `search.html` and `search.js` into the site `dir`.
pub fn write(
    dir: &Path,
    filters: &Filters,
    count: usize,
    templates: &Templates,
    formats: &[String],
    office: &OfficeView,
) -> Result<()> {
    let mut subjects: BTreeMap<&str, Vec<Choice>> = BTreeMap::new();
    for s in &filters.subject {
        subjects
            .entry(s.area.as_deref().unwrap_or_default())
            .or_default()
            .push(Choice {
                value: &s.value,
                label: &s.label,
            });
    }
    let areas: Vec<Area> = filters
        .area
        .iter()
        .map(|a| Area {
            name: &a.value,
            subjects: subjects.remove(a.value.as_str()).unwrap_or_default(),
        })
        .collect();
    let has_subjects = areas.iter().any(|a| !a.subjects.is_empty());
    // Outcomes in the wording's order, as on the index page.
    let order: Vec<&String> = templates.wording.outcomes.keys().collect();
    let mut outcomes = choices(&filters.outcome);
    outcomes.sort_by_key(|c| {
        order
            .iter()
            .position(|k| *k == c.value)
            .unwrap_or(usize::MAX)
    });
    // What every page extending `site.html` sees; the search page is at the site's root.
    let mut ctx = tera::Context::new();
    ctx.insert("w", &templates.wording);
    ctx.insert("lang", &templates.office.lang);
    ctx.insert("formats", formats);
    ctx.insert("nav", &crate::publish::listings::NAV);
    ctx.insert("root", "");
    ctx.insert("count", &count);
    ctx.insert("outcomes", &outcomes);
    ctx.insert("areas", &areas);
    ctx.insert("has_subjects", &has_subjects);
    ctx.insert("facts", &facts(filters, templates));
    ctx.insert("office", office);
    ctx.insert("authorities", &choices(&filters.authority));
    ctx.insert("script_words", &script_words(templates));
    for name in ["search.html", "search.js"] {
        let text = templates
            .tera
            .render(name, &ctx)
            .map_err(|e| anyhow!("the template {name} failed: {}", error_chain(&e)))?;
        files::write_new(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

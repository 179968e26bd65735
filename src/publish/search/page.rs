//! The search page, `search.html`, and its script, `search.js`: made from the templates of the
//! same names, with the filters' choices in the form, so that it is a whole form before any
//! script runs.

use super::table::{Filters, Value};
use crate::publish::files;
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

#[derive(Serialize)]
struct Area<'a> {
    name: &'a str,
    subjects: Vec<Choice<'a>>,
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

/// Writes `search.html` and `search.js` into the site `dir`.
pub fn write(
    dir: &Path,
    filters: &Filters,
    count: usize,
    templates: &Templates,
    formats: &[String],
) -> Result<()> {
    let mut areas: BTreeMap<&str, Vec<Choice>> = BTreeMap::new();
    for s in &filters.subject {
        areas
            .entry(s.area.as_deref().unwrap_or_default())
            .or_default()
            .push(Choice {
                value: &s.value,
                label: &s.label,
            });
    }
    let areas: Vec<Area> = areas
        .into_iter()
        .map(|(name, subjects)| Area { name, subjects })
        .collect();
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
    ctx.insert("authorities", &choices(&filters.authority));
    for name in ["search.html", "search.js"] {
        let text = templates
            .tera
            .render(name, &ctx)
            .map_err(|e| anyhow!("the template {name} failed: {}", error_chain(&e)))?;
        files::write_new(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

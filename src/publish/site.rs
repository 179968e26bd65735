//! The site's index page: what it shows of each decision (a view made for the `index.html`
//! template), grouped by year, with the choices of its filters.

use crate::render::Format;
use crate::resolve::Meta;
use crate::templates::{error_chain, Templates};
use anyhow::{anyhow, Context, Result};
use pulldown_cmark::{Event, Parser};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the index, the feed and the metadata files show of a decision besides its files:
/// made once from the resolved case, then kept in the manifest for as long as the case file
/// is unchanged.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Row {
    pub reference: String,
    pub slug: String,
    pub title: String,
    pub authority: String,
    pub category: String,
    pub category_area: String,
    pub category_subject: String,
    pub outcome: String,
    pub outcome_key: String,
    /// `10 Mar 2022`
    pub decided: String,
    /// `2022-03-10`
    pub decided_iso: String,
    pub year: i32,
    /// The summary as plain text (its Markdown markup removed).
    pub summary: String,
}

impl Row {
    pub fn new(meta: &Meta) -> Row {
        Row {
            reference: meta.reference.clone(),
            slug: meta.slug.clone(),
            title: meta.title.clone(),
            authority: meta.authority.clone(),
            category: meta.category.clone(),
            category_area: meta.category_area.clone(),
            category_subject: meta.category_subject.clone(),
            outcome: meta.outcome.clone(),
            outcome_key: meta.outcome_key.clone(),
            decided: meta.decided.clone(),
            decided_iso: meta.decided_iso.clone(),
            year: meta.year,
            summary: plain_text(&meta.summary),
        }
    }
}

/// One published decision, as the index, the feed and the metadata files see it.
#[derive(Debug, Clone, Serialize)]
pub struct Published<'a> {
    #[serde(flatten)]
    pub row: &'a Row,
    /// Paths of the files, relative to the site root; `None` for a format not published.
    pub html: Option<String>,
    pub pdf: Option<String>,
    pub md: Option<String>,
    /// The file a link to the decision leads to: the HTML if published, else the PDF, else
    /// the Markdown.
    pub page: String,
    /// SHA-256 of `decision.md`.
    pub content_hash: &'a str,
    /// When the published text last changed (RFC 3339).
    pub changed: &'a str,
}

impl<'a> Published<'a> {
    pub fn new(row: &'a Row, formats: &[Format], content_hash: &'a str, changed: &'a str) -> Self {
        let path = |f: Format| formats.contains(&f).then(|| file_path(&row.slug, f));
        let (html, pdf, md) = (path(Format::Html), path(Format::Pdf), path(Format::Md));
        let page = html
            .clone()
            .or(pdf.clone())
            .or(md.clone())
            .unwrap_or_default();
        Published {
            row,
            html,
            pdf,
            md,
            page,
            content_hash,
            changed,
        }
    }
}

/// Where a decision's file lives in the site: `decisions/21-016-384/decision.html`.
pub fn file_path(slug: &str, format: Format) -> String {
    format!("decisions/{slug}/{}", format.file_name())
}

/// The order of the site's lists, newest first; the reference breaks ties so the order
/// never depends on the file system.
pub fn newest_first(a: &Row, b: &Row) -> std::cmp::Ordering {
    b.decided_iso
        .cmp(&a.decided_iso)
        .then_with(|| b.reference.cmp(&a.reference))
}

/// Markdown of a line (a summary) as the plain words a reader sees.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct Area {
    name: String,
    subjects: Vec<String>,
}

#[derive(Serialize)]
struct Filters {
    outcomes: Vec<Choice>,
    areas: Vec<Area>,
    authorities: Vec<String>,
    years: Vec<i32>,
}

/// Files of the site that are not decisions, for the index's links.
#[derive(Serialize)]
pub struct SiteLinks {
    pub feed: &'static str,
    pub json: &'static str,
    pub csv: &'static str,
}

pub const LINKS: SiteLinks = SiteLinks {
    feed: "feed.xml",
    json: "decisions.json",
    csv: "decisions.csv",
};

/// Where the list of decisions goes in the page `index.html` makes: plain letters, which
/// escaping leaves as they are.
const LIST_MARK: &str = "DecisionsListGoesHere7f3a9c";

/// Writes `index.html` for decisions sorted newest first: the page (`index.html`) around the
/// decisions, each made in turn by `index-item.html`, so that the page is never whole in
/// memory, nor are the decisions as the templates see them.
pub fn index_html(
    list: &[Published],
    formats: &[Format],
    templates: &Templates,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let failed =
        |name: &str, e: &tera::Error| anyhow!("the template {name} failed: {}", error_chain(e));
    let mut ctx = tera::Context::new();
    ctx.insert("count", &list.len());
    ctx.insert("filters", &filters(list, templates));
    ctx.insert("links", &LINKS);
    let formats: Vec<String> = formats.iter().map(ToString::to_string).collect();
    ctx.insert("formats", &formats);
    ctx.insert("w", &templates.wording);
    ctx.insert("decisions", LIST_MARK);
    let page = templates
        .tera
        .render("index.html", &ctx)
        .map_err(|e| failed("index.html", &e))?;
    let (head, tail) = page
        .split_once(LIST_MARK)
        .filter(|(_, tail)| !tail.contains(LIST_MARK))
        .context(
            "the template index.html must show `{{ decisions | safe }}` once, where the list \
             of decisions goes",
        )?;
    out.write_all(head.as_bytes())?;
    ctx.remove("decisions");
    for (i, p) in list.iter().enumerate() {
        let year = |other: Option<&Published>| other.map(|o| o.row.year);
        ctx.insert("d", p);
        ctx.insert(
            "first",
            &(year(i.checked_sub(1).map(|j| &list[j])) != Some(p.row.year)),
        );
        ctx.insert("last", &(year(list.get(i + 1)) != Some(p.row.year)));
        templates
            .tera
            .render_to("index-item.html", &ctx, &mut *out)
            .map_err(|e| failed("index-item.html", &e))?;
    }
    out.write_all(tail.as_bytes())?;
    Ok(())
}

fn filters(list: &[Published], templates: &Templates) -> Filters {
    // Outcomes in the wording's order of keys, then any others found.
    let found: BTreeMap<&str, &str> = list
        .iter()
        .map(|p| (p.row.outcome_key.as_str(), p.row.outcome.as_str()))
        .collect();
    let mut outcomes: Vec<Choice> = templates
        .wording
        .outcomes
        .iter()
        .filter(|(k, _)| found.contains_key(k.as_str()))
        .map(|(k, v)| Choice {
            value: k.clone(),
            label: v.clone(),
        })
        .collect();
    for (k, v) in &found {
        if !templates.wording.outcomes.contains_key(*k) {
            outcomes.push(Choice {
                value: k.to_string(),
                label: v.to_string(),
            });
        }
    }
    let mut areas: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in list {
        areas
            .entry(&p.row.category_area)
            .or_default()
            .insert(&p.row.category_subject);
    }
    let areas = areas
        .into_iter()
        .map(|(name, subjects)| Area {
            name: name.to_string(),
            subjects: subjects.into_iter().map(str::to_string).collect(),
        })
        .collect();
    let authorities: BTreeSet<&str> = list.iter().map(|p| p.row.authority.as_str()).collect();
    let years: BTreeSet<i32> = list.iter().map(|p| p.row.year).collect();
    Filters {
        outcomes,
        areas,
        authorities: authorities.into_iter().map(str::to_string).collect(),
        years: years.into_iter().rev().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_keeps_quotes() {
        assert_eq!(
            plain_text("We will **not** investigate Mr X’s [complaint](https://x.org) – £300."),
            "We will not investigate Mr X’s complaint – £300."
        );
    }
}

//! The site's index page: the page template around one item per decision (`row::Published`,
//! the view made for the templates), grouped by year, with the choices of its filters.

use super::hash::{Hasher, Sha256};
use super::manifest::Item;
use super::row::Published;
use crate::render::Format;
use crate::templates::{error_chain, Templates};
use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

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

/// Index items made at once (a window, at most a megabyte or so of HTML), and by one worker.
const WINDOW: usize = 1024;
const CHUNK: usize = 128;

/// What writing `index.html` made: each decision's item, in the order of the list, and the
/// hash of the whole.
pub struct Written {
    pub items: Vec<Item>,
    pub hash: Sha256,
}

/// Writes `index.html` for decisions sorted newest first: the page (`index.html`) around the
/// decisions, each made in turn by `index-item.html`, so that the page is never whole in
/// memory, nor are the decisions as the templates see them.
///
/// An item is made from its decision, `first` and `last` and the site's settings alone, so
/// the item of a decision unchanged since the live site is copied from the live `index.html`
/// (`live`, when its hash is the one recorded) if it stands at the start or end of its year
/// as it did there.
pub fn index_html(
    list: &[Published],
    formats: &[Format],
    templates: &Templates,
    live: Option<&[u8]>,
    out: &mut dyn Write,
) -> Result<Written> {
    let failed =
        |name: &str, e: &tera::Error| anyhow!("the template {name} failed: {}", error_chain(e));
    let mut ctx = tera::Context::new();
    ctx.insert("links", &LINKS);
    let formats: Vec<String> = formats.iter().map(ToString::to_string).collect();
    ctx.insert("formats", &formats);
    ctx.insert("w", &templates.wording);
    let item_ctx = ctx.clone();
    ctx.insert("count", &list.len());
    ctx.insert("filters", &filters(list, templates));
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
    let mut out = Tally {
        out,
        at: 0,
        hash: Hasher::default(),
    };
    out.write_all(head.as_bytes())?;
    let mut items = Vec::with_capacity(list.len());
    // The items are made in parallel, a window at a time, and written in order.
    for (w, window) in list.chunks(WINDOW).enumerate() {
        let parts: Vec<Result<(Vec<u8>, Vec<Item>)>> = window
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut ctx = item_ctx.clone();
                let mut part = Vec::new();
                let mut made = Vec::with_capacity(chunk.len());
                for (k, p) in chunk.iter().enumerate() {
                    let i = w * WINDOW + c * CHUNK + k;
                    let year = |other: Option<&Published>| other.map(|o| o.row.year());
                    let this = Some(p.row.year());
                    let first = year(i.checked_sub(1).map(|j| &list[j])) != this;
                    let last = year(list.get(i + 1)) != this;
                    let at = part.len();
                    let copy = p
                        .item
                        .filter(|it| it.first == first && it.last == last)
                        .and_then(|it| live?.get(it.at as usize..(it.at + it.len) as usize));
                    if let Some(bytes) = copy {
                        part.extend_from_slice(bytes);
                    } else {
                        ctx.insert("d", p);
                        ctx.insert("first", &first);
                        ctx.insert("last", &last);
                        templates
                            .tera
                            .render_to("index-item.html", &ctx, &mut part)
                            .map_err(|e| failed("index-item.html", &e))?;
                    }
                    let (at, len) = (at as u64, (part.len() - at) as u64);
                    made.push(Item {
                        at,
                        len,
                        first,
                        last,
                    });
                }
                Ok((part, made))
            })
            .collect();
        for part in parts {
            let (bytes, made) = part?;
            let at = out.at;
            out.write_all(&bytes)?;
            items.extend(made.into_iter().map(|item| Item {
                at: item.at + at,
                ..item
            }));
        }
    }
    out.write_all(tail.as_bytes())?;
    Ok(Written {
        items,
        hash: out.hash.finish(),
    })
}

/// A writer that counts and hashes what it passes on.
struct Tally<'a> {
    out: &'a mut dyn Write,
    at: u64,
    hash: Hasher,
}

impl Write for Tally<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        self.at += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn filters(list: &[Published], templates: &Templates) -> Filters {
    // Outcomes in the wording's order of keys, then any others found.
    let found: BTreeMap<&str, &str> = list
        .iter()
        .map(|p| (p.row.outcome_key(), p.row.outcome()))
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
            .entry(p.row.category_area())
            .or_default()
            .insert(p.row.category_subject());
    }
    let areas = areas
        .into_iter()
        .map(|(name, subjects)| Area {
            name: name.to_string(),
            subjects: subjects.into_iter().map(str::to_string).collect(),
        })
        .collect();
    let authorities: BTreeSet<&str> = list.iter().map(|p| p.row.authority()).collect();
    let years: BTreeSet<i32> = list.iter().map(|p| p.row.year()).collect();
    Filters {
        outcomes,
        areas,
        authorities: authorities.into_iter().map(str::to_string).collect(),
        years: years.into_iter().rev().collect(),
    }
}

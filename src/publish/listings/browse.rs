//! The index pages of the lists, made by `browse.html`: the years, the areas with their
//! subjects, the authorities A–Z, each letter's page by page, and the values of each fact
//! the office files by, all with their counts. Their titles use the office's own labels.

use super::super::outputs::{Key, Planned};
use super::groups::{FactGroups, Group, Groups};
use super::names;
use super::pages::{Pager, Site, NAV};
use crate::templates::Wording;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// Authorities on one page of a letter.
const AUTHORITIES_PER_PAGE: usize = 200;

/// An index page as `browse.html` sees it (`page`).
#[derive(Serialize)]
struct BrowsePage {
    /// `years`, `areas`, `authorities` or `fact`.
    kind: &'static str,
    title: String,
    /// The letters A–Z of the authorities' pages.
    letters: Vec<Link>,
    sections: Vec<Section>,
    /// Paging within a letter: addresses relative to `browse/`.
    pager: Option<Pager>,
}

#[derive(Serialize)]
struct Section {
    /// The section's own list, if it has one (an area).
    heading: Option<Link>,
    links: Vec<Link>,
}

/// A link to a list (relative to `browse/`), with its count and feed (relative to the root).
#[derive(Serialize)]
struct Link {
    label: String,
    href: String,
    count: usize,
    feed: Option<String>,
    current: bool,
}

impl Link {
    fn to(group: &Group) -> Link {
        Link {
            label: group.label.clone(),
            href: group.page_file(1),
            count: group.members.len(),
            feed: group.feed(),
            current: false,
        }
    }
}

/// Plans `years.html`, `areas.html`, `authorities.html` and the pages of each letter.
pub fn plan<'a>(groups: &Groups, site: &Site<'a>) -> Result<Vec<Planned<'a>>> {
    let (office, w) = (site.office(), site.words());
    let mut pages = vec![
        ("years.html".to_string(), years(groups, w)),
        (
            "areas.html".to_string(),
            areas(groups, &office.categories.label, w),
        ),
    ];
    pages.extend(authorities(groups, &office.body.label, w));
    pages.extend(groups.facts.iter().map(|f| (f.index_file(), fact(f, w))));
    pages
        .into_iter()
        .map(|(file, page)| {
            // The view is small: its JSON is the key.
            let json = serde_json::to_vec(&page)?;
            let mut key = Key::new("browse");
            key.add(&json);
            let site = *site;
            Ok(Planned {
                path: format!("{}{file}", NAV.browse),
                key: key.finish(),
                make: Box::new(move || site.browse(&page)),
            })
        })
        .collect()
}

/// A browse page's title: "Decisions by year".
fn by(w: &Wording, what: &str) -> String {
    w.site("by_heading", &[("what", &lower_first(what))])
}

fn years(groups: &Groups, w: &Wording) -> BrowsePage {
    BrowsePage {
        kind: "years",
        title: by(w, &w.site("year", &[])),
        letters: Vec::new(),
        sections: vec![Section {
            heading: None,
            links: groups.years.iter().map(Link::to).collect(),
        }],
        pager: None,
    }
}

/// `fact-<slug>.html`: the values of one fact.
fn fact(f: &FactGroups, w: &Wording) -> BrowsePage {
    BrowsePage {
        kind: "fact",
        title: by(w, &f.label),
        letters: Vec::new(),
        sections: vec![Section {
            heading: None,
            links: f.values.iter().map(Link::to).collect(),
        }],
        pager: None,
    }
}

/// A label as it reads inside a sentence: `Landlord type` → `landlord type`.
pub fn lower_first(label: &str) -> String {
    let mut c = label.chars();
    match (c.next(), c.clone().next()) {
        // An initialism (`HOS`) stays as it is.
        (Some(a), Some(b)) if b.is_uppercase() => format!("{a}{}", c.as_str()),
        (Some(a), _) => a.to_lowercase().chain(c).collect(),
        (None, _) => String::new(),
    }
}

fn areas(groups: &Groups, label: &str, w: &Wording) -> BrowsePage {
    BrowsePage {
        kind: "areas",
        title: by(w, label),
        letters: Vec::new(),
        sections: groups
            .areas
            .iter()
            .map(|a| Section {
                heading: Some(Link::to(&a.group)),
                links: a.subjects.iter().map(Link::to).collect(),
            })
            .collect(),
        pager: None,
    }
}

/// `authorities.html` (the letters, and the authorities of the first) and each letter's
/// pages, `authorities-a-1.html` on (`other` for names that begin with no letter).
fn authorities(groups: &Groups, body: &str, w: &Wording) -> Vec<(String, BrowsePage)> {
    let mut by_letter: BTreeMap<Option<char>, Vec<&Group>> = BTreeMap::new();
    for g in &groups.authorities {
        by_letter
            .entry(names::letter(&g.label))
            .or_default()
            .push(g);
    }
    let slug =
        |l: Option<char>| l.map_or("other".to_string(), |c| c.to_ascii_lowercase().to_string());
    let file = |l: Option<char>, n: usize| format!("authorities-{}-{n}.html", slug(l));
    let letters = |current: Option<Option<char>>| -> Vec<Link> {
        by_letter
            .iter()
            .map(|(l, list)| Link {
                label: l.map_or_else(|| w.site("other_letter", &[]), String::from),
                href: file(*l, 1),
                count: list.len(),
                feed: None,
                current: current == Some(*l),
            })
            .collect()
    };
    let mut pages = vec![(
        "authorities.html".to_string(),
        BrowsePage {
            kind: "authorities",
            title: by(w, body),
            letters: letters(None),
            sections: Vec::new(),
            pager: None,
        },
    )];
    for (l, list) in &by_letter {
        let chunks: Vec<&[&Group]> = list.chunks(AUTHORITIES_PER_PAGE).collect();
        for (i, chunk) in chunks.iter().enumerate() {
            let mut pager = Pager::new(i + 1, chunks.len(), list.len(), |n| file(*l, n));
            let from = i * AUTHORITIES_PER_PAGE;
            (pager.from, pager.to) = (from + 1, from + chunk.len());
            let label = l.map_or("other characters".to_string(), String::from);
            let page = BrowsePage {
                kind: "authorities",
                title: format!("{body}: {label}"),
                letters: letters(Some(*l)),
                sections: vec![Section {
                    heading: None,
                    links: chunk.iter().map(|g| Link::to(g)).collect(),
                }],
                pager: (chunks.len() > 1).then_some(pager),
            };
            pages.push((file(*l, i + 1), page));
        }
    }
    pages
}

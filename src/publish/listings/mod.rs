//! The listings stage: pages that list decisions, readable without JavaScript, none larger
//! than about 100 KB however large the library. `index.html` shows the newest decisions;
//! `browse/` holds every decision page by page (`all-N.html`) and by year, category area,
//! category subject, authority and value of each fact the office files by
//! (`year-2022-N.html`, `area-housing-N.html`, `subject-housing--homelessness-N.html`,
//! `authority-leeds-city-council-N.html`, `fact-tenure--assured-N.html`), each [`PAGE_SIZE`]
//! decisions a page, newest first, with index pages of the years, areas and subjects,
//! authorities A–Z and each fact's values (`years.html`, `areas.html`, `authorities.html`,
//! `authorities-l-N.html`, `fact-tenure.html`) with their counts. Every page is planned with a key (see
//! `outputs`), so a republish makes again only the pages whose decisions changed.

mod browse;
mod groups;
mod names;
mod pages;

use super::outputs::{Key, Planned};
use super::row::Published;
use crate::templates::Templates;
use anyhow::Result;
use pages::{Pager, Site};

pub use groups::{FactGroups, Group, Groups, PAGE_SIZE};
pub use names::{filing_key, slugify};
pub use pages::{OfficeView, NAV};

/// Plans every listing page of the site: `index.html`, each list's pages, and the index pages
/// of the lists.
pub fn plan<'a>(
    list: &'a [Published<'a>],
    groups: &'a Groups,
    templates: &'a Templates,
    formats: &'a [String],
) -> Result<Vec<Planned<'a>>> {
    let site = Site::new(templates, formats, groups);
    let mut planned = vec![home(list, site)];
    for group in groups.lists() {
        for n in 1..=group.pages() {
            planned.push(page(list, group, n, site));
        }
    }
    planned.extend(browse::plan(groups, &site)?);
    Ok(planned)
}

/// The key of a page showing `members` of `list`: what each decision is (its text's hash
/// covers every fact an item shows) and `what` else the page says.
fn key(kind: &str, list: &[Published], members: &[u32], what: &[&str]) -> Key {
    let mut key = Key::new(kind);
    for part in what {
        key.add(part.as_bytes());
    }
    for &i in members {
        let p = &list[i as usize];
        key.add(p.row.slug().as_bytes()).add(&p.content_hash.0);
    }
    key
}

/// `index.html`: the newest decisions, with the ways to browse the rest.
fn home<'a>(list: &'a [Published<'a>], site: Site<'a>) -> Planned<'a> {
    let shown: Vec<u32> = (0..list.len().min(PAGE_SIZE) as u32).collect();
    let total = list.len().to_string();
    let key = key("home", list, &shown, &[&total]).finish();
    Planned {
        path: "index.html".to_string(),
        key,
        make: Box::new(move || {
            let items: Vec<&Published> = shown.iter().map(|&i| &list[i as usize]).collect();
            let more = (list.len() > PAGE_SIZE).then(|| format!("{}all-2.html", NAV.browse));
            site.home(&items, list.len(), more)
        }),
    }
}

/// Page `n` of a list.
fn page<'a>(list: &'a [Published<'a>], group: &'a Group, n: usize, site: Site<'a>) -> Planned<'a> {
    let start = (n - 1) * PAGE_SIZE;
    let members = &group.members[start..(start + PAGE_SIZE).min(group.members.len())];
    let (number, pages, count) = (
        n.to_string(),
        group.pages().to_string(),
        group.members.len().to_string(),
    );
    let parent = group
        .parent
        .as_ref()
        .map_or("", |(label, _)| label.as_str());
    let what = [
        group.kind,
        &group.slug,
        &group.label,
        parent,
        &number,
        &pages,
        &count,
    ];
    let key = key("listing", list, members, &what).finish();
    Planned {
        path: format!("{}{}", NAV.browse, group.page_file(n)),
        key,
        make: Box::new(move || {
            let items: Vec<&Published> = members.iter().map(|&i| &list[i as usize]).collect();
            let pager = Pager::new(n, group.pages(), group.members.len(), |k| {
                group.page_file(k)
            });
            site.listing(group, &items, &pager)
        }),
    }
}

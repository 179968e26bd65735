//! Listing pages made with the templates: `index.html` (the home page), `listing.html` (a
//! page of a list) and `browse.html` (an index of lists), all extending `site.html`, with
//! one `index-item.html` per decision shown. The templates see view structs made for them.

use super::super::row::Published;
use super::groups::{Group, Groups, PAGE_SIZE};
use crate::templates::{error_chain, Templates};
use anyhow::{anyhow, Result};
use serde::Serialize;

/// The site's fixed addresses, relative to its root: templates put `root` before them.
#[derive(Serialize)]
pub struct Nav {
    pub home: &'static str,
    pub search: &'static str,
    pub browse: &'static str,
    pub years: &'static str,
    pub areas: &'static str,
    pub authorities: &'static str,
    pub feed: &'static str,
    pub json: &'static str,
    pub csv: &'static str,
}

pub const NAV: Nav = Nav {
    home: "index.html",
    search: "search.html",
    browse: "browse/",
    years: "browse/years.html",
    areas: "browse/areas.html",
    authorities: "browse/authorities.html",
    feed: "feed.xml",
    json: "decisions.json",
    csv: "decisions.csv",
};

/// The longest summary an item shows, in characters; longer ones are cut at a word.
const EXCERPT: usize = 500;

/// What every page is made with.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    templates: &'a Templates,
    formats: &'a [String],
    groups: &'a Groups,
}

/// The office as the site's pages name it (`office` in the templates): its name, what it
/// calls the body complained about and its categories, and the facts it files decisions by,
/// each with its browse page (relative to the site's root).
#[derive(Serialize)]
pub struct OfficeView<'a> {
    pub name: &'a str,
    pub body: &'a str,
    pub categories: &'a str,
    pub facts: Vec<FactLink<'a>>,
}

#[derive(Serialize)]
pub struct FactLink<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub href: String,
}

impl<'a> OfficeView<'a> {
    pub fn new(templates: &'a Templates, groups: &'a Groups) -> OfficeView<'a> {
        let office = &templates.office;
        OfficeView {
            name: &templates.wording.ombudsman,
            body: &office.body.label,
            categories: &office.categories.label,
            facts: groups
                .facts
                .iter()
                .map(|f| FactLink {
                    key: &f.key,
                    label: &f.label,
                    href: format!("{}{}", NAV.browse, f.index_file()),
                })
                .collect(),
        }
    }
}

/// The paging of a list, as the templates see it; addresses relative to `browse/`.
#[derive(Serialize)]
pub struct Pager {
    pub number: usize,
    pub pages: usize,
    pub total: usize,
    /// The first and last decision shown, counted from 1.
    pub from: usize,
    pub to: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Links to the first and last pages and those near this one.
    pub links: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
    /// Pages are left out before this one.
    pub gap: bool,
}

impl Pager {
    pub fn new(n: usize, pages: usize, total: usize, file: impl Fn(usize) -> String) -> Pager {
        let near = |k: usize| k == 1 || k == pages || k.abs_diff(n) <= 2;
        let mut links = Vec::new();
        let mut last = 0;
        for k in (1..=pages).filter(|&k| near(k)) {
            links.push(PageLink {
                number: k,
                href: file(k),
                current: k == n,
                gap: k > last + 1,
            });
            last = k;
        }
        let size = PAGE_SIZE;
        Pager {
            number: n,
            pages,
            total,
            from: ((n - 1) * size + 1).min(total),
            to: (n * size).min(total),
            prev: (n > 1).then(|| file(n - 1)),
            next: (n < pages).then(|| file(n + 1)),
            links,
        }
    }
}

/// A list as a page shows it.
#[derive(Serialize)]
struct ListView<'a> {
    kind: &'a str,
    label: &'a str,
    /// "Decisions of 2022", "Decisions about Housing: Homelessness".
    heading: String,
    /// A subject's area, and the file of its first page.
    parent: Option<(&'a str, String)>,
    count: usize,
    /// Relative to the site root.
    feed: Option<String>,
}

impl<'a> Site<'a> {
    pub fn new(templates: &'a Templates, formats: &'a [String], groups: &'a Groups) -> Site<'a> {
        Site {
            templates,
            formats,
            groups,
        }
    }

    pub fn office(&self) -> &'a crate::office::Office {
        &self.templates.office
    }

    /// The wording of the site's pages: the office's own language.
    pub fn words(&self) -> &'a crate::templates::Wording {
        &self.templates.wording
    }

    /// What every template sees: `w`, `formats`, `nav` and `root` (the way from the page
    /// to the site's root, `""` or `"../"`).
    fn context(&self, root: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("w", &self.templates.wording);
        ctx.insert("lang", &self.templates.office.lang);
        ctx.insert("formats", self.formats);
        ctx.insert("nav", &NAV);
        ctx.insert("root", root);
        ctx.insert("office", &OfficeView::new(self.templates, self.groups));
        ctx
    }

    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(64 * 1024);
        self.templates
            .tera
            .render_to(name, ctx, &mut out)
            .map_err(|e| anyhow!("the template {name} failed: {}", error_chain(&e)))?;
        Ok(out)
    }

    /// The items of `list`, each made by `index-item.html`, which sees `d` (the decision),
    /// `excerpt` (its summary, cut short) and what every template sees.
    fn items(&self, root: &str, list: &[&Published]) -> Result<String> {
        let mut ctx = self.context(root);
        let mut out = String::new();
        for p in list {
            ctx.insert("d", p);
            ctx.insert("excerpt", &excerpt(p.row.summary()));
            let item = self.render("index-item.html", &ctx)?;
            out.push_str(&String::from_utf8_lossy(&item));
        }
        Ok(out)
    }

    /// `index.html`: the newest decisions `list` of `total`; `more`: the next page.
    pub fn home(&self, list: &[&Published], total: usize, more: Option<String>) -> Result<Vec<u8>> {
        let mut ctx = self.context("");
        ctx.insert("decisions", &self.items("", list)?);
        ctx.insert("shown", &list.len());
        ctx.insert("count", &total);
        ctx.insert("more", &more);
        self.render("index.html", &ctx)
    }

    /// A page of `group`, showing `list`.
    pub fn listing(&self, group: &Group, list: &[&Published], pager: &Pager) -> Result<Vec<u8>> {
        let mut ctx = self.context("../");
        let w = &self.templates.wording;
        let heading = match (group.kind, &group.parent) {
            ("all", _) => w.site("all", &[]),
            ("year", _) => w.site("of_year", &[("what", &group.label)]),
            ("subject" | "fact", Some((parent, _))) => {
                w.site("about", &[("what", &format!("{parent}: {}", group.label))])
            }
            _ => w.site("about", &[("what", &group.label)]),
        };
        let view = ListView {
            kind: group.kind,
            label: &group.label,
            heading,
            parent: group.parent.as_ref().map(|(label, slug)| {
                let file = if group.kind == "fact" {
                    format!("fact-{slug}.html")
                } else {
                    format!("area-{slug}-1.html")
                };
                (label.as_str(), file)
            }),
            count: group.members.len(),
            feed: group.feed(),
        };
        ctx.insert("list", &view);
        ctx.insert("pager", pager);
        ctx.insert("decisions", &self.items("../", list)?);
        self.render("listing.html", &ctx)
    }

    /// A page of `browse.html` with `page` as its view.
    pub fn browse(&self, page: &impl Serialize) -> Result<Vec<u8>> {
        let mut ctx = self.context("../");
        ctx.insert("page", page);
        self.render("browse.html", &ctx)
    }
}

/// A summary cut to at most [`EXCERPT`] characters, at a space, with an ellipsis.
pub fn excerpt(summary: &str) -> String {
    if summary.chars().count() <= EXCERPT {
        return summary.to_string();
    }
    let cut: String = summary.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("Short."), "Short.");
        let long = "word ".repeat(200);
        let e = excerpt(&long);
        assert!(
            e.ends_with("word…") && e.chars().count() <= EXCERPT + 1,
            "{e}"
        );
    }

    #[test]
    fn pagers_show_the_ends_and_the_near_pages() {
        let p = Pager::new(10, 20, 1000, |k| format!("p{k}"));
        let numbers: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 8, 9, 10, 11, 12, 20]);
        assert!(p.links[1].gap && !p.links[2].gap && p.links[6].gap);
        assert_eq!((p.from, p.to), (451, 500));
        assert_eq!(
            (p.prev.as_deref(), p.next.as_deref()),
            (Some("p9"), Some("p11"))
        );
        let one = Pager::new(1, 1, 3, |k| format!("p{k}"));
        assert_eq!((one.from, one.to, one.prev, one.next), (1, 3, None, None));
    }
}

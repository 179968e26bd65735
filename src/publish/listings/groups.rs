//! The lists of the site: all decisions, and those of each year, category area, subject and
//! authority, each newest first, with the file names of their pages.

use super::super::row::Published;
use super::names;
use std::collections::BTreeMap;

/// Decisions on one listing page.
pub const PAGE_SIZE: usize = 50;

/// A list of decisions: all of them, or those of one year, area, subject or authority.
pub struct Group {
    /// `all`, `year`, `area`, `subject` or `authority`.
    pub kind: &'static str,
    /// Unique among its kind; empty for `all`.
    pub slug: String,
    /// What a reader sees: `2022`, `Housing`, `Homelessness`, `Leeds City Council`.
    pub label: String,
    /// A subject's area: its label and slug.
    pub parent: Option<(String, String)>,
    /// Indexes into the list, newest first.
    pub members: Vec<u32>,
}

impl Group {
    fn new(kind: &'static str, slug: String, label: &str) -> Group {
        Group {
            kind,
            slug,
            label: label.to_string(),
            parent: None,
            members: Vec::new(),
        }
    }

    /// The file of page `n` (from 1), relative to `browse/`.
    pub fn page_file(&self, n: usize) -> String {
        if self.slug.is_empty() {
            format!("{}-{n}.html", self.kind)
        } else {
            format!("{}-{}-{n}.html", self.kind, self.slug)
        }
    }

    pub fn pages(&self) -> usize {
        self.members.len().div_ceil(PAGE_SIZE).max(1)
    }

    /// The group's feed, relative to the site root: areas and authorities have one.
    pub fn feed(&self) -> Option<String> {
        matches!(self.kind, "area" | "authority")
            .then(|| format!("feeds/{}-{}.xml", self.kind, self.slug))
    }
}

/// An area with its subjects.
pub struct Area {
    pub group: Group,
    pub subjects: Vec<Group>,
}

/// An area's decisions, and its subjects' by subject.
type AreaMembers<'a> = (Vec<u32>, BTreeMap<&'a str, Vec<u32>>);

/// Every list of the site.
pub struct Groups {
    pub all: Group,
    /// Newest year first.
    pub years: Vec<Group>,
    /// In alphabetical order, as are their subjects.
    pub areas: Vec<Area>,
    /// In alphabetical order.
    pub authorities: Vec<Group>,
}

impl Groups {
    /// The lists of `list`, which is sorted newest first.
    pub fn new(list: &[Published]) -> Groups {
        let mut all = Group::new("all", String::new(), "All decisions");
        let mut years: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
        let mut areas: BTreeMap<&str, AreaMembers> = BTreeMap::new();
        let mut authorities: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (i, p) in list.iter().enumerate() {
            let i = i as u32;
            all.members.push(i);
            years.entry(p.row.year()).or_default().push(i);
            let area = areas.entry(p.row.category_area()).or_default();
            area.0.push(i);
            area.1.entry(p.row.category_subject()).or_default().push(i);
            authorities.entry(p.row.authority()).or_default().push(i);
        }
        let years = years
            .into_iter()
            .rev()
            .map(|(year, members)| Group {
                members,
                ..Group::new("year", year.to_string(), &year.to_string())
            })
            .collect();
        let mut slugs = names::Slugs::default();
        let areas = areas
            .into_iter()
            .map(|(label, (members, subjects))| {
                let slug = slugs.take(label);
                let mut subject_slugs = names::Slugs::default();
                let subjects = subjects
                    .into_iter()
                    .map(|(name, members)| Group {
                        members,
                        parent: Some((label.to_string(), slug.clone())),
                        ..Group::new(
                            "subject",
                            format!("{slug}--{}", subject_slugs.take(name)),
                            name,
                        )
                    })
                    .collect();
                let group = Group {
                    members,
                    ..Group::new("area", slug, label)
                };
                Area { group, subjects }
            })
            .collect();
        let mut slugs = names::Slugs::default();
        let authorities = authorities
            .into_iter()
            .map(|(label, members)| Group {
                members,
                ..Group::new("authority", slugs.take(label), label)
            })
            .collect();
        Groups {
            all,
            years,
            areas,
            authorities,
        }
    }

    /// Every list whose pages are listings.
    pub fn lists(&self) -> impl Iterator<Item = &Group> {
        let areas = self
            .areas
            .iter()
            .flat_map(|a| std::iter::once(&a.group).chain(&a.subjects));
        std::iter::once(&self.all)
            .chain(&self.years)
            .chain(areas)
            .chain(&self.authorities)
    }
}

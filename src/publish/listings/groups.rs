//! The lists of the site: all decisions, and those of each year, category area, subject,
//! authority and value of the office's facts, each newest first, with the file names of their
//! pages. A decision of several categories is in the list of each.

use super::super::row::Published;
use super::names;
use std::collections::BTreeMap;

/// Decisions on one listing page.
pub const PAGE_SIZE: usize = 50;

/// A list of decisions: all of them, or those of one year, area, subject or authority.
pub struct Group {
    /// `all`, `year`, `area`, `subject`, `authority` or `fact`.
    pub kind: &'static str,
    /// Unique among its kind; empty for `all`.
    pub slug: String,
    /// What a reader sees: `2022`, `Housing`, `Homelessness`, `Leeds City Council`.
    pub label: String,
    /// A subject's area, or a fact value's fact: its label and slug.
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

/// One of the office's facts, with a list for each of its values.
pub struct FactGroups {
    pub key: String,
    pub label: String,
    /// Unique among the facts: the fact's browse page is `fact-<slug>.html`.
    pub slug: String,
    /// In the office's order of values, then alphabetical.
    pub values: Vec<Group>,
}

impl FactGroups {
    /// The fact's index page, relative to `browse/`.
    pub fn index_file(&self) -> String {
        format!("fact-{}.html", self.slug)
    }
}

/// An area with its subjects.
pub struct Area {
    pub group: Group,
    pub subjects: Vec<Group>,
}

/// An area's decisions, and its subjects' by subject.
type AreaMembers<'a> = (Vec<u32>, ByName<'a>);

/// Decisions filed by a name that is written freely (a subject, an authority, a fact's value):
/// names that differ only in capitals or spaces are one list, shown as the newest decision
/// writes it, and the lists go in alphabetical order regardless of capitals.
#[derive(Default)]
struct ByName<'a>(BTreeMap<String, (&'a str, Vec<u32>)>);

impl<'a> ByName<'a> {
    /// Files decision `i` under `name`; decisions come newest first, each once a name.
    fn add(&mut self, name: &'a str, i: u32) {
        let (_, members) = self
            .0
            .entry(names::filing_key(name))
            .or_insert((name, Vec::new()));
        if members.last() != Some(&i) {
            members.push(i);
        }
    }

    fn into_lists(self) -> impl Iterator<Item = (&'a str, Vec<u32>)> {
        self.0.into_values()
    }
}

/// Every list of the site.
pub struct Groups {
    pub all: Group,
    /// Newest year first.
    pub years: Vec<Group>,
    /// In alphabetical order, as are their subjects.
    pub areas: Vec<Area>,
    /// In alphabetical order.
    pub authorities: Vec<Group>,
    /// The office's facts that the site files decisions by, in its order.
    pub facts: Vec<FactGroups>,
}

impl Groups {
    /// The lists of `list`, which is sorted newest first; `facts` are the office's facts
    /// that the site files by.
    pub fn new(list: &[Published], facts: &[&crate::office::Fact]) -> Groups {
        let mut all = Group::new("all", String::new(), "All decisions");
        let mut years: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
        let mut areas: BTreeMap<&str, AreaMembers> = BTreeMap::new();
        let mut authorities = ByName::default();
        for (i, p) in list.iter().enumerate() {
            let i = i as u32;
            all.members.push(i);
            years.entry(p.row.year()).or_default().push(i);
            for c in &p.row.office.categories {
                let area = areas.entry(&c.area).or_default();
                if area.0.last() != Some(&i) {
                    area.0.push(i);
                }
                if !c.subject.is_empty() {
                    area.1.add(&c.subject, i);
                }
            }
            authorities.add(p.row.authority(), i);
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
                    .into_lists()
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
            .into_lists()
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
            facts: fact_groups(list, facts),
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
            .chain(self.facts.iter().flat_map(|f| &f.values))
    }
}

/// The lists of each fact's values: a value's page is `fact-<fact>--<value>-N.html`.
fn fact_groups(list: &[Published], facts: &[&crate::office::Fact]) -> Vec<FactGroups> {
    let mut fact_slugs = names::Slugs::default();
    facts
        .iter()
        .map(|fact| {
            let mut members = ByName::default();
            for (i, p) in list.iter().enumerate() {
                for v in p.row.office.fact(&fact.key) {
                    members.add(v, i as u32);
                }
            }
            let mut order: Vec<(&str, Vec<u32>)> = members.into_lists().collect();
            let place = |v: &str| fact.values.iter().position(|x| x == v);
            order.sort_by_key(|(v, _)| place(v).unwrap_or(usize::MAX));
            let slug = fact_slugs.take(&fact.key);
            let mut value_slugs = names::Slugs::default();
            let values = order
                .into_iter()
                .map(|(value, members)| Group {
                    members,
                    parent: Some((fact.label.clone(), slug.clone())),
                    ..Group::new(
                        "fact",
                        format!("{slug}--{}", value_slugs.take(value)),
                        value,
                    )
                })
                .collect();
            FactGroups {
                key: fact.key.clone(),
                label: fact.label.clone(),
                slug,
                values,
            }
        })
        .collect()
}

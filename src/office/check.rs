//! The checks of an office file that span fields: the pattern against its example, outcomes
//! against layouts, derive rules against findings; each problem at its key's position.

use super::{CategoryForm, Holds, Office, Overall, Required, FORMAT};
use crate::case::{locate, FieldPath};
use crate::problem::Problem;
use regex::Regex;
use std::collections::BTreeSet;
use std::path::Path;

/// The header lines every office has; a fact's key names one of its own.
pub const HEADER_LINES: [&str; 5] = ["category", "outcome", "decided", "body", "reference"];

/// Every problem of a parsed office file.
pub fn check(office: &Office, file: &Path, src: &str) -> Vec<Problem> {
    let mut c = Checker {
        file,
        src,
        problems: Vec::new(),
    };
    let root = FieldPath::default();
    if office.format != FORMAT {
        let hint = if office.format > FORMAT {
            "this office folder is for a newer version of decisions: update the program"
        } else {
            "run `decisions migrate` on the office folder"
        };
        c.hint(
            &root.key("format"),
            format!("format {} is not {FORMAT}", office.format),
            hint,
        );
    }
    if !is_language_tag(&office.lang) {
        c.add(
            &root.key("lang"),
            format!(
                "`{}` is not a language tag such as `en-GB` or `cy`",
                office.lang
            ),
        );
    }
    c.reference(office);
    c.categories(office);
    c.facts(office);
    c.header(office);
    c.outcomes(office);
    c.parts(office);
    c.layouts(office);
    for (i, label) in office.anonymisation.labels.iter().enumerate() {
        if !label.contains("{letter}") {
            let path = root.key("anonymisation").key("labels").index(i);
            c.add(&path, format!("the label `{label}` has no `{{letter}}`"));
        }
    }
    c.problems
}

struct Checker<'a> {
    file: &'a Path,
    src: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&self, path: &FieldPath, message: String) -> Problem {
        let mut p = Problem::error(self.file, message).field(path.to_string());
        if let Some((line, column, _)) = locate(self.src, path) {
            p = p.at(line, column);
        }
        p
    }

    fn add(&mut self, path: &FieldPath, message: String) {
        let p = self.problem(path, message);
        self.problems.push(p);
    }

    fn hint(&mut self, path: &FieldPath, message: String, hint: &str) {
        let p = self.problem(path, message).hint(hint);
        self.problems.push(p);
    }

    fn reference(&mut self, office: &Office) {
        let path = FieldPath::default().key("reference");
        let rule = &office.reference;
        let re = match regex::RegexBuilder::new(&rule.pattern)
            .size_limit(1 << 20)
            .build()
        {
            Ok(re) => re,
            Err(e) => {
                let first = e.to_string().lines().last().unwrap_or("").to_string();
                let first = first.strip_prefix("error: ").unwrap_or(&first);
                return self.add(
                    &path.key("pattern"),
                    format!("the pattern does not compile: {first}"),
                );
            }
        };
        let names: BTreeSet<&str> = re.capture_names().flatten().collect();
        for key in ["printed", "address"] {
            let form = if key == "printed" {
                &rule.printed
            } else {
                &rule.address
            };
            for group in form.iter().flat_map(|f| placeholders(f)) {
                if !names.contains(group) {
                    self.hint(
                        &path.key(key),
                        format!("`{{{group}}}` is not a named group of the pattern"),
                        "name a group in the pattern with `(?P<name>...)`",
                    );
                }
            }
        }
        if let Err(e) = super::reference_forms(&re, rule, rule.example.trim()) {
            self.add(
                &path.key("example"),
                format!("the example does not fit: {e}"),
            );
        }
    }

    fn categories(&mut self, office: &Office) {
        let path = FieldPath::default().key("categories");
        let cats = &office.categories;
        let (need, other) = match cats.form {
            CategoryForm::AreaSubject => {
                (Some(("areas", &cats.areas)), Some(("values", &cats.values)))
            }
            CategoryForm::List => (Some(("values", &cats.values)), Some(("areas", &cats.areas))),
            CategoryForm::Free => (None, None),
        };
        if let Some((key, list)) = need {
            if list.is_empty() {
                self.add(
                    &path.key(key),
                    format!("this form of category needs `{key}`"),
                );
            }
            self.unique(&path.key(key), list.iter().map(String::as_str));
        }
        for (key, list) in other.into_iter().chain(
            (cats.form == CategoryForm::Free)
                .then_some([("areas", &cats.areas), ("values", &cats.values)])
                .into_iter()
                .flatten(),
        ) {
            if !list.is_empty() {
                self.add(
                    &path.key(key),
                    format!("`{key}` has no use with this form of category"),
                );
            }
        }
    }

    fn facts(&mut self, office: &Office) {
        let path = FieldPath::default().key("facts");
        for (i, fact) in office.facts.iter().enumerate() {
            self.identifier(&path.index(i).key("key"), &fact.key);
            self.unique(
                &path.index(i).key("values"),
                fact.values.iter().map(String::as_str),
            );
        }
        self.unique(&path, office.facts.iter().map(|f| f.key.as_str()));
    }

    fn header(&mut self, office: &Office) {
        let path = FieldPath::default().key("header");
        let known: Vec<&str> = HEADER_LINES
            .iter()
            .copied()
            .chain(office.facts.iter().map(|f| f.key.as_str()))
            .collect();
        for (i, key) in office.header.iter().enumerate() {
            if !known.contains(&key.as_str()) {
                let hint = crate::problem::suggest(key, known.iter().copied());
                self.hint(
                    &path.index(i),
                    format!("`{key}` is not a header line"),
                    &hint,
                );
            }
        }
        self.unique(&path, office.header.iter().map(String::as_str));
    }

    fn outcomes(&mut self, office: &Office) {
        let path = FieldPath::default().key("outcomes");
        if office.outcomes.is_empty() {
            self.add(&path, "an office needs at least one outcome".into());
        }
        for (key, outcome) in &office.outcomes {
            if !office.layouts.contains_key(&outcome.layout) {
                let known = office.layouts.keys().map(String::as_str);
                let hint = crate::problem::suggest(&outcome.layout, known);
                self.hint(
                    &path.key(key).key("layout"),
                    format!("there is no layout `{}`", outcome.layout),
                    &hint,
                );
            }
        }
    }

    fn parts(&mut self, office: &Office) {
        let Some(parts) = &office.parts else { return };
        let path = FieldPath::default().key("parts");
        if parts.findings.is_empty() {
            self.add(
                &path.key("findings"),
                "parts need at least one finding".into(),
            );
        }
        match parts.overall {
            Overall::Derived if parts.derive.is_empty() => self.add(
                &path.key("derive"),
                "an outcome derived from the parts needs `derive` rules".into(),
            ),
            Overall::Given if !parts.derive.is_empty() => self.hint(
                &path.key("derive"),
                "`derive` rules have no use when the outcome is given".into(),
                "set `overall: derived`, or remove `derive`",
            ),
            _ => {}
        }
        for (i, rule) in parts.derive.iter().enumerate() {
            let p = path.key("derive").index(i);
            for (j, f) in rule.of.iter().enumerate() {
                if !parts.findings.contains_key(f) {
                    self.add(
                        &p.key("of").index(j),
                        format!("there is no finding `{f}` in `parts.findings`"),
                    );
                }
            }
            if !office.outcomes.contains_key(&rule.outcome) {
                self.add(
                    &p.key("outcome"),
                    format!("there is no outcome `{}`", rule.outcome),
                );
            }
        }
    }

    fn layouts(&mut self, office: &Office) {
        let root = FieldPath::default().key("layouts");
        if office.layouts.is_empty() {
            self.add(&root, "an office needs at least one layout".into());
        }
        for (name, layout) in &office.layouts {
            let path = root.key(name).key("sections");
            if layout.sections.is_empty() {
                self.add(&path, "a layout needs at least one section".into());
            }
            self.unique(&path, layout.sections.iter().map(|s| s.key.as_str()));
            for (i, s) in layout.sections.iter().enumerate() {
                let p = path.index(i);
                self.identifier(&p.key("key"), &s.key);
                // A case file reads a section before it knows its layout.
                if let Some(first) = office.section_def(&s.key) {
                    let columns = |d: &crate::office::SectionDef| -> Vec<String> {
                        d.columns.iter().map(|c| c.key.clone()).collect()
                    };
                    if first.holds != s.holds || columns(first) != columns(s) {
                        self.add(
                            &p.key("holds"),
                            format!(
                                "section `{}` holds something else in another layout; a key holds the same in every layout",
                                s.key
                            ),
                        );
                    }
                }
                let only = s.only.iter().map(|o| ("only", o));
                let listed = [("required", &s.required), ("expected", &s.expected)]
                    .into_iter()
                    .filter_map(|(field, which)| match which {
                        Required::For(outcomes) => Some((field, outcomes)),
                        Required::Always(_) => None,
                    });
                for (field, outcomes) in listed.chain(only) {
                    for (j, o) in outcomes.iter().enumerate() {
                        if !office.outcomes.contains_key(o) {
                            self.add(&p.key(field).index(j), format!("there is no outcome `{o}`"));
                        }
                    }
                }
                if s.subheadings > 2 {
                    self.add(
                        &p.key("subheadings"),
                        "at most 2 levels of sub-headings".into(),
                    );
                }
                match (s.holds, s.columns.is_empty()) {
                    (Holds::Table, true) => {
                        self.add(&p.key("holds"), "a table needs `columns`".into())
                    }
                    (Holds::Table, false) => {
                        self.unique(&p.key("columns"), s.columns.iter().map(|c| c.key.as_str()))
                    }
                    (_, false) => self.add(&p.key("columns"), "only a table has `columns`".into()),
                    _ => {}
                }
                if s.holds == Holds::Parts && office.parts.is_none() {
                    self.add(
                        &p.key("holds"),
                        "a section of parts needs `parts` in the office".into(),
                    );
                }
            }
        }
    }

    /// A key a case file will use: lower case, digits and `_`, and not a fixed case key.
    fn identifier(&mut self, path: &FieldPath, key: &str) {
        let re = Regex::new("^[a-z][a-z0-9_]*$").expect("a valid pattern");
        if !re.is_match(key) {
            self.add(
                path,
                format!("`{key}` is not a key: use lower-case letters, digits and `_`"),
            );
        } else if crate::case::HEADER.contains(&key) {
            self.add(
                path,
                format!("`{key}` is a field of every case file and cannot be used here"),
            );
        }
    }

    fn unique<'s>(&mut self, path: &FieldPath, items: impl Iterator<Item = &'s str>) {
        let mut seen = BTreeSet::new();
        for (i, item) in items.enumerate() {
            if !seen.insert(item) {
                self.add(&path.index(i), format!("`{item}` is given twice"));
            }
        }
    }
}

/// The `{name}`s of a printed or address form.
fn placeholders(form: &str) -> Vec<&str> {
    form.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

/// A BCP 47 tag in its usual short forms: `en`, `en-GB`, `cy`, `gd-GB`.
fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

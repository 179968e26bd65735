//! The office: what one ombudsman's decisions record and how its statements are laid out, read
//! from the `office.yaml` of an office folder (the LGSCO's is built in).
//!
//! `load` reads and checks a folder's file, with the file, line, column and key path of every
//! problem; the types here are what the rest of the pipeline asks of an office. The file is
//! documented field by field in `docs/office.md`.

mod check;
mod load;
pub mod schema;

pub use load::{check_shape, load, parse_str, read_folder, FolderFile, BUILT_IN};

use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The office folder format this program reads.
pub const FORMAT: u32 = 1;

/// One ombudsman's office, as its `office.yaml` declares it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// The office folder format, `1`; a later format comes with `decisions migrate`.
    pub format: u32,
    /// The office's name, e.g. `Housing Ombudsman Service`; the author of its documents.
    pub name: String,
    /// A short name for addresses and filters, e.g. `HOS`.
    #[serde(default)]
    pub short_name: Option<String>,
    /// The language of its statements, as a BCP 47 tag: `en-GB`, `cy`.
    pub lang: String,
    pub reference: ReferenceRule,
    pub body: BodyRule,
    #[serde(default)]
    pub dates: DateRule,
    pub categories: CategoryRule,
    /// Whether a case must give a summary, printed under the statement's heading.
    #[serde(default = "yes")]
    pub summary: bool,
    /// Header facts beyond the reference, body, category, outcome and date.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The statement's header lines in print order, each `category`, `outcome`, `decided`,
    /// `body`, `reference` or a fact's key. Default: category, outcome, date, then the printed
    /// facts.
    #[serde(default)]
    pub header: Vec<String>,
    /// The outcomes of a whole decision, by the key a case file gives.
    pub outcomes: BTreeMap<String, OutcomeDef>,
    /// Outcomes per part of the complaint, for offices that decide part by part.
    #[serde(default)]
    pub parts: Option<PartsRule>,
    /// The statement layouts, by name.
    pub layouts: BTreeMap<String, LayoutDef>,
    #[serde(default)]
    pub anonymisation: AnonymisationRule,
    /// The reference pattern, compiled on first use and kept for the run.
    #[serde(skip)]
    #[schemars(skip)]
    compiled: std::sync::OnceLock<Regex>,
}

/// How references are written, printed and turned into addresses.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceRule {
    /// A regular expression the whole reference must match; named groups such as
    /// `(?P<year>\d{2})` can be used in `printed` and `address`.
    pub pattern: String,
    /// A real reference of the office, shown in messages and checked against the pattern.
    pub example: String,
    /// The printed form, with `{group}` for the pattern's named groups; default the reference.
    #[serde(default)]
    pub printed: Option<String>,
    /// The form used in web addresses and folder names; letters, digits, `-` and `_` only.
    #[serde(default)]
    pub address: Option<String>,
}

/// The body complained about.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyRule {
    /// What the office calls it: `Authority`, `Landlord`, `Organisation`.
    pub label: String,
}

/// How precise a decision date is.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRule {
    #[serde(default)]
    pub precision: DatePrecision,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DatePrecision {
    /// `2022-03-10`
    #[default]
    Day,
    /// `2015-01`, printed as a month: "January 2015".
    Month,
}

/// The office's categories: a fixed list, areas with subjects, or free text.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryRule {
    /// What the office calls them: `Category`, `Sector`, `Subject`.
    pub label: String,
    pub form: CategoryForm,
    /// Whether a case may have several.
    #[serde(default)]
    pub many: bool,
    /// For `area-subject`: the areas; the subject after `>` is free.
    #[serde(default)]
    pub areas: Vec<String>,
    /// For `list`: the categories a case chooses from.
    #[serde(default)]
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CategoryForm {
    /// `Area > Subject`, the area from `areas`.
    AreaSubject,
    /// One of `values`.
    List,
    /// Any text.
    Free,
}

/// A header fact of the office's own, such as a landlord type.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The case file's key under `facts:`, e.g. `landlord_type`.
    pub key: String,
    /// As printed in the header and on the site's filters.
    pub label: String,
    /// The values a case chooses from; any text when absent.
    #[serde(default)]
    pub values: Vec<String>,
    /// Whether a case may give several.
    #[serde(default)]
    pub many: bool,
    #[serde(default)]
    pub required: bool,
    /// Whether the statement's header prints it.
    #[serde(default = "yes")]
    pub printed: bool,
    /// Whether the published library filters by it.
    #[serde(default = "yes")]
    pub filter: bool,
}

fn yes() -> bool {
    true
}

/// One outcome of a whole decision.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    /// As printed, e.g. `Closed after initial enquiries`.
    pub label: String,
    /// The layout a decision with this outcome takes.
    pub layout: String,
}

/// Findings made on each part of a complaint, and how they make the decision's outcome.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartsRule {
    /// The findings a part can have, by key, with their printed labels.
    pub findings: BTreeMap<String, String>,
    /// Whether the decision's outcome is given by the case or derived from its parts.
    #[serde(default)]
    pub overall: Overall,
    /// For `derived`: rules tried in order; the first that matches gives the outcome.
    #[serde(default)]
    pub derive: Vec<DeriveRule>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Overall {
    #[default]
    Given,
    Derived,
}

/// "When all (or any) of the parts' findings are among `of`, the outcome is `outcome`."
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeriveRule {
    pub when: Quantifier,
    pub of: Vec<String>,
    pub outcome: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Quantifier {
    All,
    Any,
}

/// A statement layout: its sections in the order they print.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LayoutDef {
    #[serde(default)]
    pub numbering: Numbering,
    pub sections: Vec<SectionDef>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// 1, 2, 3 … through the whole statement.
    #[default]
    Continuous,
    /// No paragraph numbers.
    None,
}

/// One section of a layout.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// The case file's field, and the key of the section's title in wording.yaml `sections`.
    pub key: String,
    /// What the section holds.
    #[serde(default)]
    pub holds: Holds,
    /// `true`, `false`, or the outcomes that need it.
    #[serde(default)]
    pub required: Required,
    /// `true`, `false`, or the outcomes whose decisions nearly always have it, though some
    /// leave it out: a decision without it is built, with a warning.
    #[serde(default)]
    pub expected: Required,
    /// The only outcomes whose decisions may have it (the SPSO's "Recommendations" with the
    /// outcomes "…, recommendations"); default: any.
    #[serde(default)]
    pub only: Option<Vec<String>>,
    /// Whether its paragraphs are numbered; default: as the layout's `numbering`.
    #[serde(default)]
    pub numbered: Option<bool>,
    /// How many levels of sub-headings it may have (0 to 2).
    #[serde(default)]
    pub subheadings: u8,
    /// For `table`: the columns, in order.
    #[serde(default)]
    pub columns: Vec<Column>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Holds {
    /// Paragraphs, with lettered points and bullets.
    #[default]
    Paragraphs,
    /// Complaint areas with a finding on each (the LGSCO's "My assessment").
    Areas,
    /// Parts of the complaint, each with its finding from `parts.findings`.
    Parts,
    /// Actions: narrative paragraphs, or actions grouped by deadline.
    Actions,
    /// A table with the section's `columns`.
    Table,
}

/// Whether a section must be present (or is expected to be).
#[derive(Debug, Clone, PartialEq, Eq, JsonSchema)]
#[serde(untagged)]
pub enum Required {
    Always(bool),
    /// Needed when the decision's outcome is one of these.
    For(Vec<String>),
}

// By hand rather than untagged, so that a wrong value is named at its own key.
impl<'de> Deserialize<'de> for Required {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Required;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`true`, `false` or a list of outcomes")
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Required, E> {
                Ok(Required::Always(b))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Required, A::Error> {
                let mut outcomes = Vec::new();
                while let Some(o) = seq.next_element::<String>()? {
                    outcomes.push(o);
                }
                Ok(Required::For(outcomes))
            }
        }
        d.deserialize_any(V)
    }
}

impl Default for Required {
    fn default() -> Self {
        Required::Always(false)
    }
}

impl Required {
    /// Whether a decision with `outcome` needs the section.
    pub fn applies(&self, outcome: &str) -> bool {
        match self {
            Required::Always(b) => *b,
            Required::For(outcomes) => outcomes.iter().any(|o| o == outcome),
        }
    }
}

/// A column of a table section.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The key of a row's cell in the case file, e.g. `due`.
    pub key: String,
    /// The header cell.
    pub label: String,
}

/// The office's own rules for naming people.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnonymisationRule {
    /// Titles that may stand before a person's letter.
    #[serde(default = "default_titles")]
    pub titles: Vec<String>,
    /// Labels besides a title and a letter, with `{letter}`: `Child {letter}`, `Resident {letter}`.
    #[serde(default)]
    pub labels: Vec<String>,
    /// How the letter `A` as a person's label is taken.
    #[serde(default)]
    pub letter_a: LetterA,
    /// Whether members of one family may share a letter under different titles ("Mr and Mrs
    /// A"), as the Welsh and Scottish offices write; otherwise each person has a letter.
    #[serde(default)]
    pub family_letters: bool,
    /// "Mr X", "Resident B": a title or label, then a letter; compiled on first use and kept
    /// for the run.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) titled: std::sync::OnceLock<Regex>,
}

impl Default for AnonymisationRule {
    fn default() -> Self {
        AnonymisationRule {
            titles: default_titles(),
            labels: Vec::new(),
            letter_a: LetterA::default(),
            family_letters: false,
            titled: std::sync::OnceLock::new(),
        }
    }
}

fn default_titles() -> Vec<String> {
    ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"]
        .map(String::from)
        .to_vec()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LetterA {
    /// Refused wherever it stands.
    Refuse,
    /// Refused unless the person is declared in the case's `people`, then only warned of.
    #[default]
    WarnIfDeclared,
    /// A letter like any other.
    Allow,
}

/// A reference checked against its office's pattern, in its three forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeReference {
    /// As the case file writes it.
    pub raw: String,
    pub printed: String,
    pub address: String,
}

impl Office {
    /// The compiled reference pattern; `load` has checked that it compiles.
    fn pattern(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Regex::new(&self.reference.pattern).expect("checked when the office was loaded")
        })
    }

    /// Checks `raw` against the office's reference pattern and makes its printed and address
    /// forms.
    pub fn reference(&self, raw: &str) -> Result<OfficeReference, String> {
        reference_forms(self.pattern(), &self.reference, raw.trim())
    }

    /// The section `key` as the office's layouts declare it (the same in every layout that
    /// has it, as `load` checks).
    pub fn section_def(&self, key: &str) -> Option<&SectionDef> {
        self.layouts
            .values()
            .flat_map(|l| &l.sections)
            .find(|s| s.key == key)
    }

    /// Every section key of the office's layouts, once each.
    pub fn section_keys(&self) -> impl Iterator<Item = &str> {
        let mut keys: Vec<&str> = Vec::new();
        for s in self.layouts.values().flat_map(|l| &l.sections) {
            if !keys.contains(&s.key.as_str()) {
                keys.push(&s.key);
            }
        }
        keys.into_iter()
    }

    /// The layout a decision with `outcome` takes.
    pub fn layout_of(&self, outcome: &str) -> Option<&str> {
        self.outcomes.get(outcome).map(|o| o.layout.as_str())
    }

    /// The outcome that the parts' findings give, by the first rule that matches.
    pub fn derive_outcome<'a>(&'a self, findings: &[&str]) -> Option<&'a str> {
        let parts = self.parts.as_ref()?;
        if findings.is_empty() {
            return None;
        }
        parts.derive.iter().find_map(|rule| {
            let among = |f: &&str| rule.of.iter().any(|o| o == f);
            let hit = match rule.when {
                Quantifier::All => findings.iter().all(among),
                Quantifier::Any => findings.iter().any(among),
            };
            hit.then_some(rule.outcome.as_str())
        })
    }
}

fn reference_forms(re: &Regex, rule: &ReferenceRule, raw: &str) -> Result<OfficeReference, String> {
    let caps = re.captures(raw).filter(|c| c[0].len() == raw.len());
    let Some(caps) = caps else {
        return Err(format!(
            "invalid reference `{}`: expected a reference such as `{}`",
            raw.escape_debug(),
            rule.example
        ));
    };
    let fill = |form: &Option<String>| match form {
        None => raw.to_string(),
        Some(form) => fill_groups(form, |name| caps.name(name).map(|m| m.as_str())),
    };
    let address = fill(&rule.address);
    if !is_safe_address(&address) {
        return Err(format!(
            "the reference `{raw}` makes the address `{address}`, which may hold only letters, digits, `-` and `_`"
        ));
    }
    Ok(OfficeReference {
        raw: raw.to_string(),
        printed: fill(&rule.printed),
        address,
    })
}

/// Replaces each `{name}` in `form` by the group's text (empty when it did not take part).
fn fill_groups<'a>(form: &str, group: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(form.len());
    let mut rest = form;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push_str(group(&rest[start + 1..start + end]).unwrap_or(""));
                rest = &rest[start + end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Letters, digits, `-` and `_`, not empty and not starting with `-`: safe as a folder name
/// and in an address on any system.
fn is_safe_address(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests;

//! What a row keeps of the office's own header: every category of a decision, the facts the
//! office files decisions by (`filter: true`), and the finding on each part of the complaint.
//! The listings, the search filters and the exports are made from them.

use crate::resolve::Meta;
use serde::{Deserialize, Serialize};

/// The office's part of a row; empty for an office with no facts and no parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeRow {
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub parts: Vec<Part>,
    /// The decision's language tag.
    #[serde(default)]
    pub lang: String,
    /// The same decision in other languages.
    #[serde(default)]
    pub translations: Vec<Translation>,
}

/// A translation of a decision: its language tag and its address (`202312345-en-gb`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub lang: String,
    pub slug: String,
}

/// One category: `text` as printed (`Housing > Homelessness`, or the value), its area (the
/// value itself for an office without areas) and its subject (empty without areas).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub text: String,
    pub area: String,
    pub subject: String,
}

/// A fact the site files decisions by, with its value(s).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub key: String,
    pub label: String,
    pub values: Vec<String>,
}

/// A part of the complaint and the office's finding on it (key and label).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub part: String,
    pub finding: String,
    pub finding_label: String,
}

impl OfficeRow {
    pub fn new(meta: &Meta) -> OfficeRow {
        OfficeRow {
            categories: meta
                .categories
                .iter()
                .map(|c| Category {
                    text: c.text.clone(),
                    area: c.area.clone(),
                    subject: c.subject.clone(),
                })
                .collect(),
            facts: meta
                .facts
                .iter()
                .filter(|f| f.filter && !f.values.is_empty())
                .map(|f| Fact {
                    key: f.key.clone(),
                    label: f.label.clone(),
                    values: f.values.clone(),
                })
                .collect(),
            parts: meta
                .parts
                .iter()
                .map(|p| Part {
                    part: p.part.clone(),
                    finding: p.finding.clone(),
                    finding_label: p.finding_label.clone(),
                })
                .collect(),
            lang: meta.lang.clone(),
            translations: meta
                .translations
                .iter()
                .map(|t| Translation {
                    lang: t.lang.clone(),
                    slug: t.slug.clone(),
                })
                .collect(),
        }
    }

    /// The values of the fact `key`: none when the decision does not give it.
    pub fn fact(&self, key: &str) -> &[String] {
        self.facts
            .iter()
            .find(|f| f.key == key)
            .map_or(&[], |f| f.values.as_slice())
    }
}

/// The keys of the facts an office files its decisions by, in its order: the exports'
/// columns, the browse pages and the search filters.
pub fn filter_facts(office: &crate::office::Office) -> Vec<&crate::office::Fact> {
    office.facts.iter().filter(|f| f.filter).collect()
}

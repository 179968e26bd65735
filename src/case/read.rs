//! A case file read against its office: the header fields by name, and each section as the
//! office's layouts say it holds (paragraphs, areas, parts, actions or a table).
//!
//! The sections are read while the YAML is parsed, not after, so that a problem deep inside
//! one still has the line, column and field path that the parser knows.

use super::fields::{Facts, OneOrMany, RefText, Text, TitlesSeed, Translations};
use super::types::{Date, Status};
use super::{Acceptance, AgreedAction, Assessment, Body, Case, Para, Part, Person, Row};
use crate::office::{Holds, Office, SectionDef};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// The case-file format this program writes; older files are read as they are.
pub const FORMAT: u32 = 1;

/// The header fields every office's case file has.
pub const HEADER: &[&str] = &[
    "reference",
    "authority",
    "category",
    "outcome",
    "decided",
    "status",
    "layout",
    "complainant",
    "people",
    "summary",
    "facts",
    "lang",
    "translations",
    "signed",
    "accept",
    "titles",
    "format",
];

/// Reads a case file as `office` lays it out.
pub struct CaseSeed<'o> {
    pub office: &'o Office,
}

impl<'de> DeserializeSeed<'de> for CaseSeed<'_> {
    type Value = Case;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Case, D::Error> {
        d.deserialize_map(self)
    }
}

/// The header fields as read, before the required ones are checked.
#[derive(Default)]
struct Header {
    format: Option<u32>,
    reference: Option<String>,
    authority: Option<String>,
    category: Option<Vec<String>>,
    outcome: Option<String>,
    decided: Option<Date>,
    status: Option<Status>,
    layout: Option<String>,
    complainant: Option<String>,
    people: Vec<Person>,
    summary: Option<String>,
    facts: Vec<(String, Vec<String>)>,
    lang: Option<String>,
    translations: Vec<(String, String)>,
    signed: Option<String>,
    accept: Vec<Acceptance>,
    titles: Vec<(String, String)>,
}

impl<'de> Visitor<'de> for CaseSeed<'_> {
    type Value = Case;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a case file: fields such as `reference: {}`, one per line",
            self.office.reference.example
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Case, A::Error> {
        let mut h = Header::default();
        let mut sections: Vec<(String, Body)> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let office = self.office;
        let known = |k: &str| HEADER.contains(&k) || office.section_def(k).is_some();
        let unknown = |k: &str| unknown_field(k, office);
        let key = || Key {
            known: &known,
            unknown: &unknown,
        };
        while let Some(key) = map.next_key_seed(key())? {
            if seen.contains(&key) {
                return Err(de::Error::custom(format!("duplicate field `{key}`")));
            }
            seen.push(key.clone());
            if key == "titles" {
                h.titles = map.next_value_seed(TitlesSeed { office })?;
            } else if !header_field(&key, &mut h, &mut map)? {
                let Some(def) = office.section_def(&key) else {
                    return Err(de::Error::custom(unknown_field(&key, office)));
                };
                let body = map.next_value_seed(BodySeed { def })?;
                sections.push((key, body));
            }
        }
        finish(h, sections)
    }
}

/// Reads `key`'s value into the header when it is a header field; `false` when it is not.
fn header_field<'de, A: MapAccess<'de>>(
    key: &str,
    h: &mut Header,
    map: &mut A,
) -> Result<bool, A::Error> {
    let text = |map: &mut A| map.next_value::<Text>().map(|t| Some(t.0));
    match key {
        "format" => h.format = Some(map.next_value()?),
        "reference" => h.reference = Some(map.next_value::<RefText>()?.0),
        "authority" => h.authority = text(map)?,
        "category" => h.category = Some(map.next_value::<OneOrMany>()?.0),
        "outcome" => h.outcome = text(map)?,
        "decided" => h.decided = Some(map.next_value()?),
        "status" => h.status = Some(map.next_value()?),
        "layout" => h.layout = text(map)?,
        "complainant" => h.complainant = text(map)?,
        "people" => h.people = map.next_value()?,
        "summary" => h.summary = text(map)?,
        "facts" => h.facts = map.next_value::<Facts>()?.0,
        "lang" => h.lang = text(map)?,
        "translations" => h.translations = map.next_value::<Translations>()?.0,
        "signed" => h.signed = text(map)?,
        "accept" => h.accept = map.next_value()?,
        _ => return Ok(false),
    }
    Ok(true)
}

fn finish<E: de::Error>(h: Header, sections: Vec<(String, Body)>) -> Result<Case, E> {
    let format = h.format.unwrap_or(FORMAT);
    if format != FORMAT {
        return Err(E::custom(format!(
            "this case file is format {format}; this program reads format {FORMAT}"
        )));
    }
    Ok(Case {
        format,
        reference: h.reference.ok_or_else(|| E::missing_field("reference"))?,
        authority: h.authority.ok_or_else(|| E::missing_field("authority"))?,
        category: h.category.ok_or_else(|| E::missing_field("category"))?,
        outcome: h.outcome,
        decided: h.decided.ok_or_else(|| E::missing_field("decided"))?,
        status: h.status.ok_or_else(|| E::missing_field("status"))?,
        layout: h.layout,
        complainant: h.complainant.unwrap_or_else(|| "Mr X".to_string()),
        people: h.people,
        summary: h.summary,
        facts: h.facts,
        lang: h.lang,
        translations: h.translations,
        sections,
        signed: h.signed,
        accept: h.accept,
        titles: h.titles,
    })
}

/// A mapping's key, refused while it is read when `known` does not know it, so that the
/// problem stands at the key; `unknown` says what the known keys are.
pub(super) struct Key<'a> {
    pub known: &'a dyn Fn(&str) -> bool,
    pub unknown: &'a dyn Fn(&str) -> String,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Key<'_> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
        if (self.known)(key) {
            Ok(key.to_string())
        } else {
            Err(E::custom((self.unknown)(key)))
        }
    }
}

/// serde's own words for an unknown field, so that the close matches are offered.
fn unknown_field(key: &str, office: &Office) -> String {
    let known: Vec<String> = HEADER
        .iter()
        .map(|k| format!("`{k}`"))
        .chain(office.section_keys().map(|k| format!("`{k}`")))
        .collect();
    format!(
        "unknown field `{key}`, expected one of {}",
        known.join(", ")
    )
}

/// A section's content, read as its layout says.
struct BodySeed<'o> {
    def: &'o SectionDef,
}

impl<'de> DeserializeSeed<'de> for BodySeed<'_> {
    type Value = Body;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Body, D::Error> {
        Ok(match self.def.holds {
            Holds::Paragraphs => Body::Paragraphs(Vec::<Para>::deserialize(d)?),
            Holds::Areas => Body::Areas(Assessment::deserialize(d)?),
            Holds::Parts => Body::Parts(Vec::<Part>::deserialize(d)?),
            Holds::Actions => Body::Actions(AgreedAction::deserialize(d)?),
            Holds::Table => Body::Table(d.deserialize_seq(RowsSeed {
                columns: &self.def.columns,
            })?),
        })
    }
}

/// The rows of a table.
struct RowsSeed<'c> {
    columns: &'c [crate::office::Column],
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = Vec<Row>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of table rows, each a mapping with a cell for every column")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Row>, A::Error> {
        let mut rows = Vec::new();
        while let Some(row) = seq.next_element_seed(RowSeed {
            columns: self.columns,
        })? {
            rows.push(row);
        }
        Ok(rows)
    }
}

/// One table row: a cell for every column of the section, and no other.
struct RowSeed<'c> {
    columns: &'c [crate::office::Column],
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = Row;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Row, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = Row;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let keys: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("`{}`", c.key))
            .collect();
        write!(f, "a table row: a mapping with {}", keys.join(", "))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
        let mut cells: Vec<(String, String)> = Vec::new();
        let columns = self.columns;
        let known = |k: &str| columns.iter().any(|c| c.key == k);
        let unknown = |k: &str| {
            let keys: Vec<String> = columns.iter().map(|c| format!("`{}`", c.key)).collect();
            format!("unknown field `{k}`, expected one of {}", keys.join(", "))
        };
        let key = || Key {
            known: &known,
            unknown: &unknown,
        };
        while let Some(key) = map.next_key_seed(key())? {
            if cells.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("duplicate field `{key}`")));
            }
            let Text(value) = map.next_value()?;
            cells.push((key, value));
        }
        // The cells in the columns' order, whatever order the file wrote them in.
        let mut ordered = Vec::with_capacity(self.columns.len());
        for c in self.columns {
            match cells.iter().position(|(k, _)| *k == c.key) {
                Some(i) => ordered.push(cells.swap_remove(i)),
                None => {
                    return Err(de::Error::custom(format!("missing field `{}`", c.key)));
                }
            }
        }
        Ok(Row { cells: ordered })
    }
}

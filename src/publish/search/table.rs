//! The index's small files: `ids.txt` (which decision each id stands for, kept so that an
//! update gives a decision the id it had), `meta.json` (how the word index is split, the
//! filters' values and files), the dates table, and the filter files.

use super::chunk::name;
use super::code::{encode_ids, put_varint};
use super::Doc;
use crate::publish::files;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The layout of the index; an index of another layout is rebuilt, not updated.
pub const FORMAT: u32 = 4;

/// `meta.json`: the one file every search reads first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    pub format: u32,
    /// The language subtag whose stemmer made the keys, or `none`.
    #[serde(default)]
    pub stemming: String,
    /// Decisions in the index.
    pub count: usize,
    /// Ids run from 0 to this, less one; ids of removed decisions are not reused.
    pub ids: u32,
    /// The word index: each chunk's first key and file (in `w/`), in key order.
    pub words: Vec<(String, String)>,
    /// The file listing the chunks of the triples' places (in `p/`) as `words` lists the word
    /// index's: apart, since only a phrase of four words or more reads it.
    pub places: String,
    /// Ids of the decisions changed since the places were built, whose places are not in
    /// `p/` but in `q/<id>.bin`, ascending.
    pub moved: Vec<u32>,
    /// The dates table's file.
    pub dates: String,
    pub filters: Filters,
}

/// The values of each filter, each with the file (in `f/`) of its decisions' ids.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Filters {
    pub outcome: Vec<Value>,
    pub area: Vec<Value>,
    pub subject: Vec<Value>,
    pub authority: Vec<Value>,
    /// The facts the office files decisions by, each with its values.
    #[serde(default)]
    pub facts: Vec<FactFilter>,
}

/// A fact's filter: in the address as `fact-<key>=<value>`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FactFilter {
    pub key: String,
    pub label: String,
    pub values: Vec<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Value {
    /// As it stands in the address.
    pub value: String,
    pub label: String,
    /// For a subject: its area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub count: usize,
    pub file: String,
}

/// Which decision each id stands for: `None` for a decision since removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ids(pub Vec<Option<String>>);

impl Ids {
    pub fn read(path: &Path) -> Result<Ids> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut ids = Vec::new();
        for line in text.lines() {
            let (id, slug) = line.split_once('\t').unwrap_or((line, ""));
            if id.parse::<usize>().ok() != Some(ids.len()) {
                bail!("{} is out of order at id {}", path.display(), ids.len());
            }
            ids.push((!slug.is_empty()).then(|| slug.to_string()));
        }
        Ok(Ids(ids))
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        let mut text = String::new();
        for (id, slug) in self.0.iter().enumerate() {
            text.push_str(&format!("{id}\t{}\n", slug.as_deref().unwrap_or("")));
        }
        files::write_new(path, text.as_bytes())
    }

    pub fn by_slug(&self) -> HashMap<&str, u32> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(id, s)| Some((s.as_deref()?, id as u32)))
            .collect()
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date; 0 if it is not one (no decision is that old).
pub fn day(iso: &str) -> u32 {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return 0;
    };
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u32::try_from(era * 146_097 + doe - 719_468).unwrap_or(0)
}

/// The dates table: for ids 0.., the decision date as days since 1970 (0: no decision),
/// written as runs of equal days (`day`, `length`): ids are given in date order, so it is
/// small.
pub fn dates(docs: &[(u32, &Doc)], ids: u32) -> Vec<u8> {
    let mut days = vec![0u32; ids as usize];
    for (id, d) in docs {
        days[*id as usize] = day(d.row.decided_iso());
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let run = days[i..].iter().take_while(|&&d| d == days[i]).count();
        put_varint(&mut out, u64::from(days[i]));
        put_varint(&mut out, run as u64);
        i += run;
    }
    out
}

/// The ids of each value of one filter: the value, as the browse pages file it (capitals and
/// spaces aside), -> the value as the newest decision writes it, its label, a subject's area,
/// the ids, and that decision's date.
type Sets<'a> = BTreeMap<String, Set<'a>>;

struct Set<'a> {
    value: &'a str,
    label: &'a str,
    area: Option<&'a str>,
    ids: Vec<u32>,
    newest: &'a str,
}

/// Files decision `id`, decided on `date` (ISO), under `value`.
fn add<'a>(
    set: &mut Sets<'a>,
    (value, label): (&'a str, &'a str),
    area: Option<&'a str>,
    (id, date): (u32, &'a str),
) {
    let entry = set
        .entry(crate::publish::listings::filing_key(value))
        .or_insert(Set {
            value,
            label,
            area,
            ids: Vec::new(),
            newest: date,
        });
    if date > entry.newest {
        (entry.value, entry.label, entry.newest) = (value, label, date);
    }
    // A decision may give a value twice (two subjects of one area).
    if entry.ids.last() != Some(&id) {
        entry.ids.push(id);
    }
}

/// Writes one file per filter value into `dir` (`f/`) and returns the filters. A decision of
/// several categories is under each of them.
pub fn filters(docs: &[(u32, &Doc)], dir: &Path) -> Result<Filters> {
    let mut sets: [Sets; 4] = Default::default();
    // Fact key -> its label and values.
    let mut facts: BTreeMap<&str, (&str, Sets)> = BTreeMap::new();
    for (id, d) in docs {
        let r = d.row;
        let doc = (*id, r.decided_iso());
        add(&mut sets[0], (r.outcome_key(), r.outcome()), None, doc);
        for c in &r.office.categories {
            add(&mut sets[1], (&c.area, &c.area), None, doc);
            if !c.subject.is_empty() {
                add(&mut sets[2], (&c.text, &c.subject), Some(&c.area), doc);
            }
        }
        add(&mut sets[3], (r.authority(), r.authority()), None, doc);
        for f in &r.office.facts {
            let (_, set) = facts.entry(&f.key).or_insert((&f.label, Sets::new()));
            for v in &f.values {
                add(set, (v, v), None, doc);
            }
        }
    }
    let [outcome, area, subject, authority] = sets.map(|set| write_set(set, dir));
    let facts = facts
        .into_iter()
        .map(|(key, (label, set))| {
            Ok(FactFilter {
                key: key.to_string(),
                label: label.to_string(),
                values: write_set(set, dir)?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Filters {
        outcome: outcome?,
        area: area?,
        subject: subject?,
        authority: authority?,
        facts,
    })
}

/// Writes the file of each value of a filter.
fn write_set(set: Sets, dir: &Path) -> Result<Vec<Value>> {
    let mut values = Vec::with_capacity(set.len());
    for Set {
        value,
        label,
        area,
        mut ids,
        ..
    } in set.into_values()
    {
        ids.sort_unstable();
        ids.dedup();
        let bytes = encode_ids(&ids);
        let file = name(&bytes);
        files::write_new(&dir.join(&file), &bytes)?;
        values.push(Value {
            value: value.to_string(),
            label: label.to_string(),
            area: area.map(str::to_string),
            count: ids.len(),
            file,
        });
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_1970() {
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("1970-01-02"), 1);
        assert_eq!(day("2000-03-01"), 11_017);
        assert_eq!(day("2022-03-10"), 19_061);
        assert_eq!(day("not a date"), 0);
    }
}

//! The index read back whole, its ids made slugs, so that two indexes compare by what they
//! find: for the checks that an update gives what a full build gives.

use super::table::{Ids, Meta};
use super::{chunk, code, DIR};
use anyhow::{ensure, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A word as typed: its stem and how many decisions type it so.
pub type Alias = Option<(String, u32)>;

/// What the index of a site holds.
#[derive(Debug, PartialEq)]
pub struct Contents {
    /// Key -> its alias and the slugs of the decisions holding it.
    pub keys: BTreeMap<String, (Alias, BTreeSet<String>)>,
    /// `filter=value` -> slugs.
    pub filters: BTreeMap<String, BTreeSet<String>>,
    /// Slug -> decision date (days since 1970).
    pub dates: BTreeMap<String, u32>,
    /// Slug -> fragment.
    pub fragments: BTreeMap<String, serde_json::Value>,
    /// (triple, slug) -> the places the triple stands in that decision, from `p/` or, for a
    /// decision changed since, `q/`.
    pub places: BTreeMap<(String, String), Vec<u32>>,
}

fn file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads the whole index of `site`, checking that its chunks are in order.
pub fn contents(site: &Path) -> Result<Contents> {
    let dir = site.join(DIR);
    let meta: Meta = serde_json::from_slice(&file(&dir.join("meta.json"))?)?;
    let ids = Ids::read(&dir.join("ids.txt"))?;
    let slug = |id: &u32| -> Result<String> {
        ids.0
            .get(*id as usize)
            .cloned()
            .flatten()
            .with_context(|| format!("id {id} is no decision's"))
    };
    let keys = words(&dir, &meta, &slug)?;
    let filters = filters(&dir, &meta, &slug)?;
    let bytes = file(&dir.join(&meta.dates))?;
    let mut r = code::Reader::new(&bytes);
    let (mut dates, mut id) = (BTreeMap::new(), 0u32);
    while !r.done() {
        let (day, run) = (r.varint()? as u32, r.varint()? as u32);
        for i in id..id + run {
            if day != 0 {
                dates.insert(slug(&i)?, day);
            }
        }
        id += run;
    }
    let mut fragments = BTreeMap::new();
    for (i, s) in ids.0.iter().enumerate() {
        if let Some(s) = s {
            let f = file(&dir.join("d").join(format!("{i}.json")))?;
            fragments.insert(s.clone(), serde_json::from_slice(&f)?);
        }
    }
    ensure!(
        meta.count == fragments.len(),
        "meta.json counts {} decisions",
        meta.count
    );
    let places = places(&dir, &meta, &ids)?;
    Ok(Contents {
        keys,
        filters,
        dates,
        fragments,
        places,
    })
}

/// The slug of an id, or an error for an id that is no decision's.
type Slug<'a> = &'a dyn Fn(&u32) -> Result<String>;

/// Every key of the word index with its alias and decisions, its chunks checked for order.
fn words(
    dir: &Path,
    meta: &Meta,
    slug: Slug,
) -> Result<BTreeMap<String, (Alias, BTreeSet<String>)>> {
    let mut keys = BTreeMap::new();
    let mut last: Option<String> = None;
    for (first, name) in &meta.words {
        let records = chunk::decode(&file(&dir.join("w").join(name))?)?;
        ensure!(
            records.keys().next() == Some(first),
            "chunk {name} does not start at {first}"
        );
        ensure!(
            last.as_ref().map_or(true, |l| l < first),
            "chunk {name} is out of order"
        );
        last = records.keys().last().cloned();
        for (k, r) in records {
            let slugs = r.ids.iter().map(slug).collect::<Result<_>>()?;
            keys.insert(k, (r.alias, slugs));
        }
    }
    Ok(keys)
}

/// Every filter value (`name=value`) with its decisions, its count checked.
fn filters(dir: &Path, meta: &Meta, slug: Slug) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mut filters = BTreeMap::new();
    let facts = meta
        .filters
        .facts
        .iter()
        .map(|f| (format!("fact-{}", f.key), &f.values));
    let named = [
        ("outcome", &meta.filters.outcome),
        ("area", &meta.filters.area),
        ("subject", &meta.filters.subject),
        ("authority", &meta.filters.authority),
    ];
    let all = named
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .chain(facts);
    for (name, values) in all {
        for v in values {
            let ids = code::decode_ids(&file(&dir.join("f").join(&v.file))?)?;
            ensure!(
                ids.len() == v.count,
                "the count of {name}={} is wrong",
                v.value
            );
            let set = ids.iter().map(slug).collect::<Result<_>>()?;
            filters.insert(format!("{name}={}", v.value), set);
        }
    }
    Ok(filters)
}

/// The places of every triple in every decision, as a search reads them.
fn places(dir: &Path, meta: &Meta, ids: &Ids) -> Result<BTreeMap<(String, String), Vec<u32>>> {
    let slug = |id: u32| ids.0.get(id as usize).cloned().flatten();
    let moved: BTreeSet<u32> = meta.moved.iter().copied().collect();
    let mut out = BTreeMap::new();
    for (first, name) in &super::places_of(dir, meta)? {
        let records = chunk::decode_raw(&file(&dir.join("p").join(name))?)?;
        ensure!(
            records.first().map(|r| &r.0) == Some(first),
            "places chunk {name} does not start at {first}"
        );
        for (key, bytes) in records {
            for (id, at) in code::decode_places(&bytes)? {
                // A decision changed or removed since: its places here are stale.
                if let Some(s) = slug(id).filter(|_| !moved.contains(&id)) {
                    out.insert((key.clone(), s), at);
                }
            }
        }
    }
    for &id in &meta.moved {
        let stems = code::decode_sequence(&file(&dir.join("q").join(format!("{id}.bin")))?)?;
        let s = slug(id).with_context(|| format!("moved id {id} is no decision's"))?;
        for (at, w) in stems.windows(3).enumerate() {
            let key = w.join(" ");
            let list: &mut Vec<u32> = out.entry((key, s.clone())).or_default();
            list.push(at as u32);
        }
    }
    Ok(out)
}

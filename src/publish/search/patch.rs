//! Updating the previous site's index for the decisions that changed: each keeps its id, a
//! new one takes the next, a removed one's id is retired. Only the keys whose decisions
//! changed are touched, so only their chunks are read and written again; every other chunk
//! and fragment is carried over from the previous site as it is.

use super::build::Chunks;
use super::chunk::{self, Record, TARGET};
use super::table::{Ids, Meta};
use super::text::{Stems, Terms};
use super::{code, finish, fragment, Doc, Index, Input, Stats, DIR};
use crate::publish::files;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The index being updated.
pub struct From<'a> {
    pub site: &'a Path,
    pub meta: &'a Meta,
    pub ids: &'a Ids,
}

/// What changes in one key.
#[derive(Default)]
struct Change {
    add: Vec<u32>,
    remove: Vec<u32>,
    /// The stem of a word as typed, and how many more (or fewer) decisions type it so.
    alias: Option<(String, i64)>,
}

pub fn run(input: &Input, from: &From, dir: &Path) -> Result<Stats> {
    let old_dir = from.site.join(DIR);
    let mut ids = from.ids.clone();
    let known = from.ids.by_slug();
    let mut docs: Vec<(u32, &Doc)> = Vec::with_capacity(input.docs.len());
    // Decisions to read again: (id, its doc, whether it was in the previous index).
    let mut dirty: Vec<(u32, Option<&Doc>, bool)> = Vec::new();
    let mut live = HashSet::new();
    for doc in input.docs {
        let (id, old) = match known.get(doc.slug()) {
            Some(&id) => (id, true),
            None => {
                ids.0.push(Some(doc.slug().to_string()));
                ((ids.0.len() - 1) as u32, false)
            }
        };
        live.insert(id);
        docs.push((id, doc));
        if doc.changed || !old {
            dirty.push((id, Some(doc), old));
        }
    }
    for (id, slug) in ids.0.iter_mut().enumerate() {
        if slug.is_some() && !live.contains(&(id as u32)) {
            dirty.push((id as u32, None, true));
            *slug = None;
        }
    }
    let (changes, mut moved) = changes(input, from, dir, &dirty)?;
    let (words, written, kept) = rewrite(&old_dir, dir, &from.meta.words, changes)?;
    // The places of a changed decision stay as they were in `p/`, read past: its own stand
    // in `q/` until the index is next built.
    let places = super::places_of(&old_dir, from.meta)?;
    for (_, file) in &places {
        let name = format!("p/{file}");
        files::carry_over(&old_dir.join(&name), &dir.join(&name))?;
    }
    let rewritten: HashSet<u32> = dirty.iter().map(|d| d.0).collect();
    let now: HashSet<u32> = moved.iter().copied().collect();
    for &id in &from.meta.moved {
        if !now.contains(&id) && live.contains(&id) {
            let name = format!("q/{id}.bin");
            files::carry_over(&old_dir.join(&name), &dir.join(&name))?;
            moved.push(id);
        }
    }
    moved.sort_unstable();
    docs.par_iter()
        .filter(|(id, _)| !rewritten.contains(id))
        .try_for_each(|(id, _)| {
            let name = format!("d/{id}.json");
            files::carry_over(&old_dir.join(&name), &dir.join(&name))
        })?;
    docs.sort_unstable_by_key(|d| d.0);
    let index = Index {
        words,
        places: places.clone(),
        moved,
    };
    finish(dir, &ids, &docs, index, input.lang)?;
    Ok(Stats {
        rebuilt: false,
        chunks_written: written,
        chunks_kept: kept + places.len(),
        fragments_written: dirty.iter().filter(|d| d.1.is_some()).count(),
    })
}

/// The changes to each key, from the old and new texts of the decisions to read again, and
/// the ids of those whose words changed, whose places are now in `q/`; writes their fragments
/// and `q/` files on the way.
fn changes(
    input: &Input,
    from: &From,
    dir: &Path,
    dirty: &[(u32, Option<&Doc>, bool)],
) -> Result<(BTreeMap<String, Change>, Vec<u32>)> {
    // Each decision read again, its old and new terms, and whether its words changed.
    let terms: Vec<Result<(u32, Terms, Terms, bool)>> = dirty
        .par_iter()
        .map_init(
            || Stems::for_lang(input.lang),
            |stems, &(id, doc, was)| {
                let old = match (was, from.ids.0.get(id as usize)) {
                    (true, Some(Some(slug))) => {
                        Terms::of(&fragment::read_text(from.site, slug)?, stems)
                    }
                    _ => Terms::default(),
                };
                let new = match doc {
                    Some(doc) => {
                        let plain = fragment::read_text(input.site, doc.slug())?;
                        fragment::write(&dir.join("d"), id, doc, &plain)?;
                        Terms::of(&plain, stems)
                    }
                    None => Terms::default(),
                };
                let moved = doc.is_some() && !same_words(&old, &new);
                if moved {
                    let sequence = code::encode_sequence(&new.stems, &new.sequence);
                    files::write_new(&dir.join(format!("q/{id}.bin")), &sequence)?;
                }
                Ok((id, old, new, moved))
            },
        )
        .collect();
    let mut changes: BTreeMap<String, Change> = BTreeMap::new();
    let mut moved = Vec::new();
    for t in terms {
        let (id, old, new, words_changed) = t?;
        if words_changed {
            moved.push(id);
        }
        let (old_keys, new_keys) = (old.all_keys(), new.all_keys());
        for &key in old_keys.difference(&new_keys) {
            changes.entry(key.to_string()).or_default().remove.push(id);
        }
        for &key in new_keys.difference(&old_keys) {
            changes.entry(key.to_string()).or_default().add.push(id);
        }
        let mut alias = |word: &String, stem: &String, by: i64| {
            let c = changes.entry(word.clone()).or_default();
            let n = c.alias.get_or_insert_with(|| (stem.clone(), 0));
            n.1 += by;
        };
        for (word, stem) in &old.aliases {
            if new.aliases.get(word) != Some(stem) {
                alias(word, stem, -1);
            }
        }
        for (word, stem) in &new.aliases {
            if old.aliases.get(word) != Some(stem) {
                alias(word, stem, 1);
            }
        }
    }
    Ok((changes, moved))
}

/// Whether two texts have the same stems in the same order: then a decision's places in `p/`
/// still stand.
fn same_words(old: &Terms, new: &Terms) -> bool {
    old.sequence.len() == new.sequence.len()
        && old
            .sequence
            .iter()
            .zip(&new.sequence)
            .all(|(&a, &b)| old.stems[a as usize] == new.stems[b as usize])
}

/// The new list of chunks (first key, file), and how many were written and kept.
type Rewritten = (Vec<(String, String)>, usize, usize);

/// Rewrites the chunks whose keys change and carries the others over; returns the new list
/// of chunks, and how many were written and kept.
fn rewrite(
    old_dir: &Path,
    dir: &Path,
    words: &[(String, String)],
    changes: BTreeMap<String, Change>,
) -> Result<Rewritten> {
    // The chunk of a key: the last whose first key is not after it (the first, for a key
    // before them all).
    let mut by_chunk: Vec<Vec<(String, Change)>> =
        (0..words.len().max(1)).map(|_| Vec::new()).collect();
    for (key, change) in changes {
        let i = words
            .partition_point(|(first, _)| *first <= key)
            .saturating_sub(1);
        by_chunk[i].push((key, change));
    }
    let mut out = Vec::new();
    let (mut written, mut kept) = (0, 0);
    for (i, changes) in by_chunk.into_iter().enumerate() {
        let old = words.get(i);
        if changes.is_empty() {
            if let Some((first, file)) = old {
                let name = format!("w/{file}");
                files::carry_over(&old_dir.join(&name), &dir.join(&name))?;
                out.push((first.clone(), file.clone()));
                kept += 1;
            }
            continue;
        }
        let mut records = match old {
            Some((_, file)) => {
                let path = old_dir.join("w").join(file);
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                chunk::decode(&bytes).with_context(|| format!("in {}", path.display()))?
            }
            None => BTreeMap::new(),
        };
        for (key, change) in changes {
            apply(&mut records, key, change);
        }
        records.retain(|_, r| !r.is_empty());
        // A chunk grown past twice its size is split, one that fell empty dropped.
        let mut chunks = Chunks::new(dir.join("w"));
        let mut part = BTreeMap::new();
        let mut size = 0;
        let whole = chunk::encode(&records).len();
        for (key, r) in records {
            size += key.len() + r.ids.len() + 8;
            part.insert(key, r);
            if whole > 2 * TARGET && size >= TARGET {
                push_all(&mut chunks, std::mem::take(&mut part))?;
                size = 0;
            }
        }
        push_all(&mut chunks, part)?;
        let made = chunks.finish()?;
        written += made.len();
        out.extend(made);
    }
    Ok((out, written, kept))
}

/// Writes records as one chunk (`Chunks` closes a chunk only past its size).
fn push_all(chunks: &mut Chunks, records: BTreeMap<String, Record>) -> Result<()> {
    let bytes = chunk::encode(&records);
    chunks.push_encoded(records.keys().next(), bytes)
}

fn apply(records: &mut BTreeMap<String, Record>, key: String, change: Change) {
    let r = records.entry(key).or_default();
    if !change.remove.is_empty() {
        let gone: HashSet<u32> = change.remove.into_iter().collect();
        r.ids.retain(|id| !gone.contains(id));
    }
    if !change.add.is_empty() {
        r.ids.extend(change.add);
        r.ids.sort_unstable();
        r.ids.dedup();
    }
    if let Some((stem, by)) = change.alias {
        let n = r.alias.as_ref().map_or(0, |a| i64::from(a.1)) + by;
        r.alias = (n > 0).then(|| (stem, u32::try_from(n).unwrap_or(u32::MAX)));
    }
}

//! Building the index afresh in bounded memory: decisions are read in id order, a batch at a
//! time; their keys' ids gather in memory until there are too many, then go to a sorted run
//! on disk; the runs are merged key by key into the chunks at the end. Ids are given in order
//! of decision date (then reference), so the dates table is a few runs long.

use super::chunk::{self, put_record, TARGET};
use super::code::{decode_ids_into, encode_ids, put_places, put_sized, rebase_places};
use super::table::Ids;
use super::text::{Stems, Terms};
use super::{finish, fragment, Doc, Index, Input, Stats};
use crate::publish::files;
use anyhow::{Context, Result};
use hashbrown::HashMap;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Decisions read at once: their keys are held together until each is added in turn.
const BATCH: usize = 128;
/// Ids held in memory before they are written to a run.
const SPILL_IDS: usize = 2_000_000;
/// Keys held in memory before they are written to a run.
const SPILL_KEYS: usize = 250_000;
/// Bytes of triples' places held in memory before they are written to a run.
const SPILL_PLACES: usize = 24 << 20;

pub fn run(input: &Input, dir: &Path) -> Result<Stats> {
    let mut order: Vec<&Doc> = input.docs.iter().collect();
    order.sort_by(|a, b| {
        (a.row.decided_iso(), a.row.reference()).cmp(&(b.row.decided_iso(), b.row.reference()))
    });
    let ids = Ids(order.iter().map(|d| Some(d.slug().to_string())).collect());
    let mut acc = Gather::new(dir.join(".runs"));
    let frag_dir = dir.join("d");
    for (b, batch) in order.chunks(BATCH).enumerate() {
        let terms: Vec<Result<Terms>> = batch
            .par_iter()
            .enumerate()
            .map_init(
                || Stems::for_lang(input.lang),
                |stems, (i, doc)| {
                    let plain = fragment::read_text(input.site, doc.slug())?;
                    fragment::write(&frag_dir, (b * BATCH + i) as u32, doc, &plain)?;
                    Ok(Terms::of(&plain, stems))
                },
            )
            .collect();
        for (i, t) in terms.into_iter().enumerate() {
            acc.add((b * BATCH + i) as u32, t?)?;
        }
    }
    let mut words = Chunks::new(dir.join("w"));
    let mut places = Chunks::new(dir.join("p"));
    acc.merge(&mut words, &mut places)?;
    let words = words.finish()?;
    let places = places.finish()?;
    let chunks_written = words.len() + places.len();
    let docs: Vec<(u32, &Doc)> = order
        .iter()
        .enumerate()
        .map(|(i, d)| (i as u32, *d))
        .collect();
    let index = Index {
        words,
        places,
        moved: Vec::new(),
    };
    finish(dir, &ids, &docs, index, input.lang)?;
    Ok(Stats {
        rebuilt: true,
        chunks_written,
        chunks_kept: 0,
        fragments_written: docs.len(),
    })
}

/// What a key holds while the index is gathered: its decisions' ids and, for a triple, the
/// places it stands in each (see [`put_places`]).
#[derive(Default)]
struct Held {
    ids: Vec<u32>,
    places: Vec<u8>,
}

/// Keys' ids as they are gathered, and the runs written so far.
struct Gather {
    /// Ids, keys and bytes of places held before a run is written.
    limits: (usize, usize, usize),
    keys: HashMap<String, Held>,
    held: usize,
    held_places: usize,
    aliases: HashMap<String, (String, u32)>,
    runs_dir: PathBuf,
    runs: Vec<PathBuf>,
}

impl Gather {
    fn new(runs_dir: PathBuf) -> Self {
        Gather {
            limits: (SPILL_IDS, SPILL_KEYS, SPILL_PLACES),
            keys: HashMap::default(),
            held: 0,
            held_places: 0,
            aliases: HashMap::default(),
            runs_dir,
            runs: Vec::new(),
        }
    }

    /// Adds a decision's terms; ids come in ascending order.
    fn add(&mut self, id: u32, terms: Terms) -> Result<()> {
        self.held += terms.keys.len() + terms.triples.len();
        for key in terms.keys {
            self.keys.entry(key).or_default().ids.push(id);
        }
        let mut places = terms.places.as_slice();
        for (i, triple) in terms.triples.into_iter().enumerate() {
            let n = places.partition_point(|p| p.0 == i as u32);
            let held = self.keys.entry(triple).or_default();
            // The first id of a run is written whole: runs are joined when merged.
            let gap = held.ids.last().map_or(id, |last| id - last);
            held.ids.push(id);
            let before = held.places.len();
            put_places(&mut held.places, gap, places[..n].iter().map(|p| p.1));
            self.held_places += held.places.len() - before;
            places = &places[n..];
        }
        for (word, stem) in terms.aliases {
            self.aliases.entry(word).or_insert((stem, 0)).1 += 1;
        }
        let (ids, keys, places) = self.limits;
        if self.held > ids || self.keys.len() > keys || self.held_places > places {
            self.spill()?;
        }
        Ok(())
    }

    /// Writes the keys held to a new run, sorted.
    fn spill(&mut self) -> Result<()> {
        std::fs::create_dir_all(&self.runs_dir)
            .with_context(|| format!("cannot create {}", self.runs_dir.display()))?;
        let path = self.runs_dir.join(format!("{}", self.runs.len()));
        let mut keys: Vec<(String, Held)> = std::mem::take(&mut self.keys).into_iter().collect();
        keys.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let file =
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut out = BufWriter::new(file);
        let mut buf = Vec::new();
        for (key, held) in keys {
            buf.clear();
            put_sized(&mut buf, key.as_bytes());
            put_sized(&mut buf, &encode_ids(&held.ids));
            put_sized(&mut buf, &held.places);
            out.write_all(&buf)?;
        }
        out.flush()?;
        self.runs.push(path);
        self.held = 0;
        self.held_places = 0;
        Ok(())
    }

    /// Merges the runs, the keys still held and the aliases, in key order, into the word
    /// index `out` and the triples' places `places`.
    fn merge(mut self, out: &mut Chunks, places: &mut Chunks) -> Result<()> {
        let mut aliases: Vec<(String, (String, u32))> =
            std::mem::take(&mut self.aliases).into_iter().collect();
        aliases.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut aliases = aliases.into_iter().peekable();
        if !self.keys.is_empty() || self.runs.is_empty() {
            self.spill()?;
        }
        let mut runs = self
            .runs
            .iter()
            .map(|p| Run::open(p))
            .collect::<Result<Vec<_>>>()?;
        let mut heap = BinaryHeap::new();
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(key) = run.next_key()? {
                heap.push(Reverse((key, i)));
            }
        }
        let (mut at, mut ids, mut from) = (Vec::new(), Vec::new(), Vec::new());
        while let Some(Reverse((key, first))) = heap.pop() {
            from.clear();
            from.push(first);
            while heap.peek().is_some_and(|Reverse((k, _))| *k == key) {
                if let Some(Reverse((_, i))) = heap.pop() {
                    from.push(i);
                }
            }
            while aliases.peek().is_some_and(|(w, _)| *w < key) {
                let (word, (stem, n)) = aliases.next().unwrap_or_default();
                out.push(&word, Some((&stem, n)), &[])?;
            }
            let alias = aliases.next_if(|(w, _)| *w == key).map(|(_, a)| a);
            let alias = alias.as_ref().map(|(s, n)| (s.as_str(), *n));
            if let [i] = from[..] {
                // A key of one run is written as the run has it: the same ids, the same bytes.
                out.push(&key, alias, &runs[i].ids)?;
                if !runs[i].places.is_empty() {
                    places.push(&key, None, &runs[i].places)?;
                }
            } else {
                // Runs hold ascending ids in the order they were written.
                from.sort_unstable();
                at.clear();
                ids.clear();
                for &i in &from {
                    rebase_places(&mut at, &runs[i].places, ids.last().copied())?;
                    decode_ids_into(&runs[i].ids, &mut ids)?;
                }
                out.push(&key, alias, &encode_ids(&ids))?;
                if !at.is_empty() {
                    places.push(&key, None, &at)?;
                }
            }
            for &i in &from {
                if let Some(next) = runs[i].next_key()? {
                    heap.push(Reverse((next, i)));
                }
            }
        }
        for (word, (stem, n)) in aliases {
            out.push(&word, Some((&stem, n)), &[])?;
        }
        drop(runs);
        files::remove_tree(&self.runs_dir).ok();
        Ok(())
    }
}

/// A run on disk, read a key at a time.
struct Run {
    bytes: BufReader<File>,
    ids: Vec<u8>,
    places: Vec<u8>,
}

impl Run {
    fn open(path: &Path) -> Result<Run> {
        let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Run {
            bytes: BufReader::new(file),
            ids: Vec::new(),
            places: Vec::new(),
        })
    }

    /// Reads a *sized* field into `into`; false at the end of the run.
    fn sized(bytes: &mut BufReader<File>, into: &mut Vec<u8>) -> Result<bool> {
        let mut len = 0u64;
        for shift in (0..64).step_by(7) {
            let mut b = [0u8];
            if bytes.read(&mut b)? == 0 {
                anyhow::ensure!(shift == 0, "a run of the index ends inside a number");
                return Ok(false);
            }
            len |= u64::from(b[0] & 0x7f) << shift;
            if b[0] < 0x80 {
                break;
            }
        }
        into.resize(len as usize, 0);
        bytes.read_exact(into)?;
        Ok(true)
    }

    fn next_key(&mut self) -> Result<Option<String>> {
        let mut key = Vec::new();
        if !Run::sized(&mut self.bytes, &mut key)? {
            return Ok(None);
        }
        anyhow::ensure!(
            Run::sized(&mut self.bytes, &mut self.ids)?,
            "a run of the index ends after a key"
        );
        anyhow::ensure!(
            Run::sized(&mut self.bytes, &mut self.places)?,
            "a run of the index ends after a key's ids"
        );
        Ok(Some(String::from_utf8(key)?))
    }
}

/// Chunks of the word index or of the triples' places as they are written, key by key.
pub struct Chunks {
    dir: PathBuf,
    buf: Vec<u8>,
    first: Option<String>,
    words: Vec<(String, String)>,
}

impl Chunks {
    pub fn new(dir: PathBuf) -> Self {
        Chunks {
            dir,
            buf: Vec::new(),
            first: None,
            words: Vec::new(),
        }
    }

    pub fn push(&mut self, key: &str, alias: Option<(&str, u32)>, ids: &[u8]) -> Result<()> {
        if self.first.is_none() {
            self.first = Some(key.to_string());
        }
        put_record(&mut self.buf, key, alias, ids);
        if self.buf.len() >= TARGET {
            self.close()?;
        }
        Ok(())
    }

    /// Writes records already encoded as a chunk of their own.
    pub fn push_encoded(&mut self, first: Option<&String>, bytes: Vec<u8>) -> Result<()> {
        let Some(first) = first else {
            return Ok(());
        };
        self.close()?;
        self.first = Some(first.clone());
        self.buf = bytes;
        self.close()
    }

    fn close(&mut self) -> Result<()> {
        if let Some(first) = self.first.take() {
            let file = chunk::name(&self.buf);
            files::write_new(&self.dir.join(&file), &self.buf)?;
            self.words.push((first, file));
            self.buf.clear();
        }
        Ok(())
    }

    /// Closes the last chunk; returns each chunk's first key and file.
    pub fn finish(mut self) -> Result<Vec<(String, String)>> {
        self.close()?;
        Ok(self.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunks of a word index and of places, read back.
    fn built(dir: &Path, texts: &[&str], limits: (usize, usize, usize)) -> Vec<Vec<u8>> {
        let stems = Stems::for_lang("en");
        let mut acc = Gather::new(dir.join(".runs"));
        acc.limits = limits;
        for (id, text) in texts.iter().enumerate() {
            acc.add(id as u32, Terms::of(text, &stems)).unwrap();
        }
        let spilled = acc.runs.len();
        let (mut words, mut places) = (Chunks::new(dir.join("w")), Chunks::new(dir.join("p")));
        acc.merge(&mut words, &mut places).unwrap();
        let mut out = Vec::new();
        for (sub, list) in [
            ("w", words.finish().unwrap()),
            ("p", places.finish().unwrap()),
        ] {
            for (_, file) in list {
                out.push(std::fs::read(dir.join(sub).join(file)).unwrap());
            }
        }
        if limits.0 == 0 {
            assert!(spilled >= texts.len(), "a run a decision");
        }
        out
    }

    #[test]
    fn runs_merged_give_the_index_built_in_memory() {
        let tmp = tempfile::tempdir().unwrap();
        let texts = [
            "The Council did not consider the report. The Council did not reply.",
            "Mr X says the Council did not consider his report at all.",
            "The report was late and the Council did not apologise.",
        ];
        let whole = built(
            &tmp.path().join("a"),
            &texts,
            (usize::MAX, usize::MAX, usize::MAX),
        );
        let runs = built(&tmp.path().join("b"), &texts, (0, 0, 0));
        assert_eq!(whole, runs);
        assert_eq!(whole.len(), 2, "one chunk of words, one of places");
    }
}

//! The word index's chunks: records sorted by key, each a stem, pair or triple with the ids of the
//! decisions holding it, or a word as typed with the stem it stands for. A chunk is named by
//! the hash of its bytes, so an unchanged chunk keeps its name and the browser's cached copy.

use super::code::{decode_ids, encode_ids, put_sized, put_varint, Reader};
use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A chunk is closed once its records pass this many bytes: a query fetches a chunk a word.
pub const TARGET: usize = 48 * 1024;

/// One key of the word index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The stem this word as typed stands for, and in how many decisions it is typed so.
    pub alias: Option<(String, u32)>,
    /// Ids of the decisions holding the key, ascending; empty for a word that is only typed.
    pub ids: Vec<u32>,
}

impl Record {
    pub fn is_empty(&self) -> bool {
        self.alias.is_none() && self.ids.is_empty()
    }
}

/// Appends one record's bytes to a chunk.
pub fn put_record(out: &mut Vec<u8>, key: &str, alias: Option<(&str, u32)>, ids: &[u8]) {
    put_sized(out, key.as_bytes());
    match alias {
        Some((stem, count)) => {
            put_sized(out, stem.as_bytes());
            put_varint(out, u64::from(count));
        }
        None => put_varint(out, 0),
    }
    put_sized(out, ids);
}

/// Encodes records sorted by key.
pub fn encode<'a>(records: impl IntoIterator<Item = (&'a String, &'a Record)>) -> Vec<u8> {
    let mut out = Vec::new();
    for (key, r) in records {
        let ids = if r.ids.is_empty() {
            Vec::new()
        } else {
            encode_ids(&r.ids)
        };
        let alias = r.alias.as_ref().map(|(s, n)| (s.as_str(), *n));
        put_record(&mut out, key, alias, &ids);
    }
    out
}

/// Decodes a whole chunk.
pub fn decode(bytes: &[u8]) -> Result<BTreeMap<String, Record>> {
    let mut r = Reader::new(bytes);
    let mut records = BTreeMap::new();
    while !r.done() {
        let key = text(r.sized()?)?;
        let stem = r.sized()?;
        let alias = if stem.is_empty() {
            None
        } else {
            Some((text(stem)?, u32::try_from(r.varint()?)?))
        };
        let ids = r.sized()?;
        let ids = if ids.is_empty() {
            Vec::new()
        } else {
            decode_ids(ids).with_context(|| format!("the key {key:?}"))?
        };
        records.insert(key, Record { alias, ids });
    }
    Ok(records)
}

/// Decodes a whole chunk of the triples' places: each key with its postings' bytes.
pub fn decode_raw(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut r = Reader::new(bytes);
    let mut records = Vec::new();
    while !r.done() {
        let key = text(r.sized()?)?;
        anyhow::ensure!(r.sized()?.is_empty(), "a triple {key:?} has a stem");
        records.push((key, r.sized()?.to_vec()));
    }
    Ok(records)
}

fn text(bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec()).context("a key of the index is not UTF-8")
}

/// The file name of a chunk or filter file: `<16 hex digits of its SHA-256>.bin`.
pub fn name(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.bin")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_round_trips() {
        let mut records = BTreeMap::new();
        records.insert(
            "complain".to_string(),
            Record {
                alias: None,
                ids: vec![1, 5, 9],
            },
        );
        records.insert(
            "complained".to_string(),
            Record {
                alias: Some(("complain".into(), 2)),
                ids: vec![],
            },
        );
        records.insert(
            "complain the".to_string(),
            Record {
                alias: None,
                ids: (0..3000).collect(),
            },
        );
        let bytes = encode(&records);
        assert_eq!(decode(&bytes).unwrap(), records);
        assert_eq!(name(&bytes), name(&encode(&records)));
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
    }
}

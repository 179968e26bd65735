//! The bytes of the index: variable-length integers, and sets of decision ids written as a
//! list of gaps or as a bitmap, whichever is smaller (a word in most decisions costs one bit
//! a decision, a rare one a byte or two an occurrence).

use anyhow::{bail, Result};

/// A set of ids written as the gaps between them.
const LIST: u8 = 0;
/// A set of ids written as a bitmap from a base id, a multiple of 8.
const BITMAP: u8 = 1;

pub fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads bytes written by the encoders of this module.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    pub fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub fn varint(&mut self) -> Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.bytes.get(self.at) else {
                bail!("the index ends inside a number");
            };
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        bail!("a number of the index is too long")
    }

    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8]> {
        let end = self.at.saturating_add(len);
        let Some(b) = self.bytes.get(self.at..end) else {
            bail!("the index ends inside a record");
        };
        self.at = end;
        Ok(b)
    }

    /// Bytes preceded by their length.
    pub fn sized(&mut self) -> Result<&'a [u8]> {
        let len = self.varint()? as usize;
        self.bytes(len)
    }
}

/// Writes `bytes` preceded by their length.
pub fn put_sized(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Encodes ids sorted ascending, without repeats.
pub fn encode_ids(ids: &[u32]) -> Vec<u8> {
    let mut list = vec![LIST];
    put_varint(&mut list, ids.len() as u64);
    let mut last = 0u32;
    for (i, &id) in ids.iter().enumerate() {
        put_varint(&mut list, u64::from(if i == 0 { id } else { id - last }));
        last = id;
    }
    let (Some(&first), Some(&max)) = (ids.first(), ids.last()) else {
        return list;
    };
    let base = first & !7;
    let len = ((max - base) / 8 + 1) as usize;
    if len + 8 >= list.len() {
        return list;
    }
    let mut map = vec![BITMAP];
    put_varint(&mut map, u64::from(base));
    put_varint(&mut map, len as u64);
    let start = map.len();
    map.resize(start + len, 0);
    for &id in ids {
        let bit = (id - base) as usize;
        map[start + bit / 8] |= 1 << (bit % 8);
    }
    map
}

/// Decodes a set written by [`encode_ids`], ascending.
pub fn decode_ids(bytes: &[u8]) -> Result<Vec<u32>> {
    let mut ids = Vec::new();
    decode_ids_into(bytes, &mut ids)?;
    Ok(ids)
}

/// Decodes a set written by [`encode_ids`] onto the end of `ids`.
pub fn decode_ids_into(bytes: &[u8], ids: &mut Vec<u32>) -> Result<()> {
    let mut r = Reader::new(bytes);
    let kind = r.bytes(1)?[0];
    let id = |n: u64| u32::try_from(n).map_err(|_| anyhow::anyhow!("an id is out of range"));
    match kind {
        LIST => {
            let n = r.varint()? as usize;
            ids.reserve(n.min(1 << 20));
            let mut last = 0u32;
            for i in 0..n {
                let gap = id(r.varint()?)?;
                last = if i == 0 {
                    gap
                } else {
                    last.saturating_add(gap)
                };
                ids.push(last);
            }
            Ok(())
        }
        BITMAP => {
            let base = id(r.varint()?)?;
            let len = r.varint()? as usize;
            let map = r.bytes(len)?;
            for (i, &b) in map.iter().enumerate() {
                for bit in 0..8 {
                    if b & (1 << bit) != 0 {
                        ids.push(base + (i * 8 + bit) as u32);
                    }
                }
            }
            Ok(())
        }
        other => bail!("unknown kind {other} of a set of ids"),
    }
}

/// Appends one decision's places of a triple to its postings: the decision's id less the
/// one before it (the id itself for the first), how many places, then the first place and
/// each later one less the one before.
pub fn put_places(out: &mut Vec<u8>, id_gap: u32, places: impl ExactSizeIterator<Item = u32>) {
    put_varint(out, u64::from(id_gap));
    put_varint(out, places.len() as u64);
    let mut last = 0;
    for (i, at) in places.enumerate() {
        put_varint(out, u64::from(if i == 0 { at } else { at - last }));
        last = at;
    }
}

/// Postings written by [`put_places`], run after run, the first id of the second and later
/// runs made a gap from the last id of the run before: `last` is that id.
pub fn rebase_places(out: &mut Vec<u8>, bytes: &[u8], last: Option<u32>) -> Result<()> {
    let Some(last) = last.filter(|_| !bytes.is_empty()) else {
        out.extend_from_slice(bytes);
        return Ok(());
    };
    let mut r = Reader::new(bytes);
    let first = r.varint()?;
    let Some(gap) = first.checked_sub(u64::from(last)).filter(|g| *g > 0) else {
        bail!("the places of a triple are out of order");
    };
    put_varint(out, gap);
    out.extend_from_slice(&bytes[r.at..]);
    Ok(())
}

/// Decodes postings written by [`put_places`]: each decision's id and places, ascending.
pub fn decode_places(bytes: &[u8]) -> Result<Vec<(u32, Vec<u32>)>> {
    let mut r = Reader::new(bytes);
    let mut out: Vec<(u32, Vec<u32>)> = Vec::new();
    let number = |n: u64| u32::try_from(n).map_err(|_| anyhow::anyhow!("a place is out of range"));
    while !r.done() {
        let gap = number(r.varint()?)?;
        let id = match out.last() {
            Some((last, _)) => last.checked_add(gap).filter(|_| gap > 0),
            None => Some(gap),
        };
        let id =
            id.ok_or_else(|| anyhow::anyhow!("the ids of a triple's places are out of order"))?;
        let n = r.varint()? as usize;
        let mut places = Vec::with_capacity(n.min(1 << 16));
        for i in 0..n {
            let step = number(r.varint()?)?;
            let at = if i == 0 { step } else { places[i - 1] + step };
            places.push(at);
        }
        out.push((id, places));
    }
    Ok(out)
}

/// A decision's stems in order, for `q/<id>.bin`: the number of distinct stems, each
/// *sized*, then each word's stem as its index among them.
pub fn encode_sequence(stems: &[String], sequence: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, stems.len() as u64);
    for s in stems {
        put_sized(&mut out, s.as_bytes());
    }
    for &i in sequence {
        put_varint(&mut out, u64::from(i));
    }
    out
}

/// Decodes [`encode_sequence`]: the stems of the text in order.
pub fn decode_sequence(bytes: &[u8]) -> Result<Vec<String>> {
    let mut r = Reader::new(bytes);
    let n = r.varint()? as usize;
    let mut stems = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        stems.push(String::from_utf8(r.sized()?.to_vec())?);
    }
    let mut out = Vec::new();
    while !r.done() {
        let i = r.varint()? as usize;
        let Some(s) = stems.get(i) else {
            bail!("a word's stem is out of range");
        };
        out.push(s.clone());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_trip_across_runs() {
        let mut first = Vec::new();
        put_places(&mut first, 3, [0, 7, 9].into_iter());
        put_places(&mut first, 2, [4].into_iter());
        let mut second = Vec::new();
        put_places(&mut second, 12, [1, 300].into_iter());
        let mut all = Vec::new();
        rebase_places(&mut all, &first, None).unwrap();
        rebase_places(&mut all, &second, Some(5)).unwrap();
        assert_eq!(
            decode_places(&all).unwrap(),
            [(3, vec![0, 7, 9]), (5, vec![4]), (12, vec![1, 300])]
        );
        assert!(rebase_places(&mut Vec::new(), &second, Some(12)).is_err());
        // A key with no places (a stem, a pair) has none in any run.
        let mut none = Vec::new();
        rebase_places(&mut none, &[], Some(5)).unwrap();
        assert!(none.is_empty());
        for end in 1..all.len() {
            let cut = decode_places(&all[..end]);
            assert!(cut.is_err() || cut.unwrap().len() < 3, "cut at {end}");
        }
    }

    #[test]
    fn sets_round_trip_in_both_forms() {
        let sparse = vec![3, 900, 70_000, 4_000_000];
        let dense: Vec<u32> = (17..5000).filter(|i| i % 3 != 0).collect();
        for ids in [vec![], vec![0], sparse, dense.clone()] {
            assert_eq!(decode_ids(&encode_ids(&ids)).unwrap(), ids);
        }
        assert_eq!(encode_ids(&dense)[0], BITMAP, "a dense set is a bitmap");
        assert!(encode_ids(&dense).len() < 5000 / 8 + 10);
        assert_eq!(encode_ids(&[5, 1_000_000])[0], LIST);
    }

    #[test]
    fn truncated_bytes_are_an_error_not_a_panic() {
        let bytes = encode_ids(&[1, 2, 300, 70_000]);
        for end in 0..bytes.len() {
            assert!(decode_ids(&bytes[..end]).is_err(), "cut at {end}");
        }
        assert!(decode_ids(&[9]).is_err());
    }
}

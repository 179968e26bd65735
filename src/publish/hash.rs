//! The hashes that decide what a publish may reuse: of a case file's bytes, of each file
//! written, and of the templates in force.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::fmt;
use std::path::Path;

/// A SHA-256 digest, written as 64 lower-case hex digits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Sha256(pub [u8; 32]);

impl Sha256 {
    pub fn of(bytes: &[u8]) -> Sha256 {
        Sha256(sha2::Sha256::digest(bytes).into())
    }
}

/// A SHA-256 of bytes given a piece at a time.
#[derive(Default)]
pub struct Hasher(sha2::Sha256);

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> Sha256 {
        Sha256(self.0.finalize().into())
    }
}

impl fmt::Display for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex(&self.0))
    }
}

impl Serialize for Sha256 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex(&self.0))
    }
}

impl<'de> Deserialize<'de> for Sha256 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(HexVisitor)
    }
}

struct HexVisitor;

impl serde::de::Visitor<'_> for HexVisitor {
    type Value = Sha256;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a SHA-256 digest as 64 hex digits")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Sha256, E> {
        let digit = |c: u8| (c as char).to_digit(16);
        let mut out = [0u8; 32];
        let bytes = text.as_bytes();
        let ok = bytes.len() == 64
            && out.iter_mut().zip(bytes.chunks(2)).all(|(b, pair)| {
                match (digit(pair[0]), digit(pair[1])) {
                    (Some(hi), Some(lo)) => {
                        *b = (hi * 16 + lo) as u8;
                        true
                    }
                    _ => false,
                }
            });
        if ok {
            Ok(Sha256(out))
        } else {
            Err(E::invalid_value(serde::de::Unexpected::Str(text), &self))
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// A hash of everything that shapes a rendered decision besides its case file: the built-in
/// templates and the files of the user's templates folder, by name and content.
pub fn templates_hash(dir: Option<&Path>) -> Result<String> {
    let mut h = sha2::Sha256::new();
    for (name, text) in crate::templates::DEFAULTS {
        feed_named(&mut h, name, text.as_bytes());
    }
    if let Some(dir) = dir {
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the templates folder {}", dir.display()))?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot read {}", dir.display()))?
                .path();
            if path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        for path in files {
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            feed_named(
                &mut h,
                &format!("user/{}", name.unwrap_or_default()),
                &bytes,
            );
        }
    }
    Ok(hex(&h.finalize()))
}

fn feed_named(h: &mut sha2::Sha256, name: &str, bytes: &[u8]) {
    // Lengths first, so that moving bytes between name and content changes the hash.
    h.update((name.len() as u64).to_le_bytes());
    h.update(name.as_bytes());
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(Sha256::of(b"abc").to_string(), abc);
        let json = serde_json::to_string(&Sha256::of(b"abc")).unwrap();
        assert_eq!(json, format!("\"{abc}\""));
        assert_eq!(
            serde_json::from_str::<Sha256>(&json).unwrap(),
            Sha256::of(b"abc")
        );
        assert!(serde_json::from_str::<Sha256>("\"abc\"").is_err());
        assert!(serde_json::from_str::<Sha256>(&json.to_uppercase()).is_ok());
        assert!(serde_json::from_str::<Sha256>(&json.replace('a', "g")).is_err());
    }
}

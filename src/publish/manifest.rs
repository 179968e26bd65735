//! The publish manifest: what each published decision was built from, so that the next run
//! re-reads only the case files that changed, and the hashes that decide it.

use super::site::Row;
use crate::problem::Problem;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The version of the manifest's layout. A manifest of another version is still read for
/// what it says of the live site, but nothing it records is reused.
pub const FORMAT: u32 = 3;

/// The manifest of one published site version, kept beside it (not inside it: it names
/// source files, which are nobody's business on the public site).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The layout of this file: [`FORMAT`] when written by this version (absent before 2).
    #[serde(default)]
    pub format: u32,
    /// The version of `decisions` that built the site.
    pub tool_version: String,
    /// Hash of the templates, wording and standard paragraphs in force.
    pub templates_hash: String,
    /// The formats every decision was rendered in, e.g. `["md", "html", "pdf"]`.
    pub formats: Vec<String>,
    pub base_url: String,
    /// Decisions by slug (`21-016-384`).
    pub decisions: BTreeMap<String, Entry>,
    /// Draft case files that passed the checks, by path: skipped again while unchanged.
    #[serde(default)]
    pub drafts: BTreeMap<String, Draft>,
}

/// One published decision.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The case file it came from, as found in the cases folder.
    pub source: String,
    /// SHA-256 of the case file's bytes.
    pub source_hash: String,
    /// SHA-256 of `decision.md`, the canonical text.
    pub content_hash: String,
    /// When the published text last changed (RFC 3339, UTC).
    pub changed: String,
    /// The site version whose publish wrote these files; later versions have the same.
    #[serde(default)]
    pub since: u64,
    /// The files written, relative to the site root.
    pub files: Vec<FileEntry>,
    /// What the index and feeds show of it, so that an unchanged case need not be read.
    #[serde(default)]
    pub row: Row,
    /// The warnings its case file gave, to report them again while it is unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A draft case file that passed the checks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Draft {
    /// SHA-256 of the case file's bytes.
    pub source_hash: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A warning about a case file, without the file's name: the same bytes give the same
/// warnings wherever the file lies.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Warning {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Warning {
    pub fn new(p: &Problem) -> Warning {
        Warning {
            line: p.line,
            column: p.column,
            field: p.field.clone(),
            message: p.message.clone(),
            hint: p.hint.clone(),
        }
    }

    /// The warning as a problem of the case file at `file`.
    pub fn problem(&self, file: &Path) -> Problem {
        let mut p = Problem::error(file, self.message.clone()).warning();
        p.line = self.line;
        p.column = self.column;
        p.field.clone_from(&self.field);
        p.hint.clone_from(&self.hint);
        p
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

impl Manifest {
    /// Reads a manifest; a missing or unreadable one means "nothing to carry over".
    pub fn read(path: &Path) -> Option<Manifest> {
        // Read whole: parsing from memory is several times faster than from a reader.
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest atomically, encoding it as it goes rather than in one string.
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::fs::write_atomic_with(path, |file| {
            let mut out = BufWriter::new(file);
            serde_json::to_writer_pretty(&mut out, self).context("cannot encode the manifest")?;
            out.write_all(b"\n")?;
            out.flush()?;
            Ok(())
        })
    }

    /// True when decisions rendered under `other` can be reused under `self`: the same
    /// layout of manifest, tool, templates and formats.
    pub fn same_build(&self, other: &Manifest) -> bool {
        self.format == FORMAT
            && other.format == FORMAT
            && self.tool_version == other.tool_version
            && self.templates_hash == other.templates_hash
            && self.formats == other.formats
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
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
    let mut h = Sha256::new();
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

fn feed_named(h: &mut Sha256, name: &str, bytes: &[u8]) {
    // Lengths first, so that moving bytes between name and content changes the hash.
    h.update((name.len() as u64).to_le_bytes());
    h.update(name.as_bytes());
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// The current time as RFC 3339 in UTC, e.g. `2024-11-05T09:30:00Z`.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

/// Seconds since the Unix epoch as RFC 3339 in UTC.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_730_799_000), "2024-11-05T09:30:00Z");
    }

    #[test]
    fn sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

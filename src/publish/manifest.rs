//! The publish manifest: what each published decision was built from and what the site shows
//! of it, so that the next run re-reads only the case files that changed (`hash` makes the
//! hashes that decide it).

pub use super::hash::{templates_hash, Sha256};
pub use super::outputs::Page;
use super::row::Row;
use crate::problem::Problem;
use crate::render::Format;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The version of the manifest's layout. A manifest of another version is still read for
/// what it says of the live site, but nothing it records is reused.
pub const FORMAT: u32 = 4;

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
    /// The site's generated pages and feeds (listings, feeds per area and authority), by
    /// path, with the key of what each shows: a page whose key is unchanged is linked from
    /// the live site instead of being made again.
    #[serde(default)]
    pub pages: BTreeMap<String, Page>,
    /// Decisions by slug (`21-016-384`).
    pub decisions: BTreeMap<String, Entry>,
    /// Draft case files that passed the checks, by path: skipped again while unchanged.
    #[serde(default)]
    pub drafts: BTreeMap<String, Draft>,
}

/// A manifest as written, its decisions taken from a list rather than a map.
#[derive(Serialize)]
struct Written<'a> {
    format: u32,
    tool_version: &'a str,
    templates_hash: &'a str,
    formats: &'a [String],
    base_url: &'a str,
    pages: &'a BTreeMap<String, Page>,
    decisions: BySlug<'a>,
    drafts: &'a BTreeMap<String, Draft>,
}

/// Entries sorted by slug, written as a map from slug to entry.
struct BySlug<'a>(&'a [Entry]);

impl Serialize for BySlug<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|e| (e.row.slug(), e)))
    }
}

/// One published decision.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The case file it came from, as found in the cases folder.
    pub source: String,
    /// SHA-256 of the case file's bytes.
    pub source_hash: Sha256,
    /// SHA-256 of `decision.md`, the canonical text.
    pub content_hash: Sha256,
    /// When the published text last changed (RFC 3339, UTC).
    pub changed: String,
    /// When the decision first appeared on the site (RFC 3339, UTC); kept across
    /// republishes. Empty in manifests written before it was recorded: then `changed`.
    #[serde(default)]
    pub published: String,
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
    pub source_hash: Sha256,
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

impl Entry {
    /// When the decision first appeared on the site.
    pub fn published(&self) -> &str {
        if self.published.is_empty() {
            &self.changed
        } else {
            &self.published
        }
    }
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

/// One file of a published decision; its path follows from the decision's slug.
#[derive(Debug, Clone)]
pub struct FileEntry {
    pub format: Format,
    pub sha256: Sha256,
    pub bytes: u64,
}

impl FileEntry {
    /// Its path relative to the site root, for the decision `slug`.
    pub fn path(&self, slug: &str) -> String {
        super::row::file_path(slug, self.format)
    }
}

/// A file as written: by its format's name (`md`), or, in manifests before format 3, by its
/// path (`decisions/21-016-384/decision.md`).
#[derive(Serialize, Deserialize)]
struct FileFields<'a> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing)]
    path: Option<Cow<'a, str>>,
    sha256: Sha256,
    bytes: u64,
}

impl Serialize for FileEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FileFields {
            format: Some(self.format.to_string().into()),
            path: None,
            sha256: self.sha256,
            bytes: self.bytes,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FileEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = FileFields::deserialize(deserializer)?;
        let format = Format::PUBLISHED
            .into_iter()
            .find(|format| match (&f.format, &f.path) {
                (Some(name), _) => format.to_string() == *name,
                (None, Some(path)) => path.ends_with(&format!("/{}", format.file_name())),
                (None, None) => false,
            });
        let format = format.ok_or_else(|| serde::de::Error::custom("a file of unknown format"))?;
        Ok(FileEntry {
            format,
            sha256: f.sha256,
            bytes: f.bytes,
        })
    }
}

impl Manifest {
    /// Reads a manifest; a missing or unreadable one means "nothing to carry over".
    pub fn read(path: &Path) -> Option<Manifest> {
        // Read whole: parsing from memory is several times faster than from a reader.
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest of a new site atomically: this one's build and drafts, and
    /// `entries`, sorted by slug, as its decisions. It is encoded as it is written rather
    /// than in one string, and without indentation, which would make it a third bigger.
    pub fn write(&self, path: &Path, entries: &[Entry]) -> Result<()> {
        let written = Written {
            format: self.format,
            tool_version: &self.tool_version,
            templates_hash: &self.templates_hash,
            formats: &self.formats,
            base_url: &self.base_url,
            pages: &self.pages,
            decisions: BySlug(entries),
            drafts: &self.drafts,
        };
        crate::fs::write_atomic_with(path, |file| {
            let mut out = BufWriter::new(file);
            serde_json::to_writer(&mut out, &written).context("cannot encode the manifest")?;
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

/// The current time as RFC 3339 in UTC, e.g. `2024-11-05T09:30:00Z`: `SOURCE_DATE_EPOCH`
/// when it is set (reproducible builds), else the clock.
pub fn now_rfc3339() -> String {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let secs = epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    });
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
    fn files_read_by_format_or_by_older_path() {
        let hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let new = format!(r#"{{"format":"pdf","sha256":"{hash}","bytes":7}}"#);
        let old = format!(r#"{{"path":"decisions/a/decision.html","sha256":"{hash}","bytes":7}}"#);
        let new: FileEntry = serde_json::from_str(&new).unwrap();
        let old: FileEntry = serde_json::from_str(&old).unwrap();
        assert_eq!((new.format, old.format), (Format::Pdf, Format::Html));
        assert_eq!(old.path("21-016-384"), "decisions/21-016-384/decision.html");
        let written = serde_json::to_string(&new).unwrap();
        assert_eq!(
            written,
            format!(r#"{{"format":"pdf","sha256":"{hash}","bytes":7}}"#)
        );
        let odd = format!(r#"{{"path":"decisions/a/x.txt","sha256":"{hash}","bytes":7}}"#);
        assert!(serde_json::from_str::<FileEntry>(&odd).is_err());
    }
}

//! Reading a case file: size and encoding checks, YAML to [`Case`], and positions for fields.

use super::Case;
use crate::office::Office;
use crate::problem::{suggest, Problem};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::Read;
use std::path::Path;

/// Case files are written by hand; anything bigger than this is a mistake, not a decision.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// One step of a field path: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a field sits in the case file, e.g. `powers[1].standard`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn key(&self, key: &str) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.to_string()));
        p
    }

    pub fn index(&self, index: usize) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Seg::Index(index));
        p
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Reads and parses one case file of the built-in office. On failure the problem names the
/// file and, where known, the line, column and field.
pub fn load(path: &Path) -> Result<(Case, String), Problem> {
    load_bytes(path, read(path)?)
}

/// The built-in office, read once.
pub fn built_in_office() -> &'static Office {
    static OFFICE: std::sync::OnceLock<Office> = std::sync::OnceLock::new();
    OFFICE.get_or_init(|| crate::office::load(None).expect("the built-in office is valid"))
}

/// Reads the bytes of a case file, refusing folders, devices and files too big to be one.
pub fn read(path: &Path) -> Result<Vec<u8>, Problem> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Problem::error(path, format!("cannot read the case file: {e}")))?;
    if meta.is_dir() {
        return Err(Problem::error(path, "is a directory, not a case file")
            .hint("give a `.yaml` file, or use `decisions check DIR` / `decisions publish DIR`"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::error(
            path,
            format!(
                "the file is {} bytes; a case file may be at most {MAX_FILE_BYTES} bytes",
                meta.len()
            ),
        ));
    }
    if !meta.is_file() {
        return Err(Problem::error(path, "is not a regular file")
            .hint("give a `.yaml` file; devices and pipes are not read"));
    }
    // The size is checked again while reading, in case the file grows in between.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Problem::error(path, format!("cannot read the case file: {e}")))?;
    Ok(bytes)
}

/// [`load_bytes_for`] the built-in office.
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<(Case, String), Problem> {
    load_bytes_for(path, bytes, built_in_office())
}

/// Decodes and parses the bytes of a case file of `office`; `path` only names the file in
/// problems. Returns the case and its text.
pub fn load_bytes_for(
    path: &Path,
    bytes: Vec<u8>,
    office: &Office,
) -> Result<(Case, String), Problem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::error(
            path,
            format!(
                "the file is {} bytes; a case file may be at most {MAX_FILE_BYTES} bytes",
                bytes.len()
            ),
        ));
    }
    let src = decode(path, bytes)?;
    let case = parse_str_for(path, &src, office)?;
    Ok((case, src))
}

pub(crate) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Problem> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(Problem::error(path, "the file is not valid UTF-8 text")
                .at(line, column)
                .hint("save the file as UTF-8"))
        }
    }
}

/// [`parse_str_for`] the built-in office.
pub fn parse_str(file: &Path, src: &str) -> Result<Case, Problem> {
    parse_str_for(file, src, built_in_office())
}

/// Parses case-file text of `office`. `file` is only used to name the file in problems.
pub fn parse_str_for(file: &Path, src: &str, office: &Office) -> Result<Case, Problem> {
    if src.trim().is_empty() {
        return Err(Problem::error(file, "the case file is empty")
            .hint("start from `decisions new REFERENCE`"));
    }
    super::limits::check_shape(file, src)?;
    let de = serde_yaml::Deserializer::from_str(src);
    let mut track = serde_path_to_error::Track::new();
    let seed = super::read::CaseSeed { office };
    let case = seed
        .deserialize(serde_path_to_error::Deserializer::new(de, &mut track))
        .map_err(|e| yaml_problem(file, src, serde_path_to_error::Error::new(track.path(), e)))?;
    super::limits::check_size(file, &case)?;
    Ok(case)
}

pub(crate) fn yaml_problem(
    file: &Path,
    src: &str,
    err: serde_path_to_error::Error<serde_yaml::Error>,
) -> Problem {
    let path = field_path(err.path());
    let mut field = path.as_ref().map(ToString::to_string).unwrap_or_default();
    let inner = err.inner();
    let mut message = inner.to_string();
    let mut problem = Problem::error(file, "");
    if let Some(loc) = inner.location() {
        let suffix = format!(" at line {} column {}", loc.line(), loc.column());
        if let Some(i) = message.find(&suffix) {
            message.replace_range(i..i + suffix.len(), "");
        }
        problem = problem.at(loc.line(), loc.column());
    }
    // A value's own check (a date, a reference) fails after the value is read, and the parser
    // then knows no position: find the field's.
    if problem.line.unwrap_or(1) == 1 {
        if let Some((line, column, _)) = path.as_ref().and_then(|p| locate(src, p)) {
            problem = problem.at(line, column);
        }
    }
    // The parser's message may start with its own path; keep it once, as the field.
    if let Some((prefix, rest)) = message.split_once(": ") {
        if !prefix.is_empty() && !prefix.contains(' ') && field.starts_with(prefix) {
            field = prefix.to_string();
            message = rest.to_string();
        }
    }
    if let Some(hint) = unknown_field_hint(&message) {
        problem = problem.hint(hint);
    }
    // The reader names a byte offset rather than a line.
    if let Some((head, offset)) = message.rsplit_once(" at position ") {
        if let Ok(offset) = offset.parse::<usize>() {
            let (line, column) = line_column(src, offset);
            problem = problem.at(line, column);
            message = head.to_string();
        }
    }
    // serde_yaml's words for its own safety limits, said in terms of the case file.
    if message.starts_with("repetition limit exceeded") {
        message = "too many aliases: expanding the `*` aliases would make the file huge".into();
        problem = problem
            .hint("write the text out instead of repeating it with `&` anchors and `*` aliases");
        if let Some((line, column)) = super::limits::first_alias(src) {
            problem = problem.at(line, column);
        }
    } else if message.starts_with("recursion limit exceeded") {
        message = "the YAML nests too deep".into();
    } else if let Some(head) = message.strip_suffix("expected struct Case") {
        message = format!(
            "{head}expected a case file: fields such as `reference: 21 016 384`, one per line"
        );
        field.clear();
    }
    problem.message = message.replace("invalid type: unit value", "invalid type: empty value");
    problem.field(field)
}

/// The field path of a serde path, when every step of it is known.
pub fn field_path(path: &serde_path_to_error::Path) -> Option<FieldPath> {
    use serde_path_to_error::Segment;
    let mut out = FieldPath::default();
    for seg in path.iter() {
        out = match seg {
            Segment::Map { key } => out.key(key),
            Segment::Seq { index } => out.index(*index),
            Segment::Enum { .. } | Segment::Unknown => break,
        };
    }
    Some(out).filter(|p| !p.0.is_empty())
}

/// The line and column (from 1) of a byte offset in `src`.
pub(crate) fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let before = src.as_bytes().get(..offset).unwrap_or(src.as_bytes());
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// For "unknown field `x`, expected one of `a`, `b`", the close matches among the expected.
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown section `"))?;
    let (name, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    if known.is_empty() {
        return None;
    }
    Some(suggest(name, known.iter().copied()))
}

/// The line and column where the value at `path` starts in `src`; for a path that the text
/// does not spell out (a plain-string paragraph's `text`), the nearest enclosing value.
pub fn locate(src: &str, path: &FieldPath) -> Option<(usize, usize, FieldPath)> {
    (0..=path.0.len()).rev().find_map(|n| {
        let (line, column) = locate_exact(src, &path.0[..n])?;
        Some((line, column, FieldPath(path.0[..n].to_vec())))
    })
}

fn locate_exact(src: &str, path: &[Seg]) -> Option<(usize, usize)> {
    const FOUND: &str = "\u{0}found";
    let de = serde_yaml::Deserializer::from_str(src);
    match (Seek { path }).deserialize(de) {
        Err(e) if e.to_string().contains(FOUND) => e.location().map(|l| (l.line(), l.column())),
        _ => None,
    }
}

/// Walks the YAML document down `path` and fails on purpose at its end, so that the parser
/// attaches the position of that value to the error.
struct Seek<'p> {
    path: &'p [Seg],
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.path.split_first() else {
            return Err(de::Error::custom("\u{0}found"));
        };
        while let Some(key) = map.next_key::<serde_yaml::Value>()? {
            match (first, key.as_str()) {
                (Seg::Key(k), Some(s)) if s == k => {
                    return map.next_value_seed(Seek { path: rest });
                }
                _ => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.path.split_first() else {
            return Err(de::Error::custom("\u{0}found"));
        };
        let mut i = 0;
        loop {
            if *first == Seg::Index(i) {
                return seq.next_element_seed(Seek { path: rest }).map(drop);
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.leaf()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.leaf()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.leaf()
    }
}

impl Seek<'_> {
    fn leaf<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom("\u{0}found"))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "a: 1\nlist:\n  - x\n  - text: hello\n    id: y\n";

    #[test]
    fn locates_nested_fields() {
        let p = FieldPath::default().key("list").index(1).key("id");
        assert_eq!(locate(SRC, &p), Some((5, 9, p.clone())));
        let first = FieldPath::default().key("list").index(0);
        assert_eq!(locate(SRC, &first), Some((3, 5, first.clone())));
        assert_eq!(locate(SRC, &first.key("text")), Some((3, 5, first.clone())));
        assert_eq!(p.to_string(), "list[1].id");
    }
}

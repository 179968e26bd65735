//! Reading an office folder's `office.yaml`: size and encoding, YAML to [`Office`] with the
//! position of every problem, then the checks that span fields.

use super::Office;
use crate::case::load::{decode, yaml_problem};
use crate::problem::Problem;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The LGSCO's office file, built into the binary.
pub const BUILT_IN: &str = include_str!("../../templates/office.yaml");

/// An office file is written by hand; anything bigger is a mistake.
const MAX_BYTES: u64 = 256 * 1024;

/// The office of a folder: its `office.yaml` when it has one, else the built-in LGSCO. An
/// office file replaces the built-in one whole, since its parts depend on each other.
pub fn load(dir: Option<&Path>) -> Result<Office, Vec<Problem>> {
    let Some(path) = dir.map(|d| d.join("office.yaml")).filter(|p| p.exists()) else {
        return parse_str(Path::new("built-in office.yaml"), BUILT_IN);
    };
    let src = read(&path).map_err(|p| vec![p])?;
    parse_str(&path, &src)
}

fn read(path: &PathBuf) -> Result<String, Problem> {
    let too_big = |n: u64| {
        Problem::error(
            path,
            format!("the file is {n} bytes; an office file may be at most {MAX_BYTES} bytes"),
        )
    };
    let meta = std::fs::metadata(path)
        .map_err(|e| Problem::error(path, format!("cannot read the office file: {e}")))?;
    if !meta.is_file() {
        return Err(Problem::error(path, "is not a regular file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Problem::error(path, format!("cannot read the office file: {e}")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    decode(path, bytes)
}

/// Parses and checks office-file text; `file` only names the file in problems.
pub fn parse_str(file: &Path, src: &str) -> Result<Office, Vec<Problem>> {
    if src.trim().is_empty() {
        return Err(vec![Problem::error(file, "the office file is empty").hint(
            "start from the built-in one: `decisions templates DIR` writes it",
        )]);
    }
    let de = serde_yaml::Deserializer::from_str(src);
    let office: Office = serde_path_to_error::deserialize(de).map_err(|e| {
        let mut p = yaml_problem(file, src, e);
        if let Some(head) = p.message.strip_suffix("expected struct Office") {
            p.message = format!("{head}expected an office file: fields such as `name: ...`");
        }
        vec![p]
    })?;
    let problems = super::check::check(&office, file, src);
    if problems.is_empty() {
        Ok(office)
    } else {
        Err(problems)
    }
}

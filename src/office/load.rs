//! Reading an office folder: its files read safely (regular files only, no link out of the
//! folder, a size limit, UTF-8), then `office.yaml` parsed to [`Office`] with the position of
//! every problem, and the checks that span fields.

use super::Office;
use crate::case::load::{decode, yaml_problem};
use crate::problem::Problem;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The LGSCO's office file, built into the binary.
pub const BUILT_IN: &str = include_str!("../../templates/office.yaml");

/// An office file is written by hand; anything bigger is a mistake.
const MAX_BYTES: u64 = 256 * 1024;

/// The most a template, wording or paragraphs file may hold: a case file's limit.
pub const MAX_FOLDER_FILE_BYTES: u64 = crate::case::MAX_FILE_BYTES;

/// One file of an office folder, read and decoded.
#[derive(Debug, Clone)]
pub struct FolderFile {
    /// The file's name in the folder, e.g. `wording.yaml`.
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// The office of a folder: its `office.yaml` when it has one, else the built-in LGSCO. An
/// office file replaces the built-in one whole, since its parts depend on each other.
pub fn load(dir: Option<&Path>) -> Result<Office, Vec<Problem>> {
    let Some(dir) = dir else {
        return built_in();
    };
    let path = dir.join("office.yaml");
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => built_in(),
        _ => {
            let file = read_folder_file(dir, &path).map_err(|p| vec![p])?;
            parse_str(&file.path, &file.text)
        }
    }
}

/// The files directly in an office folder, by name; hidden files and sub-folders are left
/// out. A file that cannot be read safely is a problem, and the others are still read, so
/// that every problem is reported together.
pub fn read_folder(dir: &Path) -> (Vec<FolderFile>, Vec<Problem>) {
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let p = Problem::error(dir, format!("cannot read the templates folder: {e}"));
            return (files, vec![p]);
        }
    };
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => {
                problems.push(Problem::error(dir, format!("cannot read the folder: {e}")));
                continue;
            }
        };
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // Sub-folders (such as `new/`) are read by what needs them; their content is not
        // read here, even through a link.
        if name.starts_with('.') || std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        match read_folder_file(dir, &path) {
            Ok(file) => files.push(file),
            Err(p) => problems.push(p),
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    (files, problems)
}

/// Where `path` leads: itself, or the target of a link that stays inside `dir`.
fn resolve_link(dir: &Path, path: &Path) -> Result<PathBuf, Problem> {
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| Problem::error(path, format!("cannot read the file: {e}")))?;
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    let outside = || {
        Problem::error(path, "is a link to a file outside the folder")
            .hint("copy the file into the folder; links out of it are not followed")
    };
    let target = std::fs::canonicalize(path)
        .map_err(|e| Problem::error(path, format!("is a link that leads nowhere: {e}")))?;
    let home = std::fs::canonicalize(dir).map_err(|_| outside())?;
    if target.starts_with(&home) {
        Ok(target)
    } else {
        Err(outside())
    }
}

/// Reads one file of the folder at `dir`: a regular file, or a link to one inside the folder,
/// of at most [`MAX_FOLDER_FILE_BYTES`] (less for `office.yaml`), in UTF-8.
pub fn read_folder_file(dir: &Path, path: &Path) -> Result<FolderFile, Problem> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let max = if name == "office.yaml" {
        MAX_BYTES
    } else {
        MAX_FOLDER_FILE_BYTES
    };
    let target = resolve_link(dir, path)?;
    let cannot = |e: std::io::Error| Problem::error(path, format!("cannot read the file: {e}"));
    let meta = std::fs::metadata(&target).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Problem::error(path, "is not a regular file")
            .hint("devices, pipes and sockets are not read; remove it from the folder"));
    }
    let too_big = |n: u64| {
        Problem::error(
            path,
            format!("the file is {n} bytes; a file of an office folder may be at most {max} bytes"),
        )
    };
    if meta.len() > max {
        return Err(too_big(meta.len()));
    }
    // The size is checked again while reading, in case the file grows in between.
    let mut bytes = Vec::new();
    std::fs::File::open(&target)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(FolderFile {
        name,
        path: path.to_path_buf(),
        text: decode(path, bytes)?,
    })
}

/// The built-in office. It is part of the program and a test checks it as any office file
/// is checked, so a run does not check it again: the checks cost more than the rest of a
/// one-case build's reading.
fn built_in() -> Result<Office, Vec<Problem>> {
    let file = Path::new("built-in office.yaml");
    let de = serde_yaml::Deserializer::from_str(BUILT_IN);
    serde_path_to_error::deserialize(de).map_err(|e| vec![yaml_problem(file, BUILT_IN, e)])
}

/// Parses and checks office-file text; `file` only names the file in problems.
pub fn parse_str(file: &Path, src: &str) -> Result<Office, Vec<Problem>> {
    if src.trim().is_empty() {
        return Err(vec![Problem::error(file, "the office file is empty").hint(
            "start from the built-in one: `decisions templates DIR` writes it",
        )]);
    }
    check_shape(file, src, "an office file").map_err(|p| vec![p])?;
    let de = serde_yaml::Deserializer::from_str(src);
    let office: Office = serde_path_to_error::deserialize(de).map_err(|e| {
        let mut p = yaml_problem(file, src, e);
        if let Some(head) = p.message.strip_suffix("expected struct Office") {
            p.message = format!("{head}expected an office file: fields such as `name: ...`");
            p.field = None;
        }
        p.message = plain_words(&p.message);
        vec![p]
    })?;
    let problems = super::check::check(&office, file, src);
    if problems.is_empty() {
        Ok(office)
    } else {
        Err(problems)
    }
}

/// The case file's limits on YAML depth, size and control characters, with hints for `what`
/// (`an office file`, `a wording file`).
pub fn check_shape(file: &Path, src: &str, what: &str) -> Result<(), Problem> {
    crate::case::limits::check_shape(file, src).map_err(|mut p| {
        if p.message.contains("levels deep") {
            p.hint = Some(format!(
                "{what} needs only a few levels; look for unclosed `[` or `{{`"
            ));
        } else if p.message.contains("YAML values") {
            p.hint = Some(format!("{what} needs far fewer; look for a runaway list"));
        }
        p
    })
}

/// The parser's words for Rust types, said for people who write YAML.
fn plain_words(message: &str) -> String {
    message
        .replace("expected u32", "expected a whole number")
        .replace("expected u8", "expected a whole number")
}

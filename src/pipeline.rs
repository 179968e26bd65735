//! The steps every command shares: find case files, load one, resolve it to a decision.

use crate::case;
use crate::problem::Problem;
use crate::resolve::{self, Decision};
use crate::review::{self, Gate};
use crate::templates::Templates;
use std::path::{Path, PathBuf};

/// A resolved decision and the warnings found on the way.
pub struct Loaded {
    pub decision: Decision,
    pub warnings: Vec<Problem>,
}

/// Loads, validates and resolves one case file, returning every problem found.
pub fn load_and_resolve(
    path: &Path,
    templates: &Templates,
    gate: Gate,
) -> Result<Loaded, Vec<Problem>> {
    load_resolve_and(path, templates, gate, |_| ()).map(|(loaded, ())| loaded)
}

/// [`load_and_resolve`] for a case file already read; `path` names it in problems.
pub fn resolve_bytes(
    path: &Path,
    bytes: Vec<u8>,
    templates: &Templates,
    gate: Gate,
) -> Result<Loaded, Vec<Problem>> {
    let (case, src) = case::load_bytes_for(path, bytes, &templates.office).map_err(|p| vec![p])?;
    let decision = resolve::resolve(&case, templates, path, &src)?;
    let warnings = gate_review(&case, path, &src, gate, templates, &decision)?;
    Ok(Loaded { decision, warnings })
}

/// As [`load_and_resolve`], doing `work` on the decision before its words are reviewed: the
/// review waits for the lint's patterns, which meanwhile compile on a thread of their own.
/// What `work` made is dropped when the review finds errors, so the outcome is the same.
pub fn load_resolve_and<T>(
    path: &Path,
    templates: &Templates,
    gate: Gate,
    work: impl FnOnce(&Decision) -> T,
) -> Result<(Loaded, T), Vec<Problem>> {
    let bytes = case::read(path).map_err(|p| vec![p])?;
    let (case, src) = case::load_bytes_for(path, bytes, &templates.office).map_err(|p| vec![p])?;
    let decision = resolve::resolve(&case, templates, path, &src)?;
    let made = work(&decision);
    let warnings = gate_review(&case, path, &src, gate, templates, &decision)?;
    Ok((Loaded { decision, warnings }, made))
}

/// The review's warnings and the decision's own, or all the problems when any is an error.
fn gate_review(
    case: &case::Case,
    path: &Path,
    src: &str,
    gate: Gate,
    templates: &Templates,
    decision: &Decision,
) -> Result<Vec<Problem>, Vec<Problem>> {
    let (errors, mut warnings): (Vec<Problem>, Vec<Problem>) =
        review::review(case, path, src, gate, &templates.office.anonymisation)
            .into_iter()
            .partition(Problem::is_error);
    warnings.extend(decision.warnings.iter().cloned());
    warnings.sort_by_key(Problem::sort_key);
    if errors.is_empty() {
        return Ok(warnings);
    }
    let mut all = errors;
    all.extend(warnings);
    Err(all)
}

/// The case files at `path`: the file itself, or every `*.yaml`/`*.yml` below a folder, sorted.
pub fn find_cases(path: &Path) -> Result<Vec<PathBuf>, Problem> {
    let meta =
        std::fs::metadata(path).map_err(|e| Problem::error(path, format!("cannot read: {e}")))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| Problem::error(&dir, format!("cannot read the folder: {e}")))?;
        for entry in entries {
            let entry =
                entry.map_err(|e| Problem::error(&dir, format!("cannot read the folder: {e}")))?;
            let p = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            // Symbolic links are not followed, so a folder cannot lead outside itself.
            let ft = entry
                .file_type()
                .map_err(|e| Problem::error(&p, format!("cannot read: {e}")))?;
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file()
                && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

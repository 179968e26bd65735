//! Making the staging folder of the new site from what is already on disk: the decisions this
//! run rendered (the fresh folder), the files of the live site (as hard links), and the version
//! before the live one, kept for this, whose folders are reused wherever they still hold the
//! right files. With that version at hand, a publish that changes one decision rewrites one
//! decision's folder, not thousands.

use super::files;
use super::hook::Hook;
use super::manifest::Entry;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where the new site's decisions come from, and where it is made.
pub struct Sources<'a> {
    /// The live site, whose files unchanged decisions are linked from.
    pub live: Option<&'a Path>,
    /// The version before the live one (number and folder); it becomes the staging folder.
    pub spare: Option<(u64, PathBuf)>,
    /// The decisions rendered by this run, in `decisions/<slug>/` below it.
    pub fresh: &'a Path,
    pub staging: &'a Path,
    /// The number of the version being made: entries with this `since` were rendered now.
    pub number: u64,
    /// Unchanged decisions whose files in the spare version cannot be used (the others were
    /// checked there).
    pub relink: &'a HashSet<String>,
    pub hook: &'a Hook,
}

/// Makes the staging folder hold exactly the decisions `entries` (sorted by slug), each with
/// its files.
pub fn assemble(entries: &[Entry], s: &Sources) -> Result<()> {
    let spare = match &s.spare {
        None => {
            rename(s.fresh, s.staging)?;
            None
        }
        Some((number, dir)) => {
            rename(dir, s.staging)?;
            Some(*number)
        }
    };
    if spare.is_some() {
        // Folders of decisions that are no longer published.
        let decisions = s.staging.join("decisions");
        let names: Vec<String> = match std::fs::read_dir(&decisions) {
            Ok(entries) => entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e).context(format!("cannot read {}", decisions.display())),
        };
        names
            .par_iter()
            .filter(|name| {
                entries
                    .binary_search_by(|e| e.row.slug().cmp(name.as_str()))
                    .is_err()
            })
            .try_for_each(|name| remove(&decisions.join(name)))?;
    }
    entries
        .par_iter()
        .try_for_each(|entry| place(entry.row.slug(), entry, spare, s))?;
    if spare.is_some() {
        // Only empty folders are left in it.
        remove(s.fresh)?;
    }
    Ok(())
}

/// Puts one decision's files in the staging folder.
fn place(slug: &str, entry: &Entry, spare: Option<u64>, s: &Sources) -> Result<()> {
    let to = s.staging.join("decisions").join(slug);
    if entry.since == s.number {
        // Rendered by this run; already in place if the fresh folder became the staging one.
        if spare.is_some() {
            remove(&to)?;
            rename(&s.fresh.join("decisions").join(slug), &to)?;
        }
        return Ok(());
    }
    if spare.is_some() && !s.relink.contains(slug) {
        return Ok(());
    }
    let live = s
        .live
        .with_context(|| format!("decisions/{slug} is in no site to take it from"))?;
    if spare.is_some() {
        remove(&to)?;
    }
    std::fs::create_dir_all(&to)
        .with_context(|| format!("cannot create the folder {}", to.display()))?;
    for file in &entry.files {
        let path = file.path(slug);
        files::carry_over(&live.join(&path), &s.staging.join(&path))?;
    }
    s.hook.staged();
    Ok(())
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("cannot rename {} to {}", from.display(), to.display()))
}

/// Removes a folder and what it holds, if it is there.
fn remove(dir: &Path) -> Result<()> {
    match files::remove_tree(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).context(format!("cannot remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}

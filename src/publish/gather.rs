//! What the check pass found, gathered: warnings and counts for the summary, drafts for the
//! manifest, every error (duplicates included), and the final decisions as the entries of
//! the new site, sorted by slug, those of unchanged files taken from the live manifest.

use super::check::{self, Checked};
use super::manifest::{Entry, Manifest};
use super::summary::Summary;
use crate::problem::Problem;
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::path::PathBuf;

/// Where a final decision's entry comes from.
pub enum Found {
    New(Box<Entry>),
    /// The live site's manifest, under this slug; the flag: its files must be linked from the
    /// live site (see [`Checked::Unchanged`]).
    Unchanged(String, bool),
}

/// Counts what the pass found into `summary` and the drafts into `build`; returns the final
/// decisions in the order of their files, or every error, duplicates included, sorted.
pub fn gather(
    checked: Vec<Checked>,
    previous: Option<&Manifest>,
    summary: &mut Summary,
    build: &mut Manifest,
) -> std::result::Result<Vec<(PathBuf, Found)>, Vec<Problem>> {
    let mut errors = Vec::new();
    let mut finals = Vec::new();
    let old = |slug: &str| previous.and_then(|m| m.decisions.get(slug));
    for c in checked {
        match c {
            Checked::Final {
                path,
                entry,
                rendered,
            } => {
                summary.rendered += usize::from(rendered);
                let warnings = entry.warnings.iter().map(|w| w.problem(&path));
                summary.warnings.extend(warnings);
                finals.push((path, Found::New(entry)));
            }
            Checked::Unchanged { path, slug, relink } => {
                summary.unchanged += 1;
                let warnings = old(&slug).map_or(&[][..], |e| &e.warnings);
                summary
                    .warnings
                    .extend(warnings.iter().map(|w| w.problem(&path)));
                finals.push((path, Found::Unchanged(slug, relink)));
            }
            Checked::Draft { path, draft } => {
                summary.drafts += 1;
                let warnings = draft.warnings.iter().map(|w| w.problem(&path));
                summary.warnings.extend(warnings);
                build.drafts.insert(path.display().to_string(), draft);
            }
            Checked::Failed(problems) => errors.extend(problems),
        }
    }
    let rows = finals.iter().filter_map(|(path, found)| {
        let row = match found {
            Found::New(entry) => &entry.row,
            Found::Unchanged(slug, _) => &old(slug)?.row,
        };
        Some((path.as_path(), row))
    });
    let rows: Vec<_> = rows.collect();
    errors.extend(check::across_folder(&rows));
    errors.retain(Problem::is_error);
    if errors.is_empty() {
        summary.warnings.sort_by_key(Problem::sort_key);
        Ok(finals)
    } else {
        errors.sort_by_key(Problem::sort_key);
        Err(errors)
    }
}

/// The new site's decisions, sorted by slug, and the unchanged ones whose files must be
/// linked from the live site. Takes unchanged entries out of `previous`, counting in
/// `summary` those it still holds afterwards: the decisions no longer published.
pub fn entries(
    finals: Vec<(PathBuf, Found)>,
    mut previous: Option<Manifest>,
    summary: &mut Summary,
) -> Result<(Vec<Entry>, HashSet<String>)> {
    let mut relink = HashSet::new();
    let mut entries = Vec::with_capacity(finals.len());
    for (path, found) in finals {
        let mut entry = match found {
            Found::New(entry) => *entry,
            Found::Unchanged(slug, again) => {
                let entry = previous
                    .as_mut()
                    .and_then(|m| m.decisions.remove(&slug))
                    .with_context(|| format!("decisions/{slug} vanished from the manifest"))?;
                if again {
                    relink.insert(slug);
                }
                entry
            }
        };
        entry.source = path.display().to_string();
        if entry.published.is_empty() {
            entry.published = entry.changed.clone();
        }
        entries.push(entry);
    }
    entries.sort_unstable_by(|a, b| a.row.slug().cmp(b.row.slug()));
    summary.removed = previous.map_or(0, |m| {
        m.decisions
            .keys()
            .filter(|k| entries.binary_search_by(|e| e.row.slug().cmp(k)).is_err())
            .count()
    });
    Ok((entries, relink))
}

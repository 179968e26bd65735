//! The one pass over the case files, in parallel. Each file is read and hashed. One that the
//! previous manifest records, byte for byte, as checked under the same build is taken from it:
//! its files are linked into the staging folder and its row and warnings copied, without
//! parsing it. Any other is loaded and checked and, while no error has been seen, rendered
//! into the staging folder. Either way a decision leaves behind only its manifest entry.

use super::manifest::{self, Draft, Entry, FileEntry, Manifest, Warning};
use super::site::{self, Row};
use super::{staging, Options};
use crate::pipeline::{self, Loaded};
use crate::problem::Problem;
use crate::render::{Format, Renderer};
use crate::resolve::Decision;
use crate::review::Gate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// What one case file came to.
pub enum Checked {
    /// A final decision and its manifest entry.
    Final {
        path: PathBuf,
        entry: Box<Entry>,
        how: How,
    },
    /// A draft that passed the checks: never published.
    Draft { path: PathBuf, draft: Draft },
    /// The file's errors, and any warnings.
    Failed(Vec<Problem>),
}

/// How a final decision reached the staging folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Rendered,
    /// Its files linked from the previous site.
    CarriedOver,
    /// Not at all: an error had been seen, so nothing will be published. Its entry holds only
    /// what the duplicate check needs.
    Skipped,
}

/// The previous site, when what its manifest records may be reused.
pub struct Reuse<'a> {
    dir: &'a Path,
    /// Final decisions by the hash of their case file: (slug, entry).
    finals: HashMap<&'a str, (&'a str, &'a Entry)>,
    /// Drafts by the hash of their case file.
    drafts: HashMap<&'a str, &'a Draft>,
}

impl<'a> Reuse<'a> {
    pub fn new(manifest: &'a Manifest, dir: &'a Path) -> Reuse<'a> {
        Reuse {
            dir,
            finals: manifest
                .decisions
                .iter()
                .map(|(slug, e)| (e.source_hash.as_str(), (slug.as_str(), e)))
                .collect(),
            drafts: manifest
                .drafts
                .values()
                .map(|d| (d.source_hash.as_str(), d))
                .collect(),
        }
    }
}

/// What every parallel worker shares.
pub struct Pass<'a> {
    pub renderer: &'a Renderer,
    pub formats: &'a [Format],
    pub staging: &'a Path,
    pub reuse: Option<Reuse<'a>>,
    /// The previous manifest, to keep a decision's change time when its text is the same.
    pub previous: Option<&'a Manifest>,
    pub now: &'a str,
    pub opts: &'a Options,
}

/// What the workers learn as they go.
#[derive(Default)]
struct State {
    /// Set at the first error: from then on cases are checked, so that every error is
    /// reported, but nothing more is staged.
    failed: AtomicBool,
    /// Decisions written to the staging folder, for the test hook.
    staged: AtomicUsize,
    /// Addresses taken in the staging folder (lower-cased slugs), each by the index of its
    /// case file: two files with one address must never write into one folder.
    claimed: Mutex<HashMap<String, usize>>,
}

impl State {
    fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    fn fail(&self, problems: Vec<Problem>) -> Checked {
        self.failed.store(true, Ordering::SeqCst);
        Checked::Failed(problems)
    }

    /// Takes the address `slug` for the case file `index`; false if the run has failed or
    /// another file has it (a duplicate, reported at the end, so the run fails now).
    fn claim(&self, slug: &str, index: usize) -> bool {
        if self.failed() {
            return false;
        }
        let Ok(mut claimed) = self.claimed.lock() else {
            self.failed.store(true, Ordering::SeqCst);
            return false;
        };
        let holder = *claimed.entry(slug.to_lowercase()).or_insert(index);
        if holder != index {
            self.failed.store(true, Ordering::SeqCst);
        }
        holder == index
    }
}

impl Pass<'_> {
    /// Checks and stages every case file, in parallel; the results are in the files' order.
    pub fn run(&self, files: &[PathBuf]) -> Vec<Checked> {
        let state = State::default();
        files
            .par_iter()
            .enumerate()
            .map(|(index, path)| {
                let checked = self.one(index, path, &state);
                self.opts.progress.inc(1);
                checked
            })
            .collect()
    }

    fn one(&self, index: usize, path: &Path, state: &State) -> Checked {
        let bytes = match crate::case::read(path) {
            Ok(bytes) => bytes,
            Err(p) => return state.fail(vec![p]),
        };
        let source_hash = manifest::sha256_hex(&bytes);
        if let Some(reuse) = &self.reuse {
            if let Some(draft) = reuse.drafts.get(source_hash.as_str()) {
                let draft = (*draft).clone();
                let path = path.to_path_buf();
                return Checked::Draft { path, draft };
            }
            if let Some(&(slug, old)) = reuse.finals.get(source_hash.as_str()) {
                if let Some(checked) = self.carry_over(index, path, (slug, old), reuse.dir, state) {
                    return checked;
                }
            }
        }
        let templates = &self.renderer.templates;
        let Loaded { decision, warnings } =
            match pipeline::resolve_bytes(path, bytes, templates, Gate::Strict) {
                Ok(loaded) => loaded,
                Err(problems) => return state.fail(problems),
            };
        let warnings = warnings.iter().map(Warning::new).collect();
        if decision.meta.draft {
            let draft = Draft {
                source_hash,
                warnings,
            };
            let path = path.to_path_buf();
            return Checked::Draft { path, draft };
        }
        let mut entry = Box::new(Entry {
            source: path.display().to_string(),
            source_hash,
            content_hash: String::new(),
            changed: String::new(),
            files: Vec::new(),
            row: Row::new(&decision.meta),
            warnings,
        });
        let path = path.to_path_buf();
        if !state.claim(&entry.row.slug, index) {
            let how = How::Skipped;
            return Checked::Final { path, entry, how };
        }
        if let Err(p) = self.render(&path, &decision, &mut entry) {
            return state.fail(vec![*p]);
        }
        drop(decision);
        self.staged(state);
        let how = How::Rendered;
        Checked::Final { path, entry, how }
    }

    /// The previous site's decision, its files linked into the staging folder, if they are
    /// all still there at their recorded sizes; `None` means "render it afresh".
    fn carry_over(
        &self,
        index: usize,
        path: &Path,
        (slug, old): (&str, &Entry),
        dir: &Path,
        state: &State,
    ) -> Option<Checked> {
        let entry = Box::new(Entry {
            source: path.display().to_string(),
            ..old.clone()
        });
        let path = path.to_path_buf();
        let intact = old.files.iter().all(|file| {
            std::fs::metadata(dir.join(&file.path)).is_ok_and(|m| m.len() == file.bytes)
        });
        if !intact {
            return None;
        }
        if !state.claim(slug, index) {
            let how = How::Skipped;
            return Some(Checked::Final { path, entry, how });
        }
        for file in &old.files {
            // A failed link or copy falls back to rendering the decision afresh.
            staging::carry_over(&dir.join(&file.path), &self.staging.join(&file.path)).ok()?;
        }
        self.staged(state);
        let how = How::CarriedOver;
        Some(Checked::Final { path, entry, how })
    }

    /// Renders a decision into the staging folder, filling in its entry's files and hashes.
    fn render(
        &self,
        path: &Path,
        decision: &Decision,
        entry: &mut Entry,
    ) -> Result<(), Box<Problem>> {
        let fail = |e: anyhow::Error| Box::new(Problem::error(path, format!("{e:#}")));
        let rendered = self.renderer.render(decision, self.formats).map_err(fail)?;
        for (format, bytes) in &rendered.files {
            let path = site::file_path(&entry.row.slug, *format);
            staging::write_new(&self.staging.join(&path), bytes).map_err(fail)?;
            let sha256 = manifest::sha256_hex(bytes);
            if *format == Format::Md || entry.content_hash.is_empty() {
                entry.content_hash.clone_from(&sha256);
            }
            entry.files.push(FileEntry {
                path,
                sha256,
                bytes: bytes.len() as u64,
            });
        }
        // The change time moves only when the published text does.
        entry.changed = self
            .previous
            .and_then(|m| m.decisions.get(&entry.row.slug))
            .filter(|old| old.content_hash == entry.content_hash)
            .map_or_else(|| self.now.to_string(), |old| old.changed.clone());
        Ok(())
    }

    /// Counts a decision written to the staging folder, and stops the process there if the
    /// test hook asks for it.
    fn staged(&self, state: &State) {
        let done = state.staged.fetch_add(1, Ordering::SeqCst) + 1;
        if self.opts.fail_after == Some(done) {
            // Exit without cleaning up, as a killed process would.
            eprintln!("DECISIONS_FAIL_AFTER: stopping after {done} decision(s)");
            std::process::exit(3);
        }
    }
}

/// Two final cases with one reference, or with addresses that differ only in case (which
/// would collide on many servers), each reported on the later file, naming the earlier.
pub fn duplicates<'a>(finals: impl IntoIterator<Item = (&'a Path, &'a Row)>) -> Vec<Problem> {
    let mut seen: HashMap<String, (&Path, &Row)> = HashMap::new();
    let mut problems = Vec::new();
    for (path, b) in finals {
        let key = b.slug.to_lowercase();
        let Some(&(first_path, a)) = seen.get(&key) else {
            seen.insert(key, (path, b));
            continue;
        };
        let message = if a.reference == b.reference {
            format!(
                "duplicate reference {}: {} has it too",
                b.reference,
                first_path.display()
            )
        } else {
            format!(
                "reference {} has the same address (decisions/{}/) as {} in {}",
                b.reference,
                a.slug,
                a.reference,
                first_path.display()
            )
        };
        let mut p = Problem::error(path, message).field("reference");
        let field = crate::case::FieldPath::default().key("reference");
        if let Some((line, column, _)) = std::fs::read_to_string(path)
            .ok()
            .and_then(|src| crate::case::locate(&src, &field))
        {
            p = p.at(line, column);
        }
        problems.push(
            p.hint("each decision must have its own reference; remove or fix one of the two files"),
        );
    }
    problems
}

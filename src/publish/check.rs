//! The first stage of a publish, check: one pass over the case files, in parallel. Each file
//! is read and hashed. One that the live site's manifest records, byte for byte, as checked
//! under the same build is taken as it stands there, without parsing it: its row, files and
//! warnings are in the manifest. Any other is loaded and checked and, while no error has been
//! seen, rendered into the folder of fresh decisions (`render`, the second stage, runs within
//! the pass so that a decision is held in memory only while it is made). Either way a
//! decision leaves behind only its manifest entry, or less; `gather` turns what the pass
//! found into the new site's entries.

use super::hook::Hook;
use super::manifest::{Draft, Entry, Manifest, Sha256, Warning};
use super::row::Row;
use crate::pipeline::{self, Loaded};
use crate::problem::Problem;
use crate::render::{Format, Renderer};
use crate::review::Gate;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// What one case file came to.
pub enum Checked {
    /// A final decision, checked, and rendered unless an error had been seen (then its
    /// entry holds only what the duplicate check needs).
    Final {
        path: PathBuf,
        entry: Box<Entry>,
        rendered: bool,
    },
    /// A final decision unchanged since the live site, whose manifest holds its entry.
    /// `relink`: the spare version's copy of its files cannot be used; link the live ones.
    Unchanged {
        path: PathBuf,
        slug: String,
        relink: bool,
    },
    /// A draft that passed the checks: never published.
    Draft { path: PathBuf, draft: Draft },
    /// The file's errors, and any warnings.
    Failed(Vec<Problem>),
}

/// The live site, when what its manifest records may be reused.
pub struct Reuse<'a> {
    dir: &'a Path,
    /// The version kept from before the live one (see `assemble`): number and folder.
    spare: Option<(u64, &'a Path)>,
    /// Final decisions by the hash of their case file: (slug, entry).
    finals: HashMap<&'a Sha256, (&'a str, &'a Entry)>,
    /// Drafts by the hash of their case file.
    drafts: HashMap<&'a Sha256, &'a Draft>,
}

impl<'a> Reuse<'a> {
    pub fn new(manifest: &'a Manifest, dir: &'a Path, spare: Option<(u64, &'a Path)>) -> Self {
        Reuse {
            dir,
            spare,
            finals: manifest
                .decisions
                .iter()
                .map(|(slug, e)| (&e.source_hash, (slug.as_str(), e)))
                .collect(),
            drafts: manifest
                .drafts
                .values()
                .map(|d| (&d.source_hash, d))
                .collect(),
        }
    }
}

/// True when every file of `entry` is in the site folder `dir` at its recorded size.
fn intact(dir: &Path, entry: &Entry) -> bool {
    entry.files.iter().all(|file| {
        let path = dir.join(file.path(entry.row.slug()));
        std::fs::metadata(path).is_ok_and(|m| m.len() == file.bytes)
    })
}

/// What every parallel worker shares.
pub struct Pass<'a> {
    pub renderer: &'a Renderer,
    pub formats: &'a [Format],
    /// Where decisions are rendered: `decisions/<slug>/` below it.
    pub fresh: &'a Path,
    /// The number of the site version being made, recorded in the entries rendered.
    pub number: u64,
    pub reuse: Option<Reuse<'a>>,
    /// The live site's manifest, to keep a decision's change time when its text is the same.
    pub previous: Option<&'a Manifest>,
    pub now: &'a str,
    pub progress: &'a ProgressBar,
    pub hook: &'a Hook,
}

/// What the workers learn as they go.
#[derive(Default)]
struct State {
    /// Set at the first error: from then on cases are checked, so that every error is
    /// reported, but nothing more is rendered.
    failed: AtomicBool,
    /// Addresses taken in the fresh folder (lower-cased slugs): two files with one address
    /// must never write into one folder.
    claimed: Mutex<std::collections::HashSet<String>>,
}

impl State {
    fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    fn fail(&self, problems: Vec<Problem>) -> Checked {
        self.failed.store(true, Ordering::SeqCst);
        Checked::Failed(problems)
    }

    /// Takes the address `slug`; false if the run has failed or another file has it (a
    /// duplicate, reported at the end, so the run fails now).
    fn claim(&self, slug: &str) -> bool {
        if self.failed() {
            return false;
        }
        let taken = match self.claimed.lock() {
            Ok(mut claimed) => !claimed.insert(slug.to_lowercase()),
            Err(_) => true,
        };
        if taken {
            self.failed.store(true, Ordering::SeqCst);
        }
        !taken
    }
}

impl Pass<'_> {
    /// Checks every case file and renders what changed, in parallel; the results are in the
    /// files' order.
    pub fn run(&self, files: &[PathBuf]) -> Vec<Checked> {
        self.progress.set_position(0);
        self.progress.set_length(files.len() as u64);
        self.progress.set_message("publishing");
        let state = State::default();
        files
            .par_iter()
            .map(|path| {
                let checked = self.one(path, &state);
                self.progress.inc(1);
                checked
            })
            .collect()
    }

    fn one(&self, path: &Path, state: &State) -> Checked {
        let bytes = match crate::case::read(path) {
            Ok(bytes) => bytes,
            Err(p) => return state.fail(vec![p]),
        };
        let source_hash = Sha256::of(&bytes);
        if let Some(reuse) = &self.reuse {
            if let Some(draft) = reuse.drafts.get(&source_hash) {
                let draft = (*draft).clone();
                let path = path.to_path_buf();
                return Checked::Draft { path, draft };
            }
            if let Some(&(slug, old)) = reuse.finals.get(&source_hash) {
                // The files have been the same since version `since`, so a spare version at
                // least that recent holds them too. A decision whose files are damaged or
                // gone is rendered afresh.
                let spare = reuse
                    .spare
                    .is_some_and(|(n, dir)| old.since <= n && intact(dir, old));
                if spare || intact(reuse.dir, old) {
                    let (path, slug) = (path.to_path_buf(), slug.to_string());
                    let relink = reuse.spare.is_some() && !spare;
                    return Checked::Unchanged { path, slug, relink };
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
            content_hash: Sha256::default(),
            changed: String::new(),
            published: String::new(),
            since: self.number,
            files: Vec::new(),
            row: Row::new(&decision.meta),
            warnings,
        });
        let path = path.to_path_buf();
        if !state.claim(entry.row.slug()) {
            let rendered = false;
            return Checked::Final {
                path,
                entry,
                rendered,
            };
        }
        if let Err(p) = self.render(&path, &decision, &mut entry) {
            return state.fail(vec![*p]);
        }
        drop(decision);
        self.hook.staged();
        let rendered = true;
        Checked::Final {
            path,
            entry,
            rendered,
        }
    }
}

/// What only a whole folder of cases shows, among its final decisions: two with one
/// reference or address, and translations not published together or not naming each other.
pub fn across_folder(finals: &[(&Path, &Row)]) -> Vec<Problem> {
    let mut problems = duplicates(finals.iter().copied());
    problems.extend(translations(finals.iter().copied()));
    problems
}

/// Two final cases with one reference, or with addresses that differ only in case (which
/// would collide on many servers), each reported on the later file, naming the earlier.
pub fn duplicates<'a>(finals: impl IntoIterator<Item = (&'a Path, &'a Row)>) -> Vec<Problem> {
    let mut seen: HashMap<String, (&Path, &Row)> = HashMap::new();
    let mut problems = Vec::new();
    for (path, b) in finals {
        let key = b.slug().to_lowercase();
        let Some(&(first_path, a)) = seen.get(&key) else {
            seen.insert(key, (path, b));
            continue;
        };
        let message = if a.reference() == b.reference() {
            format!(
                "duplicate reference {}: {} has it too",
                b.reference(),
                first_path.display()
            )
        } else {
            format!(
                "reference {} has the same address (decisions/{}/) as {} in {}",
                b.reference(),
                a.slug(),
                a.reference(),
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

/// A decision's translations must be published beside it and name it back, or the links
/// between them would lead nowhere or one way only: each problem is reported on the
/// decision that names a translation, at that translation's key.
pub fn translations<'a>(finals: impl IntoIterator<Item = (&'a Path, &'a Row)>) -> Vec<Problem> {
    let finals: Vec<(&Path, &Row)> = finals.into_iter().collect();
    let by_slug: HashMap<&str, &Row> = finals.iter().map(|(_, r)| (r.slug(), *r)).collect();
    let mut problems = Vec::new();
    for (path, row) in &finals {
        for t in &row.office.translations {
            let (message, hint) = match by_slug.get(t.slug.as_str()) {
                None => (
                    format!("its {} translation (decisions/{}/) is not among the final decisions published", t.lang, t.slug),
                    "publish the translation with it, or leave it out of `translations` until it is final",
                ),
                Some(other) if other.office.lang != t.lang => (
                    format!("its {} translation (decisions/{}/) is in `{}`", t.lang, t.slug, other.office.lang),
                    "name the translation under its own language",
                ),
                Some(other)
                    if !other.office.translations.iter().any(|back| {
                        back.slug == row.slug() && back.lang == row.office.lang
                    }) =>
                {
                    (
                        format!("its {} translation ({}) does not name it back under its `translations`", t.lang, other.reference()),
                        "each version of a decision lists the others",
                    )
                }
                Some(_) => continue,
            };
            let field = crate::case::FieldPath::default()
                .key("translations")
                .key(&t.lang);
            let mut p = Problem::error(path, message).field(field.to_string());
            if let Some((line, column, _)) = std::fs::read_to_string(path)
                .ok()
                .and_then(|src| crate::case::locate(&src, &field))
            {
                p = p.at(line, column);
            }
            problems.push(p.hint(hint));
        }
    }
    problems
}

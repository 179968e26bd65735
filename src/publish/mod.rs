//! Publishing a folder of case files as a static decision library, all or nothing.
//!
//! One pass over the case files (`pass`) checks each and renders what changed into a fresh
//! folder beside the output: a case file unchanged since the live site, under the same
//! templates and tool, is not read again, its entry being taken from the live site's manifest
//! (`manifest`). Any error anywhere stops the rendering, the pass goes on only to report every
//! error, and the fresh folder is removed: the live site is untouched. Otherwise the new site
//! is assembled in a staging folder from the fresh decisions, the live site's files and the
//! version before it (`assemble`), and swapped in atomically (`staging`). `site` makes the
//! index page, `feeds` the feed, sitemap, JSON and CSV.

mod assemble;
pub mod feeds;
mod hash;
pub mod manifest;
mod pass;
pub mod row;
pub mod search;
pub mod site;
pub mod staging;

use crate::pipeline;
use crate::problem::Problem;
use crate::render::{Format, Renderer};
use crate::templates::Templates;
use anyhow::{Context, Result};
use assemble::Sources;
use feeds::BaseUrl;
use indicatif::ProgressBar;
use manifest::{Entry, Manifest, Sha256};
use pass::{Checked, Pass, Reuse};
use row::Published;
use staging::{Layout, Lock};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The base address used when none is given. Feed and sitemap links made with it point
/// nowhere useful, so the command warns when it is used.
pub const DEFAULT_BASE_URL: &str = "https://example.org/";

/// The environment variable of the interruption test hook: see [`Options::fail_after`].
pub const FAIL_AFTER_VAR: &str = "DECISIONS_FAIL_AFTER";

/// What to publish, where, and how.
pub struct Options {
    pub cases: PathBuf,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub base_url: BaseUrl,
    /// Re-render every decision, reusing nothing from the previous site.
    pub force: bool,
    /// Advanced once per case file; may be hidden.
    pub progress: ProgressBar,
    /// Test hook (`DECISIONS_FAIL_AFTER`): stop the process, as a kill would, after this
    /// many decisions have been written to the staging folder.
    pub fail_after: Option<usize>,
}

/// How a publish went.
pub enum Outcome {
    Published(Summary),
    /// Errors in the cases: nothing was published. Sorted by file and line.
    Rejected(Vec<Problem>),
}

/// The counts of a finished publish, and what to tell the user besides.
#[derive(Debug, Default)]
pub struct Summary {
    pub published: usize,
    pub rendered: usize,
    pub unchanged: usize,
    pub drafts: usize,
    pub removed: usize,
    /// Warnings about cases that were published all the same.
    pub warnings: Vec<Problem>,
    /// Things worth knowing, e.g. that a killed run's leftovers were removed.
    pub notes: Vec<String>,
    /// The site version now live.
    pub version: u64,
}

/// Publishes every final case under `opts.cases` to `opts.out`.
pub fn publish(opts: &Options) -> Result<Outcome> {
    let layout = Layout::new(&opts.out)?;
    let (_lock, stale) = Lock::acquire(&layout.lock)?;
    let mut summary = Summary::default();
    let current = layout.current()?;
    let live = current.as_ref().map(|c| c.number);
    let spare = layout.spare(live)?;
    let cleaned = layout.clean(live, spare)?;
    if let Some(holder) = stale {
        summary.notes.push(format!(
            "a previous publish ({holder}) did not finish; the live site was not touched \
             and its {cleaned} leftover file(s) were removed"
        ));
    }

    let renderer = Renderer::new(Templates::load_for_site(opts.templates.as_deref())?);
    let formats: Vec<Format> = Format::ALL
        .into_iter()
        .filter(|f| renderer.supports(*f).is_ok())
        .collect();
    let mut build = Manifest {
        format: manifest::FORMAT,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        templates_hash: manifest::templates_hash(opts.templates.as_deref())?,
        formats: formats.iter().map(ToString::to_string).collect(),
        base_url: opts.base_url.as_str().to_string(),
        index: None,
        decisions: Default::default(),
        drafts: Default::default(),
    };
    let files = match pipeline::find_cases(&opts.cases) {
        Ok(files) => files,
        Err(p) => return Ok(Outcome::Rejected(vec![p])),
    };
    let mut previous = live.and_then(|n| Manifest::read(&layout.manifest_path(n)));
    let live_dir = current.as_ref().map(|c| c.dir.as_path());

    // What the live site records can be reused only if it was built the same way.
    let reusable = previous
        .as_ref()
        .is_some_and(|m| !opts.force && m.same_build(&build));
    let previous_index = previous.as_ref().and_then(|m| m.index);
    let spare_dir = spare.map(|n| layout.version_dir(n));
    let number = live.map_or(1, |n| n + 1);
    let fresh = layout.fresh_dir(number);
    std::fs::create_dir_all(&fresh)
        .with_context(|| format!("cannot create {}", fresh.display()))?;
    let now = manifest::now_rfc3339();
    let hook = Hook {
        fail_after: opts.fail_after,
        done: AtomicUsize::new(0),
    };
    let pass = Pass {
        renderer: &renderer,
        formats: &formats,
        fresh: &fresh,
        number,
        reuse: previous
            .as_ref()
            .zip(live_dir)
            .filter(|_| reusable)
            .map(|(m, dir)| Reuse::new(m, dir, spare.zip(spare_dir.as_deref()))),
        previous: previous.as_ref(),
        now: &now,
        progress: &opts.progress,
        hook: &hook,
    };
    opts.progress.set_position(0);
    opts.progress.set_length(files.len() as u64);
    opts.progress.set_message("publishing");
    let checked = pass.run(&files);
    drop(pass);
    drop(files);

    let finals = match gather(checked, previous.as_ref(), &mut summary, &mut build) {
        Ok(finals) => finals,
        Err(errors) => {
            let _ = staging::remove_tree(&fresh);
            return Ok(Outcome::Rejected(errors));
        }
    };
    if finals.is_empty() && previous.as_ref().is_some_and(|m| !m.decisions.is_empty()) {
        let _ = staging::remove_tree(&fresh);
        anyhow::bail!(
            "{} holds no final case, and publishing would empty the live site {}; if that is \
             what you want, remove {} first",
            opts.cases.display(),
            layout.out.display(),
            layout.out.display()
        );
    }
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
        entries.push(entry);
    }
    entries.sort_unstable_by(|a, b| a.row.slug().cmp(b.row.slug()));
    summary.removed = previous.map_or(0, |m| {
        m.decisions
            .keys()
            .filter(|k| entries.binary_search_by(|e| e.row.slug().cmp(k)).is_err())
            .count()
    });

    let dir = layout.staging_dir(number);
    let sources = Sources {
        live: live_dir,
        spare: spare.zip(spare_dir),
        fresh: &fresh,
        staging: &dir,
        number,
        relink: &relink,
        hook: &hook,
    };
    // The live index, whose items of unchanged decisions can be copied.
    let live_index = live_dir
        .filter(|_| reusable)
        .zip(previous_index)
        .and_then(|(dir, hash)| {
            let bytes = std::fs::read(dir.join("index.html")).ok()?;
            (Sha256::of(&bytes) == hash).then_some(bytes)
        });
    let staged = assemble::assemble(&entries, &sources).and_then(|()| {
        let (templates, index) = (&renderer.templates, live_index.as_deref());
        write_site_files(
            &mut entries,
            &formats,
            templates,
            &opts.base_url,
            &dir,
            index,
        )
        .and_then(|hash| {
            let live = live_dir.filter(|_| reusable);
            search::stage(&entries, &formats, templates, live, &dir, number)?;
            Ok(hash)
        })
    });
    drop(live_index);
    match staged {
        Ok(index) => build.index = Some(index),
        Err(e) => {
            // The spare version may be in the staging folder by now: the next run starts
            // afresh.
            let _ = staging::remove_tree(&dir);
            let _ = staging::remove_tree(&fresh);
            return Err(e);
        }
    }
    build.write(&layout.manifest_path(number), &entries)?;
    // The new site must be on disk before the link points at it.
    staging::flush(&dir)?;
    layout.swap_in(number)?;
    // The version that was live is kept, for the next publish to update.
    if let Err(e) = layout.clean(Some(number), live) {
        summary.notes.push(format!(
            "the new site is live, but older versions were not removed: {e:#}"
        ));
    }
    summary.published = entries.len();
    summary.version = number;
    Ok(Outcome::Published(summary))
}

/// Where a final decision's entry comes from.
enum Found {
    New(Box<Entry>),
    /// The live site's manifest, under this slug; the flag: its files must be linked from the
    /// live site (see [`Checked::Unchanged`]).
    Unchanged(String, bool),
}

/// Counts what the pass found into `summary` and the drafts into `build`; returns the final
/// decisions in the order of their files, or every error, duplicates included, sorted.
fn gather(
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
    errors.extend(pass::duplicates(rows));
    errors.retain(Problem::is_error);
    if errors.is_empty() {
        summary.warnings.sort_by_key(Problem::sort_key);
        Ok(finals)
    } else {
        errors.sort_by_key(Problem::sort_key);
        Err(errors)
    }
}

/// The test hook: see [`Options::fail_after`].
struct Hook {
    fail_after: Option<usize>,
    /// Decisions written to the staging folders so far.
    done: AtomicUsize,
}

impl Hook {
    /// Counts a decision written, and stops the process there if the hook asks for it.
    fn staged(&self) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        if self.fail_after == Some(done) {
            // Exit without cleaning up, as a killed process would.
            eprintln!("DECISIONS_FAIL_AFTER: stopping after {done} decision(s)");
            std::process::exit(3);
        }
    }
}

/// The index, feed, sitemap, JSON and CSV, written into the staging folder. Records each
/// decision's item of the index in its entry; returns the hash of the index. `live_index`:
/// the live site's, when its items may be copied (see [`site::index_html`]).
fn write_site_files(
    entries: &mut [Entry],
    formats: &[Format],
    templates: &Templates,
    base: &BaseUrl,
    dir: &Path,
    live_index: Option<&[u8]>,
) -> Result<Sha256> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| row::newest_first(&entries[a].row, &entries[b].row));
    let list: Vec<Published> = order
        .iter()
        .map(|&i| {
            let e = &entries[i];
            let mut p = Published::new(&e.row, formats, &e.content_hash, &e.changed);
            p.item = e.item;
            p
        })
        .collect();
    let list = &list[..];
    let title = format!("Decisions of the {}", templates.wording.ombudsman);
    let author = &templates.wording.ombudsman;
    let path = |name: &str| dir.join(name);
    let mut index = None;
    staging::write_new_with(&path("index.html"), |out| {
        index = Some(site::index_html(list, formats, templates, live_index, out)?);
        Ok(())
    })?;
    let feed = feeds::atom(list, base, author, &title);
    staging::write_new(&path(site::LINKS.feed), feed.as_bytes())?;
    staging::write_new_with(&path("sitemap.xml"), |out| {
        Ok(feeds::sitemap(list, base, out)?)
    })?;
    staging::write_new_with(&path(site::LINKS.json), |out| feeds::json(list, base, out))?;
    staging::write_new_with(&path(site::LINKS.csv), |out| Ok(feeds::csv(list, out)?))?;
    let index = index.context("index.html was not written")?;
    for (&i, item) in order.iter().zip(index.items) {
        entries[i].item = Some(item);
    }
    Ok(index.hash)
}

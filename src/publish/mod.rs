//! Publishing a folder of case files as a static decision library, all or nothing, in
//! stages, one module each:
//!
//! 1. `check`: one pass over the case files checks each; a file unchanged since the live
//!    site, under the same templates and tool, is not read again, its entry being taken from
//!    the live site's manifest (`manifest`). `gather` collects what the pass found.
//! 2. `render`: within the same pass, each changed decision is rendered into a fresh folder
//!    beside the output. Any error anywhere stops the rendering, the pass goes on only to
//!    report every error, and the fresh folder is removed: the live site is untouched.
//! 3. `listings`: the home page and the paged lists by year, category and authority.
//! 4. `search`: the full-text search index, updated where the live site's can be, and its page.
//! 5. `feeds`: the Atom feeds, for the site and per category area and authority.
//! 6. `assemble`: the staging folder is made from the fresh decisions, the live site's files
//!    and the version before it; the planned pages and feeds are made or, where unchanged,
//!    linked from the live site (`outputs`); the exports are written (`exports`).
//! 7. `swap`: the manifest is written and the new site swapped in atomically.

mod assemble;
mod check;
pub use check::across_folder;
pub mod exports;
pub mod feeds;
mod files;
mod gather;
mod hash;
mod hook;
pub mod listings;
pub mod manifest;
pub mod office_row;
mod outputs;
mod render;
pub mod row;
pub mod search;
mod summary;
pub mod swap;

use crate::pipeline;
use crate::render::{Format, Renderer};
use crate::templates::Templates;
use anyhow::{Context, Result};
use assemble::Sources;
use check::{Pass, Reuse};
use feeds::BaseUrl;
use hook::Hook;
use indicatif::ProgressBar;
use listings::Groups;
use manifest::{Entry, Manifest};
use row::Published;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use swap::{Layout, Lock};

pub use summary::{Outcome, Summary};

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
    /// The formats to publish; the Markdown is published whatever they are.
    pub formats: Vec<Format>,
    /// Advanced once per case file; may be hidden.
    pub progress: ProgressBar,
    /// Test hook (`DECISIONS_FAIL_AFTER`): stop the process, as a kill would, after this
    /// many decisions have been written to the staging folder.
    pub fail_after: Option<usize>,
}

/// Publishes every final case under `opts.cases` to `opts.out`.
pub fn publish(opts: &Options) -> Result<Outcome> {
    let layout = Layout::new(&opts.out)?;
    let (_lock, stale) = Lock::acquire(&layout.lock)?;
    let mut summary = Summary::default();
    let live = Versions::find(&layout, stale, &mut summary)?;
    let renderer = Renderer::new(Templates::load_for_site(opts.templates.as_deref())?);
    let formats = published_formats(opts, &renderer);
    let mut build = new_manifest(opts, &formats)?;
    let files = match pipeline::find_cases(&opts.cases) {
        Ok(files) => files,
        Err(p) => return Ok(Outcome::Rejected(vec![p])),
    };
    let mut previous = live
        .number
        .and_then(|n| Manifest::read(&layout.manifest_path(n)));
    // What the live site records can be reused only if it was built the same way.
    let reusable = previous
        .as_ref()
        .is_some_and(|m| !opts.force && m.same_build(&build));
    let number = live.number.map_or(1, |n| n + 1);
    let fresh = layout.fresh_dir(number);
    std::fs::create_dir_all(&fresh)
        .with_context(|| format!("cannot create {}", fresh.display()))?;
    let hook = Hook::new(opts.fail_after);
    // 1 and 2: check every case, render what changed.
    let now = manifest::now_rfc3339();
    let pass = Pass {
        renderer: &renderer,
        formats: &formats,
        fresh: &fresh,
        number,
        reuse: live.reuse(previous.as_ref().filter(|_| reusable)),
        previous: previous.as_ref(),
        now: &now,
        progress: &opts.progress,
        hook: &hook,
    };
    let checked = pass.run(&files);
    drop((pass, files));
    let finals = match gather::gather(checked, previous.as_ref(), &mut summary, &mut build) {
        Ok(finals) => finals,
        Err(errors) => {
            let _ = files::remove_tree(&fresh);
            return Ok(Outcome::Rejected(errors));
        }
    };
    if finals.is_empty() && previous.as_ref().is_some_and(|m| !m.decisions.is_empty()) {
        let _ = files::remove_tree(&fresh);
        return Err(would_empty(opts, &layout));
    }
    let live_pages = previous
        .as_mut()
        .filter(|_| reusable)
        .map(|m| std::mem::take(&mut m.pages));
    let (entries, relink) = gather::entries(finals, previous, &mut summary)?;
    let site = Site {
        templates: &renderer.templates,
        formats: &formats,
        base: &opts.base_url,
        live_pages: live_pages.as_ref(),
    };
    let sources = Sources {
        live: live.dir(),
        spare: live.spare.map(|n| (n, layout.version_dir(n))),
        fresh: &fresh,
        staging: &layout.staging_dir(number),
        number,
        relink: &relink,
        hook: &hook,
    };
    build.pages = site.stage(&entries, &sources)?;
    // 7: the swap.
    build.write(&layout.manifest_path(number), &entries)?;
    go_live(&layout, number, live.number, &mut summary)?;
    summary.published = entries.len();
    Ok(Outcome::Published(summary))
}

/// The formats asked for that the templates can make, and always the Markdown, which the
/// search index reads.
fn published_formats(opts: &Options, renderer: &Renderer) -> Vec<Format> {
    Format::PUBLISHED
        .into_iter()
        .filter(|f| *f == Format::Md || opts.formats.contains(f))
        .filter(|f| renderer.supports(*f).is_ok())
        .collect()
}

/// The manifest of the site being made, its decisions and pages still to come.
fn new_manifest(opts: &Options, formats: &[Format]) -> Result<Manifest> {
    Ok(Manifest {
        format: manifest::FORMAT,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        templates_hash: manifest::templates_hash(opts.templates.as_deref())?,
        formats: formats.iter().map(ToString::to_string).collect(),
        base_url: opts.base_url.as_str().to_string(),
        pages: BTreeMap::new(),
        decisions: Default::default(),
        drafts: Default::default(),
    })
}

fn would_empty(opts: &Options, layout: &Layout) -> anyhow::Error {
    anyhow::anyhow!(
        "{} holds no final case, and publishing would empty the live site {}; if that is \
         what you want, remove {} first",
        opts.cases.display(),
        layout.out.display(),
        layout.out.display()
    )
}

/// Stage 7: makes the staged version `number` the live site, keeping the version that was
/// live (`was`) for the next publish to update.
fn go_live(layout: &Layout, number: u64, was: Option<u64>, summary: &mut Summary) -> Result<()> {
    // The new site must be on disk before the link points at it.
    files::flush(&layout.staging_dir(number))?;
    layout.swap_in(number)?;
    if let Err(e) = layout.clean(Some(number), was) {
        summary.notes.push(format!(
            "the new site is live, but older versions were not removed: {e:#}"
        ));
    }
    summary.version = number;
    Ok(())
}

/// The versions of the site on disk when a publish starts, after the leftovers of a killed
/// run are removed.
struct Versions {
    /// The live version, and its folder.
    number: Option<u64>,
    live_dir: Option<PathBuf>,
    /// The version before it, kept for this publish to update.
    spare: Option<u64>,
    spare_dir: Option<PathBuf>,
}

impl Versions {
    fn find(layout: &Layout, stale: Option<String>, summary: &mut Summary) -> Result<Versions> {
        let current = layout.current()?;
        let number = current.as_ref().map(|c| c.number);
        let spare = layout.spare(number)?;
        let cleaned = layout.clean(number, spare)?;
        if let Some(holder) = stale {
            summary.notes.push(format!(
                "a previous publish ({holder}) did not finish; the live site was not touched \
                 and its {cleaned} leftover file(s) were removed"
            ));
        }
        Ok(Versions {
            number,
            live_dir: current.map(|c| c.dir),
            spare,
            spare_dir: spare.map(|n| layout.version_dir(n)),
        })
    }

    fn dir(&self) -> Option<&Path> {
        self.live_dir.as_deref()
    }

    /// What the check pass may take from the live site, when its manifest may be reused.
    fn reuse<'a>(&'a self, manifest: Option<&'a Manifest>) -> Option<Reuse<'a>> {
        let spare = self.spare.zip(self.spare_dir.as_deref());
        manifest
            .zip(self.dir())
            .map(|(m, dir)| Reuse::new(m, dir, spare))
    }
}

/// What the stages after the check make the site's pages with.
struct Site<'a> {
    templates: &'a Templates,
    formats: &'a [Format],
    base: &'a BaseUrl,
    /// The keys of the live site's pages and feeds, when they may be reused.
    live_pages: Option<&'a BTreeMap<String, manifest::Page>>,
}

impl Site<'_> {
    /// Stages 3 to 6: plans the listings and feeds, then makes the staging folder hold the
    /// decisions `entries` (sorted by slug), the pages and feeds, and the exports. Returns
    /// the keys of the pages and feeds, for the manifest.
    fn stage(
        &self,
        entries: &[Entry],
        sources: &Sources,
    ) -> Result<BTreeMap<String, manifest::Page>> {
        let list = newest_first(entries, self.formats);
        let facts = office_row::filter_facts(&self.templates.office);
        let groups = Groups::new(&list, &facts);
        let formats: Vec<String> = self.formats.iter().map(ToString::to_string).collect();
        // 3: the listings.
        let mut planned = listings::plan(&list, &groups, self.templates, &formats)?;
        // 5: the feeds.
        let author = &self.templates.wording.ombudsman;
        let lang = &self.templates.office.lang;
        let words = &self.templates.wording;
        planned.extend(feeds::plan(&list, &groups, self.base, author, lang, words));
        // 6: the staging folder.
        assemble::assemble(entries, sources)?;
        let live = sources
            .live
            .zip(self.live_pages)
            .map(|(dir, pages)| outputs::Live { dir, pages });
        let managed = [listings::NAV.browse.trim_end_matches('/'), "feeds"];
        let (keys, _) = outputs::place(planned, sources.staging, live, &managed)?;
        let fact_keys: Vec<&str> = facts.iter().map(|f| f.key.as_str()).collect();
        exports::write_all(&list, self.base, &fact_keys, sources.staging)?;
        // 4: the search index, once every decision's text is in the staging folder; the live
        // one is updated when the live site may be reused.
        let live = sources.live.filter(|_| self.live_pages.is_some());
        search::stage(
            entries,
            self.formats,
            self.templates,
            live,
            sources.staging,
            sources.number,
            &listings::OfficeView::new(self.templates, &groups),
        )?;
        Ok(keys)
    }
}

/// The published decisions as the pages and feeds see them, newest first.
fn newest_first<'a>(entries: &'a [Entry], formats: &'a [Format]) -> Vec<Published<'a>> {
    let mut list: Vec<Published> = entries
        .iter()
        .map(|e| Published::new(&e.row, formats, &e.content_hash, &e.changed, &e.published))
        .collect();
    list.sort_by(|a, b| row::newest_first(a.row, b.row));
    list
}

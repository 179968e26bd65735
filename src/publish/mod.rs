//! Publishing a folder of case files as a static decision library, all or nothing.
//!
//! Every case is loaded and checked first; any error anywhere stops the run before a byte is
//! written. The new site is then built in a staging folder beside the output, reusing the
//! previous site's files for decisions whose case file, templates and tool are unchanged
//! (`manifest`), and swapped in atomically (`staging`). `site` makes the index page, `feeds`
//! the feed, sitemap, JSON and CSV.

mod check;
pub mod feeds;
pub mod manifest;
pub mod site;
pub mod staging;

use crate::problem::Problem;
use crate::render::{Format, Renderer};
use crate::templates::Templates;
use anyhow::Result;
use check::Final;
use feeds::BaseUrl;
use indicatif::ProgressBar;
use manifest::{Entry, FileEntry, Manifest};
use rayon::prelude::*;
use site::Published;
use staging::{Layout, Lock};
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
    /// Advanced once per case checked and once per decision published; may be hidden.
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
    let cleaned = layout.clean(current.as_ref().map(|c| c.number))?;
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
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        templates_hash: manifest::templates_hash(opts.templates.as_deref())?,
        formats: formats.iter().map(ToString::to_string).collect(),
        base_url: opts.base_url.as_str().to_string(),
        decisions: Default::default(),
    };

    let finals = match check::check_all(opts, &renderer, &mut summary)? {
        Ok(finals) => finals,
        Err(problems) => return Ok(Outcome::Rejected(problems)),
    };
    let previous = current.as_ref().and_then(|c| {
        let m = Manifest::read(&layout.manifest_path(c.number))?;
        Some((m, c.dir.clone()))
    });
    if finals.is_empty()
        && previous
            .as_ref()
            .is_some_and(|(m, _)| !m.decisions.is_empty())
    {
        anyhow::bail!(
            "{} holds no final case, and publishing would empty the live site {}; if that is \
             what you want, remove {} first",
            opts.cases.display(),
            layout.out.display(),
            layout.out.display()
        );
    }
    // Files of the previous site can be reused only if it was built the same way.
    let reuse = previous
        .as_ref()
        .filter(|(m, _)| !opts.force && m.same_build(&build));

    let number = current.as_ref().map_or(1, |c| c.number + 1);
    let dir = layout.staging_dir(number);
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let now = manifest::now_rfc3339();
    let work = Work {
        renderer: &renderer,
        formats: &formats,
        staging: &dir,
        reuse,
        previous: previous.as_ref().map(|(m, _)| m),
        now: &now,
        done: AtomicUsize::new(0),
        opts,
    };
    opts.progress.set_position(0);
    opts.progress.set_length(finals.len() as u64);
    opts.progress.set_message("publishing");
    let results: Vec<Result<(Entry, Published, bool), Box<Problem>>> =
        finals.par_iter().map(|f| work.one(f)).collect();
    let mut problems = Vec::new();
    let mut list = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok((entry, published, rendered)) => {
                if rendered {
                    summary.rendered += 1;
                } else {
                    summary.unchanged += 1;
                }
                build.decisions.insert(published.slug.clone(), entry);
                list.push(published);
            }
            Err(p) => problems.push(*p),
        }
    }
    if !problems.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
        problems.sort_by_key(Problem::sort_key);
        return Ok(Outcome::Rejected(problems));
    }

    site::sort_newest_first(&mut list);
    if let Err(e) = write_site_files(&list, &formats, &renderer.templates, &opts.base_url, &dir) {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(e);
    }
    build.write(&layout.manifest_path(number))?;
    // The new site must be on disk before the link points at it.
    staging::flush(&dir)?;
    layout.swap_in(number)?;
    if let Err(e) = layout.clean(Some(number)) {
        summary.notes.push(format!(
            "the new site is live, but the old one was not removed: {e:#}"
        ));
    }
    summary.published = list.len();
    summary.removed = previous.map_or(0, |(m, _)| {
        m.decisions
            .keys()
            .filter(|k| !build.decisions.contains_key(*k))
            .count()
    });
    summary.version = number;
    Ok(Outcome::Published(summary))
}

/// What every parallel worker shares while the site is staged.
struct Work<'a> {
    renderer: &'a Renderer,
    formats: &'a [Format],
    staging: &'a Path,
    /// The previous manifest and site folder, when its files may be reused.
    reuse: Option<&'a (Manifest, PathBuf)>,
    /// The previous manifest, to keep a decision's change time when its text is the same.
    previous: Option<&'a Manifest>,
    now: &'a str,
    done: AtomicUsize,
    opts: &'a Options,
}

impl Work<'_> {
    /// Publishes one decision into the staging folder: reused if unchanged, else rendered.
    /// The flag says whether it was rendered.
    fn one(&self, f: &Final) -> Result<(Entry, Published, bool), Box<Problem>> {
        let meta = &f.decision.meta;
        let (entry, rendered) = match self.reusable(f) {
            Some(entry) => (entry, false),
            None => (self.render(f)?, true),
        };
        let published = Published::new(
            meta,
            self.formats,
            entry.content_hash.clone(),
            entry.changed.clone(),
        );
        self.opts.progress.inc(1);
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        if self.opts.fail_after == Some(done) {
            // Exit without cleaning up, as a killed process would.
            eprintln!("DECISIONS_FAIL_AFTER: stopping after {done} decision(s)");
            std::process::exit(3);
        }
        Ok((entry, published, rendered))
    }

    /// The previous site's entry, its files linked into the staging folder, when the case
    /// file is unchanged and every file is still there at its recorded size.
    fn reusable(&self, f: &Final) -> Option<Entry> {
        let (manifest, dir) = self.reuse?;
        let old = manifest.decisions.get(&f.decision.meta.slug)?;
        if old.source_hash != f.source_hash {
            return None;
        }
        let intact = old.files.iter().all(|file| {
            std::fs::metadata(dir.join(&file.path)).is_ok_and(|m| m.len() == file.bytes)
        });
        if !intact {
            return None;
        }
        for file in &old.files {
            // A failed link or copy falls back to rendering the decision afresh.
            staging::carry_over(&dir.join(&file.path), &self.staging.join(&file.path)).ok()?;
        }
        let mut entry = old.clone();
        entry.source = f.path.display().to_string();
        Some(entry)
    }

    fn render(&self, f: &Final) -> Result<Entry, Box<Problem>> {
        let fail = |e: anyhow::Error| Box::new(Problem::error(&f.path, format!("{e:#}")));
        let rendered = self
            .renderer
            .render(&f.decision, self.formats)
            .map_err(fail)?;
        let mut files = Vec::new();
        let mut content_hash = String::new();
        for (format, bytes) in &rendered.files {
            let path = site::file_path(&f.decision.meta.slug, *format);
            staging::write_new(&self.staging.join(&path), bytes).map_err(fail)?;
            let sha256 = manifest::sha256_hex(bytes);
            if *format == Format::Md || content_hash.is_empty() {
                content_hash = sha256.clone();
            }
            files.push(FileEntry {
                path,
                sha256,
                bytes: bytes.len() as u64,
            });
        }
        // The change time moves only when the published text does.
        let changed = self
            .previous
            .and_then(|m| m.decisions.get(&f.decision.meta.slug))
            .filter(|old| old.content_hash == content_hash)
            .map_or_else(|| self.now.to_string(), |old| old.changed.clone());
        Ok(Entry {
            source: f.path.display().to_string(),
            source_hash: f.source_hash.clone(),
            content_hash,
            changed,
            files,
        })
    }
}

/// The index, feed, sitemap, JSON and CSV, written into the staging folder.
fn write_site_files(
    list: &[Published],
    formats: &[Format],
    templates: &Templates,
    base: &BaseUrl,
    dir: &Path,
) -> Result<()> {
    let title = format!("Decisions of the {}", templates.wording.ombudsman);
    let author = &templates.wording.ombudsman;
    let files = [
        ("index.html", site::index_html(list, formats, templates)?),
        (site::LINKS.feed, feeds::atom(list, base, author, &title)),
        ("sitemap.xml", feeds::sitemap(list, base)),
        (site::LINKS.json, feeds::json(list, base)?),
        (site::LINKS.csv, feeds::csv(list)),
    ];
    for (name, text) in files {
        staging::write_new(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

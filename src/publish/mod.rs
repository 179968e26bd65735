//! Publishing a folder of case files as a static decision library, all or nothing.
//!
//! One pass over the case files (`pass`) checks each and builds the new site in a staging
//! folder beside the output as it goes: a case file unchanged since the previous site, under
//! the same templates and tool, is not read again, its files and findings being taken from
//! that site and its manifest (`manifest`). Any error anywhere stops the staging, the pass
//! goes on only to report every error, and the staging folder is removed: the live site is
//! untouched. Otherwise the site is swapped in atomically (`staging`). `site` makes the index
//! page, `feeds` the feed, sitemap, JSON and CSV.

pub mod feeds;
pub mod manifest;
mod pass;
pub mod site;
pub mod staging;

use crate::pipeline;
use crate::problem::Problem;
use crate::render::{Format, Renderer};
use crate::templates::Templates;
use anyhow::Result;
use feeds::BaseUrl;
use indicatif::ProgressBar;
use manifest::{Entry, Manifest};
use pass::{Checked, How, Pass, Reuse};
use site::Published;
use staging::{Layout, Lock};
use std::path::{Path, PathBuf};

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
    let cleaned = layout.clean(current.as_ref().map(|c| c.number))?;
    if let Some(holder) = stale {
        summary.notes.push(format!(
            "a previous publish ({holder}) did not finish; the live site was not touched \
             and its {cleaned} leftover file(s) were removed"
        ));
    }

    let renderer = Renderer::new(Templates::load(opts.templates.as_deref())?);
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
        decisions: Default::default(),
        drafts: Default::default(),
    };
    let files = match pipeline::find_cases(&opts.cases) {
        Ok(files) => files,
        Err(p) => return Ok(Outcome::Rejected(vec![p])),
    };
    let previous = current.as_ref().and_then(|c| {
        let m = Manifest::read(&layout.manifest_path(c.number))?;
        Some((m, c.dir.clone()))
    });

    let number = current.as_ref().map_or(1, |c| c.number + 1);
    let dir = layout.staging_dir(number);
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let now = manifest::now_rfc3339();
    let pass = Pass {
        renderer: &renderer,
        formats: &formats,
        staging: &dir,
        // What the previous site records can be reused only if it was built the same way.
        reuse: previous
            .as_ref()
            .filter(|(m, _)| !opts.force && m.same_build(&build))
            .map(|(m, dir)| Reuse::new(m, dir)),
        previous: previous.as_ref().map(|(m, _)| m),
        now: &now,
        opts,
    };
    opts.progress.set_position(0);
    opts.progress.set_length(files.len() as u64);
    opts.progress.set_message("publishing");
    let checked = pass.run(&files);
    drop(pass);
    drop(files);

    let mut errors = Vec::new();
    let mut finals = Vec::new();
    for c in checked {
        match c {
            Checked::Final { path, entry, how } => {
                match how {
                    How::Rendered => summary.rendered += 1,
                    How::CarriedOver => summary.unchanged += 1,
                    How::Skipped => {}
                }
                let warnings = entry.warnings.iter().map(|w| w.problem(&path));
                summary.warnings.extend(warnings);
                finals.push((path, entry));
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
    errors.extend(pass::duplicates(
        finals.iter().map(|(path, e)| (path.as_path(), &e.row)),
    ));
    errors.retain(Problem::is_error);
    if !errors.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
        errors.sort_by_key(Problem::sort_key);
        return Ok(Outcome::Rejected(errors));
    }
    summary.warnings.sort_by_key(Problem::sort_key);
    if finals.is_empty()
        && previous
            .as_ref()
            .is_some_and(|(m, _)| !m.decisions.is_empty())
    {
        let _ = std::fs::remove_dir_all(&dir);
        anyhow::bail!(
            "{} holds no final case, and publishing would empty the live site {}; if that is \
             what you want, remove {} first",
            opts.cases.display(),
            layout.out.display(),
            layout.out.display()
        );
    }
    for (_, entry) in finals {
        build.decisions.insert(entry.row.slug.clone(), *entry);
    }

    if let Err(e) = write_site_files(&build, &formats, &renderer.templates, &opts.base_url, &dir) {
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
    summary.published = build.decisions.len();
    summary.removed = previous.map_or(0, |(m, _)| {
        m.decisions
            .keys()
            .filter(|k| !build.decisions.contains_key(*k))
            .count()
    });
    summary.version = number;
    Ok(Outcome::Published(summary))
}

/// The index, feed, sitemap, JSON and CSV, written into the staging folder.
fn write_site_files(
    build: &Manifest,
    formats: &[Format],
    templates: &Templates,
    base: &BaseUrl,
    dir: &Path,
) -> Result<()> {
    let mut entries: Vec<&Entry> = build.decisions.values().collect();
    entries.sort_by(|a, b| site::newest_first(&a.row, &b.row));
    let list: Vec<Published> = entries
        .iter()
        .map(|e| Published::new(&e.row, formats, &e.content_hash, &e.changed))
        .collect();
    let list = &list[..];
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

//! The full-text search index of a published site, in `search/`: a small `meta.json`, the
//! word index split by key range into chunks (`w/`), the places of its triples likewise
//! (`p/`, read for phrases of four words or more), a file per filter value (`f/`), a table
//! of decision dates, and one fragment per decision (`d/<id>.json`) for its result. A query
//! fetches the meta file, the chunks of its words, its filters and the fragments of the page
//! of results it shows. See `docs/search-index.md` for the format.
//!
//! A publish updates the live site's index for the decisions that changed (`patch`), when
//! there is one to update and few changed, and otherwise builds it afresh in bounded memory
//! (`build`).

mod build;
pub mod chunk;
pub mod code;
mod fragment;
pub mod page;
mod patch;
pub mod read;
mod segment;
pub mod table;
pub mod text;

use super::files;
use super::row::{file_path, Row};
use crate::render::Format;
use anyhow::{Context, Result};
use std::path::Path;
use table::{Ids, Meta};

/// The folder of the index in a site.
pub const DIR: &str = "search";
/// The folders of the index.
const SUBDIRS: [&str; 5] = ["w", "p", "q", "f", "d"];
/// Decisions changed since the places were last built that an update keeps in `q/` before the
/// index is built again: a phrase's search fetches one file for each of them it may be in.
const MOVED_LIMIT: usize = 200;

/// The word index and the triples' places as a publish leaves them.
pub struct Index {
    pub words: Vec<(String, String)>,
    pub places: Vec<(String, String)>,
    pub moved: Vec<u32>,
}

/// One published decision, as the index sees it.
pub struct Doc<'a> {
    pub row: &'a Row,
    pub html: bool,
    pub pdf: bool,
    /// Rendered by this publish: its text may differ from the previous site's.
    pub changed: bool,
}

impl Doc<'_> {
    pub fn slug(&self) -> &str {
        self.row.slug()
    }

    fn file(&self, format: Format) -> Option<String> {
        let has = match format {
            Format::Html => self.html,
            Format::Pdf => self.pdf,
            Format::Md => true,
            _ => false,
        };
        has.then(|| file_path(self.slug(), format))
    }
}

/// What to index.
pub struct Input<'a> {
    /// The site being made, holding `decisions/<slug>/decision.md` of every decision.
    pub site: &'a Path,
    /// The site before it, whose index is updated if it has one.
    pub previous: Option<&'a Path>,
    /// Every published decision, drafts never among them.
    pub docs: &'a [Doc<'a>],
    /// The library's language tag, which chooses the stemmer.
    pub lang: &'a str,
}

/// What an update did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Built afresh rather than updated.
    pub rebuilt: bool,
    pub chunks_written: usize,
    pub chunks_kept: usize,
    pub fragments_written: usize,
}

/// Writes the index of `input.site`, updating the previous site's where it can.
pub fn update(input: &Input) -> Result<Stats> {
    let dir = input.site.join(DIR);
    // The folder may hold an older version's index: it is made again from nothing.
    match files::remove_tree(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).context(format!("cannot remove {}", dir.display()))
        }
        _ => {}
    }
    for sub in SUBDIRS {
        std::fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("cannot create {}", dir.join(sub).display()))?;
    }
    let previous = input.previous.and_then(|p| {
        let old = p.join(DIR);
        let meta: Meta =
            serde_json::from_slice(&std::fs::read(old.join("meta.json")).ok()?).ok()?;
        let ids = Ids::read(&old.join("ids.txt")).ok()?;
        let same = meta.format == table::FORMAT && meta.stemming == text::stemming(input.lang);
        same.then_some((p, meta, ids))
    });
    let dirty = input.docs.iter().filter(|d| d.changed).count();
    if let Some((old_site, meta, ids)) = previous {
        let gone = ids.0.iter().flatten().count() + dirty;
        let few = gone.saturating_sub(input.docs.len()) + dirty <= input.docs.len() / 4 + 16;
        if few && meta.moved.len() + dirty <= MOVED_LIMIT {
            let from = patch::From {
                site: old_site,
                meta: &meta,
                ids: &ids,
            };
            // A previous index that cannot be read is built again rather than trusted.
            if let Ok(stats) = patch::run(input, &from, &dir) {
                return Ok(stats);
            }
            files::remove_tree(&dir)?;
            for sub in SUBDIRS {
                std::fs::create_dir_all(dir.join(sub))?;
            }
        }
    }
    build::run(input, &dir)
}

/// Writes the files every index has besides the word chunks and fragments: dates, filters,
/// `ids.txt` and, last, `meta.json`.
fn finish(dir: &Path, ids: &Ids, docs: &[(u32, &Doc)], index: Index, lang: &str) -> Result<()> {
    let count = ids.0.len() as u32;
    let dates = table::dates(docs, count);
    let dates_file = format!("dates-{}", chunk::name(&dates));
    files::write_new(&dir.join(&dates_file), &dates)?;
    let filters = table::filters(docs, &dir.join("f"))?;
    let list = serde_json::to_vec(&index.places)?;
    let places = format!("places-{}", chunk::name(&list).replace(".bin", ".json"));
    files::write_new(&dir.join(&places), &list)?;
    ids.write(&dir.join("ids.txt"))?;
    let meta = Meta {
        format: table::FORMAT,
        stemming: text::stemming(lang).to_string(),
        count: docs.len(),
        ids: count,
        words: index.words,
        places,
        moved: index.moved,
        dates: dates_file,
        filters,
    };
    files::write_new(&dir.join("meta.json"), &serde_json::to_vec(&meta)?)
}

/// The chunks of places of the index in `dir` whose `meta.json` is `meta`.
pub fn places_of(dir: &Path, meta: &Meta) -> Result<Vec<(String, String)>> {
    let path = dir.join(&meta.places);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(serde_json::from_slice(&bytes)?)
}

/// The search stage of a publish: the index of the site `site` from its decisions `entries`,
/// updating the one of `live` where it can, and the search page.
pub fn stage(
    entries: &[super::manifest::Entry],
    formats: &[Format],
    templates: &crate::templates::Templates,
    live: Option<&Path>,
    site: &Path,
    number: u64,
    office: &super::listings::OfficeView,
) -> Result<Stats> {
    let docs: Vec<Doc> = entries
        .iter()
        .map(|e| Doc {
            row: &e.row,
            html: formats.contains(&Format::Html),
            pdf: formats.contains(&Format::Pdf),
            changed: e.since == number,
        })
        .collect();
    let stats = update(&Input {
        site,
        previous: live,
        docs: &docs,
        lang: &templates.office.lang,
    })?;
    let meta: Meta = serde_json::from_slice(&std::fs::read(site.join(DIR).join("meta.json"))?)?;
    let formats: Vec<String> = formats.iter().map(ToString::to_string).collect();
    page::write(site, &meta.filters, meta.count, templates, &formats, office)?;
    Ok(stats)
}
#[cfg(test)]
mod tests;

//! The site's generated pages and feeds, made only when what they show has changed: each is
//! planned with a key (a hash of everything it is made from), and a file whose key is the
//! one the live site recorded is linked from the live site instead of being made again. So a
//! republish that changes one decision remakes the few listing pages and feeds that show it.

use super::files;
use super::hash::{Hasher, Sha256};
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Makes the bytes of a planned file.
pub type Make<'a> = Box<dyn Fn() -> Result<Vec<u8>> + Send + Sync + 'a>;

/// A generated file of the site: where it goes, the key of what it shows, how to make it.
pub struct Planned<'a> {
    /// Relative to the site root, e.g. `browse/year-2022-1.html`.
    pub path: String,
    pub key: Sha256,
    pub make: Make<'a>,
}

/// A key made from parts, each length-prefixed so that no two lists of parts collide.
#[derive(Default)]
pub struct Key(Hasher);

impl Key {
    pub fn new(kind: &str) -> Key {
        let mut k = Key::default();
        k.add(kind.as_bytes());
        k
    }

    pub fn add(&mut self, part: &[u8]) -> &mut Key {
        self.0.update(&(part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    pub fn finish(self) -> Sha256 {
        self.0.finish()
    }
}

/// A generated file as the manifest records it: the key of what it shows, and its size, to
/// tell a file changed on disk since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub key: Sha256,
    pub bytes: u64,
}

/// The live site's generated files, when they may be reused: its folder and their records.
pub struct Live<'a> {
    pub dir: &'a Path,
    pub pages: &'a BTreeMap<String, Page>,
}

impl Live<'_> {
    /// The live copy of `p`, if it shows what `p` would and is as it was written.
    fn copy_of(&self, p: &Planned) -> Option<(std::path::PathBuf, Page)> {
        let page = *self.pages.get(&p.path).filter(|page| page.key == p.key)?;
        let from = self.dir.join(&p.path);
        let intact = std::fs::metadata(&from).is_ok_and(|m| m.len() == page.bytes);
        intact.then_some((from, page))
    }
}

/// Puts every planned file in the staging folder `dir`, made afresh or linked from the live
/// site, and removes from the folders `managed` (e.g. `browse`) every file that is not
/// planned: the leftovers of the version the staging folder was made from. Returns what to
/// record of each file, by path, and how many were made.
pub fn place(
    planned: Vec<Planned>,
    dir: &Path,
    live: Option<Live>,
    managed: &[&str],
) -> Result<(BTreeMap<String, Page>, usize)> {
    let wanted: HashSet<&str> = planned.iter().map(|p| p.path.as_str()).collect();
    for folder in managed {
        remove_unplanned(&dir.join(folder), folder, &wanted)?;
    }
    let made = AtomicUsize::new(0);
    let pages = planned
        .par_iter()
        .map(|p| {
            let to = dir.join(&p.path);
            if let Some((from, page)) = live.as_ref().and_then(|l| l.copy_of(p)) {
                if files::relink(&from, &to).is_ok() {
                    return Ok((p.path.clone(), page));
                }
            }
            made.fetch_add(1, Ordering::Relaxed);
            let bytes = (p.make)().with_context(|| format!("cannot make {}", p.path))?;
            files::write_new(&to, &bytes)?;
            let page = Page {
                key: p.key,
                bytes: bytes.len() as u64,
            };
            Ok((p.path.clone(), page))
        })
        .collect::<Result<BTreeMap<_, _>>>()?;
    Ok((pages, made.into_inner()))
}

/// Removes the files of `folder` (the site's `name`) that are not in `keys`.
fn remove_unplanned(folder: &Path, name: &str, wanted: &HashSet<&str>) -> Result<()> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).context(format!("cannot read {}", folder.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if !wanted.contains(format!("{name}/{file}").as_str()) {
            let path = entry.path();
            let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                files::remove_tree(&path)
            } else {
                std::fs::remove_file(&path)
            };
            removed.with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

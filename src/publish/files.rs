//! Writing the files of a site being staged: new files never written through an existing
//! name (it may be a hard link into the live site), files carried over from the live site as
//! hard links, folders removed in parallel, and everything flushed to disk before the swap.

use anyhow::{bail, Context, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// `remove_dir_all`, in parallel: removing an old site of thousands of files is mostly
/// waiting on the disk.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

/// Puts everything written under `dir` on disk, so that the swap never points at files a
/// power cut could lose: one `syncfs` for the whole file system, cheaper than an `fsync`
/// per file for a thousand decisions.
#[cfg(target_os = "linux")]
pub fn flush(dir: &Path) -> Result<()> {
    let f = File::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
    rustix::fs::syncfs(&f).with_context(|| format!("cannot flush {} to disk", dir.display()))
}

#[cfg(all(unix, not(target_os = "linux")))]
pub fn flush(_dir: &Path) -> Result<()> {
    rustix::fs::sync();
    Ok(())
}

#[cfg(not(unix))]
pub fn flush(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Flushes a folder's entries to disk, so a rename survives a power cut; best effort.
pub fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Copies a file of the live site into the new one, as a hard link where the file system
/// allows (no bytes copied, same modification time) and as a copy otherwise. The folder of
/// `to` must exist.
pub fn carry_over(from: &Path, to: &Path) -> Result<()> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
    write_new(to, &bytes)
}

/// Writes a new file of the site being staged (made durable by [`flush`] before the swap).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    write_new_with(path, |out| Ok(out.write_all(bytes)?))
}

/// [`write_new`] for contents made as they are written: `write` fills the file, through a
/// buffer, so that a large file is never held whole in memory.
pub fn write_new_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    // Never write through an existing name: it may be a hard link into the live site.
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            bail!("cannot replace {}: {e}", path.display())
        }
        _ => {}
    }
    let f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = std::io::BufWriter::new(f);
    write(&mut out)
        .and_then(|()| Ok(out.flush()?))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Replaces `to` by a hard link to `from`, the same file of the live site; fails (leaving
/// `to` absent) where hard links are not possible, for the caller to write the file instead.
pub fn relink(from: &Path, to: &Path) -> Result<()> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    match std::fs::remove_file(to) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            bail!("cannot replace {}: {e}", to.display())
        }
        _ => {}
    }
    std::fs::hard_link(from, to)
        .with_context(|| format!("cannot link {} to {}", to.display(), from.display()))
}

//! File-system helpers whose errors name their path, and atomic writes.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` so that readers see the old file or the new one, never a part:
/// the bytes go to a temporary file in the same folder, which is then renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |f| Ok(f.write_all(bytes)?))
}

/// [`write_atomic`] for contents made as they are written: `write` fills the temporary file.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    let temp = temp_path(path)?;
    let result = std::fs::File::create(&temp)
        .map_err(anyhow::Error::from)
        .and_then(|mut f| write(&mut f))
        .with_context(|| format!("cannot write {}", temp.display()))
        .and_then(|()| {
            std::fs::rename(&temp, path)
                .with_context(|| format!("cannot replace {}", path.display()))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Writes several files so that either all are replaced or none is: every temporary file is
/// written first (a full disk or a blocked folder fails here, with the old files untouched),
/// then each is renamed over its target.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    // A folder where a file goes would fail only at its rename, after others were replaced.
    for (path, _) in files {
        if path.is_dir() {
            anyhow::bail!("cannot replace {}: it is a folder", path.display());
        }
    }
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    let staged = files.iter().try_for_each(|(path, bytes)| {
        let temp = temp_path(path)?;
        temps.push(temp.clone());
        std::fs::write(&temp, bytes).with_context(|| format!("cannot write {}", temp.display()))
    });
    let result = staged.and_then(|()| {
        files.iter().zip(&temps).try_for_each(|((path, _), temp)| {
            std::fs::rename(temp, path)
                .with_context(|| format!("cannot replace {}", path.display()))
        })
    });
    if result.is_err() {
        for temp in &temps {
            let _ = std::fs::remove_file(temp);
        }
    }
    result
}

/// A fresh temporary name beside `path`, its folder created.
fn temp_path(path: &Path) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    Ok(dir.join(format!(".{name}.{}.{n}.tmp", std::process::id())))
}

/// Reads a text file, naming it in the error.
pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("d/a.txt");
        let b = dir.path().join("d/b.txt");
        write_all_atomic(&[(a.clone(), b"a1".to_vec()), (b.clone(), b"b1".to_vec())]).unwrap();
        // A folder where b's temporary file goes blocks the write: a keeps its old bytes.
        let blocked = dir.path().join("d/sub/b.txt");
        std::fs::write(dir.path().join("d/sub"), b"not a folder").unwrap();
        assert!(
            write_all_atomic(&[(a.clone(), b"a2".to_vec()), (blocked, b"b2".to_vec())]).is_err()
        );
        assert_eq!(std::fs::read(&a).unwrap(), b"a1");
        assert_eq!(std::fs::read(&b).unwrap(), b"b1");
        assert_eq!(std::fs::read_dir(dir.path().join("d")).unwrap().count(), 3);
    }

    #[test]
    fn failed_write_keeps_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"old").unwrap();
        // A folder where the file's temp would go makes the write fail.
        let blocked = dir.path().join("blocked/x.txt");
        std::fs::write(dir.path().join("blocked"), b"not a folder").unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
    }
}

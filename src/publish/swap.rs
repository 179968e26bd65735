//! Where a site is built and how it goes live: the lock, numbered site versions beside the
//! output, and the atomic swap of the output symlink.
//!
//! `OUT` is a symbolic link to `.OUT.sites/site-N`. A publish renders what changed into
//! `site-(N+1).fresh`, then makes `site-(N+1).staging` (from the version before the live one,
//! kept for this, updated in place), renames it to `site-(N+1)`, makes a new link and renames
//! that over `OUT`: rename(2) replaces the old link in one step, so a reader always finds a
//! complete site, the old one or the new one. The version that was live is kept, untouched,
//! for the next publish to update. Anything a killed run left behind is removed by the next
//! run, under the lock, before it starts.

use super::files::{remove_tree, sync_dir};
use anyhow::{bail, Context, Result};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The paths of a published site: the output link, its versions folder and its lock file.
pub struct Layout {
    /// The link readers use, e.g. `out`.
    pub out: PathBuf,
    parent: PathBuf,
    name: String,
    /// `.out.sites`, beside `out`.
    pub sites: PathBuf,
    /// `.out.lock`, beside `out`.
    pub lock: PathBuf,
}

/// The version `OUT` points to now.
pub struct Current {
    pub number: u64,
    pub dir: PathBuf,
}

impl Layout {
    pub fn new(out: &Path) -> Result<Layout> {
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty() && *n != "..")
            .with_context(|| format!("{} cannot be a site folder; name one", out.display()))?
            .to_string();
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        Ok(Layout {
            out: parent.join(&name),
            sites: parent.join(format!(".{name}.sites")),
            lock: parent.join(format!(".{name}.lock")),
            parent,
            name,
        })
    }

    fn version_name(n: u64) -> String {
        format!("site-{n:06}")
    }

    pub fn version_dir(&self, n: u64) -> PathBuf {
        self.sites.join(Self::version_name(n))
    }

    pub fn staging_dir(&self, n: u64) -> PathBuf {
        self.sites
            .join(format!("{}.staging", Self::version_name(n)))
    }

    pub fn fresh_dir(&self, n: u64) -> PathBuf {
        self.sites.join(format!("{}.fresh", Self::version_name(n)))
    }

    pub fn manifest_path(&self, n: u64) -> PathBuf {
        self.sites
            .join(format!("{}.manifest.json", Self::version_name(n)))
    }

    fn temp_link(&self) -> PathBuf {
        self.parent.join(format!(".{}.link.tmp", self.name))
    }

    /// The live version, or `None` when there is no site yet. An `OUT` that this tool did not
    /// make is an error rather than something to overwrite.
    pub fn current(&self) -> Result<Option<Current>> {
        let meta = match std::fs::symlink_metadata(&self.out) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => bail!("cannot read {}: {e}", self.out.display()),
        };
        let out = self.out.display();
        if meta.is_dir() {
            let empty = std::fs::read_dir(&self.out)
                .with_context(|| format!("cannot read {out}"))?
                .next()
                .is_none();
            if empty {
                return Ok(None);
            }
            bail!(
                "{out} is a folder, not a site made by `decisions publish` (which makes {out} a \
                 link to a site version); move it away or choose another --out"
            );
        }
        let target = std::fs::read_link(&self.out).with_context(|| {
            format!("{out} is neither a folder nor a link; choose another --out")
        })?;
        let expected = PathBuf::from(format!(".{}.sites", self.name));
        let number = (target.parent() == Some(expected.as_path()))
            .then(|| {
                target
                    .file_name()?
                    .to_str()?
                    .strip_prefix("site-")?
                    .parse()
                    .ok()
            })
            .flatten();
        match number {
            Some(number) => Ok(Some(Current {
                number,
                dir: self.version_dir(number),
            })),
            None => bail!(
                "{out} links to {}, which is not a site version made by `decisions publish`; \
                 remove the link or choose another --out",
                target.display()
            ),
        }
    }

    /// The newest version older than the live one `live`, if one is kept. Each such version
    /// was live once (a version made but never swapped in is newer than the live one, and
    /// [`Layout::clean`] removes it), and has not been touched since.
    pub fn spare(&self, live: Option<u64>) -> Result<Option<u64>> {
        let Some(live) = live else { return Ok(None) };
        let entries = match std::fs::read_dir(&self.sites) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => bail!("cannot read {}: {e}", self.sites.display()),
        };
        let mut spare = None;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", self.sites.display()))?;
            let number = entry
                .file_name()
                .to_str()
                .and_then(|n| n.strip_prefix("site-"))
                .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<u64>().ok());
            if let Some(n) = number.filter(|n| *n < live) {
                if entry.file_type().is_ok_and(|t| t.is_dir()) && spare < Some(n) {
                    spare = Some(n);
                }
            }
        }
        Ok(spare)
    }

    /// Removes whatever is neither the live version `live` (with its manifest) nor the
    /// version `spare` kept for the next publish: what a killed run left, older versions,
    /// the temporary link. Call with the lock held.
    pub fn clean(&self, live: Option<u64>, spare: Option<u64>) -> Result<usize> {
        let _ = std::fs::remove_file(self.temp_link());
        let entries = match std::fs::read_dir(&self.sites) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => bail!("cannot read {}: {e}", self.sites.display()),
        };
        let mut keep: Vec<String> = Vec::new();
        if let Some(n) = live {
            let name = Self::version_name(n);
            keep.push(format!("{name}.manifest.json"));
            keep.push(name);
        }
        keep.extend(spare.map(Self::version_name));
        let mut removed = 0;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", self.sites.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if keep.contains(&name) {
                continue;
            }
            let path = entry.path();
            let result = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove_tree(&path)
            } else {
                std::fs::remove_file(&path)
            };
            result.with_context(|| format!("cannot remove the leftover {}", path.display()))?;
            removed += 1;
        }
        Ok(removed)
    }

    /// Makes a finished staging folder the live site: rename it to its version, then swap
    /// the `OUT` link in one rename.
    pub fn swap_in(&self, n: u64) -> Result<()> {
        let staging = self.staging_dir(n);
        let version = self.version_dir(n);
        std::fs::rename(&staging, &version)
            .with_context(|| format!("cannot rename {}", staging.display()))?;
        sync_dir(&self.sites);
        let temp = self.temp_link();
        let _ = std::fs::remove_file(&temp);
        let target = Path::new(&format!(".{}.sites", self.name)).join(Self::version_name(n));
        symlink(&target, &temp)
            .with_context(|| format!("cannot make the link {}", temp.display()))?;
        // An empty folder (first publish) cannot be replaced by a link in one step; it held
        // no site, so nothing is lost while it is gone.
        if std::fs::symlink_metadata(&self.out).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir(&self.out)
                .with_context(|| format!("cannot replace {}", self.out.display()))?;
        }
        std::fs::rename(&temp, &self.out)
            .with_context(|| format!("cannot swap {} to the new site", self.out.display()))?;
        sync_dir(&self.parent);
        Ok(())
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "publishing needs symbolic links that can be swapped atomically (Unix)",
    ))
}

/// The publish lock: an OS lock on `.OUT.lock`, which the kernel releases when the process
/// ends however it ends, so a lock left by a killed run never blocks the next one. The file
/// holds the holder's process id and start time, for the message a second publish prints.
pub struct Lock {
    file: File,
}

impl Lock {
    /// Takes the lock, or fails naming it and its holder. The second value is the note left
    /// by a run that held the lock and did not finish, if any.
    pub fn acquire(path: &Path) -> Result<(Lock, Option<String>)> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let mut holder = String::new();
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim().replace('\n', ", ");
                bail!(
                    "another publish to this folder is running ({}); it holds the lock {}. \
                     Wait for it to finish and try again",
                    if holder.is_empty() {
                        "holder unknown"
                    } else {
                        &holder
                    },
                    path.display()
                );
            }
            Err(fs4::TryLockError::Error(e)) => {
                bail!("cannot lock {}: {e}", path.display())
            }
        }
        let _ = file.read_to_string(&mut holder);
        let stale = holder.trim();
        let stale = (!stale.is_empty()).then(|| stale.replace('\n', ", "));
        let note = format!(
            "pid {}\nstarted {}\n",
            std::process::id(),
            super::manifest::now_rfc3339()
        );
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(note.as_bytes()))
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write the lock file {}", path.display()))?;
        Ok((Lock { file }, stale))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // An empty lock file means the last run finished. The file itself stays: deleting it
        // would let a run that opened it just before lock a file nobody else can see.
        let _ = self.file.set_len(0);
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

//! Rendering one checked decision into the folder of fresh decisions, in every format the
//! site publishes, and recording in its entry what was written and when its text changed.

use super::check::Pass;
use super::files;
use super::manifest::{Entry, FileEntry, Sha256};
use super::row;
use crate::problem::Problem;
use crate::render::Format;
use crate::resolve::Decision;
use std::path::Path;

impl Pass<'_> {
    /// Renders a decision into the fresh folder, filling in its entry's files, hashes and
    /// times.
    pub(super) fn render(
        &self,
        path: &Path,
        decision: &Decision,
        entry: &mut Entry,
    ) -> Result<(), Box<Problem>> {
        let fail = |e: anyhow::Error| Box::new(Problem::error(path, format!("{e:#}")));
        let rendered = self.renderer.render(decision, self.formats).map_err(fail)?;
        for (format, bytes) in &rendered.files {
            let path = row::file_path(entry.row.slug(), *format);
            files::write_new(&self.fresh.join(&path), bytes).map_err(fail)?;
            let sha256 = Sha256::of(bytes);
            if *format == Format::Md || entry.files.is_empty() {
                entry.content_hash = sha256;
            }
            entry.files.push(FileEntry {
                format: *format,
                sha256,
                bytes: bytes.len() as u64,
            });
        }
        let old = self
            .previous
            .and_then(|m| m.decisions.get(entry.row.slug()));
        // The change time moves only when the published text does; the first appearance
        // never moves.
        entry.changed = old
            .filter(|old| old.content_hash == entry.content_hash)
            .map_or_else(|| self.now.to_string(), |old| old.changed.clone());
        entry.published = old.map_or_else(|| self.now.to_string(), |old| old.published().into());
        Ok(())
    }
}

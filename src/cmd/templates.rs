//! `decisions templates DIR`: the built-in templates written out, as a start for your own.

use super::EXIT_OK;
use crate::cli::TemplatesArgs;
use anyhow::{bail, Context, Result};

pub fn run(args: TemplatesArgs) -> Result<i32> {
    let skeletons = super::new::SKELETONS
        .iter()
        .map(|(name, text)| (format!("new/{name}"), *text));
    let files: Vec<(String, &str)> = crate::templates::DEFAULTS
        .iter()
        .map(|(name, text)| (name.to_string(), *text))
        .chain(skeletons)
        .collect();
    let existing: Vec<&str> = files
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| args.dir.join(name).exists())
        .collect();
    if !existing.is_empty() && !args.force {
        bail!(
            "{} already has {}; use --force to replace them",
            args.dir.display(),
            existing.join(", ")
        );
    }
    for (name, text) in &files {
        let path = args.dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        crate::fs::write_atomic(&path, text.as_bytes())?;
        println!("wrote {}", path.display());
    }
    eprintln!(
        "Edit them, delete the ones you keep as they are, and build with `--templates {}`.",
        args.dir.display()
    );
    Ok(EXIT_OK)
}

//! `decisions templates DIR`: the built-in templates written out, as a start for your own.

use super::EXIT_OK;
use crate::cli::TemplatesArgs;
use anyhow::{bail, Result};

pub fn run(args: TemplatesArgs) -> Result<i32> {
    let existing: Vec<&str> = crate::templates::DEFAULTS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| args.dir.join(name).exists())
        .collect();
    if !existing.is_empty() && !args.force {
        bail!(
            "{} already has {}; use --force to replace them",
            args.dir.display(),
            existing.join(", ")
        );
    }
    for (name, text) in crate::templates::DEFAULTS {
        let path = args.dir.join(name);
        crate::fs::write_atomic(&path, text.as_bytes())?;
        println!("wrote {}", path.display());
    }
    eprintln!(
        "Edit them, delete the ones you keep as they are, and build with `--templates {}`.",
        args.dir.display()
    );
    Ok(EXIT_OK)
}

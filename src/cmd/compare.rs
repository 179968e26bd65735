//! `decisions compare`: the change report between two versions of a decision, as HTML and
//! Markdown, in `OUT/<reference>/changes.{html,md}`.

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::cli::CompareArgs;
use crate::compare::{self, words::Words, Version};
use crate::pipeline;
use crate::review::Gate;
use crate::templates::Templates;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Exit code for a command line that cannot work, as clap uses.
const EXIT_USAGE: i32 = 2;

pub fn run(args: CompareArgs) -> Result<i32> {
    let (before_path, after_path) = match (args.cases.as_slice(), &args.git) {
        ([before, after], None) => (before.clone(), after.clone()),
        ([after], Some(_)) => (after.clone(), after.clone()),
        _ => {
            eprintln!(
                "error: give two case files (the earlier version, then the later), or one with --git REV"
            );
            return Ok(EXIT_USAGE);
        }
    };
    let templates = Templates::load(args.templates.templates.as_deref())?;
    let (before_bytes, before_source) = match &args.git {
        Some(rev) => (
            git_show(rev, &before_path)?,
            format!("{rev}:{}", before_path.display()),
        ),
        None => (read(&before_path)?, before_path.display().to_string()),
    };
    let after_bytes = read(&after_path)?;
    // Both are loaded, so the problems of both are listed.
    let before = load(&before_path, before_bytes, &templates);
    let after = load(&after_path, after_bytes, &templates);
    let (Some((before_case, before)), Some((after_case, after))) = (before, after) else {
        return Ok(EXIT_PROBLEMS);
    };
    let words = Words::default();
    let report = compare::compare(
        &Version {
            case: &before_case,
            decision: &before,
            source: before_source,
        },
        &Version {
            case: &after_case,
            decision: &after,
            source: after_path.display().to_string(),
        },
        &templates.wording,
        &words,
    );
    let dir = args.out.join(&after.meta.slug);
    let files = vec![
        (
            dir.join("changes.html"),
            compare::html::render(&report, &words).into_bytes(),
        ),
        (
            dir.join("changes.md"),
            compare::markdown::render(&report, &words).into_bytes(),
        ),
    ];
    crate::fs::write_all_atomic(&files)?;
    if !args.quiet {
        for (path, _) in &files {
            println!("wrote {}", path.display());
        }
        println!("{}", report.summary);
    }
    Ok(EXIT_OK)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Loads and resolves one version, printing its problems; `None` when it has errors.
fn load(
    path: &Path,
    bytes: Vec<u8>,
    templates: &Templates,
) -> Option<(crate::case::Case, crate::resolve::Decision)> {
    let gate = Gate::Build { pdf: false };
    match pipeline::resolve_bytes(path, bytes.clone(), templates, gate) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                eprintln!("{w}");
            }
            // Parsed again for the case's own parts (standard paragraphs, actions).
            let (case, _) = crate::case::load_bytes_for(path, bytes, &templates.office).ok()?;
            Some((case, loaded.decision))
        }
        Err(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
            None
        }
    }
}

/// The case file as it was at git revision `rev`.
fn git_show(rev: &str, path: &Path) -> Result<Vec<u8>> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name() else {
        bail!("{} is not a file", path.display());
    };
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(&dir)
        .arg("show")
        .arg(format!("{rev}:./{}", name.to_string_lossy()))
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "cannot read {} at git revision {rev}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

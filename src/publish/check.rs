//! Checking every case before anything is written: one parse per case, in parallel, and the
//! errors that only show across cases (two files with one reference).

use super::{manifest, Options, Summary};
use crate::pipeline::{self, Loaded};
use crate::problem::Problem;
use crate::render::Renderer;
use crate::resolve::Decision;
use crate::templates::Templates;
use anyhow::Result;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A final case, checked and resolved, waiting to be published.
pub struct Final {
    pub path: PathBuf,
    pub source_hash: String,
    pub decision: Decision,
}

/// Loads and resolves every case once, in parallel; returns the final ones, or every error
/// (including duplicate references) sorted by file and line.
pub fn check_all(
    opts: &Options,
    renderer: &Renderer,
    summary: &mut Summary,
) -> Result<Result<Vec<Final>, Vec<Problem>>> {
    let files = match pipeline::find_cases(&opts.cases) {
        Ok(f) => f,
        Err(p) => return Ok(Err(vec![p])),
    };
    opts.progress.set_length(files.len() as u64);
    opts.progress.set_message("checking");
    let checked: Vec<Checked> = files
        .par_iter()
        .map(|path| {
            let result = check_one(path, &renderer.templates);
            opts.progress.inc(1);
            result
        })
        .collect();
    let mut problems = Vec::new();
    let mut finals = Vec::new();
    for result in checked {
        match result {
            Ok((f, warnings)) => {
                summary.warnings.extend(warnings);
                if f.decision.meta.draft {
                    summary.drafts += 1;
                } else {
                    finals.push(f);
                }
            }
            Err(p) => problems.extend(p),
        }
    }
    problems.extend(duplicates(&finals));
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
        problems.into_iter().partition(Problem::is_error);
    summary.warnings.extend(warnings);
    summary.warnings.sort_by_key(Problem::sort_key);
    if errors.is_empty() {
        Ok(Ok(finals))
    } else {
        let mut errors = errors;
        errors.sort_by_key(Problem::sort_key);
        Ok(Err(errors))
    }
}

/// A final or draft case with its warnings, or its errors.
type Checked = Result<(Final, Vec<Problem>), Vec<Problem>>;

fn check_one(path: &Path, templates: &Templates) -> Checked {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Problem::error(
            path,
            format!("cannot read the case file: {e}"),
        )]
    })?;
    let source_hash = manifest::sha256_hex(&bytes);
    let Loaded { decision, warnings } =
        pipeline::load_and_resolve(path, templates, crate::review::Gate::Strict)?;
    let f = Final {
        path: path.to_path_buf(),
        source_hash,
        decision,
    };
    Ok((f, warnings))
}

/// Two final cases with one reference, or with addresses that differ only in case (which
/// would collide on many servers), each reported on the later file, naming the earlier.
fn duplicates(finals: &[Final]) -> Vec<Problem> {
    let mut seen: HashMap<String, &Final> = HashMap::new();
    let mut problems = Vec::new();
    for f in finals {
        let key = f.decision.meta.slug.to_lowercase();
        if let Some(first) = seen.get(&key) {
            let (a, b) = (&first.decision.meta, &f.decision.meta);
            let message = if a.reference == b.reference {
                format!(
                    "duplicate reference {}: {} has it too",
                    b.reference,
                    first.path.display()
                )
            } else {
                format!(
                    "reference {} has the same address (decisions/{}/) as {} in {}",
                    b.reference,
                    a.slug,
                    a.reference,
                    first.path.display()
                )
            };
            let mut p = Problem::error(&f.path, message).field("reference");
            let field = crate::case::FieldPath::default().key("reference");
            if let Some((line, column, _)) = std::fs::read_to_string(&f.path)
                .ok()
                .and_then(|src| crate::case::locate(&src, &field))
            {
                p = p.at(line, column);
            }
            problems.push(p.hint(
                "each decision must have its own reference; remove or fix one of the two files",
            ));
        } else {
            seen.insert(key, f);
        }
    }
    problems
}

//! `decisions check`: validate cases and list every problem, sorted by file and line.

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::cli::{CheckArgs, ReportFormat};
use crate::pipeline;
use crate::problem::Problem;
use crate::templates::Templates;
use anyhow::Result;
use rayon::prelude::*;

pub fn run(args: CheckArgs) -> Result<i32> {
    // The lint compiles its patterns while the templates and cases load.
    std::thread::spawn(crate::review::warm_up);
    let templates = Templates::load(args.templates.templates.as_deref())?;
    let mut files = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    // An office folder's own file is checked with the cases it governs.
    if let Err(found) = crate::office::load(args.templates.templates.as_deref()) {
        problems.extend(found);
    }
    for path in &args.paths {
        match pipeline::find_cases(path) {
            Ok(found) => files.extend(found),
            Err(p) => problems.push(p),
        }
    }
    let found: Vec<Vec<Problem>> = files
        .par_iter()
        .map(
            |f| match pipeline::load_and_resolve(f, &templates, crate::review::Gate::Strict) {
                Ok(loaded) => loaded.warnings,
                Err(problems) => problems,
            },
        )
        .collect();
    problems.extend(found.into_iter().flatten());
    problems.sort_by_key(Problem::sort_key);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    match args.format {
        ReportFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&problems)?);
        }
        ReportFormat::Text => {
            for p in &problems {
                println!("{p}");
            }
            eprintln!(
                "Checked {} case file{}: {} error{}, {} warning{}.",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                errors,
                if errors == 1 { "" } else { "s" },
                problems.len() - errors,
                if problems.len() - errors == 1 {
                    ""
                } else {
                    "s"
                },
            );
        }
    }
    Ok(if errors > 0 { EXIT_PROBLEMS } else { EXIT_OK })
}

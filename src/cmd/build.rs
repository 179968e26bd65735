//! `decisions build`: each case to Markdown, HTML and PDF in its own output folder.

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::cli::BuildArgs;
use crate::pipeline::{self, Loaded};
use crate::render::Renderer;
use crate::templates::Templates;
use anyhow::Result;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

pub fn run(args: BuildArgs) -> Result<i32> {
    let start = Instant::now();
    // The lint compiles its patterns while the templates, fonts and cases load.
    std::thread::spawn(crate::review::warm_up);
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let renderer = Renderer::new(Templates::load(args.templates.templates.as_deref())?);
    for &f in &formats {
        renderer.supports(f)?;
    }
    let build = |path: &PathBuf| build_one(&renderer, path, &args, &formats);
    // One case is built on this thread: starting a thread pool costs more than it would save.
    let results: Vec<Result<Vec<PathBuf>, Vec<String>>> = match args.cases.as_slice() {
        [one] => vec![build(one)],
        many => many.par_iter().map(build).collect(),
    };
    let mut failed = 0;
    let mut written = 0;
    for result in results {
        match result {
            Ok(paths) => {
                written += 1;
                if !args.quiet {
                    for p in paths {
                        println!("wrote {}", p.display());
                    }
                }
            }
            Err(messages) => {
                failed += 1;
                for m in messages {
                    eprintln!("{m}");
                }
            }
        }
    }
    if !args.quiet {
        eprintln!(
            "Built {written} of {} case{} in {} ms{}.",
            args.cases.len(),
            if args.cases.len() == 1 { "" } else { "s" },
            start.elapsed().as_millis(),
            if failed > 0 {
                format!("; {failed} failed")
            } else {
                String::new()
            }
        );
    }
    Ok(if failed > 0 { EXIT_PROBLEMS } else { EXIT_OK })
}

fn build_one(
    renderer: &Renderer,
    path: &std::path::Path,
    args: &BuildArgs,
    formats: &[crate::render::Format],
) -> Result<Vec<PathBuf>, Vec<String>> {
    let (Loaded { decision, warnings }, rendered) = pipeline::load_resolve_and(
        path,
        &renderer.templates,
        crate::review::Gate::Build {
            pdf: formats.contains(&crate::render::Format::Pdf),
        },
        |decision| renderer.render(decision, formats),
    )
    .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    for w in &warnings {
        eprintln!("{w}");
    }
    let rendered = rendered.map_err(|e| vec![format!("{}: error: {e:#}", path.display())])?;
    let dir = args.out.join(&decision.meta.slug);
    // All formats or none: a failure half way must not leave a new Markdown beside an old HTML.
    let files: Vec<(PathBuf, Vec<u8>)> = rendered
        .files
        .into_iter()
        .map(|(format, bytes)| (dir.join(format.file_name()), bytes))
        .collect();
    crate::fs::write_all_atomic(&files)
        .map_err(|e| vec![format!("{}: error: {e:#}", path.display())])?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

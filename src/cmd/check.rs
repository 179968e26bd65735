//! `decisions check`: validate cases and list every problem, sorted by file and line.

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::cli::{CheckArgs, ReportFormat};
use crate::pipeline;
use crate::problem::Problem;
use crate::publish::row::Row;
use crate::render::{Format, Renderer};
use crate::templates::Templates;
use anyhow::Result;
use rayon::prelude::*;
use std::path::Path;

pub fn run(args: CheckArgs) -> Result<i32> {
    // The lint compiles its patterns while the templates and cases load.
    std::thread::spawn(crate::review::warm_up);
    let mut templates = Templates::load(args.templates.templates.as_deref())?;
    templates.fit_own_words = true;
    let renderer = Renderer::new(templates);
    let mut files = Vec::new();
    // The files of each folder given, as ranges of `files`: checked together, as `publish`
    // checks a folder.
    let mut folders = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for path in &args.paths {
        match pipeline::find_cases(path) {
            Ok(found) => {
                let start = files.len();
                files.extend(found);
                if path.is_dir() {
                    folders.push(start..files.len());
                }
            }
            Err(p) => problems.push(p),
        }
    }
    let found: Vec<(Vec<Problem>, Option<Row>)> =
        files.par_iter().map(|f| check_one(f, &renderer)).collect();
    for range in folders {
        let finals: Vec<(&Path, &Row)> = range
            .filter_map(|i| Some((files[i].as_path(), found[i].1.as_ref()?)))
            .collect();
        problems.extend(crate::publish::across_folder(&finals));
    }
    problems.extend(found.into_iter().flat_map(|(p, _)| p));
    problems.sort_by_key(Problem::sort_key);
    // A template that fails, fails for every case: say so once, at the first case.
    let mut seen = std::collections::HashSet::new();
    problems.retain(|p| !p.message.starts_with(TEMPLATE) || seen.insert(p.message.clone()));
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

/// How a template's failure starts, so that it is reported once rather than once per case.
const TEMPLATE: &str = "the templates fail: ";

/// The problems of one case, including those of the templates when they render it: what
/// `build` would refuse. The PDF is not typeset; the characters it would refuse are checked
/// with the words.
/// A final decision's row comes back too, for what only its folder shows.
fn check_one(path: &Path, renderer: &Renderer) -> (Vec<Problem>, Option<Row>) {
    let loaded =
        match pipeline::load_and_resolve(path, &renderer.templates, crate::review::Gate::Strict) {
            Ok(loaded) => loaded,
            Err(problems) => return (problems, None),
        };
    let meta = &loaded.decision.meta;
    let row = (!meta.draft).then(|| Row::new(meta));
    let mut out = loaded.warnings;
    match renderer.render(&loaded.decision, &[Format::Md, Format::Html]) {
        Err(e) => out.push(Problem::error(path, format!("{TEMPLATE}{e:#}"))),
        Ok(rendered) => {
            let md = rendered.files.iter().find(|(f, _)| *f == Format::Md);
            let md = md.map(|(_, bytes)| String::from_utf8_lossy(bytes));
            if let Some(p) = md.and_then(|md| unprintable_wording(path, &md)) {
                out.push(p);
            }
        }
    }
    (out, row)
}

/// A character no PDF font has that comes from the wording, a standard paragraph or a
/// template rather than the case's own text (which the review has checked already).
fn unprintable_wording(path: &Path, md: &str) -> Option<Problem> {
    let fonts = crate::render::pdf::Fonts::shared().ok()?;
    let (_, ch) = crate::render::pdf::first_unsupported(fonts, md)?;
    let message = format!(
        "{TEMPLATE}the wording, standard paragraphs or templates have {}, which no bundled \
         font has, so the PDF cannot show it",
        crate::render::pdf::describe(ch)
    );
    Some(Problem::error(path, message))
}

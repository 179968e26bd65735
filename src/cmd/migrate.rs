//! `decisions migrate`: rewrites case files written for an older case-file format into the
//! current one, and reports what it changed in each.
//!
//! Each step takes a file from one format to the next and changes only what that step is
//! about, as text, so that comments, order and wording stay as the investigator wrote them.
//! A rewritten file is read back against its office before it replaces the old one; a file
//! that would not read is left as it was.

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::case::FORMAT;
use crate::cli::MigrateArgs;
use crate::office::Office;
use crate::problem::Problem;
use anyhow::Result;
use std::path::Path;

/// A step from format `from` to `from + 1`: what it does, in words, and the rewrite.
struct Step {
    from: u32,
    what: &'static str,
    rewrite: fn(&str) -> String,
}

/// Files without a `format:` were written before formats were numbered: format 0, which
/// reads exactly as format 1.
const STEPS: &[Step] = &[Step {
    from: 0,
    what: "states its format: `format: 1` added",
    rewrite: add_format_line,
}];

/// What happened to one file.
enum Outcome {
    Current,
    Migrated(Vec<&'static str>),
}

pub fn run(args: MigrateArgs) -> Result<i32> {
    let office = crate::office::load(args.templates.templates.as_deref())
        .map_err(|p| anyhow::anyhow!("{}", crate::problem::Problems(p)))?;
    let mut files = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for path in &args.paths {
        match crate::pipeline::find_cases(path) {
            Ok(found) => files.extend(found),
            Err(p) => problems.push(p),
        }
    }
    let (mut migrated, mut current) = (0, 0);
    for file in &files {
        match migrate(file, &office, args.check) {
            Ok(Outcome::Current) => current += 1,
            Ok(Outcome::Migrated(steps)) => {
                migrated += 1;
                let verb = if args.check { "would be" } else { "was" };
                println!("{}: {verb} migrated to format {FORMAT}:", file.display());
                for s in steps {
                    println!("  - {s}");
                }
            }
            Err(p) => problems.push(p),
        }
    }
    for p in &problems {
        eprintln!("{p}");
    }
    let done = if args.check {
        "need migrating"
    } else {
        "migrated"
    };
    eprintln!(
        "{migrated} of {} case files {done}; {current} already format {FORMAT}; {} with problems.",
        files.len(),
        problems.len()
    );
    let failed = !problems.is_empty() || (args.check && migrated > 0);
    Ok(if failed { EXIT_PROBLEMS } else { EXIT_OK })
}

/// Brings one file to the current format; with `check`, only says whether it would.
fn migrate(file: &Path, office: &Office, check: bool) -> Result<Outcome, Problem> {
    let bytes = crate::case::read(file)?;
    let text = crate::case::load::decode(file, bytes)?;
    let from = format_of(&text).map_err(|m| Problem::error(file, m))?;
    if from == FORMAT {
        return Ok(Outcome::Current);
    }
    if from > FORMAT {
        return Err(Problem::error(
            file,
            format!("the file is format {from}; this program knows formats up to {FORMAT}"),
        )
        .hint("use a newer `decisions`"));
    }
    let mut out = text;
    let mut done = Vec::new();
    for step in STEPS.iter().filter(|s| s.from >= from && s.from < FORMAT) {
        out = (step.rewrite)(&out);
        done.push(step.what);
    }
    // The rewritten file must read as the current format before it replaces the old one.
    crate::case::parse_str_for(file, &out, office)?;
    if !check {
        crate::fs::write_atomic(file, out.as_bytes())
            .map_err(|e| Problem::error(file, format!("cannot write: {e}")))?;
    }
    Ok(Outcome::Migrated(done))
}

/// The format a case file states in a top-level `format:` line; 0 when it states none.
fn format_of(text: &str) -> Result<u32, String> {
    let Some(line) = text.lines().find(|l| l.starts_with("format:")) else {
        return Ok(0);
    };
    let value = line["format:".len()..]
        .split('#')
        .next()
        .unwrap_or("")
        .trim();
    value
        .parse()
        .map_err(|_| format!("`{line}`: the format is a whole number, e.g. `format: {FORMAT}`"))
}

/// Puts `format: 1` before the first field, after the comments that open the file.
fn add_format_line(text: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + 12);
    let mut placed = false;
    for line in text.split_inclusive('\n') {
        let opening = line.trim().is_empty() || line.starts_with('#') || line.starts_with("---");
        if !placed && !opening {
            out.push_str(&format!("format: 1{newline}"));
            placed = true;
        }
        out.push_str(line);
    }
    if !placed {
        out.push_str(&format!("format: 1{newline}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_line_goes_after_the_opening_comments() {
        let text = "# A case\n\nreference: 21 016 384\nstatus: final\n";
        assert_eq!(
            add_format_line(text),
            "# A case\n\nformat: 1\nreference: 21 016 384\nstatus: final\n"
        );
        assert_eq!(
            add_format_line("a: 1\r\nb: 2\r\n"),
            "format: 1\r\na: 1\r\nb: 2\r\n"
        );
        assert_eq!(format_of("format: 1 # now\nreference: x"), Ok(1));
        assert_eq!(format_of("reference: x"), Ok(0));
        assert!(format_of("format: one").is_err());
    }
}

//! `decisions generate` (hidden): a corpus of invented case files for tests and benchmarks.

use super::EXIT_OK;
use crate::cli::GenerateArgs;
use crate::generate;
use crate::templates::Templates;
use anyhow::Result;

pub fn run(args: GenerateArgs) -> Result<i32> {
    let templates = Templates::load(None)?;
    let written = generate::corpus(&templates, args.count, args.seed, &args.out)?;
    eprintln!(
        "Generated {} case file{} in {}.",
        written.len(),
        if written.len() == 1 { "" } else { "s" },
        args.out.display()
    );
    Ok(EXIT_OK)
}

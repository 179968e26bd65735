//! `decisions new`: a ready-to-fill case file in the right layout, with the usual standard
//! paragraphs and a TODO wherever the investigator must write.

use super::EXIT_OK;
use crate::case::{Category, Date, Layout, Outcome, Reference};
use crate::cli::NewArgs;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// The skeletons, by file name under `new/` in a templates folder.
pub const SKELETONS: [(&str, &str); 2] = [
    ("assessment.yaml", ASSESSMENT),
    ("investigation.yaml", INVESTIGATION),
];

const ASSESSMENT: &str = include_str!("../../templates/new/assessment.yaml");
const INVESTIGATION: &str = include_str!("../../templates/new/investigation.yaml");
const AGREED_ACTION: &str = "
agreed_action:
  intro:
    - TODO To remedy the injustice caused, the Council has agreed to the actions below.
  actions:
    - action: TODO apologise to {{complainant}} for ...
      by: within one month of the final decision
    - action: TODO pay {{complainant}} £... for the distress caused.
      by: within one month of the final decision
";

pub fn run(args: NewArgs) -> Result<i32> {
    let reference = Reference::parse(args.reference.trim()).map_err(anyhow::Error::msg)?;
    let category = Category::parse(&args.category).map_err(anyhow::Error::msg)?;
    let decided = match &args.decided {
        Some(d) => Date::parse(d).map_err(anyhow::Error::msg)?,
        None => Date::today(),
    };
    let outcome: Outcome = args.outcome;
    let (name, built_in) = match outcome.layout() {
        Layout::Assessment => ("assessment.yaml", ASSESSMENT),
        Layout::Investigation => ("investigation.yaml", INVESTIGATION),
    };
    let template = skeleton(args.templates.as_deref(), name, built_in)?;
    let agreed = if outcome == Outcome::Upheld {
        AGREED_ACTION
    } else {
        ""
    };
    let quote = crate::templates::yaml_quote;
    let text = template
        .replace("{{agreed_action}}", agreed)
        .replace("{{reference}}", reference.as_str())
        .replace("{{authority}}", &quote(args.authority.trim()))
        .replace("{{category}}", &quote(&category.to_string()))
        .replace("{{outcome}}", outcome.key())
        .replace("{{decided}}", &decided.iso())
        .replace("{{complainant}}", args.complainant.trim());
    let path = args
        .out
        .unwrap_or_else(|| format!("cases/{}.yaml", reference.slug()).into());
    if path.exists() && !args.force {
        bail!(
            "{} already exists; use --force to replace it",
            path.display()
        );
    }
    crate::fs::write_atomic(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!("wrote {}", path.display());
    eprintln!(
        "Fill in every TODO, then run `decisions check {}`.",
        path.display()
    );
    Ok(EXIT_OK)
}

/// The skeleton `name` from `DIR/new/` when the folder has one, else the built-in one.
fn skeleton(dir: Option<&Path>, name: &str, built_in: &str) -> Result<String> {
    let Some(path) = dir.map(|d| d.join("new").join(name)).filter(|p| p.exists()) else {
        if let Some(dir) = dir {
            if !dir.is_dir() {
                bail!("the templates folder {} does not exist", dir.display());
            }
        }
        return Ok(built_in.to_string());
    };
    std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the skeleton {}", path.display()))
}

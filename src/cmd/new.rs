//! `decisions new`: a ready-to-fill case file in the right layout, with the usual standard
//! paragraphs and a TODO wherever the investigator must write.

use super::EXIT_OK;
use crate::case::Date;
use crate::cli::NewArgs;
use crate::office::{CategoryForm, Holds, Office, Overall, SectionDef};
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

/// `decisions schema`: the case-file schema of the office.
pub fn schema(dir: Option<&Path>) -> Result<i32> {
    // The languages of the folder's `wording.LANG.yaml` files, which a case may choose.
    let langs: Vec<String> = match dir {
        Some(_) => crate::templates::Templates::load(dir)?
            .translations
            .into_keys()
            .collect(),
        None => Vec::new(),
    };
    println!(
        "{}",
        crate::case::schema::case_schema(&office(dir)?, &langs)
    );
    Ok(EXIT_OK)
}

fn office(dir: Option<&Path>) -> Result<Office> {
    crate::office::load(dir).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{}", lines.join("\n"))
    })
}

pub fn run(args: NewArgs) -> Result<i32> {
    let office = office(args.templates.as_deref())?;
    let reference = office
        .reference(&args.reference)
        .map_err(anyhow::Error::msg)?;
    let mut decided = match &args.decided {
        Some(d) => Date::parse(d).map_err(anyhow::Error::msg)?,
        None => Date::today(),
    };
    // An office that dates its decisions by the month is given the month alone.
    if office.dates.precision == crate::office::DatePrecision::Month {
        decided.day = 0;
    }
    let outcome = outcome(&office, args.outcome.as_deref())?;
    let layout = office.layout_of(&outcome).unwrap_or_default().to_string();
    let name = format!("{layout}.yaml");
    let built_in = SKELETONS
        .iter()
        .find(|(n, _)| *n == name)
        .filter(|_| office.name == crate::case::built_in_office().name)
        .map(|(_, text)| text.to_string());
    let template = match skeleton(args.templates.as_deref(), &name)? {
        Some(text) => text,
        None => built_in.unwrap_or_else(|| generated(&office, &layout)),
    };
    let agreed = if outcome == "upheld" {
        AGREED_ACTION
    } else {
        ""
    };
    let category = args.category.unwrap_or_else(|| default_category(&office));
    let quote = crate::templates::yaml_quote;
    let text = template
        .replace("{{agreed_action}}", agreed)
        .replace("{{reference}}", &plain_or_quoted(&reference.raw))
        .replace("{{authority}}", &quote(args.authority.trim()))
        .replace("{{category}}", &quote(&category))
        .replace("{{outcome}}", &outcome)
        .replace("{{decided}}", &decided.iso())
        .replace("{{complainant}}", args.complainant.trim());
    let path = args
        .out
        .unwrap_or_else(|| format!("cases/{}.yaml", reference.address).into());
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

/// The outcome asked for, checked against the office; the only one where there is one.
fn outcome(office: &Office, asked: Option<&str>) -> Result<String> {
    let keys: Vec<&str> = office.outcomes.keys().map(String::as_str).collect();
    match asked.map(str::trim) {
        Some(o) if office.outcomes.contains_key(o) => Ok(o.to_string()),
        Some(o) => bail!(
            "`{o}` is not an outcome of {}: one of {}",
            office.name,
            keys.join(", ")
        ),
        None if keys.len() == 1 => Ok(keys[0].to_string()),
        None => bail!("give --outcome: one of {}", keys.join(", ")),
    }
}

/// A reference as YAML: plain where it reads back as the same text, else quoted.
fn plain_or_quoted(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        && !s.starts_with('0')
        && !s.starts_with('-');
    if plain {
        s.to_string()
    } else {
        crate::templates::yaml_quote(s)
    }
}

fn default_category(office: &Office) -> String {
    match office.categories.form {
        CategoryForm::AreaSubject => match office.categories.areas.last() {
            Some(area) => format!("{area} > TODO"),
            None => "TODO".to_string(),
        },
        CategoryForm::List | CategoryForm::Free => "TODO".to_string(),
    }
}

/// A skeleton made from the office's layout, for an office folder without `new/LAYOUT.yaml`:
/// every header field it records and every section in order, with a TODO in each.
fn generated(office: &Office, layout: &str) -> String {
    let mut out = String::from(
        "# Case file for decisions: fill in every TODO; `decisions check` rejects the file until then.\n\
         format: 1\nreference: {{reference}}\nauthority: {{authority}}\ncategory: {{category}}\n",
    );
    // The outcome follows from the parts only where the layout has a section of them.
    let has_parts = office
        .layouts
        .get(layout)
        .is_some_and(|l| l.sections.iter().any(|s| s.holds == Holds::Parts));
    let derived = has_parts
        && office
            .parts
            .as_ref()
            .is_some_and(|p| p.overall == Overall::Derived);
    if !derived {
        out.push_str("outcome: {{outcome}}\n");
    }
    out.push_str("decided: {{decided}}\nstatus: draft\ncomplainant: {{complainant}}\n");
    out.push_str("people:\n  - name: {{complainant}}\n    role: complainant\n");
    if office.summary {
        out.push_str("summary: >-\n  TODO one paragraph that sums up the decision.\n");
    }
    if !office.facts.is_empty() {
        out.push_str("facts:\n");
        for f in &office.facts {
            let value = f.values.first().map_or("TODO", String::as_str);
            out.push_str(&format!(
                "  {}: {}\n",
                f.key,
                crate::templates::yaml_quote(value)
            ));
        }
    }
    let sections = office.layouts.get(layout).map_or(&[][..], |l| &l.sections);
    for s in sections {
        out.push_str(&format!("\n{}:\n", s.key));
        out.push_str(&section_skeleton(office, s));
    }
    out
}

fn section_skeleton(office: &Office, s: &SectionDef) -> String {
    match s.holds {
        Holds::Paragraphs => "  - TODO\n".to_string(),
        Holds::Areas => {
            "  intro: TODO\n  areas:\n    - complaint: TODO\n      finding: TODO\n".to_string()
        }
        Holds::Actions => "  - TODO\n".to_string(),
        Holds::Parts => {
            let finding = office
                .parts
                .as_ref()
                .and_then(|p| p.findings.keys().next().cloned())
                .unwrap_or_default();
            format!("  - part: TODO the part of the complaint\n    finding: {finding}\n    paragraphs:\n      - TODO\n")
        }
        Holds::Table => {
            let mut row = String::new();
            for (i, c) in s.columns.iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                row.push_str(&format!("{lead}{}: TODO\n", c.key));
            }
            row
        }
    }
}

/// The skeleton `name` from `DIR/new/` when the folder has one.
fn skeleton(dir: Option<&Path>, name: &str) -> Result<Option<String>> {
    let Some(path) = dir.map(|d| d.join("new").join(name)).filter(|p| p.exists()) else {
        if let Some(dir) = dir {
            if !dir.is_dir() {
                bail!("the templates folder {} does not exist", dir.display());
            }
        }
        return Ok(None);
    };
    std::fs::read_to_string(&path)
        .map(Some)
        .with_context(|| format!("cannot read the skeleton {}", path.display()))
}

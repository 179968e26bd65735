//! Templates, wording and standard paragraphs: the defaults built into the binary, merged
//! under a user's `--templates` folder, parsed once per run.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tera::{Tera, Value};

#[path = "templates_place.rs"]
mod place;

/// The default files, as they stand in `templates/` in the source tree.
const DEFAULTS_WORDING: &str = include_str!("../templates/wording.yaml");

pub const DEFAULTS: &[(&str, &str)] = &[
    ("decision.md", include_str!("../templates/decision.md")),
    ("decision.html", include_str!("../templates/decision.html")),
    ("site.html", include_str!("../templates/site.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("listing.html", include_str!("../templates/listing.html")),
    ("browse.html", include_str!("../templates/browse.html")),
    (
        "index-item.html",
        include_str!("../templates/index-item.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
    ("search.js", include_str!("../templates/search.js")),
    (
        "paragraphs.yaml",
        include_str!("../templates/paragraphs.yaml"),
    ),
    ("wording.yaml", DEFAULTS_WORDING),
    ("office.yaml", crate::office::BUILT_IN),
];

/// One standard paragraph of the library.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardParagraph {
    /// The section it normally stands in: `powers` or `considered`.
    #[serde(default)]
    pub section: Option<String>,
    /// Published decisions that use this wording.
    #[serde(default)]
    pub source: Option<String>,
    /// Parameter name -> default; `None` when the case must give it.
    #[serde(default)]
    pub params: BTreeMap<String, Option<serde_yaml::Value>>,
    /// For parameters that pick fixed wording: parameter -> choice key -> wording.
    #[serde(default)]
    pub choices: BTreeMap<String, BTreeMap<String, String>>,
    /// Parameters that show the paragraph in use; the tests render every example.
    #[serde(default)]
    pub example: Option<BTreeMap<String, serde_yaml::Value>>,
    pub text: String,
}

/// The fixed wording of a statement (`templates/wording.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub ombudsman: String,
    pub body: String,
    pub decision_heading: DecisionHeading,
    pub summary_label: String,
    pub header: HeaderLabels,
    pub outcomes: BTreeMap<String, String>,
    pub sections: BTreeMap<String, String>,
    pub sign_off: BTreeMap<String, String>,
    pub action_lead: String,
    pub action_evidence: String,
    pub para_ref: String,
    /// The statement's title, with `{body}` and `{reference}`.
    pub title: String,
    /// The heads of the table of a decision's parts and their findings.
    pub parts_table: PartsTable,
    /// How dates are printed, e.g. `{D} {MMM} {YYYY}` for "1 Aug 2022".
    pub date_format: String,
    /// How a month-only date is printed, e.g. `{MMMM} {YYYY}` for "January 2015".
    pub month_format: String,
    /// The months' names, January first, for `{MMMM}`; and their short forms, for `{MMM}`.
    pub months: [String; 12],
    pub months_short: [String; 12],
    /// The PDF's footer, with `{n}` and `{total}`: "Page {n} of {total}".
    pub page_of: String,
    /// The mark at the head of every page of a draft.
    pub draft_mark: String,
    pub akn: AknNames,
    /// Act name -> its address, for the statutory citations of machine-readable outputs.
    #[serde(default)]
    pub acts: BTreeMap<String, String>,
}

/// The heads of a parts table: the part of the complaint, and the finding on it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartsTable {
    pub part: String,
    pub finding: String,
}

/// How Akoma Ntoso names the office (`akn` in `wording.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AknNames {
    /// A short lower-case name, e.g. `lgsco`, for addresses and identifiers.
    pub office: String,
    /// The country's code in Akoma Ntoso addresses, e.g. `gb`.
    pub country: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionHeading {
    #[serde(rename = "final")]
    pub final_: String,
    pub draft: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderLabels {
    pub category: String,
    pub outcome: String,
    pub decided: String,
}

/// Everything the renderers need from templates, loaded once and shared by all documents.
pub struct Templates {
    /// The office whose statements these are (`office.yaml`).
    pub office: crate::office::Office,
    pub tera: Tera,
    pub paragraphs: BTreeMap<String, StandardParagraph>,
    pub wording: Wording,
    /// Template name -> where it came from (a path, or `built-in NAME`) and its text, so an
    /// error can name the file and line.
    sources: HashMap<String, (String, String)>,
}

/// The wording's lists that an office folder gives whole rather than key by key.
const OFFICE_VOCABULARY: [&str; 4] = ["sign_off", "outcomes", "sections", "acts"];

/// Templates only `publish` uses: left out of the other commands, which need not parse them.
const SITE_ONLY: [&str; 7] = [
    "site.html",
    "index.html",
    "listing.html",
    "browse.html",
    "index-item.html",
    "search.html",
    "search.js",
];

impl Templates {
    /// The built-in defaults, with the files of `dir` (if given) taking their place; all but
    /// the library's index page.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        Self::load_with(dir, false)
    }

    /// As [`Templates::load`], with the library's index page too.
    pub fn load_for_site(dir: Option<&Path>) -> Result<Templates> {
        Self::load_with(dir, true)
    }

    fn load_with(dir: Option<&Path>, site: bool) -> Result<Templates> {
        let mut files: HashMap<String, (String, String)> = DEFAULTS
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (format!("built-in {name}"), text.to_string()),
                )
            })
            .collect();
        let mut paragraphs = parse_yaml::<BTreeMap<String, StandardParagraph>>(
            "built-in paragraphs.yaml",
            &files["paragraphs.yaml"].1,
        )?;
        let mut wording: serde_yaml::Mapping =
            parse_yaml("built-in wording.yaml", &files["wording.yaml"].1)?;
        let mut user_wording = None;
        // A folder with an office of its own brings its own vocabulary: the built-in office's
        // standard paragraphs, sign-offs, outcomes, section titles and Acts are not its.
        let own_office = dir.is_some_and(|d| d.join("office.yaml").is_file());
        if own_office {
            paragraphs.clear();
        }
        if let Some(dir) = dir {
            for (name, path, text) in read_dir(dir)? {
                let origin = path.display().to_string();
                match name.as_str() {
                    "paragraphs.yaml" => {
                        let user: BTreeMap<String, StandardParagraph> = parse_yaml(&origin, &text)?;
                        paragraphs.extend(user);
                    }
                    "wording.yaml" => {
                        let user: serde_yaml::Mapping = parse_yaml(&origin, &text)?;
                        if own_office {
                            for key in OFFICE_VOCABULARY {
                                if user.contains_key(key) {
                                    wording.remove(key);
                                }
                            }
                        }
                        merge(&mut wording, user);
                        user_wording = Some((origin, text));
                    }
                    _ => {
                        files.insert(name, (origin, text));
                    }
                }
            }
        }
        let user = user_wording.as_ref().map(|(o, t)| (o.as_str(), t.as_str()));
        let wording = typed_wording(wording, user)?;

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        register_filters(&mut tera);
        files.retain(|name, _| !name.ends_with(".yaml"));
        files.retain(|name, _| site || !SITE_ONLY.contains(&name.as_str()));
        let mut sources: Vec<(String, String)> = files
            .iter()
            .map(|(name, (_, text))| (name.clone(), text.clone()))
            .collect();
        // Parsing a template costs far more than rendering it: plain wording stays plain text.
        for (key, p) in paragraphs.iter().filter(|(_, p)| is_template(&p.text)) {
            sources.push((format!("para/{key}"), p.text.clone()));
        }
        sources.push(("wording/action_lead".into(), wording.action_lead.clone()));
        sources.push(("wording/para_ref".into(), wording.para_ref.clone()));
        sources.sort();
        if let Err(e) = tera.add_raw_templates(sources) {
            let place = place::parse_error(&files, &e);
            anyhow::bail!("{place}a template does not parse: {}", error_chain(&e));
        }
        let office = load_office(dir)?;
        check_titles(&office, &wording, user)?;
        Ok(Templates {
            office,
            tera,
            paragraphs,
            wording,
            sources: files,
        })
    }
}

impl Templates {
    /// `PATH:LINE:COLUMN: ` of a render error of template `name`, as far as it can be found
    /// (Tera names the variable it missed, not where).
    pub fn error_place(&self, name: &str, e: &tera::Error) -> String {
        place::render_error(&self.sources, name, e)
    }

    /// The file template `name` came from, or `built-in NAME`.
    pub fn origin(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|(origin, _)| origin.as_str())
    }

    /// The text of standard paragraph `key`, its template filled in from `ctx`.
    pub fn render_paragraph(
        &self,
        key: &str,
        p: &StandardParagraph,
        ctx: &tera::Context,
    ) -> tera::Result<String> {
        if is_template(&p.text) {
            self.tera.render(&format!("para/{key}"), ctx)
        } else {
            Ok(p.text.clone())
        }
    }
}

/// Whether a text uses Tera syntax; text without it renders as itself.
fn is_template(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("{#")
}

/// Files of a user's templates folder: (name, path, text), sub-folders skipped.
fn read_dir(dir: &Path) -> Result<Vec<(String, std::path::PathBuf, String)>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the templates folder {}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the template {}", path.display()))?;
        out.push((name, path, text));
    }
    out.sort();
    Ok(out)
}

fn parse_yaml<T: serde::de::DeserializeOwned>(origin: &str, text: &str) -> Result<T> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| yaml_error(origin, text, &e))
}

/// `PATH:LINE:COLUMN: key.path: message` for an error in a wording or paragraphs file: the
/// parser's position, or else where the key path sits in `text`.
fn yaml_error(
    origin: &str,
    text: &str,
    e: &serde_path_to_error::Error<serde_yaml::Error>,
) -> anyhow::Error {
    let mut path = crate::case::field_path(e.path()).unwrap_or_default();
    let mut message = e.inner().to_string();
    let mut place = e.inner().location().map(|l| (l.line(), l.column()));
    if let Some(l) = e.inner().location() {
        let suffix = format!(" at line {} column {}", l.line(), l.column());
        message = message.replace(&suffix, "");
    }
    // The parser's message may start with the path: keep it once.
    if let Some((prefix, rest)) = message.split_once(": ") {
        if !prefix.contains(' ') && path.to_string().starts_with(prefix) {
            message = rest.to_string();
        }
    }
    // An unknown key is named as its own path, at its own line.
    if let Some(name) = message
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
    {
        if path.0.last() != Some(&crate::case::Seg::Key(name.to_string())) {
            path = path.key(name);
        }
    }
    if place.map_or(true, |(line, _)| line <= 1) {
        if let Some((line, column, _)) = crate::case::locate(text, &path) {
            place = Some((line, column));
        }
    }
    let at = place.map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
    let field = if path.0.is_empty() {
        String::new()
    } else {
        format!(" {path}:")
    };
    anyhow::anyhow!("{origin}{at}:{field} {message}")
}

/// The folder's office, every problem with its place.
fn load_office(dir: Option<&Path>) -> Result<crate::office::Office> {
    crate::office::load(dir).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{}", lines.join("\n"))
    })
}

/// The merged wording, typed; an error is placed in the user's `wording.yaml` if it has the key.
fn typed_wording(merged: serde_yaml::Mapping, user: Option<(&str, &str)>) -> Result<Wording> {
    let (origin, text) = user.unwrap_or(("built-in wording.yaml", DEFAULTS_WORDING));
    let value = serde_yaml::Value::Mapping(merged);
    let wording: Wording =
        serde_path_to_error::deserialize(value).map_err(|e| yaml_error(origin, text, &e))?;
    if let Err(message) = crate::case::Date::check_format(&wording.date_format) {
        let path = crate::case::FieldPath::default().key("date_format");
        let at =
            crate::case::locate(text, &path).map_or(String::new(), |(l, c, _)| format!(":{l}:{c}"));
        anyhow::bail!("{origin}{at}: date_format: {message}");
    }
    if let Err(message) = crate::case::Date::check_month_format(&wording.month_format) {
        let path = crate::case::FieldPath::default().key("month_format");
        let at =
            crate::case::locate(text, &path).map_or(String::new(), |(l, c, _)| format!(":{l}:{c}"));
        anyhow::bail!("{origin}{at}: month_format: {message}");
    }
    Ok(wording)
}

/// Every section of the office's layouts needs its title in the wording.
fn check_titles(
    office: &crate::office::Office,
    wording: &Wording,
    user: Option<(&str, &str)>,
) -> Result<()> {
    let missing: Vec<&str> = office
        .section_keys()
        .filter(|k| !wording.sections.contains_key(*k))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let (origin, text) = user.unwrap_or(("built-in wording.yaml", DEFAULTS_WORDING));
    let path = crate::case::FieldPath::default().key("sections");
    let at =
        crate::case::locate(text, &path).map_or(String::new(), |(l, c, _)| format!(":{l}:{c}"));
    anyhow::bail!(
        "{origin}{at}: sections: no title for the section{} `{}` of the office's layouts",
        if missing.len() == 1 { "" } else { "s" },
        missing.join("`, `")
    )
}

/// Deep merge of YAML mappings: `over` wins key by key.
fn merge(base: &mut serde_yaml::Mapping, over: serde_yaml::Mapping) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(serde_yaml::Value::Mapping(b)), serde_yaml::Value::Mapping(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// Tera hides the real cause deep in its error chain: print the whole chain.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("yaml", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(yaml_quote(&string_of(v))))
    });
    tera.register_filter("md", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(md_escape(&string_of(v))))
    });
    tera.register_filter("upper_first", |v: &Value, _: &HashMap<String, Value>| {
        let s = string_of(v);
        let mut chars = s.chars();
        Ok(Value::String(match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }))
    });
}

fn string_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A YAML double-quoted scalar (also valid JSON), safe for front matter.
pub fn yaml_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes the characters that would turn plain text into Markdown markup.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '#');
        if entity || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '#') {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

//! Templates, wording and standard paragraphs: the defaults built into the binary, merged
//! under a user's `--templates` folder, parsed once per run.

use crate::case::FieldPath;
use crate::problem::{Problem, Problems};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tera::{Tera, Value};

#[path = "templates_place.rs"]
mod place;
#[path = "templates_read.rs"]
mod read;
#[path = "templates_site.rs"]
pub mod site;

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
    /// One sentence, written to stand among others in a paragraph built from `sentences`.
    #[serde(default)]
    pub sentence: bool,
    /// Part of a list paragraph: its lead (ending in a colon) or one of its `bullets`.
    #[serde(default)]
    pub list: bool,
    /// Parameter name -> default; `None` when the case must give it.
    #[serde(default)]
    pub params: BTreeMap<String, Option<serde_yaml::Value>>,
    /// For parameters that pick fixed wording: parameter -> choice key -> wording.
    #[serde(default)]
    pub choices: BTreeMap<String, BTreeMap<String, String>>,
    /// Parameters that show the paragraph in use; the tests render every example.
    #[serde(default)]
    pub example: Option<BTreeMap<String, serde_yaml::Value>>,
    /// For free parameters: words that a value read off a case's own words never holds, so
    /// that `check` does not take a clause of what was done ("spoke to her") for a body.
    #[serde(default)]
    pub never: BTreeMap<String, Vec<String>>,
    pub text: String,
}

impl StandardParagraph {
    /// Whether `value`, read off a case's words for the parameter `name`, holds a word that
    /// the parameter's values never hold.
    pub fn never_holds(&self, name: &str, value: &str) -> bool {
        self.never.get(name).is_some_and(|words| {
            value
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| words.iter().any(|n| n == w))
        })
    }
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
    /// A draft's own words where they are not the final decision's, by the same keys.
    #[serde(default)]
    pub draft: DraftWording,
    pub action_lead: String,
    pub action_evidence: String,
    pub para_ref: String,
    /// The statement's title, with `{body}` and `{reference}`.
    pub title: String,
    /// The heads of the table of a decision's parts and their findings.
    pub parts_table: PartsTable,
    /// How dates are printed, e.g. `{D} {MMM} {YYYY}` for "1 Aug 2022".
    pub date_format: String,
    /// Later forms of `date_format`, each from the decision date it names (`2024-10-01`), for
    /// an office that changed how it prints dates: a decision's date prints as it did then.
    #[serde(default)]
    pub date_format_from: BTreeMap<String, String>,
    /// How a month-only date is printed, e.g. `{MMMM} {YYYY}` for "January 2015".
    pub month_format: String,
    /// The months' names, January first, for `{MMMM}`; and their short forms, for `{MMM}`.
    pub months: [String; 12],
    pub months_short: [String; 12],
    /// The language's name in itself: "English", "Cymraeg".
    pub language_name: String,
    /// How the office's own names of categories, facts and their values are printed in this
    /// wording's language, where they differ: `Tai: Housing`.
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
    /// The fixed words of a decision's web page.
    pub page: PageWords,
    /// The PDF's footer, with `{n}` and `{total}`: "Page {n} of {total}".
    pub page_of: String,
    /// The mark at the head of every page of a draft.
    pub draft_mark: String,
    /// The library's own words, by key (see [`site::SITE_KEYS`]).
    pub site: BTreeMap<String, String>,
    pub akn: AknNames,
    /// Act name -> its address, for the statutory citations of machine-readable outputs.
    #[serde(default)]
    pub acts: BTreeMap<String, String>,
}

/// The words a draft prints instead of the final decision's: section titles ("Recommended
/// action" for "Agreed action", "Draft decision" for "Final decision") and sign-offs
/// ("Investigator’s draft decision on behalf of the Ombudsman"), each by the key of
/// `sections` or `sign_off` it stands for. A key left out keeps the final's words.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DraftWording {
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    #[serde(default)]
    pub sign_off: BTreeMap<String, String>,
}

impl Wording {
    /// The `date_format` of a decision dated `decided`: the latest of `date_format_from` that
    /// it is on or after, or `date_format`. The keys are checked `YYYY-MM-DD` dates when the
    /// wording is read, so they sort as the days they name.
    pub fn date_format_on(&self, decided: &crate::case::Date) -> &str {
        self.date_format_from
            .range(..=decided.iso())
            .next_back()
            .map_or(&self.date_format, |(_, f)| f)
    }

    /// The title of section `key`, a draft's own where it has one.
    pub fn section_title(&self, key: &str, draft: bool) -> Option<&String> {
        let own = draft.then(|| self.draft.sections.get(key)).flatten();
        own.or_else(|| self.sections.get(key))
    }

    /// The sign-off `key`, a draft's own where it has one.
    pub fn sign_off_words(&self, key: &str, draft: bool) -> Option<&String> {
        let own = draft.then(|| self.draft.sign_off.get(key)).flatten();
        own.or_else(|| self.sign_off.get(key))
    }

    /// The library's words of `key`, with the words in braces of `values` filled in.
    pub fn site(&self, key: &str, values: &[(&str, &str)]) -> String {
        let text = self.site.get(key).map_or("", String::as_str);
        site::fill(text, values)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageWords {
    /// After the decision's title in the page's `<title>`: "decision statement".
    pub title: String,
    /// The link that skips to the decision.
    pub skip: String,
    /// Beside the DRAFT mark on a draft.
    pub draft_note: String,
    /// Names a paragraph's self-link to screen readers: "Paragraph" 12.
    pub paragraph: String,
    /// Names the links to the decision's translations.
    pub translations: String,
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
    /// For an office whose header prints the body complained about (`header` in `office.yaml`).
    #[serde(default)]
    pub body: Option<String>,
    /// For an office whose header prints the reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// What stands between a header line's label and its value: " : " ("Category : Housing"),
    /// or ": " ("Case ref: 201403021").
    #[serde(default = "header_separator")]
    pub separator: String,
}

fn header_separator() -> String {
    " : ".to_string()
}

/// Everything the renderers need from templates, loaded once and shared by all documents.
pub struct Templates {
    /// The office whose statements these are (`office.yaml`).
    pub office: crate::office::Office,
    pub tera: Tera,
    pub paragraphs: BTreeMap<String, StandardParagraph>,
    pub wording: Wording,
    /// The wording in other languages, by language tag, from the folder's `wording.LANG.yaml`
    /// files: for decisions whose case gives that `lang`.
    pub translations: BTreeMap<String, Wording>,
    /// Template name -> where it came from (a path, or `built-in NAME`) and its text, so an
    /// error can name the file and line.
    sources: HashMap<String, (String, String)>,
    /// The sections the library's paragraphs stand in; `None` where one may stand anywhere.
    pub library_sections: Option<std::collections::HashSet<String>>,
    /// The library's paragraphs by their words, made when first asked for.
    pub library_words: std::sync::OnceLock<LibraryWords>,
    /// Whether paragraphs of a case's own words are also fitted to library paragraphs with
    /// any parameters (`check` asks for it), beyond the quick comparison of every command.
    pub fit_own_words: bool,
}

/// The library's paragraphs as `resolve::library` compares them with a case's own words.
#[derive(Default)]
pub struct LibraryWords {
    /// A library paragraph's words -> its key and the parameters that write it.
    pub exact: HashMap<String, (String, BTreeMap<String, serde_yaml::Value>)>,
    /// Each way a paragraph was written, to find the paragraphs worth fitting to a case's
    /// words and the one nearest them.
    pub vocabulary: Vec<Written>,
    /// A paragraph's key -> the words each of its yes-or-no parameters always writes when yes,
    /// read once from its template: a fit tries yes only where they stand.
    pub yes: HashMap<String, YesWords>,
}

/// A yes-or-no parameter (no by default) -> the words it always writes when yes.
pub type YesWords = BTreeMap<String, String>;

/// One way the library writes a paragraph, as `resolve::library` compares it.
pub struct Written {
    pub key: String,
    /// Its words, lower case.
    pub words: std::collections::HashSet<String>,
    /// Its text, spaces collapsed and quotes straight, the complainant a placeholder.
    pub text: String,
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
    /// The wording of a decision in `lang`: a translation's, or the folder's own.
    pub fn wording_for(&self, lang: &str) -> &Wording {
        self.translations.get(lang).unwrap_or(&self.wording)
    }

    /// The template name of wording key `key` in `lang` (see [`wording_template`]).
    pub fn wording_key(&self, lang: &str, key: &str) -> String {
        let translated = self.translations.contains_key(lang);
        wording_template(if translated { lang } else { "" }, key)
    }

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
        let mut g = Gathered::built_in()?;
        // Every file is read and parsed before any problem is reported, so that one run shows
        // them all.
        if let Some(dir) = dir {
            g.read_folder(dir);
        }
        let user = g
            .user_wording
            .as_ref()
            .map(|f| (f.path.as_path(), f.text.as_str()));
        let base = g.wording.clone();
        let wording = read::typed_wording(g.wording, user)
            .map_err(|p| g.problems.push(p))
            .ok();
        let translations = translations(&base, &g.translation_files, &mut g.problems);
        let office = match &g.office_file {
            Some(f) => crate::office::parse_str(&f.path, &f.text),
            None => crate::office::load(None),
        }
        .map_err(|p| g.problems.extend(p))
        .ok();
        g.files.retain(|name, _| !name.ends_with(".yaml"));
        g.files
            .retain(|name, _| site || !SITE_ONLY.contains(&name.as_str()));
        let wordings = wording.iter().map(|w| ("", w));
        let wordings = wordings.chain(translations.iter().map(|(l, w)| (l.as_str(), w)));
        let tera = compile(&g.files, &g.paragraphs, wordings)
            .map_err(|(p, name)| {
                // Standard paragraphs and two wording keys are templates too: name their file.
                let in_yaml = name.as_deref().and_then(|n| {
                    let (file, path) = match n.split_once('/')? {
                        ("para", key) => (
                            &g.user_paragraphs,
                            FieldPath::default().key(key).key("text"),
                        ),
                        ("wording", key) => (&g.user_wording, FieldPath::default().key(key)),
                        _ => return None,
                    };
                    Some(read::in_yaml(p.clone(), file.as_ref(), &path))
                });
                g.problems.push(in_yaml.unwrap_or(p));
            })
            .ok();
        if let (Some(office), Some(wording)) = (&office, &wording) {
            if let Err(p) = read::check_titles(office, wording, g.user_wording.as_ref()) {
                g.problems.push(p);
            }
        }
        if let Some(f) = &g.user_paragraphs {
            g.problems.extend(read::check_never(&g.paragraphs, f));
        }
        if let Some(office) = &office {
            for f in g.user_wording.iter().chain(&g.translation_files) {
                g.problems.extend(read::check_vocabulary(office, f));
            }
        }
        match (office, wording, tera) {
            (Some(office), Some(wording), Some(tera)) if g.problems.is_empty() => Ok(Templates {
                office,
                tera,
                library_sections: g.paragraphs.values().map(|sp| sp.section.clone()).collect(),
                paragraphs: g.paragraphs,
                wording,
                translations,
                sources: g.files,
                library_words: Default::default(),
                fit_own_words: false,
            }),
            _ => {
                g.problems.sort_by_key(Problem::sort_key);
                Err(Problems(g.problems).into())
            }
        }
    }
}

/// The files of a templates folder over the built-in ones, parsed, before they are checked
/// together.
struct Gathered {
    /// Template name -> where it came from and its text.
    files: HashMap<String, (String, String)>,
    paragraphs: BTreeMap<String, StandardParagraph>,
    /// The wording, the folder's merged over the built-in one key by key.
    wording: serde_yaml::Mapping,
    user_wording: Option<crate::office::FolderFile>,
    user_paragraphs: Option<crate::office::FolderFile>,
    office_file: Option<crate::office::FolderFile>,
    translation_files: Vec<crate::office::FolderFile>,
    problems: Vec<Problem>,
}

impl Gathered {
    fn built_in() -> Result<Gathered> {
        let files: HashMap<String, (String, String)> = DEFAULTS
            .iter()
            .map(|(name, text)| {
                let origin = format!("built-in {name}");
                (name.to_string(), (origin, text.to_string()))
            })
            .collect();
        let built_in = |name: &str| Path::new(name).to_path_buf();
        // The built-in files skip the limits that guard a folder's files (a test reads them
        // with the limits): the check costs as much as the parse.
        let paragraphs = read::parse_checked_yaml(
            &built_in("built-in paragraphs.yaml"),
            &files["paragraphs.yaml"].1,
        )
        .map_err(one)?;
        let wording =
            read::parse_checked_yaml(&built_in("built-in wording.yaml"), &files["wording.yaml"].1)
                .map_err(one)?;
        Ok(Gathered {
            files,
            paragraphs,
            wording,
            user_wording: None,
            user_paragraphs: None,
            office_file: None,
            translation_files: Vec::new(),
            problems: Vec::new(),
        })
    }

    fn read_folder(&mut self, dir: &Path) {
        let (found, unreadable) = crate::office::read_folder(dir);
        self.problems.extend(unreadable);
        // A folder with an office of its own brings its own vocabulary: the built-in office's
        // standard paragraphs, sign-offs, outcomes, section titles and Acts are not its.
        let own_office = found.iter().any(|f| f.name == "office.yaml");
        if own_office {
            self.paragraphs.clear();
        }
        for f in found {
            match f.name.as_str() {
                "paragraphs.yaml" => {
                    match read::parse_yaml(&f.path, &f.text, "a paragraphs file") {
                        Ok(user) => {
                            let user: BTreeMap<_, _> = user;
                            self.paragraphs.extend(user);
                            self.user_paragraphs = Some(f);
                        }
                        Err(p) => self.problems.push(p),
                    }
                }
                "wording.yaml" => match read::parse_yaml(&f.path, &f.text, "a wording file") {
                    Ok(user) => {
                        let user: serde_yaml::Mapping = user;
                        if own_office {
                            for key in OFFICE_VOCABULARY.iter().filter(|k| user.contains_key(k)) {
                                self.wording.remove(key);
                            }
                        }
                        merge(&mut self.wording, user);
                        self.user_wording = Some(f);
                    }
                    Err(p) => self.problems.push(p),
                },
                "office.yaml" => self.office_file = Some(f),
                name if translation_lang(name).is_some() => self.translation_files.push(f),
                _ => {
                    let origin = f.path.display().to_string();
                    self.files.insert(f.name, (origin, f.text));
                }
            }
        }
    }
}

/// Parses the templates, the standard paragraphs that are templates, and the wording keys
/// that are templates in each language, once for the run. On failure, the problem and the
/// name of the template that failed.
fn compile<'w>(
    files: &HashMap<String, (String, String)>,
    paragraphs: &BTreeMap<String, StandardParagraph>,
    wordings: impl Iterator<Item = (&'w str, &'w Wording)>,
) -> Result<Tera, (Problem, Option<String>)> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    register_filters(&mut tera);
    site::register_filters(&mut tera);
    let mut sources: Vec<(String, String)> = files
        .iter()
        .map(|(name, (_, text))| (name.clone(), text.clone()))
        .collect();
    // Parsing a template costs far more than rendering it: plain wording stays plain text.
    for (key, p) in paragraphs.iter().filter(|(_, p)| is_template(&p.text)) {
        sources.push((format!("para/{key}"), p.text.clone()));
    }
    for (lang, w) in wordings {
        let at = |key: &str| wording_template(lang, key);
        sources.push((at("action_lead"), w.action_lead.clone()));
        sources.push((at("para_ref"), w.para_ref.clone()));
    }
    sources.sort();
    match tera.add_raw_templates(sources) {
        Ok(()) => Ok(tera),
        Err(e) => Err(place::parse_problem(files, &e)),
    }
}

/// The language of a `wording.LANG.yaml` file's name: `wording.en-GB.yaml` is `en-GB`.
fn translation_lang(name: &str) -> Option<&str> {
    let lang = name.strip_prefix("wording.")?.strip_suffix(".yaml")?;
    let tag = !lang.is_empty()
        && lang.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    tag.then_some(lang)
}

/// The wording of each `wording.LANG.yaml`, key by key over the folder's own wording.
fn translations(
    base: &serde_yaml::Mapping,
    files: &[crate::office::FolderFile],
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Wording> {
    let mut out = BTreeMap::new();
    for f in files {
        let Some(lang) = translation_lang(&f.name).map(str::to_string) else {
            continue;
        };
        let typed = read::parse_yaml(&f.path, &f.text, "a wording file").and_then(|user| {
            let mut merged = base.clone();
            merge(&mut merged, user);
            read::typed_wording(merged, Some((f.path.as_path(), f.text.as_str())))
        });
        match typed {
            Ok(w) => {
                out.insert(lang, w);
            }
            Err(p) => problems.push(p),
        }
    }
    out
}

/// The name under which a wording key that is a template is kept: `wording/action_lead` for
/// the folder's own language, `wording/en-GB/action_lead` for another.
pub fn wording_template(lang: &str, key: &str) -> String {
    if lang.is_empty() {
        format!("wording/{key}")
    } else {
        format!("wording/{lang}/{key}")
    }
}

/// A problem of the built-in files, which the tests keep from happening.
fn one(p: Problem) -> anyhow::Error {
    Problems(vec![p]).into()
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
        if entity || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '#' | '|') {
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

#[cfg(test)]
mod built_in_tests {
    use super::*;

    #[test]
    fn the_built_in_yaml_files_are_within_a_folders_limits() {
        // A run reads them without the limits; here they are read as a folder's would be.
        for (name, what) in [
            ("wording.yaml", "a wording file"),
            ("paragraphs.yaml", "a paragraphs file"),
        ] {
            let text = DEFAULTS.iter().find(|(n, _)| *n == name).unwrap().1;
            crate::office::check_shape(Path::new(name), text, what).unwrap();
        }
    }
}

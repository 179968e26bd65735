//! Reading the YAML files of a templates folder (`wording.yaml`, `paragraphs.yaml`): the case
//! file's limits, then every problem as a [`Problem`] with file, line, column and key path.

use super::Wording;
use crate::case::{locate, FieldPath, Seg};
use crate::office::FolderFile;
use crate::problem::Problem;
use std::path::Path;

/// Parses one YAML file of the folder; `what` names it in hints (`a wording file`). A file
/// with nothing but blanks and comments changes nothing.
pub(super) fn parse_yaml<T: serde::de::DeserializeOwned + Default>(
    file: &Path,
    text: &str,
    what: &str,
) -> Result<T, Problem> {
    crate::office::check_shape(file, text, what)?;
    parse_checked_yaml(file, text)
}

/// As [`parse_yaml`], for text whose shape is known to be within the limits: the built-in
/// files, which the tests read through [`parse_yaml`].
pub(super) fn parse_checked_yaml<T: serde::de::DeserializeOwned + Default>(
    file: &Path,
    text: &str,
) -> Result<T, Problem> {
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Ok(T::default());
    }
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let mut p = crate::case::load::yaml_problem(file, text, e);
        // As in the merged wording below: an unknown key is named as its own path.
        if let Some(name) = unknown_key(&p.message) {
            let field = p.field.take().map_or(name.to_string(), |f| {
                if f == name || f.ends_with(&format!(".{name}")) {
                    f
                } else {
                    format!("{f}.{name}")
                }
            });
            p = p.field(field);
        }
        if p.message.ends_with("expected a YAML mapping") || p.message.ends_with("expected a map") {
            p.message = format!("{}: keys such as `name: ...`", p.message);
        }
        p
    })
}

/// A problem of the merged wording, placed in the user's `wording.yaml` when it has the key:
/// the parser's position, or else where the key path sits in `text`.
pub(super) fn yaml_error(
    origin: &Path,
    text: &str,
    e: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Problem {
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
    // An unknown key is named as its own path, at its own line, with the keys it may mean.
    let mut hint = None;
    if let Some(name) = unknown_key(&message) {
        if path.0.last() != Some(&Seg::Key(name.to_string())) {
            path = path.key(name);
        }
        let known: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
        if !known.is_empty() {
            hint = Some(crate::problem::suggest(name, known.iter().copied()));
        }
    }
    if place.map_or(true, |(line, _)| line <= 1) {
        if let Some((line, column, _)) = locate(text, &path) {
            place = Some(match unknown_key(&message) {
                Some(name) => key_place(text, (line, column), name),
                None => (line, column),
            });
        }
    }
    let mut p = Problem::error(origin, message.replace("unit value", "empty value"));
    if let Some((line, column)) = place {
        p = p.at(line, column);
    }
    if let Some(hint) = hint {
        p = p.hint(hint);
    }
    p.field(path.to_string())
}

/// `x` of "unknown field `x`, expected ...".
fn unknown_key(message: &str) -> Option<&str> {
    message
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
}

/// The merged wording, typed; a problem is placed in the user's `wording.yaml` if it has the
/// key.
pub(super) fn typed_wording(
    merged: serde_yaml::Mapping,
    user: Option<(&Path, &str)>,
) -> Result<Wording, Problem> {
    let built_in = Path::new("built-in wording.yaml");
    let (origin, text) = user.unwrap_or((built_in, super::DEFAULTS_WORDING));
    let value = serde_yaml::Value::Mapping(merged);
    let wording: Wording =
        serde_path_to_error::deserialize(value).map_err(|e| yaml_error(origin, text, &e))?;
    let top = |key: &str| FieldPath::default().key(key);
    if let Err(message) = crate::case::Date::check_format(&wording.date_format) {
        return Err(at_value(origin, text, &top("date_format"), message));
    }
    for (from, format) in &wording.date_format_from {
        let at = top("date_format_from").key(from);
        let day = crate::case::Date::parse(from).and_then(|d| {
            (!d.month_only())
                .then_some(())
                .ok_or_else(|| format!("`{from}` has no day: write `YYYY-MM-DD`"))
        });
        if let Err(message) = day.and_then(|()| crate::case::Date::check_format(format)) {
            return Err(at_value(origin, text, &at, message));
        }
    }
    if let Err(message) = crate::case::Date::check_month_format(&wording.month_format) {
        return Err(at_value(origin, text, &top("month_format"), message));
    }
    super::site::check(&wording.site, origin, text)?;
    check_draft_keys(&wording, origin, text)?;
    Ok(wording)
}

/// A draft's words stand for a section or sign-off of the wording: a key that names none is a
/// mistake (a typo would otherwise leave the final's words in the draft without a word).
fn check_draft_keys(wording: &Wording, origin: &Path, text: &str) -> Result<(), Problem> {
    let lists = [
        ("sections", &wording.draft.sections, &wording.sections),
        ("sign_off", &wording.draft.sign_off, &wording.sign_off),
    ];
    for (list, draft, known) in lists {
        let Some(key) = draft.keys().find(|k| !known.contains_key(*k)) else {
            continue;
        };
        let path = FieldPath::default().key("draft").key(list).key(key);
        let message = format!("no `{key}` in `{list}` for a draft's words to stand in for");
        let hint = crate::problem::suggest(key, known.keys().map(String::as_str));
        return Err(at_key(origin, text, &path, message).hint(hint));
    }
    Ok(())
}

/// Every section of the office's layouts needs its title in the wording.
pub(super) fn check_titles(
    office: &crate::office::Office,
    wording: &Wording,
    user: Option<&FolderFile>,
) -> Result<(), Problem> {
    let built_in = Path::new("built-in wording.yaml");
    let (origin, text) = user.map_or((built_in, super::DEFAULTS_WORDING), |f| {
        (f.path.as_path(), f.text.as_str())
    });
    // A header line of the body or the reference needs its label.
    let labels = [
        ("body", &wording.header.body),
        ("reference", &wording.header.reference),
    ];
    if let Some((key, _)) = labels
        .iter()
        .find(|(key, label)| label.is_none() && office.header.iter().any(|k| k == key))
    {
        let path = FieldPath::default().key("header");
        let message = format!("no label `header.{key}` for the office's header line `{key}`");
        return Err(at_value(origin, text, &path, message));
    }
    // The separator is what the page and the checks split a header line at.
    let separator = &wording.header.separator;
    if separator.trim().is_empty() || separator.contains(['\n', '\r']) {
        let path = FieldPath::default().key("header").key("separator");
        let message = "the separator between a header line's label and its value must be one \
                       line with a mark in it, e.g. \" : \" or \": \""
            .to_string();
        return Err(at_value(origin, text, &path, message));
    }
    let missing: Vec<&str> = office
        .section_keys()
        .filter(|k| !wording.sections.contains_key(*k))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let path = FieldPath::default().key("sections");
    let message = format!(
        "no title for the section{} `{}` of the office's layouts",
        if missing.len() == 1 { "" } else { "s" },
        missing.join("`, `")
    );
    Err(at_value(origin, text, &path, message))
}

/// A template problem of a text inside a YAML file (a standard paragraph's `text`, a wording
/// key): placed at the key in the user's file, or in the built-in one; the position Tera gave
/// is within the text.
pub(super) fn in_yaml(p: Problem, user: Option<&FolderFile>, path: &FieldPath) -> Problem {
    let within = match (p.line, p.column) {
        (Some(line), Some(column)) => format!(" (line {line}, column {column} of the text)"),
        _ => String::new(),
    };
    let mut out =
        Problem::error(Path::new(""), format!("{}{within}", p.message)).field(path.to_string());
    let located = user.and_then(|f| locate(&f.text, path).map(|at| (f, at)));
    match located {
        Some((f, (line, column, _))) => {
            out.file = f.path.clone();
            out = out.at(line, column);
        }
        None => {
            let name = if path.0.len() == 1 {
                "wording.yaml"
            } else {
                "paragraphs.yaml"
            };
            out.file = format!("built-in {name}").into();
        }
    }
    out
}

/// An error of `origin` at `path`, placed at the value `text` has there.
pub(super) fn at_value(
    origin: &Path,
    text: &str,
    path: &FieldPath,
    message: impl Into<String>,
) -> Problem {
    let p = Problem::error(origin, message).field(path.to_string());
    match locate(text, path) {
        Some((line, column, _)) => p.at(line, column),
        None => p,
    }
}

/// As [`at_value`], placed at the key itself: the problem is the key's name.
pub(super) fn at_key(
    origin: &Path,
    text: &str,
    path: &FieldPath,
    message: impl Into<String>,
) -> Problem {
    let p = Problem::error(origin, message).field(path.to_string());
    let name = match path.0.last() {
        Some(Seg::Key(name)) => name.as_str(),
        _ => return at_value(origin, text, path, p.message),
    };
    match locate(text, path) {
        Some(value) => {
            let (line, column) = key_place(text, (value.0, value.1), name);
            p.at(line, column)
        }
        None => p,
    }
}

/// Where key `name` is written, before its value at `value` (as [`locate`] gives it): a problem
/// of the key itself points at the key.
fn key_place(text: &str, value: (usize, usize), name: &str) -> (usize, usize) {
    let start: usize = text
        .split_inclusive('\n')
        .take(value.0 - 1)
        .map(str::len)
        .sum();
    let offset = text[start..]
        .char_indices()
        .nth(value.1 - 1)
        .map_or(text.len(), |(i, _)| start + i);
    let Some(at) = text[..offset].rfind(name) else {
        return value;
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    (line, text[line_start..at].chars().count() + 1)
}

/// The titles of `sections` and `outcomes` in a wording file of the folder that name no
/// section or outcome of the office: most often a misspelt key, whose title would otherwise be
/// set aside without a word.
pub(super) fn check_vocabulary(office: &crate::office::Office, file: &FolderFile) -> Vec<Problem> {
    let Ok(serde_yaml::Value::Mapping(top)) = serde_yaml::from_str(&file.text) else {
        return Vec::new();
    };
    let lists: [(&str, &str, Vec<&str>); 2] = [
        (
            "sections",
            "a section of the office's layouts",
            office.section_keys().collect(),
        ),
        (
            "outcomes",
            "an outcome of the office",
            office.outcomes.keys().map(String::as_str).collect(),
        ),
    ];
    let mut problems = Vec::new();
    for (list, what, known) in lists {
        let Some(serde_yaml::Value::Mapping(titles)) = top.get(list) else {
            continue;
        };
        for key in titles.keys().filter_map(serde_yaml::Value::as_str) {
            if known.contains(&key) {
                continue;
            }
            let path = FieldPath::default().key(list).key(key);
            let message = format!("`{key}` is not {what}");
            let hint = crate::problem::suggest(key, known.iter().copied());
            problems.push(at_key(&file.path, &file.text, &path, message).hint(hint));
        }
    }
    problems
}

/// The `never` lists of the folder's standard paragraphs that name no parameter of their
/// paragraph: most often a misspelt name, which would leave the parameter unguarded.
pub(super) fn check_never(
    paragraphs: &std::collections::BTreeMap<String, super::StandardParagraph>,
    file: &FolderFile,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, sp) in paragraphs {
        for name in sp.never.keys().filter(|n| !sp.params.contains_key(*n)) {
            let path = FieldPath::default().key(key).key("never").key(name);
            if locate(&file.text, &path).is_none() {
                continue;
            }
            let message = format!("`{name}` is not a parameter of the standard paragraph `{key}`");
            let hint = crate::problem::suggest(name, sp.params.keys().map(String::as_str));
            problems.push(at_key(&file.path, &file.text, &path, message).hint(hint));
        }
    }
    problems
}

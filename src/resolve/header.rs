//! The header facts of a case checked against its office: the reference and its forms, the
//! categories, the outcome (given, or derived from the parts' findings), the layout, the date's
//! precision and the office's own facts.

use super::Findings;
use crate::case::{Body, Case, FieldPath};
use crate::office::{CategoryForm, DatePrecision, Office, OfficeReference, Overall};
use crate::problem::suggest;
use crate::templates::Templates;
use serde::Serialize;

/// The header, checked; fields that failed their check are left empty, with a finding.
pub struct Header {
    pub reference: OfficeReference,
    pub categories: Vec<CategoryValue>,
    /// The outcome's key, given or derived.
    pub outcome: String,
    /// The layout's key.
    pub layout: String,
    pub facts: Vec<FactValue>,
    /// The decision's language.
    pub lang: String,
    /// The same decision in other languages: language and reference.
    pub translations: Vec<(String, OfficeReference)>,
}

/// One category of a decision.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryValue {
    /// As printed: `Housing > Homelessness`, or the value itself.
    pub text: String,
    /// For `area-subject`: the area; otherwise the value.
    pub area: String,
    /// For `area-subject`: the subject; otherwise empty.
    pub subject: String,
}

/// One of the office's own header facts, with its value(s).
#[derive(Debug, Clone, Serialize)]
pub struct FactValue {
    pub key: String,
    pub label: String,
    pub values: Vec<String>,
    /// The values joined for print: `Assured; Secure`.
    pub text: String,
    /// Whether the statement's header prints it.
    pub printed: bool,
    /// Whether the site filters by it.
    pub filter: bool,
}

/// Checks the header of `case` against its office.
pub fn header(case: &Case, t: &Templates, findings: &mut Findings) -> Header {
    let office = &t.office;
    let root = FieldPath::default();
    let reference = office.reference(&case.reference).unwrap_or_else(|message| {
        findings.add(&root.key("reference"), message);
        OfficeReference {
            raw: case.reference.clone(),
            printed: case.reference.clone(),
            address: String::new(),
        }
    });
    let lang = lang(case, t, findings);
    let translations = translations(case, t, &lang, findings);
    // A translation may keep the original's reference; its address tells them apart.
    let reference = OfficeReference {
        address: address_in(&reference.address, &lang, &office.lang),
        ..reference
    };
    dates(case, office, findings);
    required_text(case, t, findings);
    let outcome = outcome(case, office, findings);
    let layout = layout(case, office, &outcome, findings);
    Header {
        reference,
        categories: categories(case, office, findings),
        outcome,
        layout,
        facts: facts(case, office, findings),
        lang,
        translations,
    }
}

/// A decision's address in `lang`: the reference's own in the office's language, and with the
/// language added in another (`202312345-en-gb`), so that both versions of a decision that
/// share a reference have addresses of their own.
fn address_in(address: &str, lang: &str, office_lang: &str) -> String {
    if lang == office_lang || address.is_empty() {
        address.to_string()
    } else {
        format!("{address}-{}", lang.to_ascii_lowercase())
    }
}

/// The decision's language: the office's, or one of its folder's translations.
fn lang(case: &Case, t: &Templates, findings: &mut Findings) -> String {
    let Some(lang) = case.lang.as_deref().map(str::trim) else {
        return t.office.lang.clone();
    };
    if lang != t.office.lang && !t.translations.contains_key(lang) {
        let known: Vec<&str> = std::iter::once(t.office.lang.as_str())
            .chain(t.translations.keys().map(String::as_str))
            .collect();
        findings.add_hint(
            &FieldPath::default().key("lang"),
            format!("the office has no wording in `{lang}`"),
            format!(
                "one of `{}`, or add `wording.{lang}.yaml` to the office folder",
                known.join("`, `")
            ),
        );
    }
    lang.to_string()
}

/// The decision's translations, each in a language of the office other than its own.
fn translations(
    case: &Case,
    t: &Templates,
    lang: &str,
    findings: &mut Findings,
) -> Vec<(String, OfficeReference)> {
    let path = FieldPath::default().key("translations");
    let mut out = Vec::new();
    for (other, reference) in &case.translations {
        let at = path.key(other);
        let known = other == &t.office.lang || t.translations.contains_key(other);
        if !known {
            findings.add(&at, format!("the office has no wording in `{other}`"));
        } else if other == lang {
            findings.add(&at, format!("`{other}` is this decision's own language"));
        }
        match t.office.reference(reference) {
            Ok(mut r) => {
                r.address = address_in(&r.address, other, &t.office.lang);
                out.push((other.clone(), r));
            }
            Err(message) => findings.add(&at, message),
        }
    }
    out
}

fn dates(case: &Case, office: &Office, findings: &mut Findings) {
    if office.dates.precision == DatePrecision::Day && case.decided.month_only() {
        findings.add_hint(
            &FieldPath::default().key("decided"),
            format!(
                "the decision date `{}` has no day; {} dates its decisions to the day",
                case.decided.iso(),
                office.name
            ),
            "write it as `YYYY-MM-DD`".to_string(),
        );
    }
}

/// The summary and the sign-off, where the office's statements have them.
fn required_text(case: &Case, t: &Templates, findings: &mut Findings) {
    let root = FieldPath::default();
    if t.office.summary && case.summary.is_none() {
        findings.add(&root, "missing field `summary`");
    }
    let w = t.wording_for(case.lang.as_deref().unwrap_or_default());
    if !w.sign_off.is_empty() && case.signed.is_none() {
        let keys: Vec<&str> = w.sign_off.keys().map(String::as_str).collect();
        findings.add_hint(
            &root,
            "missing field `signed`",
            format!("who signs: one of `{}`", keys.join("`, `")),
        );
    }
}

fn categories(case: &Case, office: &Office, findings: &mut Findings) -> Vec<CategoryValue> {
    let rule = &office.categories;
    let path = FieldPath::default().key("category");
    if case.category.is_empty() {
        findings.add(&path, "a decision needs a category");
    }
    if !rule.many && case.category.len() > 1 {
        findings.add(
            &path,
            format!(
                "{} gives one category a decision; this one has {}",
                office.name,
                case.category.len()
            ),
        );
    }
    let many = case.category.len() > 1;
    let mut out = Vec::new();
    for (i, raw) in case.category.iter().enumerate() {
        let at = if many { path.index(i) } else { path.clone() };
        match category(raw, rule) {
            Ok(c) => out.push(c),
            Err((message, hint)) => match hint {
                Some(hint) => findings.add_hint(&at, message, hint),
                None => findings.add(&at, message),
            },
        }
    }
    out
}

/// One category value checked against the office's rule: its message, and a hint, when bad.
fn category(
    raw: &str,
    rule: &crate::office::CategoryRule,
) -> Result<CategoryValue, (String, Option<String>)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(("the category is empty".to_string(), None));
    }
    match rule.form {
        CategoryForm::Free => Ok(plain(raw)),
        CategoryForm::List => {
            let value = raw.replace('’', "'");
            match rule.values.iter().find(|v| v.replace('’', "'") == value) {
                Some(v) => Ok(plain(v)),
                None => Err((
                    format!("unknown category `{raw}`"),
                    Some(suggest(raw, rule.values.iter().map(String::as_str))),
                )),
            }
        }
        CategoryForm::AreaSubject => area_subject(raw, &rule.areas),
    }
}

fn plain(value: &str) -> CategoryValue {
    CategoryValue {
        text: value.to_string(),
        area: value.to_string(),
        subject: String::new(),
    }
}

fn area_subject(raw: &str, areas: &[String]) -> Result<CategoryValue, (String, Option<String>)> {
    let Some((area, subject)) = raw.split_once('>') else {
        let example = areas.first().map_or("Area", String::as_str);
        return Err((
            format!("invalid category `{raw}`: expected `Area > Subject`, e.g. `{example} > …`"),
            None,
        ));
    };
    let (area, subject) = (area.trim().replace('’', "'"), subject.trim());
    let Some(area) = areas.iter().find(|a| a.replace('’', "'") == area) else {
        let hint = suggest(&area, areas.iter().map(String::as_str));
        return Err((format!("unknown category area `{area}` ({hint})"), None));
    };
    if subject.is_empty() || subject.contains('>') {
        return Err((
            format!("invalid category `{raw}`: the subject after `>` must be one non-empty name"),
            None,
        ));
    }
    Ok(CategoryValue {
        text: format!("{area} > {subject}"),
        area: area.clone(),
        subject: subject.to_string(),
    })
}

/// The decision's outcome: as given, or as the parts' findings make it.
fn outcome(case: &Case, office: &Office, findings: &mut Findings) -> String {
    let root = FieldPath::default();
    let given = case.outcome.as_deref().map(str::trim);
    if let Some(o) = given {
        if !office.outcomes.contains_key(o) {
            findings.add_hint(
                &root.key("outcome"),
                format!("unknown outcome `{o}`"),
                suggest(o, office.outcomes.keys().map(String::as_str)),
            );
        }
    }
    let derived = office
        .parts
        .as_ref()
        .filter(|p| p.overall == Overall::Derived)
        .and_then(|_| part_findings(case))
        .and_then(|(key, parts)| {
            let keys: Vec<&str> = parts.iter().map(|p| p.finding.trim()).collect();
            let out = office.derive_outcome(&keys);
            if out.is_none() && !keys.is_empty() {
                findings.add(
                    &root.key(&key),
                    format!(
                        "no rule of the office's `parts.derive` gives an outcome for the findings {}: add `outcome:`",
                        keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            out
        });
    match (given, derived) {
        (Some(g), Some(d)) if g != d => {
            findings.add(
                &root.key("outcome"),
                format!("the outcome `{g}` is not what the parts' findings give (`{d}`): remove `outcome:` or change a finding"),
            );
            g.to_string()
        }
        (Some(g), _) => g.to_string(),
        (None, Some(d)) => d.to_string(),
        (None, None) => {
            findings.add(&root, "missing field `outcome`");
            String::new()
        }
    }
}

/// The case's section of parts, with its key.
fn part_findings(case: &Case) -> Option<(String, &[crate::case::Part])> {
    case.sections.iter().find_map(|(k, b)| match b {
        Body::Parts(parts) => Some((k.clone(), parts.as_slice())),
        _ => None,
    })
}

fn layout(case: &Case, office: &Office, outcome: &str, findings: &mut Findings) -> String {
    if let Some(l) = case.layout.as_deref().map(str::trim) {
        if !office.layouts.contains_key(l) {
            findings.add_hint(
                &FieldPath::default().key("layout"),
                format!("unknown layout `{l}`"),
                suggest(l, office.layouts.keys().map(String::as_str)),
            );
        }
        return l.to_string();
    }
    office.layout_of(outcome).unwrap_or_default().to_string()
}

fn facts(case: &Case, office: &Office, findings: &mut Findings) -> Vec<FactValue> {
    let path = FieldPath::default().key("facts");
    for (key, _) in &case.facts {
        if !office.facts.iter().any(|f| f.key == *key) {
            let keys = office.facts.iter().map(|f| f.key.as_str());
            findings.add_hint(
                &path.key(key),
                format!("unknown fact `{key}`"),
                suggest(key, keys),
            );
        }
    }
    let mut out = Vec::new();
    for fact in &office.facts {
        let Some((_, values)) = case.facts.iter().find(|(k, _)| *k == fact.key) else {
            if fact.required {
                findings.add(
                    &path,
                    format!("missing fact `{}` ({})", fact.key, fact.label),
                );
            }
            continue;
        };
        let at = path.key(&fact.key);
        if values.is_empty() || values.iter().any(|v| v.trim().is_empty()) {
            findings.add(&at, format!("the fact `{}` is empty", fact.key));
        }
        if !fact.many && values.len() > 1 {
            findings.add(&at, format!("the fact `{}` takes one value", fact.key));
        }
        for v in values {
            if !fact.values.is_empty() && !fact.values.iter().any(|x| x == v.trim()) {
                findings.add_hint(
                    &at,
                    format!("`{v}` is not a value of `{}`", fact.key),
                    suggest(v, fact.values.iter().map(String::as_str)),
                );
            }
        }
        let values: Vec<String> = values.iter().map(|v| v.trim().to_string()).collect();
        out.push(FactValue {
            key: fact.key.clone(),
            label: fact.label.clone(),
            text: values.join("; "),
            values,
            printed: fact.printed,
            filter: fact.filter,
        });
    }
    out
}

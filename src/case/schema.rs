//! JSON Schema of an office's case file, for editors (`decisions schema`) and for checking
//! examples: the header fields every office has, its own facts, and its layouts' sections.

use super::types::Date;
use super::{Acceptance, AgreedAction, AgreedActionMap, Assessment, Para, Part, Person, Status};
use crate::office::{CategoryForm, DatePrecision, Holds, Office, Overall};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};
use std::borrow::Cow;

/// The schema of a case file of `office`, as pretty JSON.
pub fn case_schema(office: &Office, translations: &[String]) -> String {
    let mut g = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut props = header(office, translations, &mut g);
    for key in office.section_keys() {
        let Some(def) = office.section_def(key) else {
            continue;
        };
        let schema = match def.holds {
            Holds::Paragraphs => g.subschema_for::<Vec<Para>>().to_value(),
            Holds::Areas => g.subschema_for::<Assessment>().to_value(),
            Holds::Parts => parts(office, &mut g),
            Holds::Actions => g.subschema_for::<AgreedAction>().to_value(),
            Holds::Table => table(def),
        };
        props.insert(key.to_string(), schema);
    }
    let derived = office
        .parts
        .as_ref()
        .is_some_and(|p| p.overall == Overall::Derived);
    let mut required = vec!["reference", "authority", "category", "decided", "status"];
    if !derived {
        required.push("outcome");
    }
    if office.summary {
        required.push("summary");
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("Case file ({})", office.name),
        "description": "One complaint, as the investigator writes it; see docs/case-file.md.",
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": props,
        "$defs": g.take_definitions(true),
    });
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The header fields, as the office constrains them.
fn header(office: &Office, translations: &[String], g: &mut SchemaGenerator) -> Map<String, Value> {
    let text = |d: &str| json!({ "type": "string", "description": d });
    let outcomes: Vec<&String> = office.outcomes.keys().collect();
    let layouts: Vec<&String> = office.layouts.keys().collect();
    let mut p = Map::new();
    p.insert(
        "format".into(),
        json!({ "const": super::FORMAT, "description": "The case-file format" }),
    );
    // Digits alone may be written without quotes, which YAML reads as a number.
    // JSON Schema patterns are ECMAScript's, which name a group `(?<name>…)`.
    let pattern = office.reference.pattern.replace("(?P<", "(?<");
    let reference = |description: String| {
        json!({
            "anyOf": [
                { "type": "string", "pattern": pattern },
                { "type": "integer", "minimum": 0 },
            ],
            "description": description,
        })
    };
    let example = &office.reference.example;
    p.insert(
        "reference".into(),
        reference(format!("The decision's reference, e.g. {example}")),
    );
    p.insert("authority".into(), text(&office.body.label));
    p.insert(
        "category".into(),
        one_or_many(category(office), office.categories.many),
    );
    p.insert(
        "outcome".into(),
        json!({ "enum": outcomes, "description": "The decision's outcome" }),
    );
    p.insert("decided".into(), date(office));
    p.insert("status".into(), g.subschema_for::<Status>().to_value());
    p.insert(
        "layout".into(),
        json!({ "enum": layouts, "description": "Overrides the layout the outcome implies" }),
    );
    p.insert(
        "complainant".into(),
        text("How the complainant is referred to, e.g. Mr X"),
    );
    p.insert("people".into(), g.subschema_for::<Vec<Person>>().to_value());
    p.insert("summary".into(), text("The summary, one paragraph"));
    p.insert("facts".into(), facts(office));
    let mut langs = vec![office.lang.clone()];
    langs.extend(translations.iter().cloned());
    p.insert(
        "lang".into(),
        json!({ "enum": langs, "description": "The decision's language, where it is not the office's" }),
    );
    p.insert(
        "translations".into(),
        json!({
            "type": "object",
            "description": "The same decision in other languages: language to reference",
            "additionalProperties": reference("The translation's reference".into()),
        }),
    );
    p.insert(
        "signed".into(),
        text("Who signs: a key of `sign_off` in the wording"),
    );
    p.insert("titles".into(), titles(office));
    p.insert(
        "accept".into(),
        g.subschema_for::<Vec<Acceptance>>().to_value(),
    );
    p
}

/// `titles:`: a title of the decision's own for any of the office's sections.
fn titles(office: &Office) -> Value {
    let text = json!({ "type": "string", "description": "This decision's title for the section" });
    let titles: Map<String, Value> = office
        .section_keys()
        .map(|k| (k.to_string(), text.clone()))
        .collect();
    json!({
        "type": "object",
        "description": "Section titles of this decision's own, by section key",
        "additionalProperties": false,
        "properties": titles,
    })
}

/// An item, or a list of such items where several are allowed.
fn one_or_many(item: Value, many: bool) -> Value {
    if many {
        json!({ "anyOf": [item.clone(), { "type": "array", "items": item, "minItems": 1 }] })
    } else {
        item
    }
}

/// `facts:`: the office's facts, their values where closed, the required ones.
fn facts(office: &Office) -> Value {
    let mut facts = Map::new();
    for f in &office.facts {
        let item = match f.values.is_empty() {
            true => json!({ "type": "string" }),
            false => json!({ "enum": f.values }),
        };
        let mut schema = one_or_many(item, f.many);
        schema["description"] = json!(f.label);
        facts.insert(f.key.clone(), schema);
    }
    let required: Vec<&str> = office
        .facts
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key.as_str())
        .collect();
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": facts,
    })
}

fn category(office: &Office) -> Value {
    let rule = &office.categories;
    match rule.form {
        CategoryForm::Free => {
            json!({ "type": "string", "minLength": 1, "description": rule.label })
        }
        CategoryForm::List => json!({ "enum": rule.values, "description": rule.label }),
        CategoryForm::AreaSubject => {
            let areas: Vec<String> = rule
                .areas
                .iter()
                .map(|a| regex_escape(a).replace('\'', "['’]"))
                .collect();
            json!({
                "type": "string",
                "pattern": format!("^\\s*({})\\s*>\\s*[^>]*\\S[^>]*$", areas.join("|")),
                "description": format!("{}: Area > Subject", rule.label),
            })
        }
    }
}

fn date(office: &Office) -> Value {
    match office.dates.precision {
        DatePrecision::Day => json!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "The decision date, YYYY-MM-DD",
        }),
        DatePrecision::Month => json!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "description": "The decision's month, YYYY-MM",
        }),
    }
}

fn parts(office: &Office, g: &mut SchemaGenerator) -> Value {
    let findings: Vec<&String> = office
        .parts
        .as_ref()
        .map(|p| p.findings.keys().collect())
        .unwrap_or_default();
    let mut part = g.subschema_for::<Part>().to_value();
    if let Some(name) = part["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        let name = name.to_string();
        if let Some(def) = g.definitions_mut().get_mut(&name) {
            def["properties"]["finding"] = json!({ "enum": findings });
        }
        part = json!({ "$ref": format!("#/$defs/{name}") });
    }
    json!({ "type": "array", "items": part })
}

fn table(def: &crate::office::SectionDef) -> Value {
    let mut cells = Map::new();
    for c in &def.columns {
        cells.insert(
            c.key.clone(),
            json!({ "type": "string", "description": c.label }),
        );
    }
    let keys: Vec<&str> = def.columns.iter().map(|c| c.key.as_str()).collect();
    json!({
        "type": "array",
        "description": "Table rows: a cell for every column",
        "items": { "type": "object", "additionalProperties": false, "required": keys, "properties": cells },
    })
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "description": "A date, YYYY-MM-DD (or a month, YYYY-MM)",
        })
    }
}

impl JsonSchema for Para {
    fn schema_name() -> Cow<'static, str> {
        "Paragraph".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let list = g.subschema_for::<Vec<Para>>();
        let mut sentences = g.subschema_for::<Vec<super::Sentence>>().to_value();
        sentences["minItems"] = 1.into();
        sentences["description"] =
            "One paragraph built from sentences, joined in order: standard sentences and own words"
                .into();
        json_schema!({
            "description": "A paragraph: Markdown text, or a mapping",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "anyOf": [{ "required": ["text"] }, { "required": ["standard"] }, { "required": ["sentences"] }],
                    "properties": {
                        "text": { "type": "string", "description": "Markdown text" },
                        "id": { "type": "string", "pattern": "^[A-Za-z0-9_-]+$", "description": "A name for [[para:ID]] cross-references" },
                        "standard": { "type": "string", "description": "A standard paragraph of templates/paragraphs.yaml" },
                        "with": { "type": "object", "description": "Parameters of the standard paragraph" },
                        "sentences": sentences,
                        "points": list.clone(),
                        "bullets": list,
                        "numbered": { "type": "boolean", "description": "false: the paragraph stands without a number in a numbered section" },
                    }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "anyOf": [{ "required": ["heading"] }, { "required": ["paragraphs"] }],
                    "properties": {
                        "heading": { "type": "string", "description": "A sub-heading between the paragraphs of a section" },
                        "paragraphs": list.clone(),
                    }
                }
            ]
        })
    }
}

impl JsonSchema for AgreedAction {
    fn schema_name() -> Cow<'static, str> {
        "AgreedAction".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let list = g.subschema_for::<Vec<Para>>();
        let map = g.subschema_for::<AgreedActionMap>();
        json_schema!({
            "description": "Agreed action: narrative paragraphs (a list), or a mapping with `intro` paragraphs, `actions` by deadline and `evidence`",
            "anyOf": [list, map]
        })
    }
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

//! JSON Schema of the case file, for editors (`decisions schema`) and for checking examples.

use super::types::{Category, Date, Reference, AREAS};
use super::{AgreedAction, AgreedActionMap, Case, Para};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The schema of a case file, as pretty JSON.
pub fn case_schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Case>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

impl JsonSchema for Reference {
    fn schema_name() -> Cow<'static, str> {
        "Reference".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{2} [0-9]{3} [0-9]{3}[a-z]?$",
            "description": "YY NNN NNN with an optional letter, e.g. 21 016 384 or 17 002 402b",
        })
    }
}

impl JsonSchema for Category {
    fn schema_name() -> Cow<'static, str> {
        "Category".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let areas: Vec<String> = AREAS
            .iter()
            .map(|a| regex_escape(a).replace('\'', "['’]"))
            .collect();
        json_schema!({
            "type": "string",
            "pattern": format!("^\\s*({})\\s*>\\s*[^>]*\\S[^>]*$", areas.join("|")),
            "description": "Area > Subject, e.g. Children's care services > Child protection",
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date, YYYY-MM-DD",
        })
    }
}

impl JsonSchema for Para {
    fn schema_name() -> Cow<'static, str> {
        "Paragraph".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let list = g.subschema_for::<Vec<Para>>();
        json_schema!({
            "description": "A paragraph: Markdown text, or a mapping",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "anyOf": [{ "required": ["text"] }, { "required": ["standard"] }],
                    "properties": {
                        "text": { "type": "string", "description": "Markdown text" },
                        "id": { "type": "string", "pattern": "^[A-Za-z0-9_-]+$", "description": "A name for [[para:ID]] cross-references" },
                        "standard": { "type": "string", "description": "A standard paragraph of templates/paragraphs.yaml" },
                        "with": { "type": "object", "description": "Parameters of the standard paragraph" },
                        "points": list.clone(),
                        "bullets": list,
                    }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["heading"],
                    "properties": {
                        "heading": { "type": "string", "description": "A sub-heading between the paragraphs of a section" }
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

//! One sentence of a paragraph built from sentences (`sentences:`): the case's own words, or a
//! standard sentence of the library with its parameters.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// A sentence: a plain string is the case's own words; a mapping names a standard sentence.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The case's own words (Markdown).
    pub text: Option<String>,
    /// Whether the own words were written as a plain string (their field is the list item).
    pub plain: bool,
    /// A standard paragraph or sentence of the library, by key.
    pub standard: Option<String>,
    /// Its parameters.
    pub with: BTreeMap<String, serde_yaml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentenceMap {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    standard: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, serde_yaml::Value>,
}

impl<'de> Deserialize<'de> for Sentence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SentenceVisitor;
        impl<'de> Visitor<'de> for SentenceVisitor {
            type Value = Sentence;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a sentence: the case's own words, or a mapping with `standard` and `with`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Sentence, E> {
                Ok(Sentence {
                    text: Some(v.to_string()),
                    plain: true,
                    ..Sentence::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Sentence, A::Error> {
                let m = SentenceMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (&m.text, &m.standard) {
                    (Some(_), Some(_)) => Err(de::Error::custom(
                        "a sentence is `text` or `standard`, not both: make them two sentences",
                    )),
                    (None, None) => Err(de::Error::custom(
                        "a sentence needs `standard` (a key of the library) or `text`",
                    )),
                    (Some(_), None) if !m.with.is_empty() => Err(de::Error::custom(
                        "`with` gives the parameters of a `standard` sentence; own words take none",
                    )),
                    _ => Ok(Sentence {
                        text: m.text,
                        plain: false,
                        standard: m.standard,
                        with: m.with,
                    }),
                }
            }
        }
        d.deserialize_any(SentenceVisitor)
    }
}

impl JsonSchema for Sentence {
    fn schema_name() -> Cow<'static, str> {
        "Sentence".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A sentence of a paragraph built from sentences: own words, or a standard sentence",
            "anyOf": [
                { "type": "string", "description": "The case's own words (Markdown)" },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["standard"],
                    "properties": {
                        "standard": { "type": "string", "description": "A standard sentence or paragraph of templates/paragraphs.yaml" },
                        "with": { "type": "object", "description": "Parameters of the standard sentence" },
                    }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["text"],
                    "properties": {
                        "text": { "type": "string", "description": "The case's own words (Markdown)" },
                    }
                }
            ]
        })
    }
}

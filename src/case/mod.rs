//! The case file: what an investigator writes, as typed structs that reject unknown keys.
//!
//! `load` reads and checks a file; `types` holds the validated scalar fields. The field-by-field
//! reference is `docs/case-file.md`.

pub(crate) mod limits;
pub(crate) mod load;
mod positions;
pub mod schema;
mod texts;
pub mod types;

pub use load::{
    field_path, load, load_bytes, locate, parse_str, read, FieldPath, Seg, MAX_FILE_BYTES,
};
pub use positions::Positions;
pub use types::{Category, Date, Layout, Outcome, Reference, Status};

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// One complaint, as the investigator writes it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub reference: Reference,
    #[serde(deserialize_with = "types::text")]
    pub authority: String,
    pub category: Category,
    pub outcome: Outcome,
    pub decided: Date,
    pub status: Status,
    /// Overrides the layout that the outcome implies.
    #[serde(default)]
    pub layout: Option<Layout>,
    /// How the complainant is referred to, e.g. `Mr X`; standard paragraphs use it.
    #[serde(default = "default_complainant", deserialize_with = "types::text")]
    pub complainant: String,
    /// The people in the case, by letter, so the anonymisation check knows who is who.
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(deserialize_with = "types::text")]
    pub summary: String,
    #[serde(default)]
    pub complaint: Vec<Para>,
    /// "What I have and have not investigated" (investigation layout, optional).
    #[serde(default)]
    pub scope: Vec<Para>,
    #[serde(default)]
    pub powers: Vec<Para>,
    #[serde(default)]
    pub considered: Vec<Para>,
    /// "My assessment" (assessment layout).
    #[serde(default)]
    pub assessment: Option<Assessment>,
    /// "What I found" (investigation layout): paragraphs under optional sub-headings.
    #[serde(default)]
    pub found: Vec<Finding>,
    /// "Agreed action" (investigation layout, optional).
    #[serde(default)]
    pub agreed_action: Option<AgreedAction>,
    #[serde(default)]
    pub final_decision: Vec<Para>,
    /// "Parts of the complaint that I did not investigate" (investigation layout, optional).
    #[serde(default)]
    pub not_investigated: Vec<Para>,
    /// Who signs: a key of `sign_off` in the wording, e.g. `investigator`.
    #[serde(deserialize_with = "types::text")]
    pub signed: String,
    /// Anonymisation findings accepted on purpose, with the reason.
    #[serde(default)]
    pub accept: Vec<Acceptance>,
}

fn default_complainant() -> String {
    "Mr X".to_string()
}

impl Case {
    pub fn layout(&self) -> Layout {
        self.layout.unwrap_or_else(|| self.outcome.layout())
    }
}

/// A person in the case, known by a letter (`Mr X`, `Mrs Y`, or `B` for a child).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// How the decision names them, e.g. `Mr X`, `Ms B`, `C`.
    #[serde(deserialize_with = "types::text")]
    pub name: String,
    /// Their part in the case, e.g. `complainant`, `son`, `social worker`.
    #[serde(deserialize_with = "types::text")]
    pub role: String,
}

/// A lint finding accepted for this case, e.g. a care provider's name.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// The words accepted, exactly as they appear in the text.
    #[serde(deserialize_with = "types::text")]
    pub text: String,
    /// Why this is not a breach of anonymity.
    #[serde(deserialize_with = "types::text")]
    pub reason: String,
}

/// A numbered paragraph (or a lettered point): a plain string, or a mapping.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// Markdown text. With `standard`, it follows the standard paragraph.
    pub text: Option<String>,
    /// A name that other text can refer to with `[[para:NAME]]`.
    pub id: Option<String>,
    /// A standard paragraph from the library, by key.
    pub standard: Option<String>,
    /// Parameters of the standard paragraph.
    pub with: BTreeMap<String, serde_yaml::Value>,
    /// Lettered sub-points (a, b, c).
    pub points: Vec<Para>,
    /// Bulleted sub-points.
    pub bullets: Vec<Para>,
    /// A sub-heading between the paragraphs of a section, instead of a paragraph.
    pub heading: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParaMap {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    standard: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    points: Vec<Para>,
    #[serde(default)]
    bullets: Vec<Para>,
    #[serde(default, deserialize_with = "types::text_opt")]
    heading: Option<String>,
}

impl<'de> Deserialize<'de> for Para {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ParaVisitor;
        impl<'de> Visitor<'de> for ParaVisitor {
            type Value = Para;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a paragraph: Markdown text, or a mapping with `text`, `id`, `standard`, `with`, `points` or `bullets`, or a sub-heading `heading`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Para, E> {
                Ok(Para {
                    text: Some(v.to_string()),
                    ..Para::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Para, A::Error> {
                let m = ParaMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if let Some(heading) = m.heading {
                    let alone = m.text.is_none()
                        && m.id.is_none()
                        && m.standard.is_none()
                        && m.with.is_empty()
                        && m.points.is_empty()
                        && m.bullets.is_empty();
                    if !alone {
                        return Err(de::Error::custom(
                            "a sub-heading (`heading`) stands alone: put the paragraph after it in a list item of its own",
                        ));
                    }
                    return Ok(Para {
                        heading: Some(heading),
                        ..Para::default()
                    });
                }
                if m.text.is_none() && m.standard.is_none() {
                    return Err(de::Error::custom(
                        "a paragraph needs `text` or `standard` (or is a sub-heading: `heading`)",
                    ));
                }
                Ok(Para {
                    text: m.text,
                    id: m.id,
                    standard: m.standard,
                    with: m.with,
                    points: m.points,
                    bullets: m.bullets,
                    heading: None,
                })
            }
        }
        d.deserialize_any(ParaVisitor)
    }
}

/// "My assessment": an opening paragraph whose complaint areas become lettered points,
/// then any further paragraphs.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(default, deserialize_with = "types::text_opt")]
    pub intro: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub areas: Vec<Area>,
    #[serde(default)]
    pub paragraphs: Vec<Para>,
}

/// One area of complaint: what the complainant says, then what I find about it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(deserialize_with = "types::text")]
    pub complaint: String,
    #[serde(deserialize_with = "types::text")]
    pub finding: String,
}

/// A part of "What I found", with an optional sub-heading (e.g. "Law and guidance").
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    #[serde(default, deserialize_with = "types::text_opt")]
    pub heading: Option<String>,
    pub paragraphs: Vec<Para>,
}

/// "Agreed action": narrative paragraphs, actions grouped by deadline, or both.
///
/// Written as a list, it is narrative paragraphs only; as a mapping, `intro` paragraphs, then
/// the `actions`, then the `evidence` paragraph.
#[derive(Debug, Clone, Default)]
pub struct AgreedAction {
    /// Paragraphs before the actions, e.g. "To remedy the injustice caused, ...".
    pub intro: Vec<Para>,
    pub actions: Vec<Action>,
    /// The closing paragraph; with actions, the wording's default asks for evidence.
    pub evidence: Option<String>,
    /// Written as a plain list of paragraphs (which are then `intro`).
    pub as_list: bool,
}

/// The mapping form of [`AgreedAction`].
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreedActionMap {
    /// Paragraphs before the actions, e.g. "To remedy the injustice caused, ...".
    #[serde(default)]
    pub intro: Vec<Para>,
    /// Actions with their deadlines: one lettered list per deadline.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The closing paragraph; with actions, the wording's default asks for evidence.
    #[serde(default, deserialize_with = "types::text_opt")]
    pub evidence: Option<String>,
}

impl<'de> Deserialize<'de> for AgreedAction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AgreedAction;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a list of paragraphs, or a mapping with `intro`, `actions` and `evidence`",
                )
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<AgreedAction, A::Error> {
                let intro = Vec::<Para>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(AgreedAction {
                    intro,
                    as_list: true,
                    ..AgreedAction::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AgreedAction, A::Error> {
                let m = AgreedActionMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(AgreedAction {
                    intro: m.intro,
                    actions: m.actions,
                    evidence: m.evidence,
                    as_list: false,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// One agreed action and its deadline, e.g. "within one month of the final decision".
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(deserialize_with = "types::text")]
    pub action: String,
    #[serde(deserialize_with = "types::text")]
    pub by: String,
}

//! The case file: what an investigator writes, as typed structs that reject unknown keys.
//!
//! `load` reads and checks a file; `types` holds the validated scalar fields. The field-by-field
//! reference is `docs/case-file.md`.

mod fields;
pub(crate) mod limits;
pub(crate) mod load;
mod positions;
mod read;
pub mod schema;
mod sentence;
mod texts;
pub mod types;

pub use load::{
    built_in_office, field_path, load, load_bytes, load_bytes_for, locate, parse_str,
    parse_str_for, read, FieldPath, Seg, MAX_FILE_BYTES,
};
pub use positions::Positions;
pub use read::{FORMAT, HEADER};
pub use sentence::Sentence;
pub use types::{Date, Status};

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// One complaint, as the investigator writes it. Which sections it may hold, and what each
/// holds, is its office's layout: see [`read`].
#[derive(Debug, Clone)]
pub struct Case {
    /// The case-file format; `1` when the file does not say.
    pub format: u32,
    /// As written; its office checks it and makes its printed and address forms.
    pub reference: String,
    /// The body complained about (the office names it: authority, landlord, organisation).
    pub authority: String,
    /// One category, or several where the office allows it.
    pub category: Vec<String>,
    /// A key of the office's `outcomes`; absent where the office derives it from the parts.
    pub outcome: Option<String>,
    pub decided: Date,
    pub status: Status,
    /// Overrides the layout that the outcome implies: a key of the office's `layouts`.
    pub layout: Option<String>,
    /// How the complainant is referred to, e.g. `Mr X`; standard paragraphs use it.
    pub complainant: String,
    /// The people in the case, by letter, so the anonymisation check knows who is who.
    pub people: Vec<Person>,
    pub summary: Option<String>,
    /// The office's own header facts, by key; each one value or several.
    pub facts: Vec<(String, Vec<String>)>,
    /// The decision's language, where it is not the office's: a language of the office's
    /// `wording.LANG.yaml` files.
    pub lang: Option<String>,
    /// The same decision in other languages: language tag to reference. Each names the other.
    pub translations: Vec<(String, String)>,
    /// The statement's sections, by key, in the order the file writes them.
    pub sections: Vec<(String, Body)>,
    /// Who signs: a key of `sign_off` in the wording, e.g. `investigator`.
    pub signed: Option<String>,
    /// Anonymisation findings accepted on purpose, with the reason.
    pub accept: Vec<Acceptance>,
    /// Section titles of this decision's own, by section key, where it does not use the
    /// wording's (“What I have investigated”, “The Ombudsmen’s role and powers”).
    pub titles: Vec<(String, String)>,
}

impl Case {
    /// The content of section `key`, when the case has it.
    pub fn section(&self, key: &str) -> Option<&Body> {
        self.sections.iter().find(|(k, _)| k == key).map(|(_, b)| b)
    }

    /// The title this decision gives section `key`, where it gives one.
    pub fn title(&self, key: &str) -> Option<&String> {
        self.titles.iter().find(|(k, _)| k == key).map(|(_, t)| t)
    }
}

/// What a section holds, as its office's layout says.
#[derive(Debug, Clone)]
pub enum Body {
    /// Paragraphs, sub-headings and groups of paragraphs under a sub-heading.
    Paragraphs(Vec<Para>),
    /// Complaint areas with a finding on each (the LGSCO's "My assessment").
    Areas(Assessment),
    /// Parts of the complaint, each with its finding.
    Parts(Vec<Part>),
    /// Narrative paragraphs, actions grouped by deadline, or both.
    Actions(AgreedAction),
    /// Table rows, each a cell per column key.
    Table(Vec<Row>),
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
    /// A paragraph built from sentences, each standard or the case's own, joined in order.
    pub sentences: Vec<Sentence>,
    /// Lettered sub-points (a, b, c).
    pub points: Vec<Para>,
    /// Bulleted sub-points.
    pub bullets: Vec<Para>,
    /// `false` for a paragraph that stands without a number in a numbered section ("We have
    /// made orders for the landlord to put things right."); as the section when absent.
    pub numbered: Option<bool>,
    /// A sub-heading between the paragraphs of a section, instead of a paragraph.
    pub heading: Option<String>,
    /// A group: the paragraphs under `heading` (or under no heading), instead of a paragraph.
    pub group: Option<Vec<Para>>,
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
    sentences: Option<Vec<Sentence>>,
    #[serde(default)]
    points: Vec<Para>,
    #[serde(default)]
    bullets: Vec<Para>,
    #[serde(default)]
    numbered: Option<bool>,
    #[serde(default, deserialize_with = "types::text_opt")]
    heading: Option<String>,
    #[serde(default)]
    paragraphs: Option<Vec<Para>>,
}

impl<'de> Deserialize<'de> for Para {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ParaVisitor;
        impl<'de> Visitor<'de> for ParaVisitor {
            type Value = Para;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a paragraph: Markdown text, or a mapping with `text`, `id`, `standard`, `with`, `sentences`, `points`, `bullets` or `numbered`, or a sub-heading `heading`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Para, E> {
                Ok(Para {
                    text: Some(v.to_string()),
                    ..Para::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Para, A::Error> {
                let m = ParaMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let content = m.text.is_some()
                    || m.id.is_some()
                    || m.standard.is_some()
                    || !m.with.is_empty()
                    || m.sentences.is_some()
                    || !m.points.is_empty()
                    || !m.bullets.is_empty()
                    || m.numbered.is_some();
                if let Some(group) = m.paragraphs {
                    if content {
                        return Err(de::Error::custom(
                            "a group of paragraphs (`paragraphs`) has only a `heading` beside it: put the paragraph in the group's list",
                        ));
                    }
                    return Ok(Para {
                        heading: m.heading,
                        group: Some(group),
                        ..Para::default()
                    });
                }
                if let Some(heading) = m.heading {
                    if content {
                        return Err(de::Error::custom(
                            "a sub-heading (`heading`) stands alone: put the paragraph after it in a list item of its own",
                        ));
                    }
                    return Ok(Para {
                        heading: Some(heading),
                        ..Para::default()
                    });
                }
                let sentences = sentences(m.sentences, m.standard.is_some())?;
                if m.text.is_none() && m.standard.is_none() && sentences.is_empty() {
                    return Err(de::Error::custom(
                        "a paragraph needs `text`, `standard` or `sentences` (or is a sub-heading: `heading`)",
                    ));
                }
                Ok(Para {
                    text: m.text,
                    id: m.id,
                    standard: m.standard,
                    with: m.with,
                    sentences,
                    points: m.points,
                    bullets: m.bullets,
                    numbered: m.numbered,
                    heading: None,
                    group: None,
                })
            }
        }
        d.deserialize_any(ParaVisitor)
    }
}

/// The sentences of a paragraph built from them, checked: at least one, and not beside
/// `standard` (a standard paragraph goes first in the list instead).
fn sentences<E: de::Error>(
    given: Option<Vec<Sentence>>,
    standard: bool,
) -> Result<Vec<Sentence>, E> {
    match given {
        None => Ok(Vec::new()),
        Some(list) if list.is_empty() => Err(E::custom(
            "`sentences` needs at least one sentence: a `standard` key or the case's own words",
        )),
        Some(_) if standard => Err(E::custom(
            "a paragraph takes `standard` or `sentences`, not both: put the standard paragraph first among the sentences",
        )),
        Some(list) => Ok(list),
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

/// One part of a complaint and the office's finding on it, with the paragraphs that explain it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    #[serde(default)]
    pub id: Option<String>,
    /// The part, as the finding names it, e.g. "the landlord's handling of the resident's
    /// reports of damp and mould".
    #[serde(deserialize_with = "types::text")]
    pub part: String,
    /// A key of the office's `parts.findings`, e.g. `service-failure`.
    #[serde(deserialize_with = "types::text")]
    pub finding: String,
    /// Paragraphs that follow the finding.
    #[serde(default)]
    pub paragraphs: Vec<Para>,
}

/// One row of a table section: a cell for each column key.
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<(String, String)>,
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

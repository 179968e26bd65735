//! The header fields that are more than one plain text: a reference YAML may read as a
//! number, one text or several, and the mappings kept in the file's order (facts,
//! translations, section titles).

use super::read::Key;
use super::types;
use crate::office::Office;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A text field (see [`types::text`]).
pub(super) struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        types::text(d).map(Text)
    }
}

/// A reference: text, or digits that YAML reads as a number (`reference: 202347433`).
pub(super) struct RefText(pub String);

impl<'de> Deserialize<'de> for RefText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RefText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a reference, as text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RefText, E> {
                Ok(RefText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RefText, E> {
                Ok(RefText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RefText, E> {
                Ok(RefText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One text, or a list of them.
pub(super) struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text, or a list of texts")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(Text(t)) = seq.next_element()? {
                    out.push(t);
                }
                Ok(OneOrMany(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// `facts:`, a mapping kept in the file's order.
pub(super) struct Facts(pub Vec<(String, Vec<String>)>);

impl<'de> Deserialize<'de> for Facts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Facts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a mapping of the office's facts, e.g. `landlord_type: Housing association`",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Facts, A::Error> {
                let mut out: Vec<(String, Vec<String>)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("duplicate fact `{key}`")));
                    }
                    let OneOrMany(values) = map.next_value()?;
                    out.push((key, values));
                }
                Ok(Facts(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// `translations:`, language to reference, in the file's order.
pub(super) struct Translations(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for Translations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Translations;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of language to reference, e.g. `cy: 202312345`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Translations, A::Error> {
                let mut out: Vec<(String, String)> = Vec::new();
                while let Some(lang) = map.next_key::<String>()? {
                    if out.iter().any(|(l, _)| *l == lang) {
                        return Err(de::Error::custom(format!("duplicate language `{lang}`")));
                    }
                    let RefText(reference) = map.next_value()?;
                    out.push((lang, reference));
                }
                Ok(Translations(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// `titles:`, a section key to the title this decision gives it, in the file's order. A key
/// that is not a section of the office is refused at the key.
pub(super) struct TitlesSeed<'o> {
    pub office: &'o Office,
}

impl<'de> DeserializeSeed<'de> for TitlesSeed<'_> {
    type Value = Vec<(String, String)>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TitlesSeed<'_> {
    type Value = Vec<(String, String)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of section to title, e.g. `powers: The Ombudsmen’s role and powers`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let office = self.office;
        let known = |k: &str| office.section_def(k).is_some();
        let unknown = |k: &str| {
            let keys: Vec<String> = office.section_keys().map(|k| format!("`{k}`")).collect();
            format!("unknown section `{k}`, expected one of {}", keys.join(", "))
        };
        let mut out: Vec<(String, String)> = Vec::new();
        while let Some(key) = map.next_key_seed(Key {
            known: &known,
            unknown: &unknown,
        })? {
            if out.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("duplicate section `{key}`")));
            }
            let Text(title) = map.next_value()?;
            out.push((key, title.trim().to_string()));
        }
        Ok(out)
    }
}

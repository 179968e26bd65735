//! Standard paragraphs and sentences of the library, their parameters checked and filled in,
//! and paragraphs built from sentences.

use super::outline::Item;
use super::text::Writer;
use crate::case::FieldPath;
use crate::problem::suggest;
use crate::templates::{error_chain, StandardParagraph};
use std::collections::BTreeMap;

impl Writer<'_> {
    /// A paragraph built from sentences: each standard sentence filled in, each of the case's
    /// own checked, all joined by a space into one Markdown paragraph.
    pub(super) fn sentences(&mut self, item: &Item) -> String {
        let mut out = Vec::new();
        for (i, s) in item.sentences.iter().enumerate() {
            let at = item.path.key("sentences").index(i);
            if let Some(key) = &s.standard {
                if let Some(text) = self.standard(&at, &s.with, key) {
                    out.push(self.refs(&text, &at.key("standard")));
                }
                continue;
            }
            let text = s.text.as_deref().unwrap_or_default().trim();
            let text_at = if s.plain { at.clone() } else { at.key("text") };
            if text.is_empty() {
                self.findings.add(&text_at, "the sentence is empty");
            } else if self.t.paragraphs.contains_key(text) {
                // A bare key would print as words: say how to ask for the standard sentence.
                self.findings.add_hint(
                    &text_at,
                    format!("`{text}` is a standard sentence, but written here as own words"),
                    format!("write `- standard: {text}`"),
                );
            }
            out.push(self.refs(text, &text_at));
        }
        out.join(" ")
    }

    /// A standard paragraph from the library, its parameters checked and filled in.
    pub(super) fn standard(
        &mut self,
        at: &FieldPath,
        with: &BTreeMap<String, serde_yaml::Value>,
        key: &str,
    ) -> Option<String> {
        let path = at.key("standard");
        let Some(sp) = self.t.paragraphs.get(key) else {
            let hint = suggest(key, self.t.paragraphs.keys().map(String::as_str));
            self.findings
                .add_hint(&path, format!("unknown standard paragraph `{key}`"), hint);
            return None;
        };
        let mut ctx = tera::Context::new();
        ctx.insert("complainant", &self.case.complainant);
        let mut ok = self.known_params(at, with, (key, sp));
        for (name, default) in &sp.params {
            let value = match (with.get(name), default) {
                (Some(v), _) => v.clone(),
                (None, Some(d)) => d.clone(),
                (None, None) => {
                    self.findings.add_hint(
                        &path,
                        format!("standard paragraph `{key}` needs the parameter `{name}`"),
                        format!("add `with: {{ {name}: … }}`"),
                    );
                    ok = false;
                    continue;
                }
            };
            if with.contains_key(name) && is_blank(&value) {
                self.findings.add_hint(
                    &at.key("with").key(name),
                    format!("the parameter `{name}` of standard paragraph `{key}` is empty"),
                    format!("give `{name}` its words, or leave it out to take the default"),
                );
                ok = false;
                continue;
            }
            let value = match sp.choices.get(name) {
                Some(choices) => match self.choose(&at.key("with").key(name), &value, choices) {
                    Some(v) => v,
                    None => {
                        ok = false;
                        continue;
                    }
                },
                None => value,
            };
            ctx.insert(name.as_str(), &value);
        }
        if !ok {
            return None;
        }
        match self.t.render_paragraph(key, sp, &ctx) {
            Ok(s) => Some(s.trim().to_string()),
            Err(e) => {
                self.findings.add(
                    &path,
                    format!("standard paragraph `{key}` failed: {}", error_chain(&e)),
                );
                None
            }
        }
    }

    /// Whether every parameter given is one the paragraph takes; each that is not is named.
    fn known_params(
        &mut self,
        at: &FieldPath,
        with: &BTreeMap<String, serde_yaml::Value>,
        (key, sp): (&str, &StandardParagraph),
    ) -> bool {
        let mut ok = true;
        for name in with.keys() {
            if !sp.params.contains_key(name) {
                let known: Vec<&str> = sp.params.keys().map(String::as_str).collect();
                let hint = if known.is_empty() {
                    format!("`{key}` takes no parameters")
                } else {
                    suggest(name, known)
                };
                self.findings.add_hint(
                    &at.key("with").key(name),
                    format!("standard paragraph `{key}` has no parameter `{name}`"),
                    hint,
                );
                ok = false;
            }
        }
        ok
    }

    /// Maps choice keys (one or a list) to their wording.
    fn choose(
        &mut self,
        path: &FieldPath,
        value: &serde_yaml::Value,
        choices: &std::collections::BTreeMap<String, String>,
    ) -> Option<serde_yaml::Value> {
        let keys: Vec<&str> = match value {
            serde_yaml::Value::String(s) => vec![s.as_str()],
            serde_yaml::Value::Sequence(seq) => seq.iter().filter_map(|v| v.as_str()).collect(),
            _ => vec![],
        };
        let count = value.as_sequence().map_or(1, Vec::len);
        if keys.is_empty() || keys.len() != count {
            let all: Vec<&str> = choices.keys().map(String::as_str).collect();
            self.findings.add_hint(
                path,
                "expected a list of choices",
                format!("choose from: {}", all.join(", ")),
            );
            return None;
        }
        let mut out = Vec::new();
        for k in keys {
            match choices.get(k) {
                Some(w) => out.push(serde_yaml::Value::String(w.clone())),
                None => {
                    let hint = suggest(k, choices.keys().map(String::as_str));
                    self.findings
                        .add_hint(path, format!("unknown choice `{k}`"), hint);
                    return None;
                }
            }
        }
        Some(match value {
            serde_yaml::Value::Sequence(_) => serde_yaml::Value::Sequence(out),
            _ => out.remove(0),
        })
    }
}

/// An empty parameter would print a sentence with a hole in it ("provided by Mr B and .").
fn is_blank(value: &serde_yaml::Value) -> bool {
    match value {
        serde_yaml::Value::Null => true,
        serde_yaml::Value::String(s) => s.trim().is_empty(),
        serde_yaml::Value::Sequence(items) => items.is_empty() || items.iter().any(is_blank),
        _ => false,
    }
}

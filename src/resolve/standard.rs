//! Standard paragraphs and sentences of the library, their parameters checked and filled in,
//! and paragraphs built from sentences.

use super::outline::Item;
use super::text::Writer;
use super::Findings;
use crate::case::{Case, FieldPath};
use crate::problem::suggest;
use crate::templates::{error_chain, same_words, LibraryWords, StandardParagraph, COMPLAINANT};
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

impl Writer<'_> {
    /// Warns where a paragraph of the case's own words is a library paragraph word for word:
    /// asked for by its key, it keeps to the library when the office changes its wording.
    pub(super) fn own_words(&mut self, item: &Item, text: &str) {
        // Only where the library has paragraphs: the complaint and the findings are the
        // investigator's own.
        let section = match item.path.0.first() {
            Some(crate::case::Seg::Key(k)) => k.as_str(),
            _ => return,
        };
        let stands = |sp: &StandardParagraph| sp.section.as_deref().map_or(true, |s| s == section);
        if !self.t.paragraphs.values().any(stands) {
            return;
        }
        let words = same_words(text).replace(&same_words(&self.case.complainant), COMPLAINANT);
        let library = self.t.library_words.get_or_init(|| self.library_words());
        let Some((key, with)) = library.get(&words) else {
            return;
        };
        let with = if with.is_empty() {
            String::new()
        } else {
            let params: Vec<String> = with
                .iter()
                .map(|(k, v)| format!("{k}: {}", flow(v)))
                .collect();
            format!(" and `with: {{ {} }}`", params.join(", "))
        };
        self.warnings.add_hint(
            &item.text_path,
            format!("these are the words of the standard paragraph `{key}`"),
            format!(
                "write `standard: {key}`{with} instead, so that the paragraph keeps to the library"
            ),
        );
    }

    /// The library's paragraphs by their words, each with its defaults and as its example
    /// shows it, for a complainant written [`COMPLAINANT`].
    fn library_words(&self) -> LibraryWords {
        let case = Case {
            complainant: COMPLAINANT.to_string(),
            ..self.case.clone()
        };
        let (mut errors, mut warnings) = (Findings::default(), Findings::default());
        let mut scratch = Writer {
            case: &case,
            t: self.t,
            lang: self.lang,
            ids: self.ids,
            findings: &mut errors,
            warnings: &mut warnings,
        };
        let mut words = LibraryWords::new();
        let paragraphs = || {
            let all = self.t.paragraphs.iter();
            all.filter(|(_, sp)| !sp.sentence && !sp.list)
        };
        // The simplest way to ask for a wording first: defaults and examples, then each one
        // choice changed on top of them.
        for pass in [false, true] {
            for (key, sp) in paragraphs() {
                for with in variants(sp, pass) {
                    if let Some(text) = scratch.standard(&FieldPath::default(), &with, key) {
                        words
                            .entry(same_words(&text))
                            .or_insert_with(|| (key.clone(), with));
                    }
                }
            }
        }
        words
    }
}

/// The parameters a library paragraph is tried with: its defaults, its example, and a list
/// the case must give as each one of its choices alone; or (`changed`) the defaults and the
/// example with one choice changed.
fn variants(sp: &StandardParagraph, changed: bool) -> Vec<BTreeMap<String, serde_yaml::Value>> {
    let bases: Vec<BTreeMap<String, serde_yaml::Value>> = std::iter::once(BTreeMap::new())
        .chain(sp.example.clone())
        .collect();
    let one = |name: &String, choice: &String, listed: bool| {
        let value = serde_yaml::Value::String(choice.clone());
        let value = if listed {
            serde_yaml::Value::Sequence(vec![value])
        } else {
            value
        };
        (name.clone(), value)
    };
    let mut out = Vec::new();
    for (name, choices) in &sp.choices {
        let (listed, required) = match sp.params.get(name) {
            Some(Some(default)) => (default.is_sequence(), false),
            _ => (true, true),
        };
        for choice in choices.keys() {
            if !changed && required {
                out.push(BTreeMap::from([one(name, choice, listed)]));
            }
            if changed {
                for base in &bases {
                    let mut with = base.clone();
                    let (k, v) = one(name, choice, listed);
                    with.insert(k, v);
                    out.push(with);
                }
            }
        }
    }
    if changed {
        out
    } else {
        bases.into_iter().chain(out).collect()
    }
}

/// A parameter's value as a YAML flow value: `a`, `[a, b]`, `true`.
fn flow(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        // A flow value ends at a comma or bracket: quote any text that holds one.
        serde_yaml::Value::String(s) if s.contains(|c: char| ",:[]{}#&*!|>'\"%@`".contains(c)) => {
            serde_json::to_string(s).unwrap_or_default()
        }
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        _ => "~".to_string(),
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

//! Paragraphs written out in a case's own words that the library already has, word for word
//! or sentence by sentence: warned of, with the key and parameters that ask for them.

use super::fit::word_set;
use super::nearly::nearest;
use super::outline::Item;
use super::text::Writer;
use super::Findings;
use crate::case::{Case, FieldPath};
use crate::templates::{LibraryWords, StandardParagraph, Written};
use std::collections::BTreeMap;

type With = BTreeMap<String, serde_yaml::Value>;

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
        if let Some(sections) = &self.t.library_sections {
            if !sections.contains(section) {
                return;
            }
        }
        // Quotes as written, so that words read off them keep theirs.
        let words = collapse(text).replace(&collapse(&self.case.complainant), COMPLAINANT);
        let library = self.t.library_words.get_or_init(|| self.library_words());
        if let Some((key, with)) = self.fitted(&words, (section, listed(text)), library) {
            self.warnings.add_hint(
                &item.text_path,
                format!("these are the words of the standard paragraph `{key}`"),
                format!(
                    "write `standard: {key}`{} instead, so that the paragraph keeps to the library",
                    asked_with(&with)
                ),
            );
            return;
        }
        // Two sentences or more, each the library's: a paragraph built from sentences.
        if let Some(found) = self.fitted_sentences(&words, section, library) {
            return self.sentences_hint(item, &found);
        }
        self.nearly_hint(item, &words, library);
    }

    /// The library sentence of each sentence of `words`, and of a citation after one where
    /// the library cites that sentence otherwise or not at all; `None` unless there are two
    /// or more and the library has every one.
    fn fitted_sentences(
        &self,
        words: &str,
        section: &str,
        library: &LibraryWords,
    ) -> Option<Vec<(String, With)>> {
        let mut found = Vec::new();
        for sentence in split_sentences(words) {
            if let Some(hit) = self.fitted(&sentence, (section, false), library) {
                found.push(hit);
                continue;
            }
            let (said, cited) = split_citation(&sentence)?;
            found.push(self.fitted(said, (section, false), library)?);
            found.push(self.fitted(cited, (section, false), library)?);
        }
        (found.len() > 1).then_some(found)
    }

    /// Warns that each sentence of a paragraph is a library sentence.
    fn sentences_hint(&mut self, item: &Item, found: &[(String, With)]) {
        let keys: Vec<String> = found.iter().map(|(k, _)| format!("`{k}`")).collect();
        let items: Vec<String> = found
            .iter()
            .map(|(k, with)| format!("`- standard: {k}`{}", asked_with(with)))
            .collect();
        self.warnings.add_hint(
            &item.text_path,
            format!(
                "each sentence is a standard sentence of the library: {}",
                keys.join(", ")
            ),
            format!(
                "write `sentences:` with {} instead, so that the paragraph keeps to the library",
                items.join(", ")
            ),
        );
    }

    /// Warns where the words are a library paragraph's but for a word or two, as a paragraph
    /// copied from an older decision with a slip in it is; only where the run fits own words.
    fn nearly_hint(&mut self, item: &Item, words: &str, library: &LibraryWords) {
        if !self.t.fit_own_words {
            return;
        }
        let Some(near) = nearest(words, &library.vocabulary) else {
            return;
        };
        let named = |text: &str| text.replace(COMPLAINANT, &self.case.complainant);
        let more = match near.changes {
            1 => String::new(),
            n => format!(" ({n} words differ in all)"),
        };
        self.warnings.add_hint(
            &item.text_path,
            format!(
                "these are nearly the words of the standard paragraph `{}`: “{}” where the library has “{}”{more}",
                near.key,
                named(&near.own),
                named(&near.library)
            ),
            format!(
                "if the library's words are meant, write `standard: {}` (with its parameters) instead; if not, keep the paragraph as it is",
                near.key
            ),
        );
    }

    /// The library paragraph that writes `words`: one of the library's own ways of writing
    /// it, or (where the run asks for it) any, fitted to the words.
    fn fitted(
        &self,
        words: &str,
        (section, listed): (&str, bool),
        library: &LibraryWords,
    ) -> Option<(String, With)> {
        if let Some(hit) = library.exact.get(&same_words(words)) {
            return Some(hit.clone());
        }
        if !self.t.fit_own_words {
            return None;
        }
        let complainant = self.case.complainant.as_str();
        let shape = (section, complainant, listed);
        self.for_anyone(|w| w.fit(words, shape, library))
    }

    /// `f` with a writer for this case as it reads for a complainant written [`COMPLAINANT`],
    /// whose problems are set aside.
    fn for_anyone<R>(&self, f: impl FnOnce(&mut Writer) -> R) -> R {
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
        f(&mut scratch)
    }

    /// The library's paragraphs by their words, each with its defaults and as its example
    /// shows it, for a complainant written [`COMPLAINANT`].
    fn library_words(&self) -> LibraryWords {
        self.for_anyone(|scratch| {
            let mut words = LibraryWords::default();
            for (key, sp) in &scratch.t.paragraphs {
                let yes = super::yes::yes_words(sp);
                if !yes.is_empty() {
                    words.yes.insert(key.clone(), yes);
                }
            }
            // The simplest way to ask for a wording first: paragraphs before sentences,
            // defaults and examples before one choice changed on top of them.
            let passes = [(false, false), (false, true), (true, false), (true, true)];
            for (sentence, pass) in passes {
                let all = scratch.t.paragraphs.iter();
                for (key, sp) in all.filter(|(_, sp)| sp.sentence == sentence && !sp.list) {
                    for with in variants(sp, pass) {
                        let Some(text) = scratch.standard(&FieldPath::default(), &with, key) else {
                            continue;
                        };
                        let text = same_words(&text);
                        words.vocabulary.push(Written {
                            key: key.clone(),
                            words: word_set(&text),
                            text: text.clone(),
                        });
                        words
                            .exact
                            .entry(text)
                            .or_insert_with(|| (key.clone(), with));
                    }
                }
            }
            words
        })
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

/// Stands for the complainant in [`LibraryWords`], so that one list serves every case.
pub(super) const COMPLAINANT: &str = "\u{e000}";

/// Text as compared with the library's: spaces collapsed, curly quotes made straight.
pub(super) fn same_words(text: &str) -> String {
    collapse(text)
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
}

/// The marks a bullet's line starts with, as case files and copied decisions write them.
const BULLETS: [&str; 3] = ["- ", "* ", "• "];

/// Whether text sets out a list: a line of it starts with a bullet's mark.
pub(super) fn listed(text: &str) -> bool {
    let bullet = |line: &str| BULLETS.iter().any(|m| line.trim_start().starts_with(m));
    text.lines().any(bullet)
}

/// Text with its spaces and line breaks collapsed into single spaces, and its bullets' marks
/// dropped: copies of a decision set lists out differently, or run them into the text.
pub(super) fn collapse(text: &str) -> String {
    let lines = text.lines().map(|line| {
        let line = line.trim_start();
        BULLETS
            .iter()
            .find_map(|mark| line.strip_prefix(mark))
            .unwrap_or(line)
    });
    lines
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `` and `with: { … }` `` for a paragraph's parameters, or nothing where it takes its defaults.
fn asked_with(with: &BTreeMap<String, serde_yaml::Value>) -> String {
    if with.is_empty() {
        return String::new();
    }
    let params: Vec<String> = with
        .iter()
        .map(|(k, v)| format!("{k}: {}", flow(v)))
        .collect();
    format!(" and `with: {{ {} }}`", params.join(", "))
}

/// A sentence and the citation in brackets after its full stop ("… to these. (Local
/// Government Act 1974, …)"), where it has one.
fn split_citation(sentence: &str) -> Option<(&str, &str)> {
    let at = sentence.find(". (")?;
    let cited = &sentence[at + 2..];
    let closed = cited.trim_end_matches('.').ends_with(')');
    (closed && cited.matches('(').count() == cited.matches(')').count())
        .then(|| (&sentence[..at + 1], cited))
}

/// Sentences: a full stop, then a space and a capital (or a quote or bracket before one).
fn split_sentences(words: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = words.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (i, b), (_, c)] = [w[0], w[1], w[2]];
        if a == '.'
            && b == ' '
            && (c.is_uppercase() || c == COMPLAINANT.chars().next().unwrap_or(' '))
        {
            out.push(words[start..i].to_string());
            start = i + 1;
        }
    }
    out.push(words[start..].to_string());
    out
}

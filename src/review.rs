//! Checks on a case's words once it resolves: unfinished TODOs, and the anonymisation gate.
//!
//! The gate runs in `check` and `publish` as errors, and in `build` as errors for final
//! decisions and warnings for drafts. A finding that is not a breach (a care provider's name,
//! say) is accepted in the case file with `accept: [{ text, reason }]`, so the choice is
//! recorded, not silent.

use crate::case::{Case, FieldPath, Status};
use crate::lint::anonymise::Linter;
use crate::problem::{Problem, Severity};
use crate::resolve::Findings;
use regex::Regex;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// How strictly the anonymisation findings count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// `check` and `publish`: every finding is an error.
    Strict,
    /// `build`: findings in drafts are warnings, in final decisions errors. With `pdf`, the
    /// characters no bundled font has are errors too, as in `check`.
    Build { pdf: bool },
}

/// Compiled once per run and shared by every case and thread.
fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::new)
}

/// Compiles the lint's patterns now, so that a caller can do it on a thread of its own while
/// templates, fonts and the first cases load.
pub fn warm_up() {
    linter();
    titled_letter();
}

fn titled_letter() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ([A-Z])\b").expect("valid regex"))
}

/// The problems in a case's words, each at its field.
pub fn review(case: &Case, file: &Path, src: &str, gate: Gate) -> Vec<Problem> {
    let mut errors = Findings::default();
    let mut gated = Findings::default();
    let mut warnings = Findings::default();
    let root = FieldPath::default();
    todo_marks(&root.key("category"), &case.category.subject, &mut errors);
    let texts = case.texts();
    for (path, text) in &texts {
        todo_marks(path, text, &mut errors);
    }

    let mut used = vec![false; case.accept.len()];
    for (path, text) in &texts {
        for finding in linter().scan(text) {
            let accepted = case
                .accept
                .iter()
                .position(|a| a.text.contains(finding.matched.as_str()));
            match accepted {
                Some(i) => used[i] = true,
                None => gated.add_hint(
                    path,
                    format!("anonymisation ({}): {}", finding.rule.key(), finding.message),
                    format!("{}; if it is not personal data, accept it: `accept: [{{ text: \"{}\", reason: … }}]`", finding.hint, finding.matched),
                ),
            }
        }
    }
    for (i, a) in case.accept.iter().enumerate() {
        if !used[i] {
            warnings.add(
                &root.key("accept").index(i).key("text"),
                format!("nothing in the text matches the accepted `{}`", a.text),
            );
        }
    }
    people(case, &texts, &mut gated, &mut warnings);

    let gate_severity = match (gate, case.status) {
        (Gate::Build { .. }, Status::Draft) => Severity::Warning,
        _ => Severity::Error,
    };
    let mut out = errors.into_problems(file, src);
    if matches!(gate, Gate::Strict | Gate::Build { pdf: true }) {
        out.extend(unprintable(case, &texts, file, src));
    }
    out.extend(gated.into_problems(file, src).into_iter().map(|mut p| {
        p.severity = gate_severity;
        p
    }));
    out.extend(
        warnings
            .into_problems(file, src)
            .into_iter()
            .map(Problem::warning),
    );
    out
}

/// The characters that no bundled font can draw, each at its place in the file: the PDF
/// would refuse them, so `check` does too.
fn unprintable(case: &Case, texts: &[(FieldPath, &str)], file: &Path, src: &str) -> Vec<Problem> {
    let fonts = match crate::render::pdf::Fonts::shared() {
        Ok(fonts) => fonts,
        Err(e) => return vec![Problem::error(file, e)],
    };
    let root = FieldPath::default();
    let header = [
        (root.key("authority"), case.authority.as_str()),
        (root.key("complainant"), case.complainant.as_str()),
        (root.key("category"), case.category.area.as_str()),
        (root.key("category"), case.category.subject.as_str()),
    ];
    let mut out = Vec::new();
    for (path, text) in header.iter().chain(texts) {
        let Some((_, ch)) = crate::render::pdf::first_unsupported(fonts, text) else {
            continue;
        };
        let mut p = Problem::error(
            file,
            format!(
                "no bundled font has {}, so the PDF cannot show it",
                crate::render::pdf::describe(ch)
            ),
        )
        .field(path.to_string())
        .hint("write it another way, or leave it out");
        if let Some((line, column, found)) = crate::case::locate(src, path) {
            let (line, column) = char_position(src, line, ch).unwrap_or((line, column));
            p = p.at(line, column).field(found.to_string());
        }
        out.push(p);
    }
    out
}

/// Line and column (from 1) of the first `ch` in `src` on or after line `from`.
fn char_position(src: &str, from: usize, ch: char) -> Option<(usize, usize)> {
    let start: usize = src.split_inclusive('\n').take(from - 1).map(str::len).sum();
    let at = start + src.get(start..)?.find(ch)?;
    let line = src[..at].matches('\n').count() + 1;
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    Some((line, src[line_start..at].chars().count() + 1))
}

/// A `TODO` left by `decisions new` (or by anyone) means the decision is not finished.
fn todo_marks(path: &FieldPath, text: &str, findings: &mut Findings) {
    if text.contains("TODO") {
        findings.add_hint(
            path,
            "unfinished: the text still has a TODO",
            "write the text and remove the TODO".to_string(),
        );
    }
}

/// The declared people: one letter each, never `A`, never one letter for two people; and
/// every titled letter in the text (`Mrs Y`) is one of them.
fn people(case: &Case, texts: &[(FieldPath, &str)], gated: &mut Findings, warnings: &mut Findings) {
    if case.people.is_empty() {
        return;
    }
    let root = FieldPath::default();
    let mut letters: HashMap<char, (usize, &str)> = HashMap::new();
    for (i, person) in case.people.iter().enumerate() {
        let path = root.key("people").index(i).key("name");
        let name = person.name.trim();
        let letter = name.rsplit(' ').next().unwrap_or(name);
        let mut chars = letter.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            gated.add_hint(
                &path,
                format!("`{name}` is not a letter"),
                "refer to people by a letter: `Mr X`, `Mrs Y`, or `B` for a child".to_string(),
            );
            continue;
        };
        if !c.is_ascii_uppercase() {
            gated.add_hint(
                &path,
                format!("`{name}` does not end in a capital letter"),
                "e.g. `Mr X`".to_string(),
            );
        } else if c == 'A' {
            gated.add_hint(
                &path,
                "the letter A is not used for a person",
                "it reads as the article “A”: choose another letter".to_string(),
            );
        } else if let Some((j, other)) = letters.get(&c) {
            gated.add_hint(
                &path,
                format!("the letter {c} is used for both `{other}` (people[{j}]) and `{name}`"),
                "give each person their own letter".to_string(),
            );
        } else {
            letters.insert(c, (i, name));
        }
    }
    for (path, text) in texts {
        for m in titled_letter().captures_iter(text) {
            let c = m[1].chars().next().unwrap_or('?');
            if c != 'A' && !letters.contains_key(&c) {
                warnings.add(
                    path,
                    format!("`{}` is not one of the people declared in `people`", &m[0]),
                );
            }
        }
    }
}

//! Checks on a case's words once it resolves: unfinished TODOs, and the anonymisation gate.
//!
//! The gate runs in `check` and `publish` as errors, and in `build` as errors for final
//! decisions and warnings for drafts. A finding that is not a breach (a care provider's name,
//! say) is accepted in the case file with `accept: [{ text, reason }]`, so the choice is
//! recorded, not silent.

use crate::case::{Case, FieldPath, Status};
use crate::lint::anonymise::{Linter, Rule};
use crate::office::{AnonymisationRule, LetterA};
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
}

/// "Mr X", "Resident B": one of the office's titles or labels, then a letter.
fn titled_letter(rules: &AnonymisationRule) -> &Regex {
    rules.titled.get_or_init(|| {
        let words: Vec<String> = rules
            .titles
            .iter()
            .map(|t| regex::escape(t.trim()))
            .chain(rules.labels.iter().filter_map(|l| {
                let head = l.split("{letter}").next()?.trim();
                (!head.is_empty()).then(|| regex::escape(head))
            }))
            .collect();
        // Every word is escaped, so the pattern is always valid.
        Regex::new(&format!(r"\b(?:{})\.? ([A-Z])\b", words.join("|"))).expect("escaped words")
    })
}

/// The problems in a case's words, each at its field.
pub fn review(
    case: &Case,
    file: &Path,
    src: &str,
    gate: Gate,
    rules: &AnonymisationRule,
) -> Vec<Problem> {
    let mut errors = Findings::default();
    let mut gated = Findings::default();
    let mut warnings = Findings::default();
    let mut warnings_at_words = Findings::default();
    let root = FieldPath::default();
    for category in &case.category {
        todo_marks(&root.key("category"), category, &mut errors);
    }
    let texts = case.texts();
    for (path, text) in &texts {
        todo_marks(path, text, &mut errors);
    }

    let (found_gated, found_warned, used) = scan(case, &texts, rules);
    for (i, a) in case.accept.iter().enumerate() {
        if !used[i] {
            warnings.add(
                &root.key("accept").index(i).key("text"),
                format!("nothing in the text matches the accepted `{}`", a.text),
            );
        }
    }
    people(case, &texts, rules, (&mut gated, &mut warnings));

    let gate_severity = match (gate, case.status) {
        (Gate::Build { .. }, Status::Draft) => Severity::Warning,
        _ => Severity::Error,
    };
    let mut out = errors.into_problems(file, src);
    if matches!(gate, Gate::Strict | Gate::Build { pdf: true }) {
        out.extend(unprintable(case, &texts, file, src));
    }
    let mut gated_at_words = Findings::default();
    let gated_words = at_words(found_gated, &mut gated_at_words);
    let mut gated = gated.into_problems(file, src);
    gated.extend(place_words(
        gated_at_words.into_problems(file, src),
        &gated_words,
        src,
    ));
    out.extend(gated.into_iter().map(|mut p| {
        p.severity = gate_severity;
        p
    }));
    let warned_words = at_words(found_warned, &mut warnings_at_words);
    out.extend(
        place_words(
            warnings_at_words.into_problems(file, src),
            &warned_words,
            src,
        )
        .into_iter()
        .map(Problem::warning),
    );
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
    let mut header = vec![
        (root.key("authority"), case.authority.as_str()),
        (root.key("complainant"), case.complainant.as_str()),
    ];
    header.extend(
        case.category
            .iter()
            .map(|c| (root.key("category"), c.as_str())),
    );
    for (key, values) in &case.facts {
        header.extend(
            values
                .iter()
                .map(|v| (root.key("facts").key(key), v.as_str())),
        );
    }
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

/// A finding of the lint, with where its words are, its message and its hint.
type Found = (AtWords, String, String);

/// The lint's findings in the case's texts: those the gate counts, those only warned of (a
/// declared letter A, where the office leaves it to the writer), and which `accept` entries
/// were used.
fn scan(
    case: &Case,
    texts: &[(FieldPath, &str)],
    rules: &AnonymisationRule,
) -> (Vec<Found>, Vec<Found>, Vec<bool>) {
    let mut used = vec![false; case.accept.len()];
    // Each with the words found, so that the problem points at them rather than at the start
    // of the field.
    let (mut gated, mut warned) = (Vec::new(), Vec::new());
    let a_declared = declares_letter_a(case);
    let declared = |name: &str| case.people.iter().any(|p| p.name.trim() == name);
    for (path, text) in texts {
        for finding in linter().scan(text) {
            let accepted = case
                .accept
                .iter()
                .position(|a| a.text.contains(finding.matched.as_str()));
            if let Some(i) = accepted {
                used[i] = true;
                continue;
            }
            let letter_a = finding.rule == Rule::LetterA;
            if letter_a && rules.letter_a == LetterA::Allow {
                continue;
            }
            let message = format!(
                "anonymisation ({}): {}",
                finding.rule.key(),
                finding.message
            );
            let hint = format!("{}; if it is not personal data, accept it: `accept: [{{ text: \"{}\", reason: … }}]`", finding.hint, finding.matched);
            let at = (
                path.clone(),
                text.to_string(),
                finding.start,
                finding.matched.clone(),
            );
            // "Mr A", "Child A" for a person the case declares: by default the writer's choice,
            // warned of once at the declaration rather than at every mention.
            if a_declared && letter_a && rules.letter_a == LetterA::WarnIfDeclared {
                if declared(finding.matched.trim()) {
                    continue;
                }
                let hint = "`A` is declared in `people`; it can read as the article “A”, so another letter is safer".to_string();
                warned.push((at, message, hint));
            } else {
                gated.push((at, message, hint));
            }
        }
    }
    (gated, warned, used)
}

/// The declared people: one letter each, never `A`, never one letter for two people; and
/// every titled letter in the text (`Mrs Y`) is one of them.
fn people(
    case: &Case,
    texts: &[(FieldPath, &str)],
    rules: &AnonymisationRule,
    (gated, warnings): (&mut Findings, &mut Findings),
) {
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
        } else if rules.family_letters && letters.get(&c).is_some_and(|(_, other)| *other != name) {
            // "Mr A" and his mother "Mrs A": one family, one letter, two titles.
        } else if c == 'A' && letters.contains_key(&c) {
            gated.add_hint(
                &path,
                "the letter A is used for two people",
                "give each person their own letter".to_string(),
            );
        } else if c == 'A' {
            // Published decisions do say "Mr A" and "Child A": the office's rule decides.
            match rules.letter_a {
                LetterA::Allow => {}
                LetterA::WarnIfDeclared => warnings.add_hint(
                    &path,
                    "the letter A can read as the article “A”",
                    "another letter is safer, but `A` may stay; its mentions are not warned of again"
                        .to_string(),
                ),
                LetterA::Refuse => gated.add_hint(
                    &path,
                    "the office does not refer to people by the letter A",
                    "use another letter".to_string(),
                ),
            }
            letters.insert(c, (i, name));
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
    let titled = titled_letter(rules);
    for (path, text) in texts {
        for m in titled.captures_iter(text) {
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

/// Whether a declared person goes by the letter A (`Mr A`, `Child A`, `A`).
fn declares_letter_a(case: &Case) -> bool {
    case.people
        .iter()
        .any(|p| p.name.trim().rsplit(' ').next() == Some("A"))
}

/// Where a finding's words are: the field, its text, the offset of the words in it, the words.
type AtWords = (FieldPath, String, usize, String);

/// Adds the findings to `findings` and returns where each one's words are, in the same order.
fn at_words(found: Vec<(AtWords, String, String)>, findings: &mut Findings) -> Vec<AtWords> {
    found
        .into_iter()
        .map(|(at, message, hint)| {
            findings.add_hint(&at.0, message, hint);
            at
        })
        .collect()
}

/// Moves each problem from the start of its field to the words found, where the source shows
/// them (in a folded or plain scalar the words may run over a line break).
fn place_words(problems: Vec<Problem>, words: &[AtWords], src: &str) -> Vec<Problem> {
    problems
        .into_iter()
        .zip(words)
        .map(|(p, (_, text, start, matched))| {
            let (Some(line), Some(column)) = (p.line, p.column) else {
                return p;
            };
            match words_position(src, (line, column), text, *start, matched) {
                Some((line, column)) => p.at(line, column),
                None => p,
            }
        })
        .collect()
}

/// Line and column of the `matched` words that start at byte `start` of `text`, the value of
/// a field that starts at `from` in `src`.
fn words_position(
    src: &str,
    from: (usize, usize),
    text: &str,
    start: usize,
    matched: &str,
) -> Option<(usize, usize)> {
    let pattern: Vec<String> = matched.split_whitespace().map(regex::escape).collect();
    let re = Regex::new(&pattern.join(r"\s+")).ok()?;
    let nth = re.find_iter(text).take_while(|m| m.start() < start).count();
    let line_start: usize = src
        .split_inclusive('\n')
        .take(from.0 - 1)
        .map(str::len)
        .sum();
    let field_start = line_start
        + src[line_start..]
            .char_indices()
            .nth(from.1 - 1)
            .map_or(0, |(i, _)| i);
    let at = field_start + re.find_iter(&src[field_start..]).nth(nth)?.start();
    let line = src[..at].matches('\n').count() + 1;
    let line_begin = src[..at].rfind('\n').map_or(0, |i| i + 1);
    Some((line, src[line_begin..at].chars().count() + 1))
}

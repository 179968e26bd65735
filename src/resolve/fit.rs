//! A paragraph of a case's own words fitted to the library: the library paragraphs that share
//! most of its words are written with each choice the words show and with their free
//! parameters read off the words, and the simplest that gives the same words is named.

use super::library::{collapse, same_words, COMPLAINANT};
use super::text::Writer;
use crate::case::FieldPath;
use crate::templates::{LibraryWords, StandardParagraph, YesWords};
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};

type With = BTreeMap<String, Value>;

/// The most ways of writing one library paragraph that are tried: a paragraph with more
/// choices than this, none of them settled by the words, is passed over.
const MOST_TRIES: usize = 2048;
/// The share of the words of some way of writing a library paragraph that a case's words must
/// hold, or of the case's words that it must, for that paragraph to be tried.
const SHARED: usize = 60;
/// The longest value of a free parameter read off a case's words: a name, a body, a detail.
const LONGEST_VALUE: usize = 120;

/// What one parameter is tried with.
#[derive(Clone)]
enum Pick {
    /// Left out, for its default.
    Default,
    Value(Value),
    /// Read off the words.
    Hole,
}

impl Writer<'_> {
    /// The simplest library paragraph (key and the parameters it needs) that writes `words`
    /// (as `collapse` gives them, quotes as written, the complainant written
    /// [`COMPLAINANT`]), preferring one that sets out the list the words set out (`listed`),
    /// paragraphs of `section` and whole paragraphs to sentences. `self` writes for a
    /// complainant written [`COMPLAINANT`]; values read off the words name `complainant`.
    pub(super) fn fit(
        &mut self,
        words: &str,
        (section, complainant, listed): (&str, &str, bool),
        library: &LibraryWords,
    ) -> Option<(String, With)> {
        let own = word_set(words);
        let keys: BTreeSet<&str> = library
            .vocabulary
            .iter()
            .filter(|w| shares(&w.words, &own))
            .map(|w| w.key.as_str())
            .collect();
        let mut best: Option<((bool, usize, usize), &str, With)> = None;
        for key in keys {
            let Some(sp) = self.t.paragraphs.get(key) else {
                continue;
            };
            let yes = library.yes.get(key);
            let Some((with, run_in)) = self.fit_one(key, (sp, yes), words, (complainant, listed))
            else {
                continue;
            };
            let elsewhere = sp.section.as_deref().is_some_and(|s| s != section);
            let stated = with.len() + usize::from(sp.sentence) + 10 * usize::from(elsewhere);
            // Of two as simple, the one that reads fewer words off the case's own.
            let cost = (run_in, stated, read_off(&with));
            if best.as_ref().map_or(true, |(c, _, _)| cost < *c) {
                best = Some((cost, key, with));
            }
        }
        best.map(|(_, key, with)| (key.to_string(), with))
    }

    /// The fewest parameters that make `key` write `words`, if any do, and whether it then
    /// runs into its text a list that the words set out (`listed`): the ways of writing it are
    /// tried with no parameter changed from its first pick, then one, then two, … A way that
    /// runs the list in is taken only where none that sets it out is found with one parameter
    /// more. Words that run a list in may be written either way, as copies of a decision
    /// run in the lists the decision sets out.
    fn fit_one(
        &mut self,
        key: &str,
        (sp, yes): (&StandardParagraph, Option<&YesWords>),
        words: &str,
        (complainant, listed): (&str, bool),
    ) -> Option<(With, bool)> {
        let options = options(sp, yes, &straighten(words))?;
        let mut tries = 0;
        let mut run_in: Option<(With, usize)> = None;
        for changed in 0..=options.len() {
            if run_in.as_ref().is_some_and(|(_, at)| changed > at + 1) {
                break;
            }
            let mut best: Option<With> = None;
            for picks in ways(&options, changed) {
                tries += 1;
                if tries > MOST_TRIES {
                    return run_in.map(|(with, _)| (with, true));
                }
                let Some((with, shown)) = self.try_way(key, &options, &picks, words, complainant)
                else {
                    continue;
                };
                if listed && !super::library::listed(&shown) {
                    if run_in.as_ref().map_or(true, |(r, _)| with.len() < r.len()) {
                        run_in = Some((with, changed));
                    }
                } else if best.as_ref().map_or(true, |b| simpler(&with, b)) {
                    best = Some(with);
                }
            }
            if let Some(with) = best {
                return Some((with, false));
            }
        }
        run_in.map(|(with, _)| (with, true))
    }

    /// The parameters of one way of writing `key` that give `words`, free ones read off them,
    /// and the paragraph they write.
    fn try_way(
        &mut self,
        key: &str,
        options: &[(String, Vec<Pick>)],
        picks: &[usize],
        words: &str,
        complainant: &str,
    ) -> Option<(With, String)> {
        let (mut with, holes) = pick(options, picks);
        let shown = self.quietly(key, &with)?;
        let sp = self.t.paragraphs.get(key)?;
        let leads: Vec<Vec<String>> = holes.iter().map(|h| leads(&known_values(sp, h))).collect();
        let values = read_holes(&collapse(&shown), words, &leads)?;
        for (name, value) in holes.iter().zip(values) {
            let value = value.map(|v| v.replace(COMPLAINANT, complainant));
            match value {
                Some(v)
                    if like_the_library(&v, &known_values(sp, name))
                        && !sp.never_holds(name, &v) =>
                {
                    with.insert(name.clone(), Value::String(v))
                }
                Some(_) => return None,
                // Not shown in these words: left out, for its default.
                None => with.remove(name),
            };
        }
        // Read back through the template, the values must give the same words.
        let written = self.quietly(key, &with)?;
        let shown = same_words(&written);
        let same = shown.replace(&same_words(complainant), COMPLAINANT) == straighten(words);
        same.then_some((with, written))
    }

    /// The paragraph written with `with`, any problem with the parameters set aside.
    fn quietly(&mut self, key: &str, with: &With) -> Option<String> {
        self.standard(&FieldPath::default(), with, key)
    }
}

/// Each parameter with what it is tried with, its first pick first: a choice only where its
/// words are in `words` (where a long one is, that one alone), a list of choices as they stand
/// in `words`, yes only where the words it writes (`yes`) are there, free text read off them.
/// `None` where a parameter the case must give cannot be.
fn options(
    sp: &StandardParagraph,
    yes: Option<&YesWords>,
    words: &str,
) -> Option<Vec<(String, Vec<Pick>)>> {
    let mut out = Vec::new();
    for (name, default) in &sp.params {
        let picks = match (sp.choices.get(name), default) {
            (Some(choices), None) | (Some(choices), Some(Value::Sequence(_))) => {
                let found = choices_in(choices, words);
                let found = (!found.is_empty()).then(|| Pick::Value(Value::Sequence(found)));
                default.iter().map(|_| Pick::Default).chain(found).collect()
            }
            (Some(choices), Some(default)) => one_of(choices, default.as_str(), words),
            (None, Some(Value::Bool(false))) => yes_or_no(yes.and_then(|y| y.get(name)), words),
            (None, Some(Value::Bool(true))) => vec![Pick::Default, Pick::Value(Value::Bool(false))],
            (None, Some(Value::String(_))) => vec![Pick::Default, Pick::Hole],
            (None, None) => vec![Pick::Hole],
            (None, Some(_)) => vec![Pick::Default],
        };
        if picks.is_empty() {
            return None;
        }
        out.push((name.clone(), picks));
    }
    Some(out)
}

/// What a yes-or-no parameter that is no by default is tried with: yes too, unless the words
/// it writes when yes are not in `words`.
fn yes_or_no(yes: Option<&String>, words: &str) -> Vec<Pick> {
    match yes {
        Some(yes) if !words.contains(yes.as_str()) => vec![Pick::Default],
        _ => vec![Pick::Default, Pick::Value(Value::Bool(true))],
    }
}

/// Wording at least this long settles a choice where it stands in the words.
const DECISIVE: usize = 12;

/// What a choice of one wording is tried with: the longest long wording that stands in
/// `words` alone; otherwise the default (unless its long wording is missing) and each short or
/// empty wording that stands there.
fn one_of(choices: &BTreeMap<String, String>, default: Option<&str>, words: &str) -> Vec<Pick> {
    let pick = |choice: &str| match default == Some(choice) {
        true => Pick::Default,
        false => Pick::Value(Value::String(choice.to_string())),
    };
    let wordings: Vec<(&String, String)> =
        choices.iter().map(|(c, w)| (c, same_words(w))).collect();
    let decisive = wordings
        .iter()
        .filter(|(_, w)| w.chars().count() >= DECISIVE && words.contains(w.as_str()))
        .max_by_key(|(_, w)| w.len());
    if let Some((choice, long)) = decisive {
        // A wording that the decisive one only punctuates ("… we decide" and "… we decide:")
        // is tried too: the paragraph may set the mark itself, before a list.
        let punctuated = wordings.iter().filter(|(_, w)| {
            long.strip_prefix(w.as_str()).is_some_and(|rest| {
                !rest.is_empty() && rest.chars().all(|c| c.is_ascii_punctuation())
            })
        });
        return std::iter::once(pick(choice))
            .chain(punctuated.map(|(c, _)| pick(c)))
            .collect();
    }
    let mut picks = Vec::new();
    let default_missing = wordings
        .iter()
        .any(|(c, w)| default == Some(c.as_str()) && w.chars().count() >= DECISIVE);
    if !default_missing {
        picks.push(Pick::Default);
    }
    for (choice, wording) in &wordings {
        let short = wording.chars().count() < DECISIVE;
        if short && default != Some(choice.as_str()) && words.contains(wording.as_str()) {
            picks.push(pick(choice));
        }
    }
    picks
}

/// The ways of writing a paragraph with exactly `changed` parameters off their first pick:
/// for each parameter, the index of its pick.
fn ways(options: &[(String, Vec<Pick>)], changed: usize) -> Vec<Vec<usize>> {
    fn walk(
        options: &[(String, Vec<Pick>)],
        left: usize,
        way: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        let Some((_, picks)) = options.get(way.len()) else {
            if left == 0 {
                out.push(way.clone());
            }
            return;
        };
        let remaining = options.len() - way.len();
        if left > remaining || out.len() > MOST_TRIES {
            return;
        }
        for (i, _) in picks.iter().enumerate() {
            let cost = usize::from(i > 0);
            if cost <= left {
                way.push(i);
                walk(options, left - cost, way, out);
                way.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(options, changed, &mut Vec::new(), &mut out);
    out
}

/// One way of writing the paragraph: its parameters, and the names of those to be read off
/// the words, each standing in the parameters as its [`hole`] mark.
fn pick(options: &[(String, Vec<Pick>)], way: &[usize]) -> (With, Vec<String>) {
    let (mut with, mut holes) = (With::new(), Vec::new());
    for ((name, picks), &i) in options.iter().zip(way) {
        match &picks[i] {
            Pick::Default => {}
            Pick::Value(v) => {
                with.insert(name.clone(), v.clone());
            }
            Pick::Hole => {
                with.insert(name.clone(), Value::String(hole(holes.len()).to_string()));
                holes.push(name.clone());
            }
        }
    }
    (with, holes)
}

/// Whether `a` asks for fewer parameters than `b`, or as many holding less text: of "who:
/// Both Mr X" and "both: true", the choice the library offers.
fn simpler(a: &With, b: &With) -> bool {
    (a.len(), read_off(a)) < (b.len(), read_off(b))
}

/// How many characters of text the parameters hold.
fn read_off(with: &With) -> usize {
    with.values().filter_map(Value::as_str).map(str::len).sum()
}

/// The mark standing for the `i`th free parameter while it is read off the words.
fn hole(i: usize) -> char {
    char::from_u32(0xE100 + i as u32).unwrap_or('\u{E100}')
}

/// The choices whose words stand in `words`, in the order they stand there; where two
/// overlap, the one that starts first and then the longer.
fn choices_in(choices: &BTreeMap<String, String>, words: &str) -> Vec<Value> {
    let mut found = Vec::new();
    for (key, wording) in choices {
        let wording = same_words(wording);
        if wording.is_empty() {
            continue;
        }
        for (at, _) in words.match_indices(&wording) {
            found.push((at, at + wording.len(), key));
        }
    }
    found.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut out = Vec::new();
    let mut reached = 0;
    for (start, end, key) in found {
        if start >= reached {
            out.push(Value::String(key.clone()));
            reached = end;
        }
    }
    out
}

/// The values of the `holes` free parameters that make `shown` (a paragraph written with
/// their [`hole`] marks) read as `words`; a parameter that stands twice has one value.
fn read_holes(shown: &str, words: &str, leads: &[Vec<String>]) -> Option<Vec<Option<String>>> {
    let holes = leads.len();
    let mut parts = Vec::new();
    let mut literal = String::new();
    for c in shown.chars() {
        match (0..holes).find(|&i| hole(i) == c) {
            Some(i) => {
                // Right after a word, as "{{ body }}{{ detail }}" is: the value starts a word
                // of its own, never the rest of that one ("the Council’s procedure").
                let glued = literal.ends_with(char::is_alphanumeric);
                parts.push(Part::Literal(std::mem::take(&mut literal)));
                parts.push(Part::Hole(i, glued));
            }
            None => literal.push(c),
        }
    }
    parts.push(Part::Literal(literal));
    let mut values = vec![None; holes];
    fill(&parts, words, &mut values, leads).then_some(values)
}

enum Part {
    Literal(String),
    /// A parameter, and whether a word of the paragraph stands right before it.
    Hole(usize, bool),
}

/// Whether `parts` can read as `words`, each hole's value set in `values`: each hole is
/// tried with each place where the words go on as the literal after it.
fn fill(parts: &[Part], words: &str, values: &mut [Option<String>], leads: &[Vec<String>]) -> bool {
    match parts.split_first() {
        None => words.is_empty(),
        Some((Part::Literal(l), rest)) => {
            strip_loosely(words, l).is_some_and(|w| fill(rest, w, values, leads))
        }
        Some((Part::Hole(i, glued), rest)) => {
            if let Some(v) = values[*i].clone() {
                return strip_loosely(words, &v).is_some_and(|w| fill(rest, w, values, leads));
            }
            let next = match rest.first() {
                Some(Part::Literal(l)) => l.as_str(),
                _ => return false,
            };
            let ends: Vec<usize> = if next.is_empty() && rest.len() == 1 {
                vec![words.len()]
            } else if next.is_empty() {
                // Two holes side by side could split the words anywhere: the first is read
                // only as the complainant, or up to where the second starts as the library's
                // values of it start ("by Mr X, including …").
                let second = match rest.get(1) {
                    Some(Part::Hole(j, _)) => leads[*j].as_slice(),
                    _ => &[],
                };
                let mut ends: Vec<usize> = (1..words.len())
                    .filter(|&at| words.is_char_boundary(at))
                    .filter(|&at| {
                        second
                            .iter()
                            .any(|l| strip_loosely(&words[at..], l).is_some())
                    })
                    .collect();
                if words.starts_with(COMPLAINANT) {
                    ends.insert(0, COMPLAINANT.len());
                }
                ends
            } else {
                (0..words.len())
                    .filter(|&at| words.is_char_boundary(at))
                    .filter(|&at| strip_loosely(&words[at..], next).is_some())
                    .collect()
            };
            for end in ends {
                let value = &words[..end];
                if !a_value(value) || (*glued && goes_on_a_word(value)) {
                    continue;
                }
                values[*i] = Some(value.to_string());
                if fill(rest, &words[end..], values, leads) {
                    return true;
                }
                values[*i] = None;
            }
            false
        }
    }
}

/// Whether text goes on the word before it: a letter or digit, or an apostrophe and one ("’s").
fn goes_on_a_word(value: &str) -> bool {
    let mut chars = value.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('’' | '\'') => chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// `words` after `start`, where they start with it, straight and curly quotes alike.
fn strip_loosely<'a>(words: &'a str, start: &str) -> Option<&'a str> {
    let mut rest = words.chars();
    for want in start.chars() {
        if straight(rest.next()?) != straight(want) {
            return None;
        }
    }
    Some(rest.as_str())
}

/// A quote as `same_words` writes it.
fn straight(c: char) -> char {
    match c {
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        c => c,
    }
}

/// Text with its quotes as `same_words` writes them.
pub(super) fn straighten(text: &str) -> String {
    text.chars().map(straight).collect()
}

/// The values the library gives a free parameter: its default and its example's.
fn known_values<'a>(sp: &'a StandardParagraph, name: &str) -> Vec<&'a str> {
    let default = sp.params.get(name).and_then(|d| d.as_ref()?.as_str());
    let example = sp.example.as_ref().and_then(|e| e.get(name)?.as_str());
    default
        .into_iter()
        .chain(example)
        .filter(|v| !v.is_empty())
        .collect()
}

/// How the library's values of a parameter start, up to their first word (", including"),
/// with and without a leading comma: where a value of it may begin.
fn leads(known: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for value in known {
        let Some(word) = value.find(char::is_alphanumeric) else {
            continue;
        };
        let end = value[word..].find(' ').map_or(value.len(), |e| word + e);
        let lead = &value[..end];
        if word > 0 {
            out.push(lead.to_string());
            if let Some(bare) = lead.strip_prefix(',') {
                out.push(bare.to_string());
            }
        }
    }
    out
}

/// Whether a value read off the words is of the kind the library gives the parameter, so that
/// a parameter never swallows words of the paragraph around it: brackets closed, a citation in
/// brackets where the library's values are, no more than twice as long or as many words as the
/// longest of them, and no comma where they have none.
fn like_the_library(value: &str, known: &[&str]) -> bool {
    let longest = known.iter().map(|k| k.chars().count()).max().unwrap_or(0);
    let most_words = known
        .iter()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(0);
    let cited = !known.is_empty() && known.iter().all(|k| k.starts_with('(') && k.ends_with(')'));
    // A full stop after the closing bracket is as published ("… 34(B)).").
    let in_brackets = value.starts_with('(') && (value.ends_with(')') || value.ends_with(")."));
    value.matches('(').count() == value.matches(')').count()
        && value.chars().count() <= (2 * longest).max(40)
        && value.split(' ').count() <= (2 * most_words).max(3)
        && (known.iter().any(|k| k.contains(',')) || !value.contains(','))
        && (!cited || in_brackets)
}

/// Whether text read off the words can be a parameter's value: a name or a detail, never a
/// sentence of its own, which would let any paragraph "fit".
fn a_value(value: &str) -> bool {
    !value.is_empty()
        && value.chars().count() <= LONGEST_VALUE
        && value.trim() == value
        && !value.contains(". ")
        && !(value.starts_with(char::is_uppercase) && value.ends_with('.'))
}

/// The words of a text, lower case, for finding library paragraphs that share them.
pub(super) fn word_set(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `own` holds at least [`SHARED`] per cent of `seen`, or `seen` that much of `own`
/// (a paragraph written with few of its parts).
pub(super) fn shares(seen: &HashSet<String>, own: &HashSet<String>) -> bool {
    let both = seen.intersection(own).count();
    !seen.is_empty() && 100 * both >= SHARED * seen.len().min(own.len())
}

#[cfg(test)]
mod tests {
    use super::{options, COMPLAINANT};
    use crate::resolve::yes::yes_words;
    use crate::templates::Templates;

    #[test]
    fn yes_is_tried_only_where_the_words_it_writes_are() {
        let t = Templates::load(None).unwrap();
        let sp = &t.paragraphs["information-and-assessment-code"];
        let tried = |words: &str| {
            let options = options(sp, Some(&yes_words(sp)), words).unwrap();
            let (_, picks) = options.into_iter().find(|(n, _)| n == "the").unwrap();
            picks.len()
        };
        let plain = format!("I considered information provided by {COMPLAINANT} and the Ombudsman's Assessment Code.");
        assert_eq!(tried(&plain), 1);
        let the = plain.replace("considered information", "considered the information");
        assert_eq!(tried(&the), 2);
    }
}

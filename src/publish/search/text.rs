//! Words of a decision as the search index keeps them: the Markdown's plain text, cut into
//! words by Unicode's rules (`segment`), lower-cased and stemmed (Snowball's stemmer of the
//! library's language, `rust-stemmers`), and the pairs and triples of adjacent stems that
//! phrases are matched on.

use pulldown_cmark::{Event, Parser};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use std::hash::BuildHasher;
// A decision's keys are hashed several times over: foldhash does it several times faster
// than the standard library's SipHash, and hashbrown's sets add a key not yet held with one
// lookup where the standard library's take two.
use foldhash::HashMap;
use hashbrown::HashSet;

/// The plain text of a Markdown document: its text, with a space for each break and block;
/// the YAML front matter (the same facts for machines) left out.
pub fn plain_text(markdown: &str) -> String {
    let body = markdown
        .strip_prefix("---\n")
        .and_then(|rest| Some(&rest[rest.find("\n---\n")? + 5..]))
        .unwrap_or(markdown);
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(body) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of `text` as typed, lower-cased, curly apostrophes made straight.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    super::segment::words(text).map(normalise)
}

/// One word as the index keys it before stemming.
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_normalised(&mut out, word);
    out
}

/// `word` lower-cased, curly apostrophes made straight, added to `out`.
fn push_normalised(out: &mut String, word: &str) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    out.extend(word.chars().flat_map(char::to_lowercase).map(|c| {
        if c == '\u{2019}' {
            '\''
        } else {
            c
        }
    }));
}

/// The stemmer of the library's language, made once per thread of work; none for a language
/// Snowball has no stemmer for (Welsh among them), whose words are then matched as written.
pub struct Stems {
    stemmer: Option<Stemmer>,
    /// The language subtag stemmed, which names this stemmer's stems in the cache.
    tag: &'static str,
}

/// Words in a library recur from decision to decision: each thread keeps the stems it has
/// made, up to this many words, for whichever stemmer it last used.
const CACHED_STEMS: usize = 20_000;

thread_local! {
    static STEM_CACHE: std::cell::RefCell<(&'static str, HashMap<String, String>)> =
        std::cell::RefCell::new(("", HashMap::default()));
}

/// Snowball's stemmers by the primary language subtag they stem.
const STEMMERS: [(&str, Algorithm); 18] = [
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("en", Algorithm::English),
    ("es", Algorithm::Spanish),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nb", Algorithm::Norwegian),
    ("nl", Algorithm::Dutch),
    ("no", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("sv", Algorithm::Swedish),
    ("tr", Algorithm::Turkish),
];

impl Stems {
    /// The stemmer for the language tag `lang` (`en-GB`, `cy`).
    pub fn for_lang(lang: &str) -> Stems {
        match stemmer_of(lang) {
            Some((tag, algorithm)) => Stems {
                stemmer: Some(Stemmer::create(algorithm)),
                tag,
            },
            None => Stems {
                stemmer: None,
                tag: "none",
            },
        }
    }

    /// The stem of a normalised word: "complained" and "complains" give "complain".
    pub fn stem(&self, word: &str) -> String {
        let Some(stemmer) = &self.stemmer else {
            return word.to_string();
        };
        STEM_CACHE.with(|cache| {
            let (tag, stems) = &mut *cache.borrow_mut();
            if *tag != self.tag || stems.len() >= CACHED_STEMS {
                *tag = self.tag;
                stems.clear();
            }
            if let Some(stem) = stems.get(word) {
                return stem.clone();
            }
            let stem = stemmer.stem(word).into_owned();
            stems.insert(word.to_string(), stem.clone());
            stem
        })
    }

    /// The stems of `text` in order, for phrases and for the checks.
    pub fn stems(&self, text: &str) -> Vec<String> {
        words(text).map(|w| self.stem(&w)).collect()
    }
}

/// What one decision adds to the index: each distinct stem, pair of adjacent stems
/// (`"stem stem"`) and triple of them (`"stem stem stem"`), where each triple stands, and
/// each word as typed whose stem differs from it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Terms {
    /// Stems and pairs, the keys that hold postings with their triples.
    pub keys: HashSet<String>,
    /// The distinct triples, in the order they first stand in the text.
    pub triples: Vec<String>,
    /// (index in `triples`, place of its first word in the text counted in words), in that
    /// order: what a phrase of more than three words is checked against.
    pub places: Vec<(u32, u32)>,
    /// Word as typed -> its stem, where they differ.
    pub aliases: BTreeMap<String, String>,
    /// The stems of the text, each word's in turn, as indexes into `stems`.
    pub sequence: Vec<u32>,
    /// The stems `sequence` points into.
    pub stems: Vec<String>,
}

impl Terms {
    pub fn of(text: &str, stems: &Stems) -> Terms {
        let mut terms = Terms::default();
        // A decision repeats its words: each distinct one is stemmed once, and a key is made
        // in one reused buffer and copied only when it is new.
        let mut known: HashMap<String, usize> = HashMap::default();
        // Triples are held once, in `terms.triples`; the table finds one's index by its hash.
        let mut triples: hashbrown::HashTable<u32> = hashbrown::HashTable::new();
        let hasher = foldhash::fast::FixedState::default();
        let (mut word, mut key) = (String::new(), String::new());
        // The two stems before this one, the nearer last.
        let mut before: [Option<usize>; 2] = [None, None];
        for raw in super::segment::words(text) {
            word.clear();
            push_normalised(&mut word, raw);
            let at = match known.get(word.as_str()) {
                Some(&at) => at,
                None => {
                    let stem = stems.stem(&word);
                    if stem != word {
                        terms.aliases.insert(word.clone(), stem.clone());
                    }
                    known.insert(word.clone(), terms.stems.len());
                    terms.stems.push(stem);
                    terms.stems.len() - 1
                }
            };
            let place = terms.sequence.len() as u32;
            terms.sequence.push(at as u32);
            let stem = terms.stems[at].as_str();
            add(&mut terms.keys, stem);
            if let Some(b) = before[1] {
                key.clear();
                key.push_str(&terms.stems[b]);
                key.push(' ');
                key.push_str(stem);
                add(&mut terms.keys, &key);
                if let Some(a) = before[0] {
                    key.insert(0, ' ');
                    key.insert_str(0, &terms.stems[a]);
                    let hash = hasher.hash_one(key.as_str());
                    let held = &terms.triples;
                    let i = match triples.find(hash, |&i| held[i as usize] == key) {
                        Some(&i) => i,
                        None => {
                            let i = terms.triples.len() as u32;
                            terms.triples.push(key.clone());
                            let held = &terms.triples;
                            triples.insert_unique(hash, i, |&j| {
                                hasher.hash_one(held[j as usize].as_str())
                            });
                            i
                        }
                    };
                    terms.places.push((i, place - 2));
                }
            }
            before = [before[1], Some(at)];
        }
        terms.places.sort_unstable();
        terms
    }

    /// Every key with postings: stems, pairs and triples.
    pub fn all_keys(&self) -> HashSet<&str> {
        self.keys
            .iter()
            .chain(&self.triples)
            .map(String::as_str)
            .collect()
    }
}

fn add(keys: &mut HashSet<String>, key: &str) {
    keys.get_or_insert_with(key, str::to_string);
}

/// The key of two adjacent stems (or of a stem and the pair after it: a triple). Words hold
/// no space, so it cannot clash with a word, nor a pair with a triple.
pub fn pair(a: &str, b: &str) -> String {
    let mut key = String::with_capacity(a.len() + b.len() + 1);
    key.push_str(a);
    key.push(' ');
    key.push_str(b);
    key
}

/// The subtag and stemmer for `lang`, if Snowball has one.
fn stemmer_of(lang: &str) -> Option<(&'static str, Algorithm)> {
    let primary = lang.split(['-', '_']).next()?.to_ascii_lowercase();
    STEMMERS.iter().copied().find(|(tag, _)| *tag == primary)
}

/// What the index's `meta.json` records as its stemming: the subtag stemmed, or `none`. An
/// index stemmed otherwise is built again, not updated.
pub fn stemming(lang: &str) -> &'static str {
    stemmer_of(lang).map_or("none", |(tag, _)| tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cut_lowered_and_apostrophes_straightened() {
        let w: Vec<String> = words("Mr X’s complaint: the Council (21 016 384) – £300.").collect();
        assert_eq!(
            w,
            [
                "mr",
                "x's",
                "complaint",
                "the",
                "council",
                "21",
                "016",
                "384",
                "300"
            ]
        );
    }

    #[test]
    fn forms_of_a_word_share_a_stem() {
        let s = Stems::for_lang("en");
        assert_eq!(s.stem("complained"), s.stem("complains"));
        assert_eq!(s.stem("complained"), "complain");
        assert_eq!(s.stem("investigating"), s.stem("investigated"));
        assert_ne!(s.stem("council"), s.stem("counsel"));
    }

    #[test]
    fn terms_hold_stems_pairs_and_aliases() {
        let t = Terms::of(
            "Mrs Y complained. The Council complains",
            &Stems::for_lang("en"),
        );
        assert!(t.keys.contains("complain"));
        assert!(t.keys.contains("y complain"));
        assert!(
            t.keys.contains("complain the"),
            "pairs run across sentences"
        );
        assert!(t.keys.contains("council complain"));
        let triple = |k: &str| t.triples.iter().any(|x| x == k);
        assert!(triple("y complain the"));
        assert!(triple("the council complain"));
        assert!(!triple("mrs complain the"));
        // Each triple where it stands: "y complain the" from the second word, "the council
        // complain" from the fourth.
        let at = |k: &str| t.triples.iter().position(|x| x == k).unwrap() as u32;
        assert!(t.places.contains(&(at("y complain the"), 1)));
        assert!(t.places.contains(&(at("the council complain"), 3)));
        assert_eq!(t.places.len(), 4);
        assert_eq!(t.sequence.len(), 6);
        assert_eq!(
            t.aliases.get("complained").map(String::as_str),
            Some("complain")
        );
        assert!(!t.aliases.contains_key("council"));
    }

    #[test]
    fn plain_text_keeps_headings_and_lists_apart() {
        let md = "---\ntitle: \"x\"\nstatus: final\n---\n\n# Leeds City Council (21 016 384)\n\nCategory : Housing\n\n1. First\n2. Second\n";
        assert_eq!(
            plain_text(md),
            "Leeds City Council (21 016 384) Category : Housing First Second"
        );
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    #[test]
    fn each_language_is_stemmed_by_its_own_stemmer_or_not_at_all() {
        assert_eq!(Stems::for_lang("en-GB").stem("complained"), "complain");
        assert_eq!(Stems::for_lang("fr").stem("plaintes"), "plaint");
        // No Snowball stemmer for Welsh: a word is its own key.
        assert_eq!(Stems::for_lang("cy").stem("cwynion"), "cwynion");
        assert_eq!(Stems::for_lang("cy").stem("complained"), "complained");
        assert_eq!(
            (stemming("en-GB"), stemming("cy"), stemming("NB-no")),
            ("en", "none", "nb")
        );
    }
}

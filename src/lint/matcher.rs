//! Runs the lint's patterns: as the DFAs that `build.rs` compiled, which load in microseconds,
//! or, for a pattern whose DFA will not load (a machine of another byte order), compiled from
//! its text at run time, which takes milliseconds.

use std::ops::Range;

use regex_automata::dfa::{dense, regex::Regex as DfaRegex};
use regex_automata::Input;

use super::patterns::Pattern;

/// Bytes aligned for a DFA, which is read in place as 32-bit words.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

// Defines `COMPILED` (every DFA, one after another) and `RANGES` (where each pattern's forward
// and reverse DFA lie in it, in the order of `Pattern::ALL`).
include!(concat!(env!("OUT_DIR"), "/lint_dfas.rs"));

/// One pattern, ready to search.
pub(crate) enum Matcher {
    Dfa(Box<DfaRegex<dense::DFA<&'static [u32]>>>),
    Compiled(regex::Regex),
}

impl Matcher {
    pub(crate) fn new(pattern: Pattern) -> Matcher {
        match precompiled(pattern) {
            Some(dfa) => Matcher::Dfa(Box::new(dfa)),
            None => Matcher::compile(pattern),
        }
    }

    /// The pattern compiled from its text, as when its DFA will not load.
    pub(crate) fn compile(pattern: Pattern) -> Matcher {
        // The patterns are constants; the tests compile every one of them.
        let regex = regex::Regex::new(&pattern.regex())
            .unwrap_or_else(|e| panic!("built-in lint pattern {} is invalid: {e}", pattern.name()));
        Matcher::Compiled(regex)
    }

    #[cfg(test)]
    pub(crate) fn is_precompiled(&self) -> bool {
        matches!(self, Matcher::Dfa(_))
    }

    /// The leftmost match starting at or after byte `at`; what lies before `at` still counts
    /// for word boundaries.
    pub(crate) fn find_at(&self, text: &str, at: usize) -> Option<Range<usize>> {
        if at > text.len() {
            return None;
        }
        match self {
            // A dense DFA without quit bytes (none is configured) cannot fail to search.
            Matcher::Dfa(re) => re
                .try_search(&Input::new(text).range(at..))
                .ok()
                .flatten()
                .map(|m| m.range()),
            Matcher::Compiled(re) => re.find_at(text, at).map(|m| m.range()),
        }
    }

    /// Every match in `text`, left to right, none overlapping.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut at = Some(0);
        std::iter::from_fn(move || {
            let found = self.find_at(text, at?)?;
            // No pattern matches empty text, but a search must move on even if one did.
            at = match found.is_empty() {
                true => text[found.end..]
                    .chars()
                    .next()
                    .map(|c| found.end + c.len_utf8()),
                false => Some(found.end),
            };
            Some(found)
        })
    }
}

fn precompiled(pattern: Pattern) -> Option<DfaRegex<dense::DFA<&'static [u32]>>> {
    let index = Pattern::ALL.iter().position(|&p| p == pattern)?;
    let (forward, reverse) = RANGES.get(index)?.clone();
    let (forward, _) = dense::DFA::from_bytes(COMPILED.bytes.get(forward)?).ok()?;
    let (reverse, _) = dense::DFA::from_bytes(COMPILED.bytes.get(reverse)?).ok()?;
    Some(DfaRegex::builder().build_from_dfas(forward, reverse))
}

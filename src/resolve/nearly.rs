//! A paragraph of a case's own words that is a library paragraph but for a word or two: the
//! nearest way the library writes it, and where the two differ, word by word.

use super::fit::{shares, straighten, word_set};
use crate::templates::Written;

/// The most words that may differ for a paragraph to be "nearly" the library's.
const MOST_CHANGES: usize = 3;
/// Changed words may be at most one in this many of the library paragraph's.
const ONE_IN: usize = 10;

/// Where a case's words and the library's part: the key, and the first stretch that differs
/// (the case's words, the library's), with how many words differ in all.
pub(super) struct Nearly {
    pub key: String,
    pub own: String,
    pub library: String,
    pub changes: usize,
}

/// The library paragraph that `words` (spaces collapsed, the complainant a placeholder) are
/// but for a few words, if any.
pub(super) fn nearest(words: &str, vocabulary: &[Written]) -> Option<Nearly> {
    let words = straighten(words);
    let own: Vec<&str> = words.split(' ').collect();
    let own_set = word_set(&words);
    let mut best: Option<(usize, &Written, Vec<Step>)> = None;
    for written in vocabulary.iter().filter(|w| shares(&w.words, &own_set)) {
        let library: Vec<&str> = written.text.split(' ').collect();
        let most = MOST_CHANGES.min(library.len() / ONE_IN);
        // Lengths that differ by more than may change cannot be near.
        if most == 0 || own.len().abs_diff(library.len()) > most {
            continue;
        }
        let steps = align(&own, &library);
        let changes = steps.iter().filter(|s| **s != Step::Same).count();
        if changes == 0 || changes > most {
            continue;
        }
        if best.as_ref().map_or(true, |(c, _, _)| changes < *c) {
            best = Some((changes, written, steps));
        }
    }
    let (changes, written, steps) = best?;
    let library: Vec<&str> = written.text.split(' ').collect();
    let (own_part, library_part) = first_difference(&own, &library, &steps);
    Some(Nearly {
        key: written.key.clone(),
        own: own_part,
        library: library_part,
        changes,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step {
    Same,
    /// A word of the case's in place of one of the library's.
    Changed,
    /// A word of the case's the library lacks.
    Added,
    /// A word of the library's the case lacks.
    Dropped,
}

/// The fewest steps that turn the library's words into the case's (word by word Levenshtein).
fn align(own: &[&str], library: &[&str]) -> Vec<Step> {
    let (n, m) = (own.len(), library.len());
    let mut cost = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in cost.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, c) in cost[0].iter_mut().enumerate() {
        *c = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let same = usize::from(own[i - 1] != library[j - 1]);
            cost[i][j] = (cost[i - 1][j - 1] + same)
                .min(cost[i - 1][j] + 1)
                .min(cost[i][j - 1] + 1);
        }
    }
    let (mut i, mut j, mut steps) = (n, m, Vec::new());
    while i > 0 || j > 0 {
        let same = i > 0 && j > 0 && own[i - 1] == library[j - 1];
        if same && cost[i][j] == cost[i - 1][j - 1] {
            steps.push(Step::Same);
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + 1 {
            steps.push(Step::Changed);
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && cost[i][j] == cost[i - 1][j] + 1 {
            steps.push(Step::Added);
            i -= 1;
        } else {
            steps.push(Step::Dropped);
            j -= 1;
        }
    }
    steps.reverse();
    steps
}

/// The first stretch where the two differ, each side with the word before it for context
/// (so that a word dropped shows where).
fn first_difference(own: &[&str], library: &[&str], steps: &[Step]) -> (String, String) {
    let (mut i, mut j) = (0usize, 0usize);
    let mut k = 0;
    while k < steps.len() && steps[k] == Step::Same {
        (i, j, k) = (i + 1, j + 1, k + 1);
    }
    let (own_start, library_start) = (i.saturating_sub(1), j.saturating_sub(1));
    while k < steps.len() && steps[k] != Step::Same {
        match steps[k] {
            Step::Changed => (i, j) = (i + 1, j + 1),
            Step::Added => i += 1,
            Step::Dropped => j += 1,
            Step::Same => {}
        }
        k += 1;
    }
    // And the word after, where the stretch is only words left out or put in.
    let (own_end, library_end) = ((i + 1).min(own.len()), (j + 1).min(library.len()));
    (
        own[own_start..own_end].join(" "),
        library[library_start..library_end].join(" "),
    )
}

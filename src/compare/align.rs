//! Aligning two lists by content, and the changed words between two texts (with `similar`).
//!
//! Equal items are matched first (patience diff), so a paragraph keeps its partner when others
//! are added or removed before it; the items left between two matches are then paired by how
//! many words they share, in order, so an edited paragraph is still found.

use similar::{capture_diff_slices, Algorithm, DiffTag};

/// How much of two texts must agree for them to count as one item, edited.
const SAME_ITEM: f32 = 0.4;
/// Less is asked of one item replaced by one other in the same place: its place says as much.
const SAME_PLACE: f32 = 0.3;

/// One step of an alignment: indexes into the earlier and the later list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// The same text in both.
    Same(usize, usize),
    /// The same item, edited.
    Changed(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Aligns `old` with `new`, in the order of `new` (removed items stand where they stood).
pub fn align(old: &[String], new: &[String]) -> Vec<Pair> {
    let mut out = Vec::with_capacity(new.len().max(old.len()));
    for op in capture_diff_slices(Algorithm::Patience, old, new) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(o.zip(n).map(|(i, j)| Pair::Same(i, j))),
            DiffTag::Delete => out.extend(o.map(Pair::Removed)),
            DiffTag::Insert => out.extend(n.map(Pair::Added)),
            DiffTag::Replace => out.extend(pair_by_words(old, new, o, n)),
        }
    }
    out
}

/// Pairs the items of two ranges that share most words, keeping their order: the pairing
/// with the greatest total likeness (a longest-common-subsequence over likeness).
fn pair_by_words(
    old: &[String],
    new: &[String],
    o: std::ops::Range<usize>,
    n: std::ops::Range<usize>,
) -> Vec<Pair> {
    let (ol, nl) = (o.len(), n.len());
    if ol == 1 && nl == 1 && likeness(&old[o.start], &new[n.start]) >= SAME_PLACE {
        return vec![Pair::Changed(o.start, n.start)];
    }
    let like: Vec<Vec<f32>> = o
        .clone()
        .map(|i| {
            n.clone()
                .map(|j| likeness(&old[i], &new[j]))
                .collect::<Vec<f32>>()
        })
        .collect();
    // best[i][j]: the greatest total likeness of o[i..] with n[j..].
    let mut best = vec![vec![0f32; nl + 1]; ol + 1];
    for i in (0..ol).rev() {
        for j in (0..nl).rev() {
            let pair = if like[i][j] >= SAME_ITEM {
                like[i][j] + best[i + 1][j + 1]
            } else {
                0.0
            };
            best[i][j] = pair.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(ol + nl);
    while i < ol || j < nl {
        if i < ol
            && j < nl
            && like[i][j] >= SAME_ITEM
            && best[i][j] == like[i][j] + best[i + 1][j + 1]
        {
            out.push(Pair::Changed(o.start + i, n.start + j));
            i += 1;
            j += 1;
        } else if i < ol && (j == nl || best[i][j] == best[i + 1][j]) {
            out.push(Pair::Removed(o.start + i));
            i += 1;
        } else {
            out.push(Pair::Added(n.start + j));
            j += 1;
        }
    }
    out
}

/// How alike two texts are, by words: 0 (nothing shared) to 1 (the same words).
pub fn likeness(a: &str, b: &str) -> f32 {
    let (a, b) = (tokens(a), tokens(b));
    let (ka, kb) = (keys(&a), keys(&b));
    let ops = capture_diff_slices(Algorithm::Patience, &ka, &kb);
    similar::get_diff_ratio(&ops, ka.len(), kb.len())
}

/// The words of a text, each with the spaces after it, so that a diff matches words and
/// never the spaces between them.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = true;
    for (i, c) in s.char_indices() {
        let space = c.is_whitespace();
        if !space && in_space && i > start {
            out.push(&s[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// What a token is compared by: its word, whatever space follows.
fn keys<'a>(tokens: &[&'a str]) -> Vec<&'a str> {
    tokens.iter().map(|t| t.trim_end()).collect()
}

/// A run of words: kept, deleted or inserted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    Same,
    Deleted,
    Inserted,
}

/// The words of `old` and `new`, with what was deleted and inserted marked, in runs.
pub fn words(old: &str, new: &str) -> Vec<Span> {
    let (o, n) = (tokens(old), tokens(new));
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |kind: SpanKind, text: &str| match spans.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => spans.push(Span {
            kind,
            text: text.to_string(),
        }),
    };
    for op in capture_diff_slices(Algorithm::Patience, &keys(&o), &keys(&n)) {
        let (tag, or, nr) = op.as_tag_tuple();
        match tag {
            // The later version's spacing, for words that are the same.
            DiffTag::Equal => nr.for_each(|j| push(SpanKind::Same, n[j])),
            DiffTag::Delete => or.for_each(|i| push(SpanKind::Deleted, o[i])),
            DiffTag::Insert => nr.for_each(|j| push(SpanKind::Inserted, n[j])),
            DiffTag::Replace => {
                or.for_each(|i| push(SpanKind::Deleted, o[i]));
                nr.for_each(|j| push(SpanKind::Inserted, n[j]));
            }
        }
    }
    regions(spans)
}

/// Joins the marks of one changed region, where the diff alternates deleted and inserted
/// words across the spaces between them, into one deletion then one insertion: "[-but it did
/// not-]{+which caused+}" reads better than the words interleaved.
fn regions(spans: Vec<Span>) -> Vec<Span> {
    let blank = |s: &Span| s.kind == SpanKind::Same && s.text.trim().is_empty();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        if spans[i].kind == SpanKind::Same {
            out.push(spans[i].clone());
            i += 1;
            continue;
        }
        // The region: marked spans, and blank ones that have a marked span after them.
        let mut end = i;
        let mut j = i;
        while j < spans.len() && (spans[j].kind != SpanKind::Same || blank(&spans[j])) {
            if spans[j].kind != SpanKind::Same {
                end = j + 1;
            }
            j += 1;
        }
        let (mut old, mut new) = (String::new(), String::new());
        for s in &spans[i..end] {
            match s.kind {
                SpanKind::Deleted => old.push_str(&s.text),
                SpanKind::Inserted => new.push_str(&s.text),
                SpanKind::Same => {
                    old.push_str(&s.text);
                    new.push_str(&s.text);
                }
            }
        }
        for (kind, text) in [(SpanKind::Deleted, old), (SpanKind::Inserted, new)] {
            if !text.trim().is_empty() {
                out.push(Span { kind, text });
            } else if !text.is_empty() && kind == SpanKind::Deleted {
                // Only spaces went: keep them so that both texts stay whole.
                out.push(Span { kind, text });
            }
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_added_paragraph_leaves_the_rest_paired() {
        let old = strings(&["one two three", "four five six", "seven eight nine"]);
        let new = strings(&[
            "one two three",
            "a wholly new paragraph",
            "four five six",
            "seven eight nine ten",
        ]);
        assert_eq!(
            align(&old, &new),
            [
                Pair::Same(0, 0),
                Pair::Added(1),
                Pair::Same(1, 2),
                Pair::Changed(2, 3)
            ]
        );
    }

    #[test]
    fn unlike_paragraphs_are_removed_and_added_not_paired() {
        let old = strings(&["alpha beta gamma delta"]);
        let new = strings(&["nothing in common here"]);
        assert_eq!(align(&old, &new), [Pair::Removed(0), Pair::Added(0)]);
    }

    #[test]
    fn a_reworded_phrase_is_one_deletion_then_one_insertion() {
        let spans = words(
            "There was fault, but it did not cause an injustice.",
            "There was fault which caused injustice.",
        );
        let kinds: Vec<SpanKind> = spans.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SpanKind::Same,
                SpanKind::Deleted,
                SpanKind::Inserted,
                SpanKind::Same
            ],
            "{spans:?}"
        );
    }

    #[test]
    fn changed_words_are_marked_and_both_texts_kept() {
        let spans = words(
            "The Council was not at fault.",
            "The Council was at fault here.",
        );
        let marked: Vec<(SpanKind, &str)> = spans.iter().map(|s| (s.kind, s.text.trim())).collect();
        assert!(marked.contains(&(SpanKind::Deleted, "not")), "{marked:?}");
        let old: String = spans
            .iter()
            .filter(|s| s.kind != SpanKind::Inserted)
            .map(|s| s.text.as_str())
            .collect();
        let new: String = spans
            .iter()
            .filter(|s| s.kind != SpanKind::Deleted)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(old, "The Council was not at fault.");
        assert_eq!(new, "The Council was at fault here.");
    }
}

//! A small YAML writer for generated case files, laid out the way people write them by hand:
//! short text on one line, long text folded over several, several paragraphs as a literal block.

use std::borrow::Cow;

/// A value of a case file.
pub enum Node {
    /// Text, written as a plain or quoted scalar, or a block when it is long.
    Text(String),
    /// Written exactly as given after the key, e.g. `[could-not-add, better-placed]`.
    Raw(String),
    Map(Vec<(Cow<'static, str>, Node)>),
    List(Vec<Node>),
}

impl Node {
    /// A mapping whose keys are all fixed names.
    pub fn map(entries: Vec<(&'static str, Node)>) -> Node {
        Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (Cow::Borrowed(k), v))
                .collect(),
        )
    }
}

/// Where long lines are folded.
const WIDTH: usize = 92;

/// The whole document: a top-level mapping, with a blank line between its longer entries.
pub fn document(comment: &str, entries: &[(&'static str, Node)]) -> String {
    let mut out = String::with_capacity(8192);
    out.push_str("# ");
    out.push_str(comment);
    out.push('\n');
    let mut was_block = false;
    for (i, (key, value)) in entries.iter().enumerate() {
        let block = matches!(value, Node::List(_) | Node::Map(_));
        if i > 0 && (block || was_block) {
            out.push('\n');
        }
        was_block = block;
        entry(&mut out, key, value, 0, false);
    }
    out
}

fn entry(out: &mut String, key: &str, value: &Node, indent: usize, inline: bool) {
    if !inline {
        pad(out, indent);
    }
    out.push_str(key);
    out.push(':');
    match value {
        Node::Text(s) => scalar(out, s, indent + 2, WIDTH.saturating_sub(indent + key.len())),
        Node::Raw(s) => {
            out.push(' ');
            out.push_str(s);
            out.push('\n');
        }
        Node::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                entry(out, k, v, indent + 2, false);
            }
        }
        Node::List(items) => {
            out.push('\n');
            list(out, items, indent + 2);
        }
    }
}

fn list(out: &mut String, items: &[Node], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            Node::Text(s) => scalar(out, s, indent + 2, WIDTH.saturating_sub(indent)),
            Node::Raw(s) => {
                out.push(' ');
                out.push_str(s);
                out.push('\n');
            }
            Node::Map(entries) => {
                out.push(' ');
                for (i, (k, v)) in entries.iter().enumerate() {
                    entry(out, k, v, indent + 2, i == 0);
                }
            }
            Node::List(inner) => {
                out.push('\n');
                list(out, inner, indent + 2);
            }
        }
    }
}

/// Writes ` value\n` after a key or dash; `room` is what is left of the line.
fn scalar(out: &mut String, s: &str, indent: usize, room: usize) {
    if s.contains("\n\n") {
        out.push_str(" |\n");
        for (i, para) in s.split("\n\n").enumerate() {
            if i > 0 {
                out.push('\n');
            }
            // In a literal block each line break stays, so no line may start with something
            // Markdown reads as a list marker or heading.
            wrap(out, para, indent, |w| w.starts_with(char::is_alphabetic));
        }
    } else if s.len() + 2 > room {
        out.push_str(" >-\n");
        wrap(out, s, indent, |_| true);
    } else if plain_ok(s) {
        out.push(' ');
        out.push_str(s);
        out.push('\n');
    } else {
        out.push_str(" \"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        out.push_str("\"\n");
    }
}

/// Text that YAML reads back unchanged without quotes.
fn plain_ok(s: &str) -> bool {
    const SPECIAL: &[&str] = &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    let first_ok = s.starts_with(|c: char| c.is_alphanumeric() || c == '£' || c == '(');
    first_ok
        && !SPECIAL.contains(&s.to_ascii_lowercase().as_str())
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains([
            '"', '\'', '[', ']', '{', '}', '`', '|', '>', '*', '&', '!', '%', '@',
        ])
}

/// Folds `text` into lines of at most [`WIDTH`], breaking only before words that `may_start`.
fn wrap(out: &mut String, text: &str, indent: usize, may_start: impl Fn(&str) -> bool) {
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len == 0 {
            pad(out, indent);
            line_len = indent;
        } else if line_len + 1 + len > WIDTH && may_start(word) {
            out.push('\n');
            pad(out, indent);
            line_len = indent;
        } else {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out.push('\n');
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat(' ').take(n));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_serde_yaml() {
        let long = "A sentence that goes on ".repeat(12) + "and ends “here”: with £5.";
        let doc = document(
            "test",
            &[
                ("short", Node::Text("Mr X’s complaint about it".into())),
                ("quoted", Node::Text("say \"no\": then #1".into())),
                ("long", Node::Text(long.clone())),
                ("paras", Node::Text(format!("{long}\n\n{long} 10. items"))),
                (
                    "list",
                    Node::List(vec![Node::map(vec![
                        ("text", Node::Text("first".into())),
                        ("with", Node::Raw("[a, b]".into())),
                    ])]),
                ),
            ],
        );
        let v: serde_yaml::Value = serde_yaml::from_str(&doc).unwrap();
        assert_eq!(v["short"].as_str(), Some("Mr X’s complaint about it"));
        assert_eq!(v["quoted"].as_str(), Some("say \"no\": then #1"));
        assert_eq!(v["long"].as_str(), Some(long.as_str()));
        let paras = v["paras"].as_str().unwrap();
        assert!(paras.contains("\n\n"));
        assert!(!paras.lines().any(|l| l.starts_with("10.")));
        assert_eq!(v["list"][0]["with"][1].as_str(), Some("b"));
    }
}

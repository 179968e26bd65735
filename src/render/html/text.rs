//! Text helpers for the HTML body: escaping, link policy, heading slugs and letters.

use std::fmt::Write as _;

/// Splits "Category : Children's care services" into label and value, at the office's
/// `separator` (" : ", or ": " for "Case ref: 201403021").
pub(super) fn split_label<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    let (label, value) = text.split_once(separator)?;
    let plain = label.chars().all(|c| c.is_alphabetic() || c == ' ');
    (plain && !label.trim().is_empty() && label.len() <= 40).then_some((label.trim(), value))
}

pub(super) fn is_allowed_href(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "#"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Lowercase ASCII words joined by hyphens; never starts with "para-", which numbered
/// paragraphs own.
pub(super) fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-') && !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-');
    match s {
        "" => "section".to_string(),
        s if s.starts_with("para-") || s.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("s-{s}")
        }
        s => s.to_string(),
    }
}

/// The `start` attribute of an ordered list, left out when it is the default.
pub(super) fn start_attr(start: u64) -> String {
    if start == 1 {
        String::new()
    } else {
        format!(" start=\"{start}\"")
    }
}

/// 1 -> "a", 26 -> "z", 27 -> "aa".
pub(super) fn letters(mut n: u64) -> String {
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

pub(super) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Escapes for an attribute and percent-encodes what a URL may not hold raw.
pub(super) fn escape_href_into(out: &mut String, href: &str) {
    for c in href.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' | '<' | '>' | '\'' | '`' | ' ' | '\\' | '^' | '{' | '}' | '|' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
}

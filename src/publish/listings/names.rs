//! Names of listing pages and feeds: a name (an authority, a category) as the plain ASCII
//! slug of a file name, unique among its kind, and the letter an authority is filed under.

use super::super::hash::Sha256;
use std::collections::HashSet;

/// `Cyngor Sir Ynys Môn` → `cyngor-sir-ynys-mon`: lower-case ASCII letters and digits, runs
/// of anything else as one hyphen, common accents dropped. Never holds `--`, so a subject's
/// slug can join its area's with `--`.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') && c != '\'' && c != '’' {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A name written freely (a subject, an authority, a fact's value) as the site files it:
/// names that differ only in capitals or spaces are one.
pub fn filing_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A letter with an accent as the letter without it (the accents of Welsh, Irish, French).
fn fold(c: char) -> char {
    const FROM: &str = "àáâäãåèéêëìíîïòóôöõùúûüýÿŵŷçñÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÝŴŶÇÑ";
    const TO: &str = "aaaaaaeeeeiiiiooooouuuuyywycnAAAAAAEEEEIIIIOOOOOUUUUYWYCN";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// Gives out slugs unique among one kind of page: a name whose slug is taken, or empty, gets
/// a few hex digits of its hash after it, the same on every run.
#[derive(Default)]
pub struct Slugs(HashSet<String>);

impl Slugs {
    pub fn take(&mut self, name: &str) -> String {
        let mut slug = slugify(name);
        if slug.is_empty() || self.0.contains(&slug) {
            let hash = Sha256::of(name.as_bytes()).to_string();
            slug = if slug.is_empty() {
                format!("n-{}", &hash[..8])
            } else {
                format!("{slug}-{}", &hash[..8])
            };
        }
        self.0.insert(slug.clone());
        slug
    }
}

/// The letter an authority is filed under in the A–Z pages: its first letter, without an
/// accent, upper-case; `None` for a name that starts with anything else.
pub fn letter(name: &str) -> Option<char> {
    name.chars()
        .map(fold)
        .find(|c| !c.is_whitespace())
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_and_unique() {
        assert_eq!(slugify("Cyngor Sir Ynys Môn"), "cyngor-sir-ynys-mon");
        assert_eq!(
            slugify("Children's care services"),
            "childrens-care-services"
        );
        assert_eq!(slugify("  St. Helens -- Council  "), "st-helens-council");
        let mut slugs = Slugs::default();
        assert_eq!(slugs.take("St Helens"), "st-helens");
        let again = slugs.take("St. Helens");
        assert!(
            again.starts_with("st-helens-") && again.len() == 18,
            "{again}"
        );
        assert!(slugs.take("ŵ?").starts_with('w'));
        assert!(slugs.take("!!!").starts_with("n-"));
        assert_eq!(letter("Ynys Môn"), Some('Y'));
        assert_eq!(letter("Ørsted"), None);
        assert_eq!(letter("ásh"), Some('A'));
    }
}

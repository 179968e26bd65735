//! Anonymisation lint: finds real names, contact details and other personal data in decision text.
//!
//! A published decision refers to people by letters (Mr X, Mrs Y, Ms B; a child by a letter
//! alone) and never gives an address, a date of birth, a phone number or an e-mail address.
//! [`Linter::scan`] reads the canonical Markdown and reports each place that breaks this, with
//! byte offsets, so that `check`, `build` and `publish` can show it. A finding that is intended
//! (a named care provider's street, a public figure) is accepted in the case file by its
//! [`Rule::key`].
//!
//! The rules lean towards reporting: a missed real name is a data breach, while a false alarm
//! costs one line in a case file. Known limits:
//! - first names are a fixed list of common UK names (`first_names.txt`); names that are also
//!   ordinary words, months or places (May, Will, Grace, Victoria...) are left out and only
//!   caught after a title; names written in capitals (`JOHN`) are not caught;
//! - a first name followed by an institution word ("Elizabeth House", "George Street") or
//!   preceded by St, King, Queen, Prince... is taken as a place, not a person;
//! - an initial followed by a full stop (`Mr J. Smith`) reads like the end of a sentence
//!   (`Mrs Y. The Council...`) and is not reported unless the surname is otherwise caught;
//! - street addresses need a house number and a street word ("12 Acacia Avenue"); a street
//!   named without a number is not reported;
//! - `A’s` is taken as a person's letter, so the rare "straight A’s" is reported too;
//! - titles and postcodes must be written with their usual capitals (`mr smith`, `ls1 1ur`
//!   are not reported); phone numbers must be UK numbers in a usual grouping; the letters of
//!   a National Insurance number are not checked against the issued prefixes (so the
//!   specimen `QQ 12 34 56 C` is reported).

use std::fmt;

use serde::Serialize;

use super::matcher::Matcher;
use super::patterns::Pattern;
use super::words::{
    after_prose_word, is_a_level, is_place_name, listed, name_after_title, next_char,
    ni_prefix_start, prev_char, street_after_number, without_trailing_stop_words,
    AFTER_TITLE_NOT_NAME, COURTS_OF_LAW, FIRST_NAMES,
};

/// One kind of personal data the lint looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    TitledName,
    FirstName,
    Email,
    Phone,
    Postcode,
    NiNumber,
    DateOfBirth,
    NhsNumber,
    StreetAddress,
    LetterA,
}

impl Rule {
    pub const ALL: [Rule; 10] = [
        Rule::TitledName,
        Rule::FirstName,
        Rule::Email,
        Rule::Phone,
        Rule::Postcode,
        Rule::NiNumber,
        Rule::DateOfBirth,
        Rule::NhsNumber,
        Rule::StreetAddress,
        Rule::LetterA,
    ];

    /// The name used in case files to accept a finding, e.g. `titled-name`.
    pub fn key(self) -> &'static str {
        match self {
            Rule::TitledName => "titled-name",
            Rule::FirstName => "first-name",
            Rule::Email => "email",
            Rule::Phone => "phone",
            Rule::Postcode => "postcode",
            Rule::NiNumber => "ni-number",
            Rule::DateOfBirth => "date-of-birth",
            Rule::NhsNumber => "nhs-number",
            Rule::StreetAddress => "street-address",
            Rule::LetterA => "letter-a",
        }
    }

    /// The rule with this key, if any.
    pub fn from_key(key: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.key() == key)
    }

    fn describe(self) -> &'static str {
        match self {
            Rule::TitledName => "a name after a title",
            Rule::FirstName => "what looks like a person's first name",
            Rule::Email => "an e-mail address",
            Rule::Phone => "a phone number",
            Rule::Postcode => "a postcode",
            Rule::NiNumber => "a National Insurance number",
            Rule::DateOfBirth => "a date of birth",
            Rule::NhsNumber => "an NHS number",
            Rule::StreetAddress => "a street address",
            Rule::LetterA => "the letter A used for a person",
        }
    }

    /// What the writer should do instead.
    pub fn hint(self) -> &'static str {
        match self {
            Rule::TitledName => {
                "refer to people by a letter (Mr X, Mrs Y, Ms B), never by a real name or real initials"
            }
            Rule::FirstName => {
                "refer to people by a letter (Mr X, Ms B; a child by a letter alone); if this is not a person, accept the finding"
            }
            Rule::Email => "remove the e-mail address; say how contact was made instead (\"by e-mail\")",
            Rule::Phone => "remove the phone number",
            Rule::Postcode | Rule::StreetAddress => {
                "remove the address; describe the place instead (\"Mr X's home\", \"in Leeds\")"
            }
            Rule::NiNumber | Rule::NhsNumber => "remove the number; it identifies the person",
            Rule::DateOfBirth => "remove the date of birth; an age or a description is usually enough",
            Rule::LetterA => {
                "use another letter (Mr X, Ms B, child C): \"A\" reads as the article \"a\""
            }
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One place in the text that looks like personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    /// Byte offset of the first byte of the match in the scanned text.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    pub matched: String,
    /// One line, naming what was found.
    pub message: String,
    pub hint: String,
}

impl Finding {
    fn new(rule: Rule, text: &str, start: usize, end: usize) -> Finding {
        let matched = text[start..end].to_string();
        let shown = matched.split_whitespace().collect::<Vec<_>>().join(" ");
        Finding {
            rule,
            start,
            end,
            message: format!("{}: “{}”", rule.describe(), shown),
            hint: rule.hint().to_string(),
            matched,
        }
    }
}

/// The compiled rules; build once per run and share (it is `Send + Sync`).
pub struct Linter {
    titled: Matcher,
    letter_a: Matcher,
    email: Matcher,
    phone: Matcher,
    postcode: Matcher,
    ni_number: Matcher,
    date_of_birth: Matcher,
    nhs_number: Matcher,
    street: Matcher,
    /// Looked up word by word: a set is built in microseconds, a 550-way regex in milliseconds.
    first_names: std::collections::HashSet<&'static str>,
}

impl Default for Linter {
    fn default() -> Linter {
        Linter::new()
    }
}

impl Linter {
    /// The rules, from the DFAs compiled with the program.
    pub fn new() -> Linter {
        Linter::with(Matcher::new)
    }

    /// The rules, compiled now from their patterns' text.
    #[cfg(test)]
    pub(crate) fn compiled_now() -> Linter {
        Linter::with(Matcher::compile)
    }

    /// Whether every rule runs from a DFA compiled with the program.
    #[cfg(test)]
    pub(crate) fn is_precompiled(&self) -> bool {
        [
            &self.titled,
            &self.letter_a,
            &self.email,
            &self.phone,
            &self.postcode,
            &self.ni_number,
            &self.date_of_birth,
            &self.nhs_number,
            &self.street,
        ]
        .iter()
        .all(|m| m.is_precompiled())
    }

    fn with(matcher: impl Fn(Pattern) -> Matcher) -> Linter {
        Linter {
            titled: matcher(Pattern::Title),
            letter_a: matcher(Pattern::LetterA),
            email: matcher(Pattern::Email),
            phone: matcher(Pattern::Phone),
            postcode: matcher(Pattern::Postcode),
            ni_number: matcher(Pattern::NiNumber),
            date_of_birth: matcher(Pattern::DateOfBirth),
            nhs_number: matcher(Pattern::NhsNumber),
            street: matcher(Pattern::HouseNumber),
            first_names: FIRST_NAMES
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .collect(),
        }
    }

    /// Every finding in `text`, in order of position. A finding inside a larger one (a first
    /// name inside "Mrs Jane Doe") is left out.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        self.titled_names(text, &mut found);
        self.first_names(text, &mut found);
        self.letter_a(text, &mut found);
        self.simple(text, &mut found);
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end), f.rule as u8));
        let mut kept: Vec<Finding> = Vec::with_capacity(found.len());
        let mut reach = 0;
        for f in found {
            let inside = !kept.is_empty() && f.end <= reach;
            let overlaps_same = kept
                .last()
                .is_some_and(|k| k.rule == f.rule && f.start < k.end);
            if inside || overlaps_same {
                continue;
            }
            reach = reach.max(f.end);
            kept.push(f);
        }
        kept
    }

    fn titled_names(&self, text: &str, found: &mut Vec<Finding>) {
        let mut at = 0;
        while let Some(title) = self.titled.find_at(text, at) {
            let Some(name_end) = name_after_title(text, title.end) else {
                at = title.end;
                continue;
            };
            at = name_end;
            if next_char(text, name_end).is_some_and(char::is_alphanumeric) {
                continue; // "Mr X1": a letter with a number, not a name
            }
            let name_text = without_trailing_stop_words(&text[title.end..name_end]);
            let first_word = name_text.split_whitespace().next().unwrap_or("");
            if listed(AFTER_TITLE_NOT_NAME, first_word) {
                continue;
            }
            let end = title.end + name_text.len();
            if first_word.chars().count() > 1 || name_text.contains(char::is_whitespace) {
                found.push(Finding::new(Rule::TitledName, text, title.start, end));
            } else if name_text == "A" {
                found.push(Finding::new(Rule::LetterA, text, title.start, end));
            }
        }
    }

    fn letter_a(&self, text: &str, found: &mut Vec<Finding>) {
        for m in self.letter_a.find_iter(text) {
            let matched = &text[m.clone()];
            // "(A)" after a number or bracket is a statute's sub-paragraph, as in "26(6)(A)".
            if matched == "(A)" && !after_prose_word(text, m.start) {
                continue;
            }
            if matched.ends_with('A') && is_a_level(&text[m.end..]) {
                continue;
            }
            found.push(Finding::new(Rule::LetterA, text, m.start, m.end));
        }
    }

    fn first_names(&self, text: &str, found: &mut Vec<Finding>) {
        // Whole ASCII words, as the other rules' `\b` boundaries see them.
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !is_word(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            let (start, end) = (start, i);
            if !self.first_names.contains(&text[start..end]) {
                continue;
            }
            let before = prev_char(text, start);
            let after = next_char(text, end);
            if before.is_some_and(|c| c.is_alphanumeric() || "/.@#_=&?".contains(c))
                || after.is_some_and(char::is_alphanumeric)
            {
                continue; // part of a longer word, a web address or a file name
            }
            if is_place_name(text, start, end) {
                continue;
            }
            found.push(Finding::new(Rule::FirstName, text, start, end));
        }
    }

    fn simple(&self, text: &str, found: &mut Vec<Finding>) {
        for m in self.email.find_iter(text) {
            found.push(Finding::new(Rule::Email, text, m.start, m.end));
        }
        for m in self.phone.find_iter(text) {
            if prev_char(text, m.start).is_some_and(|c| c.is_alphanumeric() || "£$€.,/".contains(c))
            {
                continue;
            }
            found.push(Finding::new(Rule::Phone, text, m.start, m.end));
        }
        for m in self.postcode.find_iter(text) {
            found.push(Finding::new(Rule::Postcode, text, m.start, m.end));
        }
        for m in self.ni_number.find_iter(text) {
            if let Some(start) = ni_prefix_start(text, m.start) {
                found.push(Finding::new(Rule::NiNumber, text, start, m.end));
            }
        }
        for m in self.date_of_birth.find_iter(text) {
            found.push(Finding::new(Rule::DateOfBirth, text, m.start, m.end));
        }
        for m in self.nhs_number.find_iter(text) {
            if nhs_check_digit_ok(&text[m.clone()]) {
                found.push(Finding::new(Rule::NhsNumber, text, m.start, m.end));
            }
        }
        let mut at = 0;
        while let Some(number) = self.street.find_at(text, at) {
            let Some((words_end, end)) = street_after_number(text, number.end) else {
                // The number matched from its first character, an ASCII one.
                at = number.start + 1;
                continue;
            };
            at = end;
            let words = &text[number.end..words_end];
            let last_word = words.split_whitespace().last().unwrap_or("");
            if text[..end].ends_with("Court") && listed(COURTS_OF_LAW, last_word) {
                continue;
            }
            found.push(Finding::new(Rule::StreetAddress, text, number.start, end));
        }
    }
}

/// The NHS number's last digit is a mod-11 check of the other nine (weights 10 down to 2).
fn nhs_check_digit_ok(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        n => n,
    };
    check == digits[9]
}

//! Validated scalar fields of a case file: the date, the status and text.
//!
//! Each type checks itself while it is deserialised, so a bad value is reported with the
//! line, column and field that the YAML parser knows.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Deserialises a string and checks it inside the parser's call, so that an invalid value
/// is reported at its own line and column.
fn parse_str_with<'de, D, T>(
    d: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v.trim()).map_err(E::custom)
        }
    }
    d.deserialize_str(V { expecting, parse })
}

/// A calendar date written `YYYY-MM-DD`, or a month `YYYY-MM` where an office dates its
/// decisions by the month only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    /// 0 for a month-only date.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The tokens of a date format, longest first so `{MMMM}` is not read as `{MM}`.
const DATE_TOKENS: [&str; 7] = ["{D}", "{DD}", "{M}", "{MM}", "{MMM}", "{MMMM}", "{YYYY}"];

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("invalid date `{s}`: expected `YYYY-MM-DD`, e.g. `2022-03-10`");
        let parts: Vec<&str> = s.split('-').collect();
        let (y, m, d) = match parts.as_slice() {
            [y, m, d] => (*y, *m, Some(*d)),
            [y, m] => (*y, *m, None),
            _ => return Err(bad()),
        };
        if y.len() != 4 || m.len() != 2 || d.is_some_and(|d| d.len() != 2) {
            return Err(bad());
        }
        let num = |p: &str| {
            p.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| p.parse::<u32>().ok())
                .flatten()
                .ok_or_else(bad)
        };
        let (year, month) = (num(y)?, num(m)?);
        let day = d.map(num).transpose()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("invalid date `{s}`: there is no month {month}")),
        };
        if !(1900..=2999).contains(&year) {
            return Err(format!(
                "invalid date `{s}`: the year must be between 1900 and 2999"
            ));
        }
        if day.is_some_and(|day| day == 0 || day > days) {
            return Err(format!("invalid date `{s}`: that month has {days} days"));
        }
        Ok(Date {
            year: year as i32,
            month: month as u8,
            day: day.unwrap_or(0) as u8,
        })
    }

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = (secs / 86_400) as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whether only the month is known.
    pub fn month_only(&self) -> bool {
        self.day == 0
    }

    /// `2022-03-10`, or `2015-01` for a month.
    pub fn iso(&self) -> String {
        if self.month_only() {
            return format!("{:04}-{:02}", self.year, self.month);
        }
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `10 Mar 2022`, as the published decisions print it.
    pub fn display(&self) -> String {
        self.format("{D} {MMM} {YYYY}")
    }

    /// As [`Date::format`], with the month names of a wording's language.
    pub fn format_in(&self, pattern: &str, months: &[String; 12], short: &[String; 12]) -> String {
        let m = usize::from(self.month - 1);
        let (full, short) = (months[m].as_str(), short[m].as_str());
        self.format_names(pattern, full, short)
    }

    /// The date in a wording's `date_format`: `{D}` 1, `{DD}` 01, `{M}` 8, `{MM}` 08,
    /// `{MMM}` Aug, `{MMMM}` August, `{YYYY}` 2022; other text is kept as it is.
    pub fn format(&self, pattern: &str) -> String {
        let m = usize::from(self.month - 1);
        self.format_names(pattern, MONTH_NAMES[m], MONTHS[m])
    }

    fn format_names(&self, pattern: &str, full: &str, short: &str) -> String {
        let mut out = String::with_capacity(pattern.len() + 8);
        let mut rest = pattern;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            let token = DATE_TOKENS.iter().find(|t| tail.starts_with(**t));
            let (text, len) = match token.copied() {
                Some("{D}") => (self.day.to_string(), 3),
                Some("{DD}") => (format!("{:02}", self.day), 4),
                Some("{M}") => (self.month.to_string(), 3),
                Some("{MM}") => (format!("{:02}", self.month), 4),
                Some("{MMM}") => (short.to_string(), 5),
                Some("{MMMM}") => (full.to_string(), 6),
                Some(_) => (format!("{:04}", self.year), 6),
                None => ("{".to_string(), 1),
            };
            out.push_str(&text);
            rest = &tail[len..];
        }
        out.push_str(rest);
        out
    }

    /// Checks a `date_format`: every `{…}` must be a known token, and the day, month and
    /// year must all be there.
    pub fn check_format(pattern: &str) -> Result<(), String> {
        Date::check_format_with(pattern, true)
    }

    /// As [`Date::check_format`] for a month-only date's format, which has no day.
    pub fn check_month_format(pattern: &str) -> Result<(), String> {
        Date::check_format_with(pattern, false)
    }

    fn check_format_with(pattern: &str, day: bool) -> Result<(), String> {
        let mut rest = pattern;
        while let Some(i) = rest.find('{') {
            let tail = &rest[i..];
            let Some(token) = DATE_TOKENS.iter().find(|t| tail.starts_with(**t)) else {
                let bad: String = tail
                    .chars()
                    .take_while(|&c| c != '}')
                    .chain(['}'])
                    .collect();
                return Err(format!(
                    "unknown date token `{bad}`: use {}",
                    DATE_TOKENS.join(", ")
                ));
            };
            rest = &tail[token.len()..];
        }
        let day_tokens: &[&str] = if day { &["{D}", "{DD}"] } else { &[] };
        for (part, tokens) in [
            ("day", day_tokens),
            ("month", &["{M}", "{MM}", "{MMM}", "{MMMM}"][..]),
            ("year", &["{YYYY}"][..]),
        ] {
            if !tokens.is_empty() && !tokens.iter().any(|t| pattern.contains(t)) {
                return Err(format!("the date format `{pattern}` has no {part}"));
            }
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str_with(d, "a date such as `2022-03-10`", Date::parse)
    }
}

/// Draft decisions go to the parties for comment; only final ones are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Final,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }
}

/// A text field: a YAML string. `true`, a number or `~` where words are expected is almost
/// always a slip, so it is refused rather than printed as "true" or "~".
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct TextVisitor;
    impl de::Visitor<'_> for TextVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("text (put it in quotes if it is a number or `true`/`false`)")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(TextVisitor)
}

/// An optional text field: absent, or a YAML string as for [`text`].
pub fn text_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2022-03-10").unwrap().display(), "10 Mar 2022");
        assert!(Date::parse("2024-02-29").is_ok());
        let month = Date::parse("2015-01").unwrap();
        assert!(month.month_only());
        assert_eq!(month.iso(), "2015-01");
        assert_eq!(month.format("{MMMM} {YYYY}"), "January 2015");
        for bad in [
            "2023-02-29",
            "2022-13-01",
            "2022-3-10",
            "10/03/2022",
            "2022-00-10",
            "+022-03-10",
            "2022-3",
            "2022",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn date_formats() {
        let d = Date::parse("2022-08-01").unwrap();
        assert_eq!(d.display(), "1 Aug 2022");
        assert_eq!(d.format("{DD} {MMM} {YYYY}"), "01 Aug 2022");
        assert_eq!(d.format("{D} {MMMM} {YYYY}"), "1 August 2022");
        assert_eq!(d.format("{DD}/{MM}/{YYYY}"), "01/08/2022");
        assert_eq!(d.format("{YYYY}-{M}-{D} {x"), "2022-8-1 {x");
        assert!(Date::check_format("{D} {MMM} {YYYY}").is_ok());
        assert!(Date::check_format("{D} {MMM} {YY}")
            .unwrap_err()
            .contains("`{YY}`"));
        assert!(Date::check_format("{D} {YYYY}")
            .unwrap_err()
            .contains("no month"));
    }
}

//! What the site shows of each decision: the row kept in the manifest for as long as its case
//! file is unchanged, and the view of it (with the paths of its files) that the templates,
//! the feed and the metadata files see.
//!
//! A library holds thousands of rows, all in memory at the end of a publish, so a row keeps
//! its texts end to end in one string rather than in a dozen.

use super::hash::Sha256;
use super::office_row::OfficeRow;
use crate::render::Format;
use crate::resolve::Meta;
use pulldown_cmark::{Event, Parser};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The names of a row's texts, in the order they are kept and written.
const TEXTS: [&str; 12] = [
    "reference",
    "slug",
    "title",
    "authority",
    "category",
    "category_area",
    "category_subject",
    "outcome",
    "outcome_key",
    "decided",
    "decided_iso",
    "summary",
];

/// What the index, the feed and the metadata files show of a decision besides its files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The texts named in [`TEXTS`], end to end.
    text: String,
    /// Where each text ends in `text`.
    ends: [u32; 12],
    year: i32,
    /// Every category, the facts filed by, the parts' findings.
    pub office: OfficeRow,
}

impl Row {
    pub fn new(meta: &Meta) -> Row {
        let summary = plain_text(&meta.summary);
        Row::from_texts(
            [
                &meta.reference,
                &meta.slug,
                &meta.title,
                &meta.authority,
                &meta.category,
                &meta.category_area,
                &meta.category_subject,
                &meta.outcome,
                &meta.outcome_key,
                &meta.decided,
                &meta.decided_iso,
                &summary,
            ],
            meta.year,
            OfficeRow::new(meta),
        )
    }

    fn from_texts(texts: [&str; 12], year: i32, office: OfficeRow) -> Row {
        let mut text = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut ends = [0; 12];
        for (end, t) in ends.iter_mut().zip(texts) {
            text.push_str(t);
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        Row {
            text,
            ends,
            year,
            office,
        }
    }

    fn text(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text
            .get(start as usize..self.ends[i] as usize)
            .unwrap_or_default()
    }

    pub fn reference(&self) -> &str {
        self.text(0)
    }
    /// `21-016-384`
    pub fn slug(&self) -> &str {
        self.text(1)
    }
    pub fn title(&self) -> &str {
        self.text(2)
    }
    pub fn authority(&self) -> &str {
        self.text(3)
    }
    pub fn category(&self) -> &str {
        self.text(4)
    }
    pub fn category_area(&self) -> &str {
        self.text(5)
    }
    pub fn category_subject(&self) -> &str {
        self.text(6)
    }
    pub fn outcome(&self) -> &str {
        self.text(7)
    }
    pub fn outcome_key(&self) -> &str {
        self.text(8)
    }
    /// `10 Mar 2022`
    pub fn decided(&self) -> &str {
        self.text(9)
    }
    /// `2022-03-10`
    pub fn decided_iso(&self) -> &str {
        self.text(10)
    }
    /// The summary as plain text (its Markdown markup removed).
    pub fn summary(&self) -> &str {
        self.text(11)
    }
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Writes the row's fields, the year after the decision date as it always was.
    fn write_fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        for (i, name) in TEXTS.iter().enumerate().take(11) {
            s.serialize_field(name, self.text(i))?;
        }
        s.serialize_field("year", &self.year)?;
        s.serialize_field("summary", self.summary())?;
        s.serialize_field("categories", &self.office.categories)?;
        s.serialize_field("facts", &self.office.facts)?;
        s.serialize_field("parts", &self.office.parts)?;
        s.serialize_field("lang", &self.office.lang)?;
        s.serialize_field("translations", &self.office.translations)
    }
}

impl Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Row", 18)?;
        self.write_fields(&mut s)?;
        s.end()
    }
}

/// A row as written, for reading it back.
#[derive(Deserialize)]
struct RowFields<'a> {
    #[serde(borrow)]
    reference: Cow<'a, str>,
    #[serde(borrow)]
    slug: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    authority: Cow<'a, str>,
    #[serde(borrow)]
    category: Cow<'a, str>,
    #[serde(borrow)]
    category_area: Cow<'a, str>,
    #[serde(borrow)]
    category_subject: Cow<'a, str>,
    #[serde(borrow)]
    outcome: Cow<'a, str>,
    #[serde(borrow)]
    outcome_key: Cow<'a, str>,
    #[serde(borrow)]
    decided: Cow<'a, str>,
    #[serde(borrow)]
    decided_iso: Cow<'a, str>,
    year: i32,
    #[serde(borrow)]
    summary: Cow<'a, str>,
    #[serde(flatten)]
    office: OfficeRow,
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = RowFields::deserialize(deserializer)?;
        Ok(Row::from_texts(
            [
                &f.reference,
                &f.slug,
                &f.title,
                &f.authority,
                &f.category,
                &f.category_area,
                &f.category_subject,
                &f.outcome,
                &f.outcome_key,
                &f.decided,
                &f.decided_iso,
                &f.summary,
            ],
            f.year,
            f.office,
        ))
    }
}

/// One published decision, as the index, the feed and the metadata files see it: its row,
/// the paths of its files, and its hash and change time.
#[derive(Debug, Clone, Copy)]
pub struct Published<'a> {
    pub row: &'a Row,
    formats: &'a [Format],
    /// SHA-256 of `decision.md`.
    pub content_hash: &'a Sha256,
    /// When the published text last changed (RFC 3339).
    pub changed: &'a str,
    /// When the decision first appeared on the site (RFC 3339).
    pub published: &'a str,
}

impl<'a> Published<'a> {
    pub fn new(
        row: &'a Row,
        formats: &'a [Format],
        content_hash: &'a Sha256,
        changed: &'a str,
        published: &'a str,
    ) -> Self {
        Published {
            row,
            formats,
            content_hash,
            changed,
            published,
        }
    }

    /// The path of its file in `format`, relative to the site root; `None` for a format not
    /// published.
    pub fn file(&self, format: Format) -> Option<String> {
        self.formats
            .contains(&format)
            .then(|| file_path(self.row.slug(), format))
    }

    /// The file a link to the decision leads to: the HTML if published, else the PDF, else
    /// the Markdown.
    pub fn page(&self) -> String {
        [Format::Html, Format::Pdf, Format::Md]
            .into_iter()
            .find_map(|f| self.file(f))
            .unwrap_or_default()
    }
}

impl Serialize for Published<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Published", 23)?;
        self.row.write_fields(&mut s)?;
        s.serialize_field("html", &self.file(Format::Html))?;
        s.serialize_field("pdf", &self.file(Format::Pdf))?;
        s.serialize_field("md", &self.file(Format::Md))?;
        s.serialize_field("akn", &self.file(Format::Akn))?;
        s.serialize_field("page", &self.page())?;
        s.serialize_field("content_hash", self.content_hash)?;
        s.serialize_field("changed", self.changed)?;
        s.serialize_field("published", self.published)?;
        s.end()
    }
}

/// Where a decision's file lives in the site: `decisions/21-016-384/decision.html`.
pub fn file_path(slug: &str, format: Format) -> String {
    format!("decisions/{slug}/{}", format.file_name())
}

/// The order of the site's lists, newest first; the reference breaks ties so the order
/// never depends on the file system.
pub fn newest_first(a: &Row, b: &Row) -> std::cmp::Ordering {
    b.decided_iso()
        .cmp(a.decided_iso())
        .then_with(|| b.reference().cmp(a.reference()))
}

/// Markdown of a line (a summary) as the plain words a reader sees.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_keeps_quotes() {
        assert_eq!(
            plain_text("We will **not** investigate Mr X’s [complaint](https://x.org) – £300."),
            "We will not investigate Mr X’s complaint – £300."
        );
    }

    #[test]
    fn a_row_reads_back_as_written() {
        let texts = [
            "21 016 384",
            "21-016-384",
            "Leeds City Council (21 016 384)",
            "Leeds City Council",
            "Children’s care services > Child protection",
            "Children’s care services",
            "Child protection",
            "Closed after initial enquiries",
            "closed-after-initial-enquiries",
            "10 Mar 2022",
            "2022-03-10",
            "We will not investigate Mr X’s complaint, \"quoted\".",
        ];
        let office = OfficeRow {
            facts: vec![super::super::office_row::Fact {
                key: "tenure".into(),
                label: "Tenure".into(),
                values: vec!["Assured".into()],
            }],
            ..OfficeRow::default()
        };
        let row = Row::from_texts(texts, 2022, office);
        assert_eq!(row.slug(), "21-016-384");
        assert_eq!(row.summary(), texts[11]);
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(json["category_subject"], "Child protection");
        assert_eq!(json["year"], 2022);
        assert_eq!(json["facts"][0]["values"][0], "Assured");
        let back: Row = serde_json::from_str(&serde_json::to_string(&row).unwrap()).unwrap();
        assert_eq!(back, row);
    }
}

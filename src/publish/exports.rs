//! The site's exports, complete and rewritten at every publish: the sitemap, and the metadata
//! of every published decision as JSON and CSV. Each is written as it is made, never whole in
//! memory. A CSV cell that a spreadsheet would take for a formula is neutralised.

use super::feeds::{xml_escape, BaseUrl};
use super::files;
use super::listings::NAV;
use super::row::Published;
use crate::render::Format;
use anyhow::Result;
use serde::Serialize;
use std::io;
use std::path::Path;

/// Writes `sitemap.xml`, `decisions.json` and `decisions.csv` into the site folder `dir`;
/// `facts` are the keys of the office's facts, a CSV column each.
pub fn write_all(list: &[Published], base: &BaseUrl, facts: &[&str], dir: &Path) -> Result<()> {
    let path = |name: &str| dir.join(name);
    files::write_new_with(&path("sitemap.xml"), |out| Ok(sitemap(list, base, out)?))?;
    files::write_new_with(&path(NAV.json), |out| json(list, base, out))?;
    files::write_new_with(&path(NAV.csv), |out| Ok(csv(list, facts, out)?))
}

/// `sitemap.xml`: the index and every decision page.
pub fn sitemap(list: &[Published], base: &BaseUrl, x: &mut dyn io::Write) -> io::Result<()> {
    x.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    x.write_all(b"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")?;
    let newest = list.iter().map(|p| p.changed).max();
    x.write_all(b"  <url>\n")?;
    writeln!(x, "    <loc>{}</loc>", xml_escape(base.as_str()))?;
    if let Some(newest) = newest {
        writeln!(x, "    <lastmod>{newest}</lastmod>")?;
    }
    x.write_all(b"  </url>\n")?;
    for p in list {
        x.write_all(b"  <url>\n")?;
        writeln!(x, "    <loc>{}</loc>", xml_escape(&base.join(&p.page())))?;
        writeln!(x, "    <lastmod>{}</lastmod>", p.changed)?;
        x.write_all(b"  </url>\n")?;
    }
    x.write_all(b"</urlset>\n")
}

#[derive(Serialize)]
struct JsonFile<'a> {
    base_url: &'a str,
    count: usize,
    decisions: JsonDecisions<'a>,
}

/// The decisions of `decisions.json`, each made as it is written.
struct JsonDecisions<'a> {
    list: &'a [Published<'a>],
    base: &'a BaseUrl,
}

impl Serialize for JsonDecisions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.list.iter().map(|p| JsonDecision {
            decision: p,
            url: self.base.join(&p.page()),
        }))
    }
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    #[serde(flatten)]
    decision: &'a Published<'a>,
    url: String,
}

/// `decisions.json`: every published decision, newest first.
pub fn json(list: &[Published], base: &BaseUrl, out: &mut dyn io::Write) -> Result<()> {
    let file = JsonFile {
        base_url: base.as_str(),
        count: list.len(),
        decisions: JsonDecisions { list, base },
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The first columns of `decisions.csv`, in order; then `categories`, a column for each of the
/// office's facts (by its key) and `parts`.
pub const CSV_COLUMNS: &[&str] = &[
    "reference",
    "authority",
    "category_area",
    "category_subject",
    "outcome",
    "decided",
    "summary",
    "html",
    "pdf",
    "md",
    "akn",
    "content_hash",
    "lang",
    "translations",
];

/// `decisions.csv` (RFC 4180): a header row, then one row per decision, newest first. A cell
/// of several values (categories, a fact's values) holds them one a line; the parts are
/// `finding: part`, one a line, and the translations `lang: address`, one a line.
pub fn csv(list: &[Published], facts: &[&str], out: &mut dyn io::Write) -> io::Result<()> {
    let mut line = String::new();
    let head = CSV_COLUMNS.iter().copied().chain(["categories"]);
    push_row(
        &mut line,
        head.chain(facts.iter().copied()).chain(["parts"]),
    );
    for p in list {
        out.write_all(line.as_bytes())?;
        line.clear();
        let file = |f: Format| p.file(f).unwrap_or_default();
        let (html, pdf, md) = (file(Format::Html), file(Format::Pdf), file(Format::Md));
        let akn = file(Format::Akn);
        let hash = p.content_hash.to_string();
        let office = &p.row.office;
        let categories: Vec<&str> = office.categories.iter().map(|c| c.text.as_str()).collect();
        let categories = categories.join("\n");
        let facts: Vec<String> = facts.iter().map(|k| office.fact(k).join("\n")).collect();
        let parts = one_a_line(&office.parts, |p| (&p.finding_label, &p.part));
        let translations = one_a_line(&office.translations, |t| (&t.lang, &t.slug));
        push_row(
            &mut line,
            [
                p.row.reference(),
                p.row.authority(),
                p.row.category_area(),
                p.row.category_subject(),
                p.row.outcome(),
                p.row.decided_iso(),
                p.row.summary(),
                &html,
                &pdf,
                &md,
                &akn,
                &hash,
                &office.lang,
                &translations,
                &categories,
            ]
            .into_iter()
            .chain(facts.iter().map(String::as_str))
            .chain([parts.as_str()]),
        );
    }
    out.write_all(line.as_bytes())
}

/// A cell of `label: value` pairs, one a line.
fn one_a_line<T>(items: &[T], pair: impl Fn(&T) -> (&String, &String)) -> String {
    let lines: Vec<String> = items
        .iter()
        .map(|item| {
            let (label, value) = pair(item);
            format!("{label}: {value}")
        })
        .collect();
    lines.join("\n")
}

fn push_row<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // OWASP's advice on CSV injection: a cell a spreadsheet would read as a formula
        // starts with a quote mark, which the spreadsheet shows as text.
        let guarded;
        let f = if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            guarded = format!("'{f}");
            guarded.as_str()
        } else {
            f
        };
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_when_needed() {
        let mut s = String::new();
        push_row(&mut s, ["a", "b,c", "say \"hi\""].into_iter());
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn csv_neutralises_formulas() {
        let mut s = String::new();
        let cells = [
            "=HYPERLINK(\"http://evil.example/x\",\"Leeds\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "a=b",
        ];
        push_row(&mut s, cells.into_iter());
        assert_eq!(
            s,
            "\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"Leeds\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",a=b\r\n"
        );
    }
}

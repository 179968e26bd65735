//! The machine-readable files of the site: the Atom feed, the sitemap, and the metadata of
//! every decision as JSON and CSV.

use super::row::Published;
use super::site::LINKS;
use crate::render::Format;
use anyhow::{bail, Result};
use serde::Serialize;
use std::fmt::Write;
use std::io;

/// How many decisions the feed carries, newest first.
pub const FEED_LENGTH: usize = 50;

/// The address the site is served from, always ending in `/`; feed and sitemap links are
/// made from it.
#[derive(Debug, Clone)]
pub struct BaseUrl {
    url: String,
    host: String,
}

impl BaseUrl {
    pub fn parse(s: &str) -> Result<BaseUrl> {
        let bad = |why: &str| -> Result<BaseUrl> {
            bail!("--base-url {s:?} is not usable: {why}; give e.g. https://decisions.example.gov.uk/")
        };
        let Some(rest) = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
        else {
            return bad("it must start with https:// or http://");
        };
        if s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`{}|\\^".contains(c))
        {
            return bad("it has spaces or characters that need escaping");
        }
        if s.contains(['?', '#']) {
            return bad("it must not have a query or a fragment");
        }
        let authority = rest.split('/').next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = host
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if host.is_empty() {
            return bad("it has no host name");
        }
        let mut url = s.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(BaseUrl { url, host })
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// An absolute address of a path in the site.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// A stable Atom id for a decision: a tag URI (RFC 4151) of the site's host and the
    /// decision date, which never change when the decision is republished or corrected.
    pub fn tag(&self, p: &Published) -> String {
        format!(
            "tag:{},{}:decisions/{}",
            self.host,
            p.row.decided_iso(),
            p.row.slug()
        )
    }
}

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn midnight(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// `feed.xml`: the newest decisions as Atom. `list` is sorted newest first.
pub fn atom(list: &[Published], base: &BaseUrl, author: &str, title: &str) -> String {
    let entries = &list[..list.len().min(FEED_LENGTH)];
    let updated_of = |p: &Published| p.changed.to_string().max(midnight(p.row.decided_iso()));
    let updated = entries
        .iter()
        .map(updated_of)
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let e = xml_escape;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n");
    let _ = writeln!(x, "  <title>{}</title>", e(title));
    let _ = writeln!(x, "  <id>{}</id>", e(&base.join(LINKS.feed)));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        e(&base.join(LINKS.feed))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        e(base.as_str())
    );
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(x, "  <author><name>{}</name></author>", e(author));
    for p in entries {
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <id>{}</id>", e(&base.tag(p)));
        let _ = writeln!(x, "    <title>{}</title>", e(p.row.title()));
        for (path, mime) in [
            (Format::Html, "text/html"),
            (Format::Pdf, "application/pdf"),
            (Format::Md, "text/markdown"),
        ] {
            if let Some(path) = p.file(path) {
                let _ = writeln!(
                    x,
                    "    <link rel=\"alternate\" type=\"{mime}\" href=\"{}\"/>",
                    e(&base.join(&path))
                );
            }
        }
        let _ = writeln!(
            x,
            "    <published>{}</published>",
            midnight(p.row.decided_iso())
        );
        let _ = writeln!(x, "    <updated>{}</updated>", updated_of(p));
        let _ = writeln!(
            x,
            "    <category term=\"{}\" label=\"{}\"/>",
            e(p.row.category()),
            e(p.row.category())
        );
        let _ = writeln!(
            x,
            "    <summary type=\"text\">{}: {}</summary>",
            e(p.row.outcome()),
            e(p.row.summary())
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
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

/// The columns of `decisions.csv`, in order.
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
    "content_hash",
];

/// `decisions.csv` (RFC 4180): a header row, then one row per decision, newest first.
pub fn csv(list: &[Published], out: &mut dyn io::Write) -> io::Result<()> {
    let mut line = String::new();
    push_row(&mut line, CSV_COLUMNS.iter().copied());
    for p in list {
        out.write_all(line.as_bytes())?;
        line.clear();
        let file = |f: Format| p.file(f).unwrap_or_default();
        let (html, pdf, md) = (file(Format::Html), file(Format::Pdf), file(Format::Md));
        let hash = p.content_hash.to_string();
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
                &hash,
            ]
            .into_iter(),
        );
    }
    out.write_all(line.as_bytes())
}

fn push_row<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
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
    fn base_urls() {
        let b = BaseUrl::parse("https://Decisions.Example.org:8443/lib").unwrap();
        assert_eq!(b.as_str(), "https://Decisions.Example.org:8443/lib/");
        assert_eq!(b.host, "decisions.example.org");
        assert!(BaseUrl::parse("decisions.example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://x.org/a b").is_err());
    }

    #[test]
    fn csv_quotes_when_needed() {
        let mut s = String::new();
        push_row(&mut s, ["a", "b,c", "say \"hi\""].into_iter());
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn xml_escapes_and_drops_controls() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}

//! The feeds stage: Atom feeds of the newest decisions, one for the whole site
//! (`feed.xml`) and one per category area and per authority (`feeds/area-housing.xml`,
//! `feeds/authority-leeds-city-council.xml`), each linked from its browse pages. Each is
//! planned with a key (see `outputs`), so a republish makes again only those that changed.

use super::listings::{Groups, NAV};
use super::outputs::{Key, Planned};
use super::row::Published;
use crate::render::Format;
use anyhow::{bail, Result};
use std::fmt::Write;

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

/// A feed as it is planned: its file, title and the page it stands for.
pub struct Feed<'a> {
    /// Relative to the site root: `feed.xml`, `feeds/area-housing.xml`.
    pub path: String,
    pub title: String,
    /// The page it is the feed of, relative to the site root.
    pub page: String,
    /// Indexes into the site's list.
    pub members: &'a [u32],
}

/// The namespace of the decision date, an element of each entry of its own: Dublin Core's
/// `date`, the date of the decision, not of its publication.
const DCTERMS: &str = "http://purl.org/dc/terms/";

/// Plans the feeds: `feed.xml` and one per category area and per authority, each of the
/// [`FEED_LENGTH`] decisions that appeared on the site most recently.
pub fn plan<'a>(
    list: &'a [Published<'a>],
    groups: &'a Groups,
    base: &'a BaseUrl,
    author: &'a str,
    lang: &'a str,
    words: &crate::templates::Wording,
) -> Vec<Planned<'a>> {
    let name = words.site("name", &[("ombudsman", author)]);
    let all = Feed {
        path: NAV.feed.to_string(),
        title: name.clone(),
        page: NAV.home.to_string(),
        members: &groups.all.members,
    };
    let groups = groups
        .areas
        .iter()
        .map(|a| &a.group)
        .chain(&groups.authorities);
    let feeds = std::iter::once(all).chain(groups.filter_map(|g| {
        Some(Feed {
            path: g.feed()?,
            title: format!("{name}: {}", g.label),
            page: format!("{}{}", NAV.browse, g.page_file(1)),
            members: &g.members,
        })
    }));
    feeds
        .map(|feed| {
            let entries = newest(list, feed.members);
            let mut key = Key::new("feed");
            key.add(base.as_str().as_bytes()).add(feed.title.as_bytes());
            key.add(lang.as_bytes());
            for &i in &entries {
                let p = &list[i as usize];
                key.add(p.row.slug().as_bytes()).add(&p.content_hash.0);
                key.add(p.published.as_bytes()).add(p.changed.as_bytes());
            }
            Planned {
                path: feed.path.clone(),
                key: key.finish(),
                make: Box::new(move || {
                    Ok(atom(list, &entries, &feed, base, author, lang).into_bytes())
                }),
            }
        })
        .collect()
}

/// The entries of a feed: the [`FEED_LENGTH`] members that appeared last, newest first (by
/// decision date and reference among those that appeared at once).
fn newest(list: &[Published], members: &[u32]) -> Vec<u32> {
    let mut entries = members.to_vec();
    // `members` are newest first by decision date; a stable sort keeps that among equals.
    entries.sort_by(|&a, &b| list[b as usize].published.cmp(list[a as usize].published));
    entries.truncate(FEED_LENGTH);
    entries
}

/// A feed as Atom (RFC 4287).
pub fn atom(
    list: &[Published],
    entries: &[u32],
    feed: &Feed,
    base: &BaseUrl,
    author: &str,
    lang: &str,
) -> String {
    let entries: Vec<&Published> = entries.iter().map(|&i| &list[i as usize]).collect();
    let updated = entries
        .iter()
        .map(|p| p.changed)
        .max()
        .unwrap_or("1970-01-01T00:00:00Z");
    let e = xml_escape;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:dcterms=\"{DCTERMS}\" xml:lang=\"{}\">",
        e(lang)
    );
    let _ = writeln!(x, "  <title>{}</title>", e(&feed.title));
    let _ = writeln!(x, "  <id>{}</id>", e(&base.join(&feed.path)));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        e(&base.join(&feed.path))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        e(&base.join(&feed.page))
    );
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(x, "  <author><name>{}</name></author>", e(author));
    for p in entries {
        entry(&mut x, p, base);
    }
    x.push_str("</feed>\n");
    x
}

/// One entry: `published` when the decision first appeared on the site, `updated` when its
/// text last changed, and the decision date as `dcterms:date`.
fn entry(x: &mut String, p: &Published, base: &BaseUrl) {
    let e = xml_escape;
    x.push_str("  <entry>\n");
    let _ = writeln!(x, "    <id>{}</id>", e(&base.tag(p)));
    let _ = writeln!(x, "    <title>{}</title>", e(p.row.title()));
    for (format, mime) in [
        (Format::Html, "text/html"),
        (Format::Pdf, "application/pdf"),
        (Format::Md, "text/markdown"),
        // As The National Archives' Find Case Law links its judgments' XML.
        (Format::Akn, "application/akn+xml"),
    ] {
        if let Some(path) = p.file(format) {
            let _ = writeln!(
                x,
                "    <link rel=\"alternate\" type=\"{mime}\" href=\"{}\"/>",
                e(&base.join(&path))
            );
        }
    }
    let _ = writeln!(x, "    <published>{}</published>", p.published);
    let _ = writeln!(x, "    <updated>{}</updated>", p.changed);
    let _ = writeln!(
        x,
        "    <dcterms:date>{}</dcterms:date>",
        p.row.decided_iso()
    );
    // One category element for each of the decision's categories.
    let categories = &p.row.office.categories;
    let texts: Vec<&str> = if categories.is_empty() {
        vec![p.row.category()]
    } else {
        categories.iter().map(|c| c.text.as_str()).collect()
    };
    for text in texts {
        let _ = writeln!(
            x,
            "    <category term=\"{}\" label=\"{}\"/>",
            e(text),
            e(text)
        );
    }
    let _ = writeln!(
        x,
        "    <summary type=\"text\">{}: {}</summary>",
        e(p.row.outcome()),
        e(p.row.summary())
    );
    x.push_str("  </entry>\n");
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
    fn xml_escapes_and_drops_controls() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}

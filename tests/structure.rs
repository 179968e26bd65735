//! The three formats agree on the structure of every example and fixture: the sequence of
//! headings, numbered paragraphs, lettered points, bullets and quotations read back from the
//! Markdown (pulldown-cmark), the HTML and the PDF (`pdftotext -bbox` positions) is the same.

mod common;
use common::*;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::PathBuf;

/// The cases whose structure is compared: the examples, the structure fixture, real decisions,
/// and the other offices' examples, each with its office folder.
fn cases() -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut all = examples();
    all.push(repo().join("tests/fixtures/structure/all-structures.yaml"));
    let mut out: Vec<(PathBuf, Option<PathBuf>)> = all.into_iter().map(|c| (c, None)).collect();
    // A real decision copied as issued is built with its era's wording and letter head.
    if let Ok(dirs) = std::fs::read_dir(repo().join("tests/fixtures/real")) {
        let mut real: Vec<PathBuf> = dirs.map(|d| d.unwrap().path()).collect();
        real.sort();
        out.extend(real.into_iter().map(|dir| {
            let templates = dir.join("templates");
            (
                dir.join("case.yaml"),
                templates.is_dir().then_some(templates),
            )
        }));
    }
    for office in ["housing-ombudsman", "ombwdsmon-cymru"] {
        let dir = repo().join("offices").join(office);
        for case in std::fs::read_dir(dir.join("cases")).unwrap() {
            out.push((case.unwrap().path(), Some(dir.clone())));
        }
        // The office's published decisions rebuilt with its folder.
        let real = repo().join("tests/fixtures/offices").join(office);
        for fixture in std::fs::read_dir(real).into_iter().flatten() {
            out.push((fixture.unwrap().path().join("case.yaml"), Some(dir.clone())));
        }
    }
    out
}

/// `H2 What I found`, `P 12`, `L b`, `B`, `Q`.
type Structure = Vec<String>;

fn from_markdown(md: &str) -> Structure {
    let mut out = Vec::new();
    // Open lists: the next number of an ordered one, `None` for a bullet list.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut heading: Option<(usize, String)> = None;
    let mut bullet_item = false;
    for event in Parser::new(body(md)) {
        if let Event::Text(t) = &event {
            if let Some((_, text)) = heading.as_mut() {
                text.push_str(t);
                continue;
            }
        }
        if std::mem::take(&mut bullet_item) {
            match &event {
                Event::Text(t) if strip_label(t).len() < t.len() => {
                    let label = t.split(')').next().unwrap();
                    out.push(format!("L {label}"));
                }
                Event::Start(Tag::Paragraph) => {
                    bullet_item = true;
                    continue;
                }
                _ => out.push("B".to_string()),
            }
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, text) = heading.take().unwrap();
                out.push(format!("H{level} {}", text.trim()));
            }
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => match lists.last_mut() {
                Some(Some(n)) => {
                    out.push(format!("P {n}"));
                    *n += 1;
                }
                _ => bullet_item = true,
            },
            Event::Start(Tag::BlockQuote(_)) => out.push("Q".to_string()),
            _ => {}
        }
    }
    out
}

fn level_number(level: HeadingLevel) -> usize {
    level as usize
}

/// What an open list of the HTML is.
enum HtmlList {
    Paras,
    Letters(usize),
    Roman(usize),
    Bullets,
}

fn from_html(html: &str) -> Structure {
    let main = &html[html.find("<main").unwrap()..html.rfind("</main>").unwrap()];
    let mut out = Vec::new();
    let mut lists: Vec<HtmlList> = Vec::new();
    let mut rest = main;
    while let Some(i) = rest.find('<') {
        let end = i + rest[i..].find('>').unwrap() + 1;
        let tag = &rest[i..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" => {
                let close = format!("</{name}>");
                let inner = &rest[end..end + rest[end..].find(&close).unwrap()];
                out.push(format!("H{} {}", &name[1..], html_text(inner)));
            }
            "ol" if tag.contains("class=\"paras\"") => lists.push(HtmlList::Paras),
            "ol" if tag.contains("type=\"i\"") => lists.push(HtmlList::Roman(0)),
            "ol" => lists.push(HtmlList::Letters(0)),
            "ul" => lists.push(HtmlList::Bullets),
            "/ol" | "/ul" => {
                lists.pop();
            }
            "li" => match lists.last_mut() {
                Some(HtmlList::Paras) => {
                    let id = tag.split("id=\"para-").nth(1).unwrap();
                    out.push(format!("P {}", id.split('"').next().unwrap()));
                }
                Some(HtmlList::Letters(n)) => {
                    out.push(format!("L {}", decisions::resolve::labels::letter(*n)));
                    *n += 1;
                }
                Some(HtmlList::Roman(n)) => {
                    out.push(format!("L {}", decisions::resolve::labels::roman_label(*n)));
                    *n += 1;
                }
                _ => out.push("B".to_string()),
            },
            "blockquote" => out.push("Q".to_string()),
            _ => {}
        }
        rest = &rest[end..];
    }
    out
}

fn html_text(inner: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// One line of the PDF as `pdftotext -bbox` places its words.
struct Line {
    x: f64,
    /// The top of the line, and how far it is below the line before.
    gap: f64,
    height: f64,
    words: Vec<(f64, String)>,
}

fn pdf_lines(pdf: &std::path::Path) -> Vec<Line> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by .ci/setup-browser)");
    let xml = String::from_utf8(out.stdout).unwrap();
    let attr = |w: &str, name: &str| -> f64 {
        let at = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        w[at..at + w[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut last_y = f64::NAN;
    let mut last_bottom = 0.0;
    for w in xml.lines().filter(|l| l.trim_start().starts_with("<word ")) {
        let text = w[w.find('>').unwrap() + 1..w.rfind("</word>").unwrap()]
            .replace("&amp;", "&")
            .replace("&apos;", "'");
        let (x, y0, y1) = (attr(w, "xMin"), attr(w, "yMin"), attr(w, "yMax"));
        // The running header and the page footer are not the decision's structure.
        if !(60.0..790.0).contains(&y0) || text == "DRAFT" {
            continue;
        }
        if (y1 - last_y).abs() > 0.5 || lines.is_empty() {
            lines.push(Line {
                x,
                gap: y0 - last_bottom,
                height: y1 - y0,
                words: Vec::new(),
            });
            last_bottom = y1;
        }
        last_y = y1;
        lines.last_mut().unwrap().words.push((x, text));
    }
    lines
}

/// The levels of the PDF's headings in reading order, from its structure tree: sub-headings
/// of the first and second level are set in one size and told apart by weight, which
/// `pdftotext` does not show.
fn heading_levels(pdf: &std::path::Path) -> Vec<usize> {
    use lopdf::{Document, Object};
    fn walk(doc: &Document, obj: &Object, out: &mut Vec<usize>) {
        let obj = match obj {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => o,
                Err(_) => return,
            },
            o => o,
        };
        match obj {
            Object::Array(items) => items.iter().for_each(|i| walk(doc, i, out)),
            Object::Dictionary(d) => {
                if let Ok(Object::Name(s)) = d.get(b"S") {
                    if let [b'H', n @ b'1'..=b'6'] = s.as_slice() {
                        out.push(usize::from(n - b'0'));
                    }
                }
                if let Ok(kids) = d.get(b"K") {
                    walk(doc, kids, out);
                }
            }
            _ => {}
        }
    }
    let doc = Document::load(pdf).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .clone();
    let mut out = Vec::new();
    walk(&doc, &root, &mut out);
    out
}

fn from_pdf(pdf: &std::path::Path) -> Structure {
    let mut out: Structure = Vec::new();
    let lines = pdf_lines(pdf);
    // Before the first heading or paragraph (a letter head), text starts at the margin.
    let mut text_x = lines.iter().map(|l| l.x).fold(f64::INFINITY, f64::min);
    let mut in_quote = false;
    let mut last_heading: Option<usize> = None;
    let mut levels = heading_levels(pdf).into_iter();
    for line in lines {
        let first = line.words[0].1.as_str();
        // Table cells are set smaller than the text; tables are not compared.
        if line.height < 11.6 {
            last_heading = None;
            continue;
        }
        if line.height > 12.55 {
            let text: Vec<&str> = line.words.iter().map(|w| w.1.as_str()).collect();
            let count = out.len();
            match (last_heading, out.last_mut()) {
                // A heading set over two lines: the next line, at the heading's own leading.
                (Some(l), Some(prev)) if l + 1 == count && (0.0..4.0).contains(&line.gap) => {
                    prev.push(' ');
                    prev.push_str(&text.join(" "));
                }
                _ => {
                    let level = levels.next().expect("a heading the structure tree lacks");
                    out.push(format!("H{level} {}", text.join(" ")));
                }
            }
            last_heading = Some(out.len() - 1);
            text_x = line.x;
            continue;
        }
        // A line that wraps on from the one above, at the text's own leading, starts no
        // paragraph, though it may begin with a year and a full stop ("2024. The …").
        let wrapped = (0.0..4.0).contains(&line.gap);
        let number = first
            .strip_suffix('.')
            .filter(|n| !wrapped && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let label = first
            .strip_suffix(')')
            .filter(|l| !wrapped && !l.is_empty() && l.chars().all(|c| c.is_ascii_lowercase()));
        let marker = if let Some(n) = number {
            Some(format!("P {n}"))
        } else if let Some(l) = label {
            Some(format!("L {l}"))
        } else if first == "•" || first == "–" {
            Some("B".to_string())
        } else {
            None
        };
        match marker {
            Some(m) if line.words.len() > 1 => {
                out.push(m);
                text_x = line.words[1].0;
                in_quote = false;
            }
            _ => {
                // A quotation is set in from the text it stands in.
                let quote = line.x > text_x + 12.0;
                if quote && !in_quote {
                    out.push("Q".to_string());
                }
                in_quote = quote;
            }
        }
    }
    out
}

#[test]
fn the_three_formats_agree_on_the_structure() {
    let out = tempfile::tempdir().unwrap();
    for (n, (case, office)) in cases().into_iter().enumerate() {
        // Each case into a folder of its own, whose one decision is the case's.
        let into = out.path().join(n.to_string());
        let mut cmd = bin();
        cmd.args(["build", "--quiet", "--format", "md,html,pdf", "--out"])
            .arg(&into)
            .arg(&case);
        if let Some(office) = &office {
            cmd.arg("--templates").arg(office);
        }
        cmd.assert().success();
        let dir = std::fs::read_dir(&into)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let md = std::fs::read_to_string(dir.join("decision.md")).unwrap();
        let html = std::fs::read_to_string(dir.join("decision.html")).unwrap();
        let from_md = from_markdown(&md);
        // An office that numbers no paragraphs still has its headings (a findings summary
        // only its title).
        let numbered = office
            .as_ref()
            .is_none_or(|o| !o.join("office.yaml").exists());
        assert!(
            from_md
                .iter()
                .any(|s| s.starts_with("P ") || !numbered && s.starts_with('H')),
            "{}: {from_md:?}",
            case.display()
        );
        assert_eq!(
            from_html(&html),
            from_md,
            "HTML and Markdown of {}",
            case.display()
        );
        assert_eq!(
            from_pdf(&dir.join("decision.pdf")),
            from_md,
            "PDF and Markdown of {}",
            case.display()
        );
    }
}

#[test]
fn the_structure_fixture_holds_every_structure() {
    let out = tempfile::tempdir().unwrap();
    build(
        &repo().join("tests/fixtures/structure/all-structures.yaml"),
        out.path(),
        "md",
    );
    let md = std::fs::read_to_string(out.path().join("23-004-117/decision.md")).unwrap();
    let s = from_markdown(&md);
    for must in [
        "H3 What Mrs X says",
        "L b",
        "L ii",
        "B",
        "Q",
        "H3 What the Council will do",
    ] {
        assert!(s.iter().any(|x| x == must), "{must} missing from {s:?}");
    }
}

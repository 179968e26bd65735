//! Tests of the HTML body and page template.

use super::text::{letters, slug};
use super::*;

const SAMPLE: &str = include_str!("../../../tests/fixtures/html/sample-body.md");
const TEMPLATE: &str = include_str!("../../../templates/decision.html");

fn sample_context(draft: bool) -> PageContext {
    PageContext {
        decision: PageDecision {
            title: "Leeds City Council (21 016 384)".into(),
            reference: "21 016 384".into(),
            slug: "21-016-384".into(),
            authority: "Leeds City Council".into(),
            category_area: "Children's care services".into(),
            category_subject: "Child protection".into(),
            outcome: "Closed after initial enquiries".into(),
            decided: "10 Mar 2022".into(),
            decided_iso: "2022-03-10".into(),
            draft,
            status: if draft { "draft" } else { "final" }.into(),
            summary: "We will not investigate Mr X’s complaint <about> a \"children\" services \
                      assessment."
                .into(),
            lang: "en-GB".into(),
            translations: vec![PageTranslation {
                lang: "cy".into(),
                name: "Cymraeg".into(),
                slug: "21-016-385".into(),
            }],
        },
        body: body(SAMPLE),
        words: crate::templates::Templates::load(None)
            .expect("the built-in templates load")
            .wording
            .page,
        draft_mark: "DRAFT".into(),
    }
}

fn render_page(ctx: &PageContext) -> String {
    let mut tera = tera::Tera::default();
    tera.add_raw_template("decision.html", TEMPLATE)
        .expect("template parses");
    page(&tera, "decision.html", ctx).expect("template renders")
}

/// Checks every tag in the output: only known elements, no event-handler attributes, and only
/// http(s), mailto and fragment links. Text is escaped, so every `<` starts a real tag.
fn assert_inert(html: &str) {
    const TAGS: &[&str] = &[
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dl",
        "div",
        "dt",
        "dd",
        "section",
        "p",
        "ol",
        "ul",
        "li",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "br",
        "hr",
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ];
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '\n'])
            .next()
            .unwrap_or_default();
        assert!(
            TAGS.contains(&name),
            "unexpected element {name:?} in {html}"
        );
        let lower = tag.to_ascii_lowercase();
        assert!(!lower.contains(" on"), "event handler in <{tag}> in {html}");
        if let Some((_, href)) = lower.split_once("href=\"") {
            assert!(
                ["http://", "https://", "mailto:", "#"]
                    .iter()
                    .any(|s| href.starts_with(s)),
                "unsafe link <{tag}> in {html}"
            );
        }
    }
}

#[test]
fn raw_html_blocks_and_inline_html_are_escaped() {
    let md = "1. Before <script>alert(1)</script> after <img src=x onerror=alert(2)>\n\n\
              <script>alert(3)</script>\n\n<div onmouseover=\"alert(4)\">hi</div>\n";
    let html = body(md);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<div"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
}

#[test]
fn dangerous_links_become_plain_text() {
    let md = "[one](javascript:alert(1)) [two](JaVaScRiPt:alert(2)) \
              [three](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(4)> \
              [five](vbscript:msgbox) [six]( java\tscript:x) ![seven](https://x.test/a.png \"t\") \
              [eight](//evil.test/) [nine](file:///etc/passwd)\n";
    let html = body(md);
    assert_inert(&html);
    assert!(!html.contains("<a"), "{html}");
    for word in ["one", "two", "three", "five", "seven", "eight", "nine"] {
        assert!(html.contains(word), "lost the text {word}: {html}");
    }
}

#[test]
fn safe_links_stay_links_and_attributes_cannot_be_broken_out_of() {
    let md = "[a](https://example.org/?q=1&r=2) [b](http://example.org) [c](mailto:x@example.org) \
              [d](#para-3) <someone@example.org> [e](<#x\" onmouseover=\"alert(1)>) \
              [f](https://example.org \"A \\\"title\\\" <b>\")\n";
    let html = body(md);
    assert!(
        html.contains(r#"<a href="https://example.org/?q=1&amp;r=2">a</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="http://example.org">b</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="mailto:x@example.org">c</a>"#),
        "{html}"
    );
    assert!(html.contains(r##"<a href="#para-3">d</a>"##), "{html}");
    assert!(
        html.contains(r#"<a href="mailto:someone@example.org">"#),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#x%22%20onmouseover=%22alert(1)">e</a>"##),
        "{html}"
    );
    assert!(
        html.contains(r#"title="A &quot;title&quot; &lt;b&gt;""#),
        "{html}"
    );
    assert!(!html.contains(" onmouseover=\""), "{html}");
    assert_inert(&html);
}

#[test]
fn numbered_paragraphs_keep_their_numbers_across_sections() {
    let html = body(SAMPLE);
    assert_inert(&html);
    assert!(
        html.contains("<ol class=\"paras\" start=\"1\">\n<li id=\"para-1\">"),
        "{html}"
    );
    assert!(
        html.contains("<ol class=\"paras\" start=\"2\">\n<li id=\"para-2\">"),
        "{html}"
    );
    assert!(
        html.contains("<ol class=\"paras\" start=\"8\">\n<li id=\"para-8\">"),
        "{html}"
    );
    for n in 1..=10 {
        assert_eq!(
            html.matches(&format!("<li id=\"para-{n}\">")).count(),
            1,
            "para-{n}"
        );
        let self_link =
            format!("<a class=\"self\" href=\"#para-{n}\" aria-label=\"Paragraph {n}\">");
        assert!(html.contains(&self_link), "self link {n}: {html}");
    }
    assert!(!html.contains("para-11"), "{html}");
    // Tight items get a paragraph like loose ones.
    assert!(
        html.contains("</a><p>I considered information provided"),
        "{html}"
    );
}

#[test]
fn nested_ordered_lists_are_lettered_with_ids() {
    let html = body(SAMPLE);
    assert!(
        html.contains("<ol type=\"a\">\n<li id=\"para-8a\">"),
        "{html}"
    );
    assert!(html.contains("<li id=\"para-8b\">"), "{html}");
    assert!(html.contains("<li id=\"para-8c\">"), "{html}");
    assert!(
        html.contains(r##"<a href="#para-8b">paragraph 8b</a>"##),
        "{html}"
    );
    let deeper = body("4. Text\n\n   2. b\n   3. c\n\n      1. roman\n");
    assert!(
        deeper.contains("<ol type=\"a\" start=\"2\">\n<li id=\"para-4b\">"),
        "{deeper}"
    );
    assert!(deeper.contains("<li id=\"para-4c\">"), "{deeper}");
    assert!(deeper.contains("<ol type=\"i\">\n<li>"), "{deeper}");
}

#[test]
fn bullets_inside_numbered_paragraphs_stay_bullets() {
    let html = body(SAMPLE);
    assert!(html.contains("<ul>\n<li>we could not add"), "{html}");
}

#[test]
fn title_and_header_lines_become_header_and_definition_list() {
    let html = body(SAMPLE);
    assert!(
        html.starts_with("<header>\n<h1>Leeds City Council (21 016 384)</h1>\n<dl class=\"meta\">"),
        "{html}"
    );
    assert!(
        html.contains(
            "<div><dt>Category</dt><dd>Children's care services &gt; Child protection</dd></div>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<div><dt>Decision</dt><dd>Closed after initial enquiries</dd></div>"),
        "{html}"
    );
    assert!(html.contains("<div><dt>Decision date</dt><dd>10 Mar 2022</dd></div>\n</dl>\n</header>\n<p><strong>The Ombudsman's final decision:</strong></p>"), "{html}");
    assert_eq!(html.matches("<h1").count(), 1);
}

#[test]
fn a_level_one_heading_after_a_letter_head_is_the_pages_h1() {
    // A decision as issued in 2016: the date and letter head, then the heading. A level-one
    // heading among the sections stays a section's `<h2>`.
    let md = "15 January 2016\n\n**Complaint reference:**\n14 019 995\n\n\
              # The Ombudsman’s final decision\n\n## The complaint\n\n1. Mr A complains.\n\n\
              # A second level-one heading\n";
    let html = body(md);
    assert!(
        html.contains(
            "<h1 id=\"the-ombudsmans-final-decision\">The Ombudsman’s final decision</h1>"
        ),
        "{html}"
    );
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    assert!(!html.contains("<header>"), "{html}");
    assert!(
        html.contains("<h2 id=\"a-second-level-one-heading\">"),
        "{html}"
    );
}

#[test]
fn sections_wrap_h2_and_ids_are_unique() {
    let html = body(SAMPLE);
    assert!(html.contains("<section aria-labelledby=\"the-complaint\">\n<h2 id=\"the-complaint\">The complaint</h2>"), "{html}");
    assert!(
        html.contains(
            "<h2 id=\"the-ombudsmans-role-and-powers\">The Ombudsman’s role and powers</h2>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<h3 id=\"what-happened\">What happened</h3>"),
        "{html}"
    );
    assert_eq!(
        html.matches("<section").count(),
        html.matches("</section>").count()
    );
    assert_eq!(html.matches("<section").count(), 5);
    let twice = body("## A\n\ntext\n\n## A\n\n# Extra title\n");
    assert!(
        twice.contains("id=\"a\"") && twice.contains("id=\"a-2\""),
        "{twice}"
    );
    assert!(twice.contains("<h2 id=\"extra-title\">"), "{twice}");
    let dup = body("1. one\n\n## B\n\n1. again\n");
    assert_eq!(dup.matches("id=\"para-1\"").count(), 1, "{dup}");
}

#[test]
fn typography_survives() {
    let html = body("1. Mr X’s ‘fault’ – £150 … “quoted”\n");
    assert!(html.contains("Mr X’s ‘fault’ – £150 … “quoted”"), "{html}");
}

#[test]
fn odd_input_never_panics() {
    for md in [
        "",
        "#",
        "1.",
        "   1.\n      1.\n",
        "> 1. a\n>    1. b\n",
        "Category : x",
        "# T\n\nA : b\n\n```\n<x>\n```\n",
        "[x]: javascript:y\n\n[x]\n",
        "|a|\n|-|\n|b|\n",
    ] {
        assert_inert(&body(md));
    }
}

#[test]
fn page_template_renders_final_and_draft() {
    let final_page = render_page(&sample_context(false));
    assert!(
        final_page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
        "{final_page}"
    );
    assert!(
        final_page.contains("<title>Leeds City Council (21 016 384) – decision statement</title>")
    );
    assert!(final_page.contains(
        "content=\"We will not investigate Mr X’s complaint &lt;about&gt; a &quot;children&quot;"
    ));
    assert!(!final_page.contains("noindex"));
    assert!(!final_page.contains("class=\"draft\""));
    assert!(final_page.contains("<li id=\"para-8\">"));
    assert!(final_page.contains("<a class=\"skip\" href=\"#content\">"));
    assert!(!final_page.contains("http://") || final_page.contains("http://example.org"));
    // Nothing is loaded from elsewhere: the only links are to the translations.
    assert!(
        final_page.matches("<link").count()
            == final_page.matches("<link rel=\"alternate\"").count()
            && !final_page.contains("@import")
            && !final_page.contains("url(")
    );
    assert!(final_page
        .contains("<link rel=\"alternate\" hreflang=\"cy\" href=\"../21-016-385/decision.html\">"));
    assert!(final_page.contains(
        "<a href=\"../21-016-385/decision.html\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>"
    ));

    let draft_page = render_page(&sample_context(true));
    assert!(draft_page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(draft_page.contains("<title>DRAFT – Leeds City Council"));
    assert!(draft_page.contains("<p class=\"draft\"><strong>DRAFT</strong>"));
}

/// Writes the sample pages for the browser and validator checks:
/// `DECISIONS_SAMPLE_HTML=/tmp/sample.html cargo test write_sample_pages -- --ignored`
/// writes that file and a draft beside it (`sample-draft.html`).
#[test]
#[ignore]
fn write_sample_pages() {
    let Ok(path) = std::env::var("DECISIONS_SAMPLE_HTML") else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    std::fs::write(&path, render_page(&sample_context(false))).expect("write sample");
    let draft = path.with_file_name(format!(
        "{}-draft.html",
        path.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("sample")
    ));
    std::fs::write(draft, render_page(&sample_context(true))).expect("write draft sample");
}

#[test]
fn slugs_and_letters() {
    assert_eq!(
        slug("The Ombudsman’s role and powers"),
        "the-ombudsmans-role-and-powers"
    );
    assert_eq!(slug("Law and guidance"), "law-and-guidance");
    assert_eq!(slug("2021 events"), "s-2021-events");
    assert_eq!(slug("Para-3"), "s-para-3");
    assert_eq!(slug("’’"), "section");
    assert_eq!(letters(1), "a");
    assert_eq!(letters(26), "z");
    assert_eq!(letters(27), "aa");
}

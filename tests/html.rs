//! Decision pages: the same words as the Markdown, valid HTML5, accessible, and safe.

mod common;
use common::*;
use std::path::PathBuf;

fn build_examples(out: &std::path::Path) -> Vec<PathBuf> {
    bin()
        .args(["build", "--quiet", "--format", "md,html", "--out"])
        .arg(out)
        .args(examples())
        .assert()
        .success();
    examples()
        .iter()
        .map(|c| out.join(c.file_stem().unwrap()).join("decision.html"))
        .collect()
}

/// The other offices' examples, each built with its office folder: tables, unnumbered
/// paragraphs, two levels of sub-headings, Welsh.
fn build_office_examples(out: &std::path::Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for office in ["housing-ombudsman", "ombwdsmon-cymru", "spso"] {
        let dir = repo().join("offices").join(office);
        for case in std::fs::read_dir(dir.join("cases")).unwrap() {
            let case = case.unwrap().path();
            // Each into a folder of its own: a translation's address is not its file's name.
            let into = out.join(case.file_stem().unwrap());
            bin()
                .args(["build", "--quiet", "--format", "md,html", "--out"])
                .arg(&into)
                .arg(&case)
                .arg("--templates")
                .arg(&dir)
                .assert()
                .success();
            let built = std::fs::read_dir(&into).unwrap().next().unwrap().unwrap();
            pages.push(built.path().join("decision.html"));
        }
    }
    pages
}

/// The real decisions of `tests/fixtures/real`, each built with its era's templates where it
/// has them: letter heads, drafts, quotations as published.
fn build_real_decisions(out: &std::path::Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/real"))
        .unwrap()
        .map(|d| d.unwrap().path())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let into = out.join(dir.file_name().unwrap());
            let mut cmd = bin();
            cmd.args(["build", "--quiet", "--format", "md,html", "--out"])
                .arg(&into)
                .arg(dir.join("case.yaml"));
            if dir.join("templates").is_dir() {
                cmd.arg("--templates").arg(dir.join("templates"));
            }
            cmd.assert().success();
            let built = std::fs::read_dir(&into).unwrap().next().unwrap().unwrap();
            built.path().join("decision.html")
        })
        .collect()
}

#[test]
fn page_words_equal_markdown_words() {
    let out = tempfile::tempdir().unwrap();
    for page in build_examples(out.path()) {
        let html = std::fs::read_to_string(&page).unwrap();
        let md = std::fs::read_to_string(page.with_file_name("decision.md")).unwrap();
        let ours = content_words(&html_words(&html));
        let expected = content_words(&md_words(&md));
        // The page adds a DRAFT banner to drafts, before the decision itself.
        let ours: Vec<String> = if md.contains("status: \"draft\"") {
            let at = ours.iter().position(|w| w == "Council").unwrap() - 2;
            ours[at..].to_vec()
        } else {
            ours
        };
        assert_same_words(&ours, &expected, &page.display().to_string());
    }
}

#[test]
fn paragraphs_carry_their_numbers_and_anchors() {
    let out = tempfile::tempdir().unwrap();
    build_examples(out.path());
    let html = std::fs::read_to_string(out.path().join("21-016-384/decision.html")).unwrap();
    for n in 1..=9 {
        assert!(html.contains(&format!("id=\"para-{n}\"")), "para-{n}");
        assert!(
            html.contains(&format!("href=\"#para-{n}\"")),
            "self-link {n}"
        );
    }
    assert!(!html.contains("id=\"para-10\""));
    for start in [2, 5, 8, 9] {
        assert!(
            html.contains(&format!("start=\"{start}\"")),
            "start {start}"
        );
    }
    assert!(html.contains("type=\"a\""), "lettered areas");
    assert!(html.contains("id=\"para-8c\""));
    assert!(html.contains("lang=\"en-GB\""));
    assert!(html.contains("<title>Leeds City Council (21 016 384)"));
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(!html.contains("noindex"));

    let upheld = std::fs::read_to_string(out.path().join("23-004-117/decision.html")).unwrap();
    assert!(upheld.contains("href=\"#para-22\""), "cross-reference link");
    let draft = std::fs::read_to_string(out.path().join("24-011-902/decision.html")).unwrap();
    assert!(draft.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(draft.contains("DRAFT"));
    assert!(
        draft.contains("The Ombudsman's draft decision:")
            || draft.contains("The Ombudsman&#39;s draft decision:")
            || draft.contains("The Ombudsman&#x27;s draft decision:")
    );
}

#[test]
fn markup_in_case_text_never_reaches_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(repo().join("cases/21-016-384.yaml")).unwrap();
    let evil = seed
        .replace(
            "complains about a children services assessment.",
            "complains <script>alert(1)</script> about <img src=x onerror=alert(2)> a [link](javascript:alert(3)) and [data](data:text/html;base64,PHNjcmlwdD4=) <a href=\"javascript:x\" onclick=\"y\">here</a>.",
        )
        .replace(
            "final_decision:\n",
            "final_decision:\n  - |\n    <iframe src=\"https://evil.example\"></iframe>\n\n    <div onmouseover=\"steal()\">x</div>\n",
        );
    let case = dir.path().join("evil.yaml");
    std::fs::write(&case, evil).unwrap();
    build(&case, &dir.path().join("out"), "html");
    let html = std::fs::read_to_string(dir.path().join("out/21-016-384/decision.html")).unwrap();
    // Every real tag of the page: text that merely mentions markup is escaped, so has no `<`.
    let tags: Vec<String> = html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap().to_lowercase())
        .collect();
    for bad in ["script", "img", "iframe", "div onmouseover"] {
        assert!(
            !tags.iter().any(|t| t.starts_with(bad)),
            "<{bad}> reached the page"
        );
    }
    for attr in ["onerror", "onclick", "onmouseover", "javascript:", "data:"] {
        assert!(
            !tags.iter().any(|t| t.contains(attr)),
            "{attr} inside a tag"
        );
    }
    // The words are still there, as text.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn pages_pass_the_nu_html_checker() {
    let out = tempfile::tempdir().unwrap();
    let mut pages = build_examples(out.path());
    pages.extend(build_office_examples(out.path()));
    pages.extend(build_real_decisions(out.path()));
    assert_nu_valid(&pages);
}

#[test]
fn pages_pass_axe_core_at_1280_and_320_pixels() {
    let out = tempfile::tempdir().unwrap();
    let mut pages = build_examples(out.path());
    pages.extend(build_office_examples(out.path()));
    pages.extend(build_real_decisions(out.path()));
    assert_axe_clean(&pages);
}

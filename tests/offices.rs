//! Office folders: the built-in LGSCO and those shipped in `offices/` load and agree with the
//! office schema; a bad office file is refused with its file, line, column and key path.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("decisions").unwrap()
}

fn shipped() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("offices")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("office.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_shipped_office_loads_with_its_wording() {
    let dirs = shipped();
    assert!(dirs.len() >= 2, "{dirs:?}");
    for dir in dirs {
        let office = decisions::office::load(Some(&dir))
            .unwrap_or_else(|p| panic!("{}: {p:?}", dir.display()));
        let t = decisions::templates::Templates::load(Some(&dir))
            .unwrap_or_else(|e| panic!("{}: {e:#}", dir.display()));
        assert_eq!(t.wording.ombudsman, office.name, "{}", dir.display());
        // Every section of every layout has a title in the office's own wording.
        for (name, layout) in &office.layouts {
            for s in &layout.sections {
                assert!(
                    t.wording.sections.contains_key(&s.key),
                    "{}: layout {name}: no title for section {}",
                    dir.display(),
                    s.key
                );
            }
        }
        for key in office.outcomes.keys() {
            assert!(
                t.wording.outcomes.contains_key(key),
                "{}: {key}",
                dir.display()
            );
        }
    }
}

#[test]
fn the_schema_accepts_every_office_file() {
    let out = bin().args(["schema", "--office"]).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut files = vec![PathBuf::from("templates/office.yaml")];
    files.extend(shipped().into_iter().map(|d| d.join("office.yaml")));
    for file in files {
        let yaml: serde_json::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&yaml)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    // The schema refuses what the loader refuses: an unknown key.
    let bad = serde_json::json!({"format": 1, "nmae": "x"});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn check_reports_a_bad_office_file_where_it_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("templates/office.yaml")
        .unwrap()
        .replace("    layout: assessment\n", "    layout: assesment\n");
    std::fs::write(dir.path().join("office.yaml"), &text).unwrap();
    let line = text.lines().position(|l| l.contains("assesment")).unwrap() + 1;
    let out = bin()
        .args(["check", "--templates"])
        .arg(dir.path())
        .arg(Path::new("cases/21-016-384.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    let want = format!("office.yaml:{line}:13");
    assert!(said.contains(&want), "{want} not in {said}");
    assert!(
        said.contains("outcomes.closed-after-initial-enquiries.layout"),
        "{said}"
    );
    assert!(said.contains("there is no layout `assesment`"), "{said}");
}

/// An office folder in Welsh: the LGSCO's layouts with the Welsh office's language and wording.
fn welsh_office() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let office = std::fs::read_to_string("templates/office.yaml")
        .unwrap()
        .replace("lang: en-GB", "lang: cy");
    std::fs::write(dir.path().join("office.yaml"), office).unwrap();
    // An office folder brings its own section titles and standard paragraphs: those of the
    // LGSCO's layouts, in Welsh, and the LGSCO's paragraphs; not the Welsh office's own
    // sections and outcomes, which these layouts do not have.
    const WELSH_ONLY: [&str; 9] = [
        "findings",
        "early-resolution",
        "settled",
        "decision",
        "actions",
        "investigation",
        "background",
        "analysis",
        "recommendations",
    ];
    let wording: String = std::fs::read_to_string("offices/ombwdsmon-cymru/wording.yaml")
        .unwrap()
        .lines()
        .filter(|l| !WELSH_ONLY.iter().any(|k| l.starts_with(&format!("  {k}:"))))
        .map(|l| format!("{l}\n"))
        .collect();
    // Dates in words, as the Welsh reports write them (the findings pages print 02/13/2023).
    let wording = wording
        .replace(
            "date_format: \"{MM}/{DD}/{YYYY}\"",
            "date_format: \"{D} {MMMM} {YYYY}\"",
        )
        .replace(
            "sign_off: {}",
            "sign_off:\n  investigator: Penderfyniad yr ymchwilydd ar ran yr Ombwdsmon",
        )
        .replacen(
            "sections:\n",
            "sections:\n  powers: Rôl a phwerau’r Ombwdsmon\n  considered: Sut yr ystyriais y gŵyn hon\n  \
             assessment: Fy asesiad\n  final_decision: Penderfyniad terfynol\n  \
             scope: Yr hyn a ymchwiliais\n  found: Yr hyn a ganfûm\n  \
             agreed_action: Camau y cytunwyd arnynt\n  \
             not_investigated: Rhannau o’r gŵyn nad ymchwiliais iddynt\n",
            1,
        );
    std::fs::write(dir.path().join("wording.yaml"), wording).unwrap();
    std::fs::copy(
        "templates/paragraphs.yaml",
        dir.path().join("paragraphs.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn a_welsh_office_speaks_welsh_in_every_format() {
    let office = welsh_office();
    let out = tempfile::tempdir().unwrap();
    let case = out.path().join("case.yaml");
    let text = std::fs::read_to_string("cases/23-004-117.yaml")
        .unwrap()
        .replace("status: final", "status: draft");
    std::fs::write(&case, text).unwrap();
    let built = bin()
        .args(["build", "--templates"])
        .arg(office.path())
        .arg("--out")
        .arg(out.path())
        .arg(&case)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let dir = out.path().join("23-004-117");
    let md = std::fs::read_to_string(dir.join("decision.md")).unwrap();
    assert!(md.contains("14 Tachwedd 2023"), "{md}");
    assert!(md.contains("Penderfyniad drafft yr Ombwdsmon:"), "{md}");
    assert!(md.contains("\nlang: cy\n"), "front matter: {md}");
    let html = std::fs::read_to_string(dir.join("decision.html")).unwrap();
    assert!(html.contains("<html lang=\"cy\">"), "{}", &html[..200]);
    assert!(html.contains("14 Tachwedd 2023"));

    let pdf = dir.join("decision.pdf");
    let doc = lopdf::Document::load(&pdf).unwrap();
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"cy");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(text.stdout).unwrap();
    let pages = text.matches("Tudalen ").count();
    assert!(pages >= 2, "{text}");
    assert!(
        text.contains(&format!("Tudalen {pages} o {pages}")),
        "{text}"
    );
    assert_eq!(
        text.matches("DRAFFT").count(),
        pages,
        "a mark on every page"
    );
    assert!(
        !text.contains("Page 1 of") && !text.contains("DRAFT\n"),
        "{text}"
    );
    assert!(text.contains("14 Tachwedd 2023"));
}

#[test]
fn month_names_must_be_twelve() {
    let office = welsh_office();
    let wording = office.path().join("wording.yaml");
    let text = std::fs::read_to_string(&wording)
        .unwrap()
        .replace("Tachwedd, Rhagfyr]", "Tachwedd]");
    std::fs::write(&wording, &text).unwrap();
    let line = text.lines().position(|l| l.starts_with("months:")).unwrap() + 1;
    let out = bin()
        .args(["check", "--templates"])
        .arg(office.path())
        .arg("cases/23-004-117.yaml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(&format!("wording.yaml:{line}:")), "{said}");
    assert!(said.contains("months"), "{said}");
}

#[test]
fn a_welsh_office_publishes_a_welsh_site() {
    let office = welsh_office();
    let work = tempfile::tempdir().unwrap();
    let cases = work.path().join("cases");
    std::fs::create_dir(&cases).unwrap();
    std::fs::copy("cases/23-004-117.yaml", cases.join("23-004-117.yaml")).unwrap();
    let site = work.path().join("site");
    let out = bin()
        .arg("publish")
        .arg(&cases)
        .arg("--out")
        .arg(&site)
        .arg("--templates")
        .arg(office.path())
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"cy\">"), "{}", &index[..300]);
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let lang = doc
        .root_element()
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
    assert_eq!(lang, Some("cy"));
}

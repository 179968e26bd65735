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
    let stdout = String::from_utf8_lossy(&out.stdout);
    let want = format!("office.yaml:{line}:13");
    assert!(stdout.contains(&want), "{want} not in {stdout}");
    assert!(
        stdout.contains("outcomes.closed-after-initial-enquiries.layout"),
        "{stdout}"
    );
    assert!(
        stdout.contains("there is no layout `assesment`"),
        "{stdout}"
    );
}

//! `decisions migrate` brings old case files to the current format, reports what it changed,
//! leaves their output as it was, and changes nothing with `--check`.

mod common;
use common::*;

fn migrate(args: &[&str], dir: &std::path::Path) -> (Option<i32>, String, String) {
    let o = bin().arg("migrate").args(args).arg(dir).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

#[test]
fn old_case_files_are_migrated_and_build_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    std::fs::create_dir(&cases).unwrap();
    for case in examples() {
        std::fs::copy(&case, cases.join(case.file_name().unwrap())).unwrap();
    }
    let before: Vec<String> = examples()
        .iter()
        .map(|c| std::fs::read_to_string(c).unwrap())
        .collect();
    // --check reports and changes nothing.
    let (code, stdout, _) = migrate(&["--check"], &cases);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("would be migrated to format 1"), "{stdout}");
    for (case, text) in examples().iter().zip(&before) {
        let copy = cases.join(case.file_name().unwrap());
        assert_eq!(&std::fs::read_to_string(copy).unwrap(), text);
    }
    let (code, stdout, stderr) = migrate(&[], &cases);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("`format: 1` added"), "{stdout}");
    for (case, text) in examples().iter().zip(&before) {
        let copy = cases.join(case.file_name().unwrap());
        let now = std::fs::read_to_string(&copy).unwrap();
        // Only the format line is new: comments and every other line stay as written.
        assert_eq!(now.replacen("format: 1\n", "", 1), *text);
        let out = dir.path().join("out");
        build(&copy, &out, "md");
        build(case, &dir.path().join("before"), "md");
        let slug = case.file_stem().unwrap();
        let md = |root: &std::path::Path| {
            std::fs::read_to_string(root.join(slug).join("decision.md")).unwrap()
        };
        assert_eq!(
            md(&out),
            md(&dir.path().join("before")),
            "{}",
            case.display()
        );
    }
    // A second run finds nothing to do.
    let (code, _, stderr) = migrate(&["--check"], &cases);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("0 of 3 case files need migrating"),
        "{stderr}"
    );
}

#[test]
fn a_file_of_a_later_format_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("cases/21-016-384.yaml"))
        .unwrap()
        .replacen("reference:", "format: 7\nreference:", 1);
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, &text).unwrap();
    let (code, _, stderr) = migrate(&[], dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("the file is format 7"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&case).unwrap(), text);
    // And `build` says so too, at the line.
    let o = bin()
        .args(["build", "--quiet", "--out"])
        .arg(dir.path().join("o"))
        .arg(&case)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("this program reads format 1"), "{stderr}");
}

//! The bad-input corpus: every file in `tests/bad-input/` is refused quickly with a message that
//! names it, and nothing is written; every file in `tests/odd-but-valid/` builds.
//!
//! What each bad file must say is the table in `tests/bad-input/README.md`.

mod common;
use common::*;
#[path = "bad_input/offices.rs"]
mod offices;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The formats every file is built to; a bad file must fail before any of them is written.
const FORMATS: &str = "md,html,pdf";

/// A generous bound, not a benchmark: a bad file that takes longer is hanging or quadratic.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// For valid files, which are typeset to PDF in full (a debug build on a busy machine).
const BUILD_LIMIT: Duration = Duration::from_secs(30);

/// Valid files whose characters the bundled PDF fonts do not have yet (Arabic, Hebrew, emoji):
/// the PDF is refused with a message naming the character; Markdown and HTML build.
const PDF_GAPS: &[&str] = &[
    "combining-and-zero-width.yaml",
    "emoji.yaml",
    "rtl-text.yaml",
];

/// One row of the README table.
struct Expect {
    file: String,
    line: Option<usize>,
    field: Option<String>,
    message: String,
}

fn dir(name: &str) -> PathBuf {
    repo().join("tests").join(name)
}

/// The rows of the README's tables whose first cell is a `.yaml` file name. Rows of the
/// "made" table have three cells: file, what, message.
fn table() -> Vec<Expect> {
    let readme = std::fs::read_to_string(dir("bad-input").join("README.md")).unwrap();
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .strip_prefix("| ")?
                .strip_suffix(" |")?
                .split(" | ")
                .collect();
            if !cells[0].ends_with(".yaml") {
                return None;
            }
            let opt = |s: &str| (s != "-").then(|| s.to_string());
            Some(match cells.len() {
                5 => Expect {
                    file: cells[0].to_string(),
                    line: opt(cells[2]).map(|l| l.parse().expect("a line number")),
                    field: opt(cells[3]),
                    message: cells[4].to_string(),
                },
                3 => Expect {
                    file: cells[0].to_string(),
                    line: None,
                    field: None,
                    message: cells[2].to_string(),
                },
                n => panic!("a row of the bad-input table has {n} cells: {line}"),
            })
        })
        .collect()
}

/// Builds `case` into a fresh folder, killing it past the time limit (once more on a busy
/// machine before calling it a hang). Returns exit code, stderr and the output folder.
fn build(case: &Path) -> (Option<i32>, String, tempfile::TempDir) {
    build_with(case, FORMATS, TIME_LIMIT)
}

/// Builds a valid file: every format but those its characters lack in the PDF fonts.
fn build_valid(case: &Path) -> (Option<i32>, String, tempfile::TempDir) {
    let name = case.file_name().unwrap().to_string_lossy();
    let formats = if PDF_GAPS.contains(&name.as_ref()) {
        "md,html"
    } else {
        FORMATS
    };
    build_with(case, formats, BUILD_LIMIT)
}

fn build_with(
    case: &Path,
    formats: &str,
    limit: Duration,
) -> (Option<i32>, String, tempfile::TempDir) {
    // One run at a time, so the tests of this file do not slow each other past the limit.
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for attempt in 0..2 {
        let out = tempfile::tempdir().unwrap();
        let start = Instant::now();
        let output = bin()
            .args(["build", "--format", formats, "--out"])
            .arg(out.path().join("site"))
            .arg(case)
            .timeout(limit)
            .output()
            .unwrap();
        let took = start.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        if took < limit || attempt == 1 {
            assert!(
                took < limit,
                "{}: took {took:?}, over {limit:?}",
                case.display()
            );
            return (output.status.code(), stderr, out);
        }
    }
    unreachable!()
}

fn check_refused(case: &Path, expect: &Expect) {
    let (code, stderr, out) = build(case);
    let name = &expect.file;
    assert_eq!(code, Some(1), "{name}: exit code; stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{name}: panic:\n{stderr}");
    assert!(
        !out.path().join("site").exists(),
        "{name}: something was written to the output folder"
    );
    let shown = case.display().to_string();
    assert!(
        stderr.contains(&shown),
        "{name}: the file is not named:\n{stderr}"
    );
    if let Some(line) = expect.line {
        let at = format!("{shown}:{line}:");
        assert!(
            stderr.contains(&at),
            "{name}: expected `{at}` in:\n{stderr}"
        );
    }
    if let Some(field) = &expect.field {
        let f = format!(": {field}");
        assert!(
            stderr.contains(&f),
            "{name}: expected field `{field}` in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains(&expect.message),
        "{name}: expected `{}` in:\n{stderr}",
        expect.message
    );
}

fn yaml_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_bad_file_is_refused_with_its_message() {
    let bad = dir("bad-input");
    let rows = table();
    let files = yaml_files(&bad);
    assert!(files.len() >= 60, "the corpus has {} files", files.len());
    for f in &files {
        assert!(
            rows.iter().any(|r| &r.file == f),
            "{f} has no row in tests/bad-input/README.md"
        );
    }
    for row in rows
        .iter()
        .filter(|r| !made().iter().any(|(n, _)| *n == r.file))
    {
        let case = bad.join(&row.file);
        assert!(case.exists(), "README row for a missing file: {}", row.file);
        check_refused(&case, row);
    }
}

/// Bad files too large to keep in the repository, made here: name and contents.
fn made() -> Vec<(&'static str, Vec<u8>)> {
    let seed = std::fs::read_to_string(dir("odd-but-valid").join("investigation.yaml")).unwrap();
    let with_final =
        |extra: &str| seed.replace("final_decision:\n", &format!("final_decision:\n{extra}"));
    vec![
        ("huge.yaml", {
            let mut v = seed.clone().into_bytes();
            v.resize(1024 * 1024 + 1, b'\n');
            v
        }),
        (
            "deep-flow-bomb.yaml",
            format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        (
            "many-values.yaml",
            with_final(&"  - x\n".repeat(70_000)).into_bytes(),
        ),
        (
            "many-paragraphs.yaml",
            with_final(&"  - Text.\n".repeat(5_001)).into_bytes(),
        ),
        (
            "many-problems.yaml",
            with_final(&"  - standard: nope\n".repeat(1_000)).into_bytes(),
        ),
        (
            "long-line-bomb.yaml",
            format!("summary: {}\n", "word ".repeat(200_000)).into_bytes(),
        ),
    ]
}

#[test]
fn large_bad_files_are_refused_quickly() {
    let rows = table();
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in made() {
        let row = rows
            .iter()
            .find(|r| r.file == name)
            .unwrap_or_else(|| panic!("{name} has no row in tests/bad-input/README.md"));
        let case = tmp.path().join(name);
        std::fs::write(&case, bytes).unwrap();
        check_refused(&case, row);
    }
}

#[test]
fn every_odd_but_valid_file_builds() {
    let odd = dir("odd-but-valid");
    let files = yaml_files(&odd);
    assert!(
        files.len() >= 10,
        "only {} odd-but-valid files",
        files.len()
    );
    for f in files {
        let case = odd.join(&f);
        let (code, stderr, out) = build_valid(&case);
        assert_eq!(code, Some(0), "{f} failed:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{f}: {stderr}");
        let site = out.path().join("site");
        let folder = std::fs::read_dir(&site)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let md = std::fs::read_to_string(folder.join("decision.md")).unwrap();
        let html = std::fs::read_to_string(folder.join("decision.html")).unwrap();
        if !PDF_GAPS.contains(&f.as_str()) {
            let pdf = std::fs::read(folder.join("decision.pdf")).unwrap();
            assert!(pdf.starts_with(b"%PDF"), "{f}: the PDF is not a PDF");
        }
        assert!(md.contains("We will not investigate") || md.contains("I have completed"));
        // Text is text: no markup from a case file reaches the page as markup.
        for bad in ["<script", "<img", "javascript:"] {
            assert!(!html.contains(bad), "{f}: `{bad}` reached the page");
        }
    }
}

#[test]
fn the_text_of_odd_files_survives() {
    let odd = dir("odd-but-valid");
    for (file, words) in [
        ("rtl-text.yaml", "رسالة"),
        ("emoji.yaml", "👍 sorted 🎉"),
        ("curly-quotes-and-pound.yaml", "£250"),
        ("combining-and-zero-width.yaml", "cafe\u{301}"),
        ("bom.yaml", "Leeds City Council (21 016 384)"),
        ("crlf.yaml", "We will not investigate this complaint."),
    ] {
        let (code, stderr, out) = build_valid(&odd.join(file));
        assert_eq!(code, Some(0), "{file}: {stderr}");
        let md = std::fs::read_to_string(out.path().join("site/21-016-384/decision.md")).unwrap();
        assert!(md.contains(words), "{file}: `{words}` is lost");
        assert!(
            !md.contains('\r'),
            "{file}: a carriage return reached the Markdown"
        );
    }
}

#[test]
fn characters_missing_from_the_pdf_fonts_are_named() {
    for f in PDF_GAPS {
        let case = dir("odd-but-valid").join(f);
        let (code, stderr, out) = build_with(&case, "pdf", BUILD_LIMIT);
        assert_eq!(
            code,
            Some(1),
            "{f} now builds to PDF: take it out of PDF_GAPS"
        );
        assert!(!stderr.contains("panicked"), "{f}: {stderr}");
        assert!(stderr.contains("no bundled font has U+"), "{f}: {stderr}");
        // The character is placed: file, line and column, then the field.
        assert!(stderr.contains(&format!("{f}:10:")), "{f}: {stderr}");
        assert!(stderr.contains("complaint[0]"), "{f}: {stderr}");
        assert!(
            !out.path().join("site").exists(),
            "{f}: something was written"
        );
    }
}

// The output folder: a place that cannot be written gives an error and leaves what is there.

fn build_into(site: &Path, case: &Path) -> (Option<i32>, String) {
    let output = bin()
        .args(["build", "--format", FORMATS, "--out"])
        .arg(site)
        .arg(case)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stderr)
}

/// Asserts two snapshots are the same, naming the files that differ.
fn assert_same(after: &[(PathBuf, Vec<u8>)], before: &[(PathBuf, Vec<u8>)]) {
    let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(after), names(before), "files appeared or went");
    for ((p, a), (_, b)) in after.iter().zip(before) {
        assert!(a == b, "{} changed", p.display());
    }
}

/// The files below `dir` with their bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn changed_seed(tmp: &Path) -> PathBuf {
    let seed = std::fs::read_to_string(repo().join("cases/21-016-384.yaml")).unwrap();
    let case = tmp.join("changed.yaml");
    std::fs::write(
        &case,
        seed.replace("We will not investigate", "We shall not investigate"),
    )
    .unwrap();
    case
}

#[test]
fn a_file_where_the_output_folder_should_be_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::write(&site, b"a file, not a folder").unwrap();
    let (code, stderr) = build_into(&site, &repo().join("cases/21-016-384.yaml"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("site"), "the path is not named: {stderr}");
    assert_eq!(std::fs::read(&site).unwrap(), b"a file, not a folder");
}

#[test]
fn a_failed_rebuild_leaves_the_old_decision_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let case = repo().join("cases/21-016-384.yaml");
    assert_eq!(build_into(&site, &case).0, Some(0));
    let before = snapshot(&site);
    // The HTML cannot be replaced: a non-empty folder stands where the file goes.
    let html = site.join("21-016-384/decision.html");
    let old_html = std::fs::read(&html).unwrap();
    std::fs::remove_file(&html).unwrap();
    std::fs::create_dir_all(html.join("x")).unwrap();
    let (code, stderr) = build_into(&site, &changed_seed(tmp.path()));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("decision.html"), "{stderr}");
    std::fs::remove_dir_all(&html).unwrap();
    std::fs::write(&html, old_html).unwrap();
    assert_eq!(
        snapshot(&site),
        before,
        "the old decision changed, or temporary files remain"
    );
}

/// A full disk, on a small RAM disk. Needs root and `mount`; says so and passes elsewhere.
#[test]
fn a_full_disk_leaves_the_old_decision_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = tmp.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&disk)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&disk);
    let site = disk.join("site");
    assert_eq!(
        build_into(&site, &repo().join("cases/21-016-384.yaml")).0,
        Some(0)
    );
    let before = snapshot(&site);
    // Fill what is left of the disk.
    let _ = std::fs::write(disk.join("filler"), vec![0u8; 128 * 1024]);
    let (code, stderr) = build_into(&site, &changed_seed(tmp.path()));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("No space left"), "{stderr}");
    assert_same(&snapshot(&site), &before);
}

#[cfg(unix)]
#[test]
fn symlinks_in_a_cases_folder_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    let cases = tmp.path().join("cases");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&cases).unwrap();
    std::fs::write(outside.join("secret.yaml"), b"not: a case\n").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.yaml"), cases.join("link.yaml")).unwrap();
    std::os::unix::fs::symlink(&outside, cases.join("linked-folder")).unwrap();
    std::fs::copy(
        repo().join("cases/21-016-384.yaml"),
        cases.join("21-016-384.yaml"),
    )
    .unwrap();
    let output = bin().arg("check").arg(&cases).output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0), "{all}");
    assert!(!all.contains("secret") && !all.contains("link"), "{all}");
    assert!(all.contains("Checked 1 case file"), "{all}");
}

/// Inputs that once crashed or hung a fuzz target (`fuzz/regressions/`): each now ends in
/// time, without a panic, built or refused.
#[test]
fn fuzz_regressions_end_cleanly() {
    let dir = repo().join("fuzz/regressions");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let case = entry.unwrap().path();
        // Office folders' inputs, in `office/`, are for `offices::fuzz_regressions_end_cleanly`.
        if case.file_name().is_some_and(|n| n == ".keep") || case.is_dir() {
            continue;
        }
        let (code, stderr, _out) = build(&case);
        let name = case.display();
        assert!(
            matches!(code, Some(0 | 1)),
            "{name}: exit {code:?}:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: panic:\n{stderr}");
    }
}

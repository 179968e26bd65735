//! Bad office folders (`tests/bad-input/offices/`): each is refused by `build` and `check` with
//! every expected problem at its file, line, column and key path, no panic, and nothing written.

use super::*;

/// The seed case, which every folder's problems stop before it is read.
fn seed() -> PathBuf {
    repo().join("cases/21-016-384.yaml")
}

/// A row of the office-folder table: folder, what, place (`FILE` or `FILE:LINE:COLUMN`),
/// field, message.
struct Row {
    folder: String,
    place: String,
    field: Option<String>,
    message: String,
}

fn rows() -> Vec<Row> {
    let readme = std::fs::read_to_string(dir("bad-input").join("README.md")).unwrap();
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .strip_prefix("| ")?
                .strip_suffix(" |")?
                .split(" | ")
                .collect();
            let folder = cells[0].strip_suffix('/')?;
            assert_eq!(cells.len(), 5, "an office row has five cells: {line}");
            Some(Row {
                folder: folder.to_string(),
                place: cells[2].trim_matches('`').to_string(),
                field: (cells[3] != "-").then(|| cells[3].trim_matches('`').to_string()),
                message: cells[4].to_string(),
            })
        })
        .collect()
}

/// Runs `args` with the folder as `--templates`, from an empty working folder; returns the
/// exit code and stderr, and asserts nothing was written anywhere.
fn run(office: &Path, args: &[&str]) -> (Option<i32>, String) {
    let work = tempfile::tempdir().unwrap();
    let before = listing(office);
    let start = Instant::now();
    let output = bin()
        .current_dir(work.path())
        .args(args)
        .arg("--templates")
        .arg(office)
        .arg(seed())
        .timeout(TIME_LIMIT * 3)
        .output()
        .unwrap();
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let name = office.display();
    assert!(took < TIME_LIMIT * 3, "{name}: {args:?} took {took:?}");
    assert!(!stderr.contains("panicked"), "{name}: panic:\n{stderr}");
    let left: Vec<_> = std::fs::read_dir(work.path()).unwrap().collect();
    assert!(left.is_empty(), "{name}: {args:?} wrote {left:?}");
    assert_eq!(listing(office), before, "{name}: the office folder changed");
    (output.status.code(), stderr)
}

/// The entries of a folder, with the bytes of its regular files: links, pipes and devices are
/// named, never read.
fn listing(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let regular = e.file_type().unwrap().is_file();
            let name = e.file_name().to_string_lossy().to_string();
            (name, regular.then(|| std::fs::read(e.path()).unwrap()))
        })
        .collect();
    out.sort();
    out
}

/// Both commands refuse the folder with every row's problem.
fn check_folder(office: &Path, rows: &[&Row]) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let site_arg = site.to_string_lossy().to_string();
    for args in [
        vec!["build", "--format", FORMATS, "--out", site_arg.as_str()],
        vec!["check"],
    ] {
        let (code, stderr) = run(office, &args);
        let name = office.display();
        assert_eq!(code, Some(1), "{name}: {args:?} exit code:\n{stderr}");
        assert!(!site.exists(), "{name}: {args:?} wrote the output folder");
        for row in rows {
            let field = row
                .field
                .as_ref()
                .map_or(String::new(), |f| format!("{f}: "));
            let want = format!(
                "{}: error: {field}{}",
                office.join(&row.place).display(),
                row.message
            );
            assert!(
                stderr.contains(&want),
                "{args:?}: expected\n{want}\nin:\n{stderr}"
            );
        }
    }
}

#[test]
fn every_bad_office_folder_is_refused_with_its_problems() {
    let root = dir("bad-input").join("offices");
    let rows = rows();
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    folders.sort();
    assert!(
        folders.len() >= 60,
        "only {} bad office folders",
        folders.len()
    );
    for folder in &folders {
        let mine: Vec<&Row> = rows.iter().filter(|r| &r.folder == folder).collect();
        assert!(
            !mine.is_empty(),
            "{folder} has no row in tests/bad-input/README.md"
        );
        check_folder(&root.join(folder), &mine);
    }
    let made = made_offices();
    for row in &rows {
        assert!(
            folders.contains(&row.folder) || made.iter().any(|(n, _)| *n == row.folder),
            "README row for a missing folder: {}",
            row.folder
        );
    }
}

/// Bad office folders made here: too large to keep, or links and pipes that git does not keep.
type Make = fn(&Path);

fn made_offices() -> Vec<(&'static str, Make)> {
    vec![
        ("huge-office", |d| {
            let mut text = std::fs::read(repo().join("templates/office.yaml")).unwrap();
            text.resize(256 * 1024 + 1, b'\n');
            std::fs::write(d.join("office.yaml"), text).unwrap();
        }),
        ("huge-template", |d| {
            let mut text = std::fs::read(repo().join("templates/decision.md")).unwrap();
            text.resize(1024 * 1024 + 1, b' ');
            std::fs::write(d.join("decision.md"), text).unwrap();
        }),
        ("deep-flow-bomb", |d| {
            let text = format!("acts: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
            std::fs::write(d.join("wording.yaml"), text).unwrap();
        }),
        ("many-values", |d| {
            std::fs::write(
                d.join("wording.yaml"),
                "acts:\n".to_string() + &"  - x\n".repeat(70_000),
            )
            .unwrap();
        }),
        #[cfg(unix)]
        ("link-out-of-folder", |d| {
            std::os::unix::fs::symlink(repo().join("templates/office.yaml"), d.join("office.yaml"))
                .unwrap();
        }),
        #[cfg(unix)]
        ("link-to-a-device", |d| {
            std::os::unix::fs::symlink("/dev/zero", d.join("wording.yaml")).unwrap();
        }),
        #[cfg(unix)]
        ("link-to-nothing", |d| {
            std::os::unix::fs::symlink(d.join("gone.yaml"), d.join("paragraphs.yaml")).unwrap();
        }),
        #[cfg(unix)]
        ("pipe", |d| {
            let made = std::process::Command::new("mkfifo")
                .arg(d.join("wording.yaml"))
                .status()
                .unwrap();
            assert!(made.success(), "mkfifo");
        }),
    ]
}

#[test]
fn large_bad_office_folders_links_and_pipes_are_refused() {
    let rows = rows();
    let tmp = tempfile::tempdir().unwrap();
    for (name, make) in made_offices() {
        let office = tmp.path().join(name);
        std::fs::create_dir(&office).unwrap();
        make(&office);
        let mine: Vec<&Row> = rows.iter().filter(|r| r.folder == name).collect();
        assert!(
            !mine.is_empty(),
            "{name} has no row in tests/bad-input/README.md"
        );
        check_folder(&office, &mine);
    }
}

/// A link inside the folder to another file of it is followed: only links out are refused.
#[cfg(unix)]
#[test]
fn a_link_within_the_folder_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let office = tmp.path().join("office");
    std::fs::create_dir(&office).unwrap();
    std::fs::write(office.join("mine.yaml"), "ombudsman: The Link Ombudsman\n").unwrap();
    std::os::unix::fs::symlink(office.join("mine.yaml"), office.join("wording.yaml")).unwrap();
    let out = tmp.path().join("site");
    let output = bin()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg("--templates")
        .arg(&office)
        .arg(seed())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let md = std::fs::read_to_string(out.join("21-016-384/decision.md")).unwrap();
    assert!(md.contains("The Link Ombudsman"), "{md}");
}

/// Inputs that once crashed or hung the `load_office` fuzz target (`fuzz/regressions/office/`,
/// an `office.yaml`, a NUL, a `wording.yaml`): each folder is now checked in time, without a
/// panic, accepted or refused.
#[test]
fn fuzz_regressions_end_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo().join("fuzz/regressions/office")).unwrap() {
        let input = entry.unwrap().path();
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        if name == ".keep" {
            continue;
        }
        let bytes = std::fs::read(&input).unwrap();
        let mut parts = bytes.splitn(2, |&b| b == 0);
        let office = tmp.path().join(&name);
        std::fs::create_dir(&office).unwrap();
        if let Some(o) = parts.next().filter(|o| !o.is_empty()) {
            std::fs::write(office.join("office.yaml"), o).unwrap();
        }
        if let Some(w) = parts.next() {
            std::fs::write(office.join("wording.yaml"), w).unwrap();
        }
        let (code, stderr) = run(&office, &["check"]);
        assert!(
            matches!(code, Some(0 | 1)),
            "{name}: exit {code:?}:\n{stderr}"
        );
    }
}

/// Office folders that look odd but are valid (`tests/odd-but-valid/offices/`): each builds
/// the seed case to every format, and its own name for the office, where it gives one, reaches
/// the statement whole.
#[test]
fn every_odd_but_valid_office_folder_builds() {
    let root = dir("odd-but-valid").join("offices");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    assert!(
        folders.len() >= 7,
        "only {} odd office folders",
        folders.len()
    );
    for office in folders {
        let name = office.file_name().unwrap().to_string_lossy().to_string();
        let out = tempfile::tempdir().unwrap();
        let output = bin()
            .args(["build", "--format", FORMATS, "--out"])
            .arg(out.path())
            .arg("--templates")
            .arg(&office)
            .arg(seed())
            .timeout(BUILD_LIMIT)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        let md = std::fs::read_to_string(out.path().join("21-016-384/decision.md")).unwrap();
        assert!(
            !md.contains('\r'),
            "{name}: a carriage return reached the Markdown"
        );
        let own = match name.as_str() {
            "bom" => "The BOM Ombudsman",
            "crlf" => "The CRLF Ombudsman",
            "unicode-names" => "Ombwdsmon Llywodraeth Leol — prawf ‘dyfynodau’",
            _ => "We will not investigate",
        };
        assert!(md.contains(own), "{name}: `{own}` is not in the statement");
    }
}

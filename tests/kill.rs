//! Killing `decisions publish` at random moments never damages the published site: after each
//! kill the site is the previous one, unchanged, or (when the kill came after the swap) the new
//! one, complete.
//!
//! The short version runs 5 trials on 100 cases; `cargo test --test kill -- --ignored` runs the
//! long one (25 trials on 300 cases). `DECISIONS_KILL_TRIALS=N` sets the count of the short one.

mod common;
use common::bin;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;

/// Each file of the live site: path -> a hash of its bytes.
fn snapshot(out: &Path) -> BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    common::files_under(out)
        .into_iter()
        .map(|(rel, p)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(&p).unwrap().hash(&mut h);
            (rel, h.finish())
        })
        .collect()
}

/// Writes `count` invented cases with `seed` into a fresh `dir`; returns the slugs of the
/// final ones, which are what a publish of them must show.
fn generate(dir: &Path, count: usize, seed: u64) -> BTreeSet<String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    bin()
        .args([
            "generate",
            "--count",
            &count.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .arg("--out")
        .arg(dir)
        .assert()
        .success();
    let finals = finals(dir);
    assert!(!finals.is_empty(), "the generated cases have no final one");
    finals
}

fn publish(cases: &Path, out: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_decisions"));
    cmd.arg("publish")
        .arg(cases)
        .arg("--out")
        .arg(out)
        .args([
            "--quiet",
            "--force",
            "--base-url",
            "https://example.org/decisions/",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// The site at `out` is whole for these final cases: every decision in every format, each
/// file complete, and the pages of all decisions naming each.
fn assert_complete(out: &Path, finals: &BTreeSet<String>, formats: &[&str]) {
    let on_site: BTreeSet<String> = std::fs::read_dir(out.join("decisions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(&on_site, finals, "the decisions on the site");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.trim_end().ends_with("</html>"),
        "index.html is cut short"
    );
    let mut listed = String::new();
    for n in 1.. {
        match std::fs::read_to_string(out.join(format!("browse/all-{n}.html"))) {
            Ok(page) => {
                assert!(page.trim_end().ends_with("</html>"), "all-{n} is cut short");
                listed.push_str(&page);
            }
            Err(_) => break,
        }
    }
    for slug in finals {
        assert!(
            listed.contains(slug.as_str()),
            "the pages of all decisions do not name {slug}"
        );
        for f in formats {
            let bytes = std::fs::read(
                out.join("decisions")
                    .join(slug)
                    .join(format!("decision.{f}")),
            )
            .unwrap_or_else(|e| panic!("{slug} decision.{f}: {e}"));
            let text = String::from_utf8_lossy(&bytes);
            let whole = match *f {
                "html" => text.trim_end().ends_with("</html>"),
                "pdf" => bytes.starts_with(b"%PDF") && text.trim_end().ends_with("%%EOF"),
                _ => !bytes.is_empty(),
            };
            assert!(whole, "{slug}/decision.{f} is cut short");
        }
    }
}

/// A small, fixed sequence of pseudo-random numbers, so a failing trial can be repeated.
struct Lcg(u64);
impl Lcg {
    fn next_fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn kill_trials(trials: usize, count: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let cases: PathBuf = tmp.path().join("cases");
    let out = tmp.path().join("site");
    let formats = common::formats();

    let first = generate(&cases, count, 1);
    let start = Instant::now();
    let run = publish(&cases, &out).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let full = start.elapsed();
    assert_complete(&out, &first, &formats);
    let mut live = snapshot(&out);

    let mut rng = Lcg(trials as u64);
    let (mut previous, mut new) = (0, 0);
    for trial in 0..trials {
        let next = generate(&cases, count, 2 + trial as u64);
        let delay = full.mul_f64(1.2 * rng.next_fraction());
        let mut child = publish(&cases, &out).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot(&out);
        let which = if now == live {
            previous += 1;
            "previous"
        } else {
            // The kill came after the swap: the new site must be whole.
            assert_complete(&out, &next, &formats);
            live = now;
            new += 1;
            "new"
        };
        eprintln!(
            "trial {trial}: kill after {delay:.2?} of a {full:.2?} publish ({}): the {which} site",
            if status.success() {
                "it had finished"
            } else {
                "it was running"
            },
        );
    }
    // A run after all of that takes over the stale lock, cleans up and publishes.
    let last = publish(&cases, &out).output().unwrap();
    assert!(
        last.status.success(),
        "{}",
        String::from_utf8_lossy(&last.stderr)
    );
    assert_complete(&out, &finals(&cases), &formats);
    eprintln!("{trials} kills: {previous} left the previous site, {new} the new one");
}

/// The slugs of the final cases in `dir`.
fn finals(dir: &Path) -> BTreeSet<String> {
    let mut finals = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        };
        if field("status:").as_deref() == Some("final") {
            finals.insert(field("reference:").unwrap().replace(' ', "-"));
        }
    }
    finals
}

#[test]
fn killing_publish_never_damages_the_site() {
    let trials = std::env::var("DECISIONS_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    kill_trials(trials, 100);
}

#[test]
#[ignore = "long: 25 trials on 300 cases; run with --ignored"]
fn killing_publish_25_times_never_damages_the_site() {
    kill_trials(25, 300);
}

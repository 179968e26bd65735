//! Helpers of the search tests: `decisions serve` on a free port, the published library read
//! for a scan, the scan itself, and the browser run.

use decisions::publish::search::text::{plain_text, Stems};
use std::collections::{BTreeSet, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

/// `decisions serve` on a free port, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(site: &Path) -> Server {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("decisions"))
            .args(["serve", "--port", "0"])
            .arg(site)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let at = line.find("http://").expect("serve prints its address");
        let base = line[at..].split_whitespace().next().unwrap().to_string();
        Server { child, base }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A published decision as the scan sees it.
pub struct Decision {
    pub facts: serde_json::Value,
    pub words: Vec<String>,
    pub stems: Vec<String>,
}

impl Decision {
    pub fn fact(&self, key: &str) -> &str {
        self.facts[key].as_str().unwrap()
    }
}

/// The published decisions, newest first, read from the site's Markdown.
pub fn library(site: &Path, stems: &Stems) -> Vec<Decision> {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("decisions.json")).unwrap()).unwrap();
    let mut all: Vec<Decision> = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|facts| {
            let md = std::fs::read_to_string(site.join(facts["md"].as_str().unwrap())).unwrap();
            let text = plain_text(&md);
            let words: Vec<String> = decisions::publish::search::text::words(&text).collect();
            let stems = words.iter().map(|w| stems.stem(w)).collect();
            Decision {
                facts: facts.clone(),
                words,
                stems,
            }
        })
        .collect();
    all.sort_by(|a, b| {
        (b.fact("decided_iso"), b.fact("reference"))
            .cmp(&(a.fact("decided_iso"), a.fact("reference")))
    });
    all
}

pub type Params = Vec<(&'static str, String)>;

/// The decisions a search should find, by a plain scan, newest first.
pub fn scan<'a>(lib: &'a [Decision], p: &Params, stems: &Stems) -> Vec<&'a Decision> {
    let get = |k: &str| p.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
    let q = get("q").unwrap_or("");
    let mut loose = Vec::new();
    let mut phrases = Vec::new();
    for (i, part) in q.split('"').enumerate() {
        let s: Vec<String> = stems.stems(part);
        if i % 2 == 1 && s.len() > 1 {
            phrases.push(s);
        } else {
            loose.extend(s);
        }
    }
    lib.iter()
        .filter(|d| {
            loose.iter().all(|s| d.stems.contains(s))
                && phrases
                    .iter()
                    .all(|ph| d.stems.windows(ph.len()).any(|w| w == &ph[..]))
                && get("outcome").map_or(true, |v| d.fact("outcome_key") == v)
                && get("area").map_or(true, |v| d.fact("category_area") == v)
                && get("subject").map_or(true, |v| d.fact("category") == v)
                && get("authority").map_or(true, |v| d.fact("authority") == v)
                && get("from").map_or(true, |v| d.fact("decided_iso") >= v)
                && get("to").map_or(true, |v| d.fact("decided_iso") <= v)
        })
        .collect()
}

pub fn url(base: &str, p: &Params) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let q: Vec<String> = p.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect();
    format!("{base}search.html?{}", q.join("&"))
}

/// Runs each search in Chromium; returns what each page showed.
pub fn browse(base: &str, searches: &[Params], tmp: &Path) -> Vec<serde_json::Value> {
    let urls: Vec<String> = searches.iter().map(|p| url(base, p)).collect();
    let file = tmp.join("urls.json");
    std::fs::write(&file, serde_json::to_vec(&urls).unwrap()).unwrap();
    let out = crate::common::browser_tool(
        "node",
        &[
            "tests/browser/search.mjs".as_ref(),
            "queries".as_ref(),
            file.as_ref(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A small random generator, seeded, so a failure can be run again.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Searches of every kind: words found only in bodies, pairs of words, phrases, filters.
pub fn searches(lib: &[Decision], rng: &mut Rng, stems: &Stems) -> Vec<Params> {
    let header: BTreeSet<String> = lib
        .iter()
        .flat_map(|d| {
            ["title", "category", "outcome", "decided", "authority"].map(|k| d.fact(k).to_string())
        })
        .flat_map(|t| stems.stems(&t))
        .collect();
    let mut pick = |body_only: bool| -> (String, String) {
        loop {
            let d = &lib[rng.below(lib.len())];
            let i = rng.below(d.words.len() - 1);
            if !body_only || !header.contains(&d.stems[i]) {
                return (d.words[i].clone(), d.words[i + 1].clone());
            }
        }
    };
    let mut out: Vec<Params> = Vec::new();
    for _ in 0..8 {
        out.push(vec![("q", pick(true).0)]);
    }
    for _ in 0..3 {
        out.push(vec![("q", format!("{} {}", pick(true).0, pick(false).0))]);
    }
    for _ in 0..4 {
        let (a, b) = pick(false);
        out.push(vec![("q", format!("\"{a} {b}\""))]);
    }
    let d = |rng: &mut Rng| &lib[rng.below(lib.len())];
    let (w, _) = pick(true);
    out.push(vec![
        ("q", w.clone()),
        ("outcome", d(rng).fact("outcome_key").into()),
    ]);
    out.push(vec![
        ("q", w),
        ("area", d(rng).fact("category_area").into()),
    ]);
    out.push(vec![("subject", d(rng).fact("category").into())]);
    out.push(vec![
        ("authority", d(rng).fact("authority").into()),
        ("from", "2019-01-01".into()),
    ]);
    out.push(vec![
        ("q", "council".into()),
        ("from", "2018-06-01".into()),
        ("to", "2023-12-31".into()),
    ]);
    out.push(vec![
        ("q", "complained".into()),
        ("sort", "relevance".into()),
    ]);
    // Phrases of four to seven words as they stand in a decision, and one whose runs of three
    // words stand in a decision apart, never together.
    for n in 4..8 {
        let d = &lib[rng.below(lib.len())];
        let i = rng.below(d.words.len() - n);
        out.push(vec![("q", format!("\"{}\"", d.words[i..i + n].join(" ")))]);
    }
    let (long, _) = split_long_phrase(lib).expect("a phrase found only as its triples");
    out.push(vec![
        ("q", format!("\"{long}\"")),
        ("sort", "relevance".into()),
    ]);
    let (phrase, _) = split_phrase(lib).expect("a phrase found only as its pairs");
    out.push(vec![("q", format!("\"{phrase}\""))]);
    out
}

/// A phrase of four words that no decision holds, though one decision holds both of its
/// triples apart, and the decision: a search on triples alone would find it there.
pub fn split_long_phrase(lib: &[Decision]) -> Option<(String, &Decision)> {
    let quads: HashSet<&[String]> = lib.iter().flat_map(|d| d.stems.windows(4)).collect();
    for d in lib {
        let s = &d.stems;
        for i in 0..s.len().saturating_sub(3) {
            let apart = (0..s.len() - 2)
                .filter(|&j| j != i + 1 && s[j] == s[i + 1] && s[j + 1] == s[i + 2]);
            for j in apart {
                let phrase = [&s[i], &s[i + 1], &s[i + 2], &s[j + 2]].map(String::clone);
                if !quads.contains(&phrase[..]) {
                    let w = &d.words;
                    let typed = [&w[i], &w[i + 1], &w[i + 2], &w[j + 2]].map(String::as_str);
                    return Some((typed.join(" "), d));
                }
            }
        }
    }
    None
}

/// A phrase of three words that no decision holds, though one decision holds both of its
/// pairs apart ("a b" in one place, "b c" in another), and the decision: a search on pairs
/// alone would find it there. The words are as typed in that decision.
pub fn split_phrase(lib: &[Decision]) -> Option<(String, &Decision)> {
    let triples: HashSet<&[String]> = lib.iter().flat_map(|d| d.stems.windows(3)).collect();
    for d in lib {
        let s = &d.stems;
        for i in 0..s.len().saturating_sub(1) {
            for j in (0..s.len() - 1).filter(|&j| j != i + 1 && s[j] == s[i + 1]) {
                let phrase = [s[i].clone(), s[j].clone(), s[j + 1].clone()];
                if !triples.contains(&phrase[..]) {
                    let w = &d.words;
                    return Some((format!("{} {} {}", w[i], w[i + 1], w[j + 1]), d));
                }
            }
        }
    }
    None
}

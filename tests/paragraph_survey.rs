//! The standard-paragraph library against the survey of published decisions
//! (`tests/fixtures/survey/survey.yaml`, described in `docs/paragraphs.md`): every paragraph
//! renders with its example parameters and every choice, and every surveyed paragraph whose
//! wording occurs in two decisions or more comes out of the library word for word, whole or
//! built from library sentences (`sentences:`).

use decisions::case;
use decisions::resolve;
use decisions::templates::Templates;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Survey {
    decisions: usize,
    paragraphs: Vec<Row>,
}

/// One surveyed paragraph, and the library paragraph that reproduces it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    #[serde(rename = "ref")]
    reference: String,
    address: String,
    #[serde(default)]
    date: Option<String>,
    section: String,
    text: String,
    #[serde(default)]
    cut: bool,
    #[serde(default)]
    wording: usize,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    with: Mapping,
    #[serde(default)]
    complainant: Option<String>,
    /// Or the library sentences that reproduce it, joined in order.
    #[serde(default)]
    sentences: Vec<Piece>,
    /// With `key` the lead of a list: the library bullets that follow it.
    #[serde(default)]
    bullets: Vec<Piece>,
}

/// One sentence of a paragraph built from sentences.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    key: String,
    #[serde(default)]
    with: Mapping,
}

/// A case that passes every check, its `powers` and `considered` replaced by the paragraph.
const CASE: &str = "\
reference: 21 016 384
authority: Leeds City Council
category: Children's care services > Child protection
outcome: closed-after-initial-enquiries
decided: 2022-03-10
status: final
complainant: Mr X
summary: We will not investigate this complaint.
complaint:
  - The complainant complains about an assessment.
powers:
  - The Local Government Act 1974 sets out our powers.
considered:
  - I considered the complaint.
assessment:
  intro: The complaint falls into one area
  areas:
    - complaint: The complainant says the assessment is wrong.
      finding: The Council placed the comments with it.
final_decision:
  - We will not investigate this complaint.
signed: investigator
";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn survey() -> Survey {
    read_survey("survey.yaml")
}

fn read_survey(name: &str) -> Survey {
    let path = repo().join("tests/fixtures/survey").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `standard: key` with `with`, as a case writes it.
fn standard_item(key: &str, with: &Mapping) -> Mapping {
    let mut item = Mapping::new();
    item.insert("standard".into(), key.into());
    if !with.is_empty() {
        item.insert("with".into(), Value::Mapping(with.clone()));
    }
    item
}

/// The Markdown of `standard: key` with `with`, standing alone in `section` of a case.
fn render(
    t: &Templates,
    section: &str,
    key: &str,
    with: &Mapping,
    complainant: &str,
) -> Result<String, String> {
    render_item(t, section, standard_item(key, with), complainant)
}

/// The Markdown of `standard: key` followed by library `bullets`, standing alone in `section`.
fn render_list(
    t: &Templates,
    section: &str,
    lead: (&str, &Mapping),
    bullets: &[Piece],
    complainant: &str,
) -> Result<String, String> {
    let list = bullets
        .iter()
        .map(|p| Value::Mapping(standard_item(&p.key, &p.with)))
        .collect();
    let mut item = standard_item(lead.0, lead.1);
    item.insert("bullets".into(), Value::Sequence(list));
    render_item(t, section, item, complainant)
}

/// The Markdown of a paragraph built from `sentences`, standing alone in `section`.
fn render_sentences(
    t: &Templates,
    section: &str,
    pieces: &[Piece],
    complainant: &str,
) -> Result<String, String> {
    let list = pieces
        .iter()
        .map(|p| Value::Mapping(standard_item(&p.key, &p.with)))
        .collect();
    let mut item = Mapping::new();
    item.insert("sentences".into(), Value::Sequence(list));
    render_item(t, section, item, complainant)
}

/// The Markdown of one paragraph item standing alone in `section` of a case.
fn render_item(
    t: &Templates,
    section: &str,
    item: Mapping,
    complainant: &str,
) -> Result<String, String> {
    let mut doc: Mapping = serde_yaml::from_str(CASE).unwrap();
    doc.insert(section.into(), Value::Sequence(vec![Value::Mapping(item)]));
    doc.insert("complainant".into(), complainant.into());
    let yaml = serde_yaml::to_string(&Value::Mapping(doc)).unwrap();
    let path = Path::new("survey-case.yaml");
    let (case, src) = case::load_bytes(path, yaml.into_bytes()).map_err(|p| p.to_string())?;
    let decision = resolve::resolve(&case, t, path, &src).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        lines.join("\n")
    })?;
    let block = decision
        .sections
        .iter()
        .find(|s| s.key == section)
        .and_then(|s| s.blocks.first())
        .ok_or_else(|| format!("no `{section}` paragraph"))?;
    Ok(block.markdown.clone())
}

/// Words and punctuation only: list marks and line breaks dropped, spaces collapsed. The
/// copies of a decision on the web differ in layout (lists flattened), never in words.
fn normal(text: &str) -> String {
    let mut words = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line = match line[digits..].strip_prefix(". ") {
            Some(rest) if digits > 0 => rest,
            _ => line
                .strip_prefix("- ")
                .or_else(|| line.strip_prefix("• "))
                .unwrap_or(line),
        };
        words.extend(line.split_whitespace());
    }
    words.join(" ")
}

#[test]
fn every_paragraph_renders_with_its_example_and_every_choice() {
    let t = Templates::load(None).unwrap();
    assert!(
        t.paragraphs.len() >= 40,
        "{} paragraphs",
        t.paragraphs.len()
    );
    for (key, sp) in &t.paragraphs {
        let section = sp.section.as_deref().unwrap_or("powers");
        let example = sp.example.clone().unwrap_or_default();
        let mut example_map = Mapping::new();
        for (name, value) in &example {
            assert!(
                sp.params.contains_key(name),
                "{key}: example names `{name}`"
            );
            example_map.insert(name.as_str().into(), value.clone());
        }
        for name in sp.never.keys() {
            assert!(sp.params.contains_key(name), "{key}: never names `{name}`");
        }
        for (name, default) in &sp.params {
            assert!(
                default.is_some() || example.contains_key(name),
                "{key}: the example must give the required parameter `{name}`"
            );
        }
        let md = render(&t, section, key, &example_map, "Mrs B")
            .unwrap_or_else(|e| panic!("{key} with {example:?}: {e}"));
        let text = normal(&md);
        // A list's lead may be as short as "I considered:".
        let words = if sp.list && text.ends_with(':') { 1 } else { 3 };
        assert!(text.split(' ').count() > words, "{key}: {md}");
        assert!(!text.contains("{{") && !text.contains("{%"), "{key}: {md}");
        // Each fixed wording of each parameter, one at a time, on top of the example.
        for (name, choices) in &sp.choices {
            if matches!(example.get(name), Some(Value::Sequence(_)))
                || sp.params.get(name).is_some_and(Option::is_none)
            {
                continue;
            }
            for (choice, wording) in choices {
                let mut with = example_map.clone();
                with.insert(name.as_str().into(), choice.as_str().into());
                let md = render(&t, section, key, &with, "Mrs B")
                    .unwrap_or_else(|e| panic!("{key} with {name}: {choice}: {e}"));
                assert!(
                    normal(&md).contains(&normal(wording)),
                    "{key} with {name}: {choice} lacks {wording:?}: {md}"
                );
            }
        }
    }
}

#[test]
fn every_reason_of_the_discretion_paragraph_reads_as_one_sentence_and_as_a_list() {
    let t = Templates::load(None).unwrap();
    let sp = &t.paragraphs["assessment-discretion"];
    for (choice, wording) in &sp.choices["reasons"] {
        let mut with = Mapping::new();
        with.insert(
            "reasons".into(),
            Value::Sequence(vec![choice.as_str().into()]),
        );
        let one = render(&t, "powers", "assessment-discretion", &with, "Mr X").unwrap();
        assert!(one.contains(&format!("if we decide {wording}. (")), "{one}");
        with.insert("bullets".into(), true.into());
        let listed = render(&t, "powers", "assessment-discretion", &with, "Mr X").unwrap();
        let list = listed
            .split_once("decide:\n\n")
            .map(|(_, list)| list.trim_start());
        // After a list the citation stands on a line of its own, unless `apart: false`.
        let lines: Vec<&str> = list
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [format!("- {wording}."), CITATION.to_string()],
            "{listed}"
        );
        with.insert("apart".into(), false.into());
        let ended = render(&t, "powers", "assessment-discretion", &with, "Mr X").unwrap();
        assert!(
            ended
                .trim_end()
                .ends_with(&format!("- {wording}. {CITATION}")),
            "{ended}"
        );
    }
}

const CITATION: &str = "(Local Government Act 1974, section 24A(6), as amended)";

#[test]
fn the_survey_reads_at_least_150_decisions_each_with_its_address() {
    let s = survey();
    let refs: BTreeSet<&str> = s.paragraphs.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(refs.len(), s.decisions);
    assert!(s.decisions >= 150, "{} decisions", s.decisions);
    for r in &s.paragraphs {
        assert!(r.address.starts_with("http"), "{}", r.reference);
        let slug = r.reference.replace(' ', "-");
        assert!(r.address.contains(&slug), "{}: {}", r.reference, r.address);
        assert!(matches!(r.section.as_str(), "powers" | "considered"));
        assert!(!r.text.trim().is_empty(), "{}", r.reference);
        if let Some(date) = &r.date {
            assert!(date.len() >= 10, "{}: {date}", r.reference);
        }
    }
}

/// Renders every paragraph that names a key; returns how many came out word for word, and a
/// message for each that did not, or (with `common`) that has no key although its wording
/// occurs in two decisions or more.
fn check(t: &Templates, rows: &[&Row], common: bool) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut reproduced = 0;
    for r in rows {
        let complainant = r.complainant.as_deref().unwrap_or("Mr X");
        if r.key.is_none() && !r.sentences.is_empty() {
            let keys: Vec<&str> = r.sentences.iter().map(|p| p.key.as_str()).collect();
            match render_sentences(t, &r.section, &r.sentences, complainant) {
                Ok(md) if normal(&md) == normal(&r.text) => reproduced += 1,
                Ok(md) => failures.push(format!(
                    "{} ({}): sentences {keys:?} read\n  {}\nwhere the decision reads\n  {}",
                    r.reference,
                    r.address,
                    normal(&md),
                    normal(&r.text)
                )),
                Err(e) => failures.push(format!("{}: sentences {keys:?}: {e}", r.reference)),
            }
            continue;
        }
        let Some(key) = &r.key else {
            if common && r.wording >= 2 {
                failures.push(format!(
                    "{}: a wording of {} decisions has no library paragraph:\n  {}",
                    r.reference, r.wording, r.text
                ));
            }
            continue;
        };
        let rendered = if r.bullets.is_empty() {
            render(t, &r.section, key, &r.with, complainant)
        } else {
            render_list(t, &r.section, (key, &r.with), &r.bullets, complainant)
        };
        match rendered {
            Ok(md) if normal(&md) == normal(&r.text) => reproduced += 1,
            Ok(md) => failures.push(format!(
                "{} ({}): `{key}` reads\n  {}\nwhere the decision reads\n  {}",
                r.reference,
                r.address,
                normal(&md),
                normal(&r.text)
            )),
            Err(e) => failures.push(format!("{}: `{key}`: {e}", r.reference)),
        }
    }
    (reproduced, failures)
}

#[test]
fn surveyed_paragraphs_come_out_of_the_library_word_for_word() {
    let t = Templates::load(None).unwrap();
    let s = survey();
    let whole: Vec<&Row> = s.paragraphs.iter().filter(|r| !r.cut).collect();
    let (reproduced, failures) = check(&t, &whole, true);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let composed = whole.iter().filter(|r| !r.sentences.is_empty()).count();
    assert!(composed >= 10, "{composed} paragraphs built from sentences");
    let listed = whole.iter().filter(|r| !r.bullets.is_empty()).count();
    assert!(
        listed >= 1,
        "{listed} list paragraphs built from library bullets"
    );
    let share = reproduced as f64 / whole.len() as f64;
    eprintln!(
        "{reproduced} of {} surveyed paragraphs ({:.1}%) come out of the library word for word",
        whole.len(),
        100.0 * share
    );
    // A floor against losing coverage. The survey also holds investigation decisions read for
    // their how-I-considered paragraphs, mostly the investigator's own sentences, so the
    // survey-wide share sits near 90%; the 90% goal is measured on held-out sets.
    assert!(share >= 0.88, "only {:.1}% reproduced", 100.0 * share);
}

/// Held-out sets measured and then joined to the survey: their decisions must be in it.
const JOINED: [&str; 41] = [
    "holdout11.yaml",
    "holdout12.yaml",
    "holdout13.yaml",
    "holdout14.yaml",
    "holdout15.yaml",
    "holdout16.yaml",
    "holdout17.yaml",
    "holdout18.yaml",
    "holdout19.yaml",
    "holdout20.yaml",
    "holdout21.yaml",
    "holdout22.yaml",
    "holdout23.yaml",
    "holdout24.yaml",
    "holdout25.yaml",
    "holdout26.yaml",
    "holdout27.yaml",
    "holdout28.yaml",
    "holdout29.yaml",
    "holdout30.yaml",
    "holdout31.yaml",
    "holdout32.yaml",
    "holdout33.yaml",
    "holdout34.yaml",
    "holdout35.yaml",
    "holdout36.yaml",
    "holdout37.yaml",
    "holdout38.yaml",
    "holdout39.yaml",
    "holdout40.yaml",
    "holdout41.yaml",
    "holdout42.yaml",
    "holdout43.yaml",
    "holdout44.yaml",
    "holdout45.yaml",
    "holdout46.yaml",
    "holdout47.yaml",
    "holdout48.yaml",
    "holdout51.yaml",
    "holdout52.yaml",
    "holdout53.yaml",
];
/// The held-out set measured last, while it is kept apart from the survey (none: the last
/// set read has joined).
const KEPT_APART: [&str; 0] = [];

#[test]
fn the_held_out_decisions_are_in_the_survey_only_once_joined() {
    let surveyed: std::collections::HashSet<String> = survey()
        .paragraphs
        .into_iter()
        .map(|r| r.reference)
        .collect();
    for (name, joined) in JOINED
        .iter()
        .map(|n| (*n, true))
        .chain(KEPT_APART.iter().map(|n| (*n, false)))
    {
        let s = read_survey(name);
        for r in &s.paragraphs {
            assert_eq!(
                surveyed.contains(&r.reference),
                joined,
                "{name}: {} (joined: {joined})",
                r.reference
            );
        }
    }
}

#[test]
fn decisions_read_after_the_library_was_written_come_out_of_it_too() {
    let t = Templates::load(None).unwrap();
    for name in JOINED.iter().chain(KEPT_APART.iter()) {
        let s = read_survey(name);
        // A set is as large as its rule made it (a set stops at 40 decisions, or sooner when
        // its queries run out), so what is checked is that none of its decisions is missing.
        let refs: BTreeSet<&str> = s.paragraphs.iter().map(|r| r.reference.as_str()).collect();
        assert!(s.decisions > 0, "{name}: no decisions");
        assert_eq!(
            refs.len(),
            s.decisions,
            "{name}: decisions without a paragraph"
        );
        let whole: Vec<&Row> = s.paragraphs.iter().filter(|r| !r.cut).collect();
        let (reproduced, failures) = check(&t, &whole, false);
        assert!(failures.is_empty(), "{name}: {}", failures.join("\n\n"));
        eprintln!(
            "{name}: {reproduced} of {} paragraphs of decisions not surveyed ({:.1}%) come out of the library",
            whole.len(),
            100.0 * reproduced as f64 / whole.len() as f64
        );
    }
}

/// The warnings `check` gives a case whose `section` holds `text` as the case's own words.
fn hints_for(t: &Templates, section: &str, text: &str, complainant: &str) -> Vec<String> {
    let mut doc: Mapping = serde_yaml::from_str(CASE).unwrap();
    let item = Value::String(text.to_string());
    doc.insert(section.into(), Value::Sequence(vec![item]));
    doc.insert("complainant".into(), complainant.into());
    let yaml = serde_yaml::to_string(&Value::Mapping(doc)).unwrap();
    let path = Path::new("survey-case.yaml");
    let Ok((case, src)) = case::load_bytes(path, yaml.into_bytes()) else {
        return Vec::new();
    };
    match resolve::resolve(&case, t, path, &src) {
        Ok(decision) => decision
            .warnings
            .iter()
            .filter_map(|w| w.hint.clone())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The key and parameters a hint asks for: "write `standard: KEY` and `with: { … }` instead".
fn asked_for(hint: &str) -> Option<(String, Mapping)> {
    let rest = hint.strip_prefix("write `standard: ")?;
    let (key, rest) = rest.split_once('`')?;
    let with = match rest.strip_prefix(" and `with: ") {
        Some(rest) => serde_yaml::from_str(rest.split_once("` instead")?.0).ok()?,
        None => Mapping::new(),
    };
    Some((key.to_string(), with))
}

/// The sentences a hint asks for: "write `sentences:` with `- standard: KEY` and
/// `with: { … }`, `- standard: KEY` instead".
fn sentences_asked_for(hint: &str) -> Option<Vec<Piece>> {
    let rest = hint.strip_prefix("write `sentences:` with ")?;
    let rest = rest.split_once(" instead, so that")?.0;
    let mut pieces = Vec::new();
    for item in rest.split("`- standard: ").skip(1) {
        let (key, item) = item.split_once('`')?;
        let with = match item.split_once(" and `with: ") {
            Some((_, with)) => {
                let with = with.trim_end_matches(", ").strip_suffix('`')?;
                serde_yaml::from_str(with).ok()?
            }
            None => Mapping::new(),
        };
        pieces.push(Piece {
            key: key.to_string(),
            with,
        });
    }
    Some(pieces)
}

#[test]
fn check_finds_the_library_paragraph_of_surveyed_words_and_its_parameters() {
    let mut t = Templates::load(None).unwrap();
    t.fit_own_words = true;
    let s = survey();
    // The paragraphs the library writes, whole or from sentences; `more` holds words of the
    // decision's own.
    let rows: Vec<&Row> = s
        .paragraphs
        .iter()
        .filter(|r| !r.cut && r.bullets.is_empty() && !r.with.contains_key("more"))
        .filter(|r| r.key.is_some() || !r.sentences.is_empty())
        .collect();
    let (mut found, mut wrong, mut unfound) = (0, Vec::new(), Vec::new());
    for r in &rows {
        let complainant = r.complainant.as_deref().unwrap_or("Mr X");
        let hints = hints_for(&t, &r.section, &r.text, complainant);
        let rendered = if let Some((key, with)) = hints.iter().find_map(|h| asked_for(h)) {
            render(&t, &r.section, &key, &with, complainant)
        } else if let Some(pieces) = hints.iter().find_map(|h| sentences_asked_for(h)) {
            render_sentences(&t, &r.section, &pieces, complainant)
        } else {
            unfound.push(format!("{}: {}", r.reference, normal(&r.text)));
            continue;
        };
        // Quotes straight or curly alike, as `check` compares them.
        let straight = |s: &str| normal(s).replace(['‘', '’'], "'").replace(['“', '”'], "\"");
        match rendered {
            Ok(md) if straight(&md) == straight(&r.text) => found += 1,
            other => wrong.push(format!(
                "{}: {hints:?} reads {other:?}\nwhere the decision reads\n  {}",
                r.reference,
                normal(&r.text)
            )),
        }
    }
    eprintln!("{found} of {} found from their words", rows.len());
    // Every hint, written back into the case, gives the same words.
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    // Some are out of reach: several reasons run into the sentence with their own marks
    // between them need too many parameters changed at once to be tried.
    assert!(
        100 * found >= 99 * rows.len(),
        "{} not found:\n{}",
        unfound.len(),
        unfound.join("\n")
    );
}

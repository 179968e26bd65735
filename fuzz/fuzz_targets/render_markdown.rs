//! Fuzz target: any text as the Markdown of a summary, a paragraph, a lettered point and a
//! finding of a valid case, rendered to the canonical Markdown. The input is split on NUL bytes
//! into those four texts.
#![no_main]

use decisions::case::Case;
use decisions::templates::Templates;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

const SEED: &str = include_str!("../../cases/21-016-384.yaml");

fn setup() -> &'static (Templates, Case) {
    static S: OnceLock<(Templates, Case)> = OnceLock::new();
    S.get_or_init(|| {
        let t = Templates::load(None).expect("the built-in templates load");
        let case = decisions::case::parse_str(Path::new("seed.yaml"), SEED).expect("the seed case");
        (t, case)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (t, seed) = setup();
    let mut case = seed.clone();
    let mut parts = text.split('\0');
    case.summary = parts.next().unwrap_or_default().to_string();
    if let Some(p) = parts.next() {
        case.complaint[0].text = Some(p.to_string());
    }
    if let Some(p) = parts.next() {
        case.final_decision[0].points.push(decisions::case::Para {
            text: Some(p.to_string()),
            ..Default::default()
        });
    }
    if let (Some(p), Some(a)) = (parts.next(), case.assessment.as_mut()) {
        a.areas[0].finding = p.to_string();
    }
    let path = Path::new("fuzz.yaml");
    if let Ok(decision) = decisions::resolve::resolve(&case, t, path, SEED) {
        let _ = decisions::render::markdown::render(&decision, t);
    }
});

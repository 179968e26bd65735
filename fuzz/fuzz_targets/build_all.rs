//! Fuzz target: any bytes as a case file, through the whole build to every format the renderer
//! supports (Markdown, HTML, and PDF once it is there), in memory.
#![no_main]

use decisions::render::{Format, Renderer};
use decisions::templates::Templates;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn renderer() -> &'static (Renderer, Vec<Format>) {
    static R: OnceLock<(Renderer, Vec<Format>)> = OnceLock::new();
    R.get_or_init(|| {
        let r = Renderer::new(Templates::load(None).expect("the built-in templates load"));
        let formats = Format::ALL
            .into_iter()
            .filter(|f| r.supports(*f).is_ok())
            .collect();
        (r, formats)
    })
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.yaml");
    let (renderer, formats) = renderer();
    if let Ok((case, src)) = decisions::case::load_bytes(path, data.to_vec()) {
        if let Ok(decision) = decisions::resolve::resolve(&case, &renderer.templates, path, &src) {
            let _ = renderer.render(&decision, formats);
        }
    }
});

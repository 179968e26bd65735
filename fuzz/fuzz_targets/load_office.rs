//! Fuzz target: any bytes as an office folder, split at the first NUL into its `office.yaml`
//! and its `wording.yaml`, read from disk the way `--templates DIR` reads them. Problems are
//! fine; a panic, a hang or a crash is a bug. An office that loads must give its example a
//! safe address, and must read the seed case as one of its own and build it to Markdown, or
//! refuse it, without a panic.
#![no_main]

use decisions::render::{Format, Renderer};
use decisions::templates::Templates;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The folder the fuzzed files are written to, one per process.
fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("decisions-fuzz-office-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        // An office of its own brings its own standard paragraphs: the seed case uses these.
        std::fs::write(dir.join("paragraphs.yaml"), PARAGRAPHS).expect("the paragraphs");
        dir
    })
}

const SEED: &str = include_str!("../../cases/21-016-384.yaml");
const PARAGRAPHS: &str = include_str!("../../templates/paragraphs.yaml");

/// Writes `bytes` as `name` in the folder, or removes it when there are none.
fn put(dir: &Path, name: &str, bytes: Option<&[u8]>) {
    let path = dir.join(name);
    match bytes {
        Some(b) => std::fs::write(path, b).expect("the file is written"),
        None => {
            let _ = std::fs::remove_file(path);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let dir = folder();
    let mut parts = data.splitn(2, |&b| b == 0);
    put(dir, "office.yaml", parts.next().filter(|b| !b.is_empty()));
    put(dir, "wording.yaml", parts.next());
    let Ok(templates) = Templates::load(Some(dir)) else {
        return;
    };
    let example = templates.office.reference.example.clone();
    let reference = templates
        .office
        .reference(&example)
        .expect("a loaded office's example fits its pattern");
    assert!(
        !reference.address.is_empty()
            && reference
                .address
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "unsafe address {:?}",
        reference.address
    );
    let path = Path::new("seed.yaml");
    let renderer = Renderer::new(templates);
    let office = &renderer.templates.office;
    if let Ok((case, src)) = decisions::case::load_bytes_for(path, SEED.as_bytes().to_vec(), office)
    {
        if let Ok(d) = decisions::resolve::resolve(&case, &renderer.templates, path, &src) {
            let _ = renderer.render(&d, &[Format::Md]);
        }
    }
});

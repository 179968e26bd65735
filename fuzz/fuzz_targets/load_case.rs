//! Fuzz target: any bytes as a case file, through loading and resolving. Problems are fine;
//! a panic, a hang or a crash is a bug, and so is a reference that could name a folder outside
//! the output.
#![no_main]

use decisions::templates::Templates;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| Templates::load(None).expect("the built-in templates load"))
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.yaml");
    if let Ok((case, src)) = decisions::case::load_bytes(path, data.to_vec()) {
        // The reference names the output folder: it must never be able to leave it.
        let slug = case.reference.slug();
        assert!(
            slug.len() <= 11
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase() || b == b'-'),
            "unsafe folder name {slug:?}"
        );
        let _ = decisions::resolve::resolve(&case, templates(), path, &src);
    }
});

//! Fuzz target: any bytes as a case file, through loading and resolving. Problems are fine;
//! a panic, a hang or a crash is a bug.
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
        let _ = decisions::resolve::resolve(&case, templates(), path, &src);
    }
});

//! Compiles the anonymisation lint's patterns to DFAs, so that a run loads them in microseconds
//! instead of compiling them in milliseconds (see `src/lint/matcher.rs`).

use std::fmt::Write as _;
use std::path::PathBuf;

use regex_automata::dfa::{dense, regex::Regex};

#[path = "src/lint/patterns.rs"]
#[allow(dead_code)]
mod patterns;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/lint/patterns.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut blob: Vec<u8> = Vec::new();
    let mut ranges = String::new();
    for pattern in patterns::Pattern::ALL {
        let regex = Regex::builder()
            .dense(dense::Config::new().minimize(true))
            .build(&pattern.regex())
            .unwrap_or_else(|e| panic!("lint pattern {} does not compile: {e}", pattern.name()));
        let mut place = |dfa: &dense::DFA<Vec<u32>>| {
            let (bytes, pad) = dfa.to_bytes_little_endian();
            // Each DFA starts on an 8-byte boundary of the (aligned) whole.
            while blob.len() % 8 != 0 {
                blob.push(0);
            }
            let start = blob.len();
            blob.extend_from_slice(&bytes[pad..]);
            start..blob.len()
        };
        let forward = place(regex.forward());
        let reverse = place(regex.reverse());
        writeln!(
            ranges,
            "    ({forward:?}, {reverse:?}), // {}",
            pattern.name()
        )
        .expect("writing to a string");
    }

    let blob_path = out.join("lint_dfas.bin");
    std::fs::write(&blob_path, &blob).expect("OUT_DIR is writable");
    let code = format!(
        "static COMPILED: &Aligned<[u8]> = &Aligned {{\n    _align: [],\n    bytes: *include_bytes!({blob_path:?}),\n}};\n\n\
         const RANGES: [(Range<usize>, Range<usize>); {count}] = [\n{ranges}];\n",
        count = patterns::Pattern::ALL.len(),
    );
    std::fs::write(out.join("lint_dfas.rs"), code).expect("OUT_DIR is writable");
}

//! The search index on its own, over a published site given in `SEARCH_BENCH_SITE` (see
//! `bench/search.sh`): a full build (CPU per decision, peak memory), then an update after one
//! decision's text changes. Without the variable it prints how to run it and does nothing.

use decisions::publish::row::Row;
use decisions::publish::search::{update, Doc, Input};
use std::path::{Path, PathBuf};
use std::time::Instant;

// The program's many small strings are made and freed faster by mimalloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU seconds (user + system) of this process so far, from `/proc/self/stat`.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Fields 14 and 15 of the file, 12 and 13 after the command name; ticks of 1/100 s.
    (f.get(11).unwrap_or(&0.0) + f.get(12).unwrap_or(&0.0)) / 100.0
}

/// Peak resident memory of this process so far, in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A folder that sees the site's decisions through links, for an index of its own.
fn scratch(dir: &Path, site: &Path, rows: &[Row], changed: Option<&str>) -> PathBuf {
    let decisions = dir.join("decisions");
    std::fs::create_dir_all(&decisions).unwrap();
    for row in rows {
        let (from, to) = (
            site.join("decisions").join(row.slug()),
            decisions.join(row.slug()),
        );
        if Some(row.slug()) == changed {
            std::fs::create_dir_all(&to).unwrap();
            let md = std::fs::read_to_string(from.join("decision.md")).unwrap();
            let md = md.replacen("complain", "grumble", 1);
            std::fs::write(to.join("decision.md"), md).unwrap();
        } else {
            std::os::unix::fs::symlink(from, to).unwrap();
        }
    }
    dir.to_path_buf()
}

fn main() {
    let Ok(site) = std::env::var("SEARCH_BENCH_SITE") else {
        eprintln!("search bench: set SEARCH_BENCH_SITE to a published site (bench/search.sh does)");
        return;
    };
    let site = PathBuf::from(site);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("decisions.json")).unwrap()).unwrap();
    let rows: Vec<Row> = serde_json::from_value(json["decisions"].clone()).unwrap();
    let tmp = tempfile::tempdir_in(site.parent().unwrap()).unwrap();
    let docs = |changed: Option<&str>| -> Vec<Doc> {
        rows.iter()
            .map(|row| Doc {
                row,
                html: true,
                pdf: true,
                changed: changed.map_or(true, |c| c == row.slug()),
            })
            .collect()
    };
    let a = scratch(&tmp.path().join("a"), &site, &rows, None);
    let (base_mb, cpu0, t0) = (peak_mb(), cpu(), Instant::now());
    let all = docs(None);
    let stats = update(&Input {
        site: &a,
        previous: None,
        docs: &all,
        lang: "en-GB",
    })
    .unwrap();
    let (wall, cpu_s) = (t0.elapsed().as_secs_f64(), cpu() - cpu0);
    let n = rows.len() as f64;
    println!(
        "full build of {} decisions: {wall:.2} s wall, {cpu_s:.2} s CPU = {:.3} ms CPU a decision; peak RSS {:.1} MB (before {base_mb:.1} MB); {} chunks",
        rows.len(),
        cpu_s * 1000.0 / n,
        peak_mb(),
        stats.chunks_written
    );
    let one = rows[rows.len() / 2].slug();
    let b = scratch(&tmp.path().join("b"), &site, &rows, Some(one));
    let (cpu0, t0) = (cpu(), Instant::now());
    let changed = docs(Some(one));
    let stats = update(&Input {
        site: &b,
        previous: Some(&a),
        docs: &changed,
        lang: "en-GB",
    })
    .unwrap();
    println!(
        "update after one decision changed: {:.3} s wall, {:.2} s CPU; {} chunks written, {} carried over, {} fragments written (rebuilt: {})",
        t0.elapsed().as_secs_f64(),
        cpu() - cpu0,
        stats.chunks_written,
        stats.chunks_kept,
        stats.fragments_written,
        stats.rebuilt
    );
}

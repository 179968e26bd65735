//! Benchmarks of each stage of the pipeline, for a short and a long generated case:
//! load and validate, the anonymisation lint, resolve, Markdown, HTML, PDF, and all formats
//! together.
//! `cargo bench`; the figures and how they compare are in `bench/RESULTS.md`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use decisions::lint::anonymise::Linter;
use decisions::render::{markdown, Format, Renderer};
use decisions::templates::Templates;
use decisions::{case, generate, resolve};
use std::hint::black_box;
use std::path::PathBuf;

// The program's many small strings are made and freed faster by mimalloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Seed and index of the benchmark cases; the lengths are numbered paragraphs.
const SEED: u64 = 2024;
const CASES: [(&str, usize); 2] = [("short", 8), ("long", 80)];

fn write_cases(dir: &std::path::Path, t: &Templates) -> Vec<(&'static str, PathBuf)> {
    CASES
        .iter()
        .enumerate()
        .map(|(i, &(name, length))| {
            let g = generate::case(t, SEED, i, Some(length));
            let path = dir.join(format!("{}.yaml", g.slug));
            std::fs::write(&path, g.yaml).expect("write a benchmark case");
            (name, path)
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let renderer = Renderer::new(Templates::load(None).expect("built-in templates"));
    let t = &renderer.templates;
    let cases = write_cases(dir.path(), t);

    c.bench_function("templates/load", |b| {
        b.iter(|| Templates::load(None).expect("templates"))
    });
    c.bench_function("lint/load", |b| b.iter(Linter::new));
    // The regular face; the others, the fallback among them, are parsed when first used.
    c.bench_function("fonts/load", |b| {
        b.iter(|| decisions::render::pdf::Fonts::bundled().expect("fonts"))
    });
    let linter = Linter::new();
    let mut g = c.benchmark_group("stage");
    for (name, path) in &cases {
        let (parsed, src) = case::load(path).expect("load");
        let decision = resolve::resolve(&parsed, t, path, &src).expect("resolve");
        let md = markdown::render(&decision, t).expect("markdown");
        g.bench_with_input(BenchmarkId::new("load", name), path, |b, p| {
            b.iter(|| case::load(black_box(p)).expect("load"))
        });
        g.bench_with_input(BenchmarkId::new("resolve", name), &parsed, |b, c| {
            b.iter(|| resolve::resolve(black_box(c), t, path, &src).expect("resolve"))
        });
        g.bench_with_input(BenchmarkId::new("markdown", name), &decision, |b, d| {
            b.iter(|| markdown::render(black_box(d), t).expect("markdown"))
        });
        g.bench_with_input(BenchmarkId::new("lint", name), &md, |b, md| {
            b.iter(|| linter.scan(black_box(md)))
        });
        g.bench_with_input(BenchmarkId::new("html-body", name), &md, |b, md| {
            b.iter(|| decisions::render::html::body(markdown::body(black_box(md))))
        });
        for format in [Format::Html, Format::Pdf] {
            if renderer.supports(format).is_err() {
                continue;
            }
            let id = BenchmarkId::new(format!("md+{format}"), name);
            g.bench_with_input(id, &decision, |b, d| {
                b.iter(|| renderer.render(black_box(d), &[format]).expect("render"))
            });
        }
        let all: Vec<Format> = Format::ALL
            .into_iter()
            .filter(|f| renderer.supports(*f).is_ok())
            .collect();
        g.bench_with_input(BenchmarkId::new("all-formats", name), &decision, |b, d| {
            b.iter(|| renderer.render(black_box(d), &all).expect("render"))
        });
    }
    g.finish();
}

/// A cold publish of 100 generated cases (about 90 final), all formats and the site files.
fn publish(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let t = Templates::load(None).expect("built-in templates");
    let cases = dir.path().join("cases");
    generate::corpus(&t, 100, SEED, &cases).expect("generate");
    let mut run = 0;
    let mut g = c.benchmark_group("publish");
    g.sample_size(10);
    g.bench_function("100", |b| {
        b.iter(|| {
            run += 1;
            let opts = decisions::publish::Options {
                cases: cases.clone(),
                out: dir.path().join(format!("site-{run}")),
                templates: None,
                base_url: decisions::publish::feeds::BaseUrl::parse(
                    "https://decisions.example.gov.uk/",
                )
                .expect("base address"),
                force: true,
                formats: decisions::render::Format::PUBLISHED.to_vec(),
                progress: indicatif::ProgressBar::hidden(),
                fail_after: None,
            };
            decisions::publish::publish(&opts).expect("publish")
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = stages, publish
}
criterion_main!(benches);

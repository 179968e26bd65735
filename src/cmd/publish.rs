//! `decisions publish`: the whole library as a static site, with a progress bar and a summary.

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::cli::PublishArgs;
use crate::publish::{self, feeds::BaseUrl, Options, Outcome, Summary};
use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

pub fn run(args: PublishArgs) -> Result<i32> {
    // The lint compiles its patterns while the templates and manifest load.
    std::thread::spawn(crate::review::warm_up);
    let start = Instant::now();
    let base_url = BaseUrl::parse(&args.base_url)?;
    if args.base_url == publish::DEFAULT_BASE_URL {
        eprintln!(
            "warning: no --base-url given: the feed and sitemap link to {}",
            publish::DEFAULT_BASE_URL
        );
    }
    let progress = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("publishing");
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    };
    let opts = Options {
        cases: args.cases.clone(),
        out: args.out.clone(),
        templates: args.templates.templates.clone(),
        base_url,
        force: args.force,
        formats: args.format.clone(),
        progress: progress.clone(),
        fail_after: fail_after(),
    };
    let outcome = publish::publish(&opts);
    progress.finish_and_clear();
    match outcome? {
        Outcome::Rejected(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            let n = problems.len();
            eprintln!(
                "Nothing published: {n} error{} in {} ({:.2} s); the live site {} is unchanged.",
                if n == 1 { "" } else { "s" },
                args.cases.display(),
                start.elapsed().as_secs_f64(),
                args.out.display()
            );
            Ok(EXIT_PROBLEMS)
        }
        Outcome::Published(summary) => {
            for w in &summary.warnings {
                eprintln!("{w}");
            }
            for note in &summary.notes {
                eprintln!("note: {note}");
            }
            if !args.quiet {
                eprintln!("{}", summary_line(&summary, &args, start.elapsed()));
            }
            Ok(EXIT_OK)
        }
    }
}

/// `DECISIONS_FAIL_AFTER=N`, a test hook: the run stops as if killed after N decisions.
fn fail_after() -> Option<usize> {
    std::env::var(publish::FAIL_AFTER_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
}

fn summary_line(s: &Summary, args: &PublishArgs, elapsed: Duration) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "Published {} to {} in {:.2} s: {} rendered, {} unchanged, {} removed, {} skipped, 0 errors.",
        plural(s.published, "decision", "decisions"),
        args.out.display(),
        elapsed.as_secs_f64(),
        s.rendered,
        s.unchanged,
        s.removed,
        plural(s.drafts, "draft", "drafts"),
    )
}

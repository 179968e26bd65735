//! The command line: subcommands and their options (clap derive).

use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Turns YAML case files into ombudsman decision statements (Markdown, HTML, PDF) and
/// publishes them as a decision library.
#[derive(Debug, Parser)]
#[command(name = "decisions", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build each case into OUT/<reference>/decision.{md,html,pdf}.
    Build(BuildArgs),
    /// Validate cases (files or folders) and list every problem; exit 1 if any.
    Check(CheckArgs),
    /// Report what changed between two versions of a decision, e.g. the draft sent to the
    /// parties and the final one: OUT/<reference>/changes.{html,md}.
    Compare(CompareArgs),
    /// Write a ready-to-fill case file for a new decision.
    New(NewArgs),
    /// Rewrite case files of an older case-file format into the current one, and report
    /// what changed in each (`--check`: report only, exit 1 if any needs it).
    Migrate(MigrateArgs),
    /// Print the JSON Schema of the case file, for editors.
    Schema(SchemaArgs),
    /// Write the built-in templates, wording and standard paragraphs to DIR, to start your own.
    Templates(TemplatesArgs),
    /// Publish every final case of a folder as a static site: pages, index, feed, metadata.
    ///
    /// Every case is checked first; if any has an error, all errors are listed and nothing is
    /// published. Drafts are never published. The site is built beside OUT in `.OUT.sites/`
    /// and goes live in one step: OUT is a symbolic link to the live version, replaced by an
    /// atomic rename, so readers always see a whole site. Decisions whose case file, templates
    /// and tool version are unchanged are carried over from the live site without rendering
    /// (`--force` renders all). A lock file `.OUT.lock` stops two publishes at once; a lock
    /// left by a killed run is released by the system and taken over.
    Publish(PublishArgs),
    /// Serve a published site (or a build folder) on 127.0.0.1, for a preview.
    ///
    /// Search needs it: browsers do not let a page opened from a file fetch the search index.
    /// With `--watch`, CASES_DIR is published to SITE_DIR first and again whenever a case file
    /// or template changes, and open pages reload.
    Serve(ServeArgs),
    /// Write a corpus of invented case files, for tests and benchmarks.
    #[command(hide = true)]
    Generate(GenerateArgs),
}

#[derive(Debug, Clone, Args)]
pub struct TemplateArgs {
    /// A folder whose templates, wording.yaml and paragraphs.yaml replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Case files to build.
    #[arg(required = true, value_name = "CASE")]
    pub cases: Vec<PathBuf>,
    /// Where to write; each decision goes to a folder named by its reference.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(long, short, value_delimiter = ',', default_values_t = Format::ALL)]
    pub format: Vec<Format>,
    #[command(flatten)]
    pub templates: TemplateArgs,
    /// Print nothing but problems.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files, or folders searched for `*.yaml` case files.
    #[arg(required = true, value_name = "CASE|DIR")]
    pub paths: Vec<PathBuf>,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub templates: TemplateArgs,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Case files, or folders searched for `*.yaml` case files.
    #[arg(required = true, value_name = "CASE|DIR")]
    pub paths: Vec<PathBuf>,
    /// Say what would change, and change nothing.
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub templates: TemplateArgs,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier version (e.g. the draft), then the later one; with `--git`, the later only.
    #[arg(required = true, num_args = 1..=2, value_name = "CASE")]
    pub cases: Vec<PathBuf>,
    /// Read the earlier version from git: the case file as it was at revision REV.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// Where to write; the report goes to a folder named by the reference.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub templates: TemplateArgs,
    /// Print nothing but problems.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of an office folder's `office.yaml` instead.
    #[arg(long)]
    pub office: bool,
    /// The office or templates folder whose case files the schema describes; default the
    /// built-in office.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The folder to write; use it later with `--templates DIR`.
    pub dir: PathBuf,
    /// Replace files that are already there.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The decision's reference, e.g. "21 016 384".
    pub reference: String,
    /// The body complained about, e.g. "Leeds City Council".
    #[arg(long)]
    pub authority: String,
    /// A key of the office's outcomes (the LGSCO's: upheld, not-upheld,
    /// closed-after-initial-enquiries); it picks the layout.
    #[arg(long)]
    pub outcome: Option<String>,
    /// The category, as the office writes it (the LGSCO's: "Area > Subject").
    #[arg(long)]
    pub category: Option<String>,
    /// The decision date, YYYY-MM-DD; default today.
    #[arg(long)]
    pub decided: Option<String>,
    /// How the complainant is named.
    #[arg(long, default_value = "Mr X")]
    pub complainant: String,
    /// Where to write; default cases/<reference>.yaml.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
    /// An office or templates folder: its office's reference, outcomes and layouts, and its
    /// `new/LAYOUT.yaml` skeletons where it has them.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The folder of case files, searched recursively; drafts in it are never published.
    #[arg(default_value = "cases", value_name = "CASES_DIR")]
    pub cases: PathBuf,
    /// The site: a link to the live version, which is kept in `.OUT.sites/` beside it.
    /// `out/site` by default, so that `build` output in `out/` and the site never mix.
    #[arg(long, short, default_value = "out/site", value_name = "DIR")]
    pub out: PathBuf,
    /// The address the site is served from, for the absolute links of the feed and sitemap.
    #[arg(long, value_name = "URL", default_value = crate::publish::DEFAULT_BASE_URL)]
    pub base_url: String,
    /// Re-render every decision instead of reusing unchanged ones from the live site.
    #[arg(long)]
    pub force: bool,
    /// Formats to publish, comma-separated; the Markdown is always published (the search
    /// index reads it).
    #[arg(long, short, value_delimiter = ',', default_values_t = Format::PUBLISHED)]
    pub format: Vec<Format>,
    #[command(flatten)]
    pub templates: TemplateArgs,
    /// Print nothing but problems: no progress bar, no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The folder to serve: a published site or a build output.
    #[arg(default_value = "out/site", value_name = "SITE_DIR")]
    pub site: PathBuf,
    /// With `--watch`: the folder of case files to publish to SITE_DIR.
    #[arg(default_value = "cases", value_name = "CASES_DIR")]
    pub cases: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Publish CASES_DIR again when a case file or template changes; reload open pages.
    #[arg(long)]
    pub watch: bool,
    /// With `--watch`: the address the site is served from, for the feed and sitemap.
    #[arg(long, value_name = "URL", default_value = crate::publish::DEFAULT_BASE_URL)]
    pub base_url: String,
    #[command(flatten)]
    pub templates: TemplateArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many case files to write.
    #[arg(long, default_value_t = 100)]
    pub count: usize,
    /// The same seed gives the same cases.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The folder to write `<reference>.yaml` files into.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
}

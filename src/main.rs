//! `decisions`: parse the command line, run the subcommand, print the whole error chain.

use clap::Parser;
use decisions::{cli, cmd};

// The program's many small strings are made and freed faster by mimalloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Compare(args) => cmd::compare::run(args),
        cli::Command::New(args) => cmd::new::run(args),
        cli::Command::Migrate(args) => cmd::migrate::run(args),
        cli::Command::Templates(args) => cmd::templates::run(args),
        cli::Command::Schema(args) if args.office => {
            println!("{}", decisions::office::schema::office_schema());
            Ok(cmd::EXIT_OK)
        }
        cli::Command::Schema(args) => cmd::new::schema(args.templates.as_deref()),
        cli::Command::Publish(args) => cmd::publish::run(args),
        cli::Command::Generate(args) => cmd::generate::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args),
    };
    let code = match result {
        Ok(code) => code,
        // Problems name their own file, place and level, as for a case file.
        Err(e) => {
            match e.downcast_ref::<decisions::problem::Problems>() {
                Some(problems) => eprintln!("{problems}"),
                None => eprintln!("error: {e:#}"),
            }
            cmd::EXIT_PROBLEMS
        }
    };
    std::process::exit(code);
}

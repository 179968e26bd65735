//! `decisions`: parse the command line, run the subcommand, print the whole error chain.

mod case;
mod cli;
mod cmd;
mod fs;
mod pipeline;
mod problem;
mod render;
mod resolve;
mod templates;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            cmd::EXIT_PROBLEMS
        }
    };
    std::process::exit(code);
}

//! One module per subcommand; each returns the process exit code.

pub mod build;
pub mod check;
pub mod compare;
pub mod generate;
pub mod migrate;
pub mod new;
pub mod publish;
pub mod serve;
pub mod templates;

/// Exit codes, as documented in the README.
pub const EXIT_OK: i32 = 0;
/// A case has problems, or an output could not be written.
pub const EXIT_PROBLEMS: i32 = 1;

//! What a publish reports: the counts of a finished publish, or every error that stopped it.

use crate::problem::Problem;

/// How a publish went.
pub enum Outcome {
    Published(Summary),
    /// Errors in the cases: nothing was published. Sorted by file and line.
    Rejected(Vec<Problem>),
}

/// The counts of a finished publish, and what to tell the user besides.
#[derive(Debug, Default)]
pub struct Summary {
    pub published: usize,
    pub rendered: usize,
    pub unchanged: usize,
    pub drafts: usize,
    pub removed: usize,
    /// Warnings about cases that were published all the same.
    pub warnings: Vec<Problem>,
    /// Things worth knowing, e.g. that a killed run's leftovers were removed.
    pub notes: Vec<String>,
    /// The site version now live.
    pub version: u64,
}

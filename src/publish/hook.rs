//! The interruption test hook (`DECISIONS_FAIL_AFTER`): the process stops, as a kill would,
//! after a given number of decisions have been written to the staging folders.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The test hook: see `Options::fail_after`.
pub struct Hook {
    fail_after: Option<usize>,
    /// Decisions written to the staging folders so far.
    done: AtomicUsize,
}

impl Hook {
    pub fn new(fail_after: Option<usize>) -> Hook {
        Hook {
            fail_after,
            done: AtomicUsize::new(0),
        }
    }

    /// Counts a decision written, and stops the process there if the hook asks for it.
    pub fn staged(&self) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        if self.fail_after == Some(done) {
            // Exit without cleaning up, as a killed process would.
            eprintln!("DECISIONS_FAIL_AFTER: stopping after {done} decision(s)");
            std::process::exit(3);
        }
    }
}

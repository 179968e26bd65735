//! Lints that run on a decision's text before it is built or published.

pub mod anonymise;
mod matcher;
mod patterns;
mod words;

#[cfg(test)]
mod tests;

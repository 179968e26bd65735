//! `decisions` turns YAML case files into ombudsman decision statements and publishes them.
//!
//! The pipeline, in the order a case travels through it:
//! [`case`] (load and check) → [`resolve`] (standard paragraphs, numbering, cross-references)
//! → [`render`] (Markdown, then HTML and PDF from it) → the commands in [`cmd`] that write
//! files with [`fs`].

// Problems are built once per bad field and reported, never passed along a hot path, so
// their size in a `Result` does not matter.
#![allow(clippy::result_large_err)]

pub mod case;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod fs;
pub mod generate;
pub mod lint;
pub mod office;
pub mod pipeline;
pub mod problem;
pub mod publish;
pub mod render;
pub mod resolve;
pub mod review;
pub mod templates;

//! Renderers: each turns the canonical Markdown of a decision into one output format.

pub mod html;

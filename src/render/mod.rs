//! Renderers of the canonical Markdown: PDF (our own typesetter).

pub mod pdf;

//! The output formats. Markdown is the canonical text; HTML and PDF are made from it.

pub mod markdown;

use crate::resolve::Decision;
use crate::templates::Templates;
use anyhow::Result;
use std::fmt;

/// One output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];

    /// The file name of this format inside a decision's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Md => "decision.md",
            Format::Html => "decision.html",
            Format::Pdf => "decision.pdf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        })
    }
}

/// Everything loaded once per run and shared by every document: templates (and fonts).
pub struct Renderer {
    pub templates: Templates,
}

/// One decision in the formats asked for, in the order asked.
pub struct Rendered {
    pub files: Vec<(Format, Vec<u8>)>,
}

impl Renderer {
    pub fn new(templates: Templates) -> Renderer {
        Renderer { templates }
    }

    /// Checks up front that every format asked for can be made.
    pub fn supports(&self, format: Format) -> Result<()> {
        match format {
            Format::Md => Ok(()),
            other => anyhow::bail!("the {other} format is not yet supported; use --format md"),
        }
    }

    pub fn render(&self, decision: &Decision, formats: &[Format]) -> Result<Rendered> {
        let md = markdown::render(decision, &self.templates)?;
        let mut files = Vec::with_capacity(formats.len());
        for &format in formats {
            match format {
                Format::Md => files.push((format, md.clone().into_bytes())),
                other => self.supports(other)?,
            }
        }
        Ok(Rendered { files })
    }
}

//! The output formats. Markdown is the canonical text; HTML and PDF are made from it.

pub mod akn;
pub mod columns;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod points;

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
    /// Akoma Ntoso 3.0 XML; not one of the default formats.
    Akn,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];
    /// What `publish` puts on the site: every format, Akoma Ntoso included.
    pub const PUBLISHED: [Format; 4] = [Format::Md, Format::Html, Format::Pdf, Format::Akn];

    /// The file name of this format inside a decision's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Md => "decision.md",
            Format::Html => "decision.html",
            Format::Pdf => "decision.pdf",
            Format::Akn => "decision.akn.xml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Akn => "akn",
        })
    }
}

/// Everything loaded once per run and shared by every document: templates and fonts.
pub struct Renderer {
    pub templates: Templates,
}

/// One decision in the formats asked for, in the order asked.
pub struct Rendered {
    pub files: Vec<(Format, Vec<u8>)>,
}

impl Renderer {
    /// Parsed on the first PDF (or by `check`), then shared by every thread.
    fn fonts(&self) -> Result<&'static pdf::Fonts> {
        pdf::Fonts::shared().map_err(|e| anyhow::anyhow!("{e}"))
    }

    /// The PDF, typeset from the Markdown body.
    fn pdf(&self, decision: &Decision, md: &str) -> Result<Vec<u8>> {
        let m = &decision.meta;
        // A category without a subject (a list or free text) leaves no empty keyword.
        let keywords: Vec<String> = [
            &m.reference,
            &m.authority,
            &m.category_area,
            &m.category_subject,
            &m.outcome,
        ]
        .into_iter()
        .filter(|k| !k.is_empty())
        .cloned()
        .collect();
        let summary = markdown::plain(&m.summary);
        let meta = pdf::PdfMeta {
            title: &m.title,
            author: &m.ombudsman,
            subject: &summary,
            keywords: &keywords,
            running_header: &m.title,
            date: (m.year, m.month, m.day),
            draft: m.draft,
            draft_mark: &self.templates.wording_for(&m.lang).draft_mark,
            page_of: &self.templates.wording_for(&m.lang).page_of,
            lang: &m.lang,
        };
        Ok(pdf::render(markdown::body(md), &meta, self.fonts()?)?)
    }

    /// The decision page: the Markdown body as HTML inside the `decision.html` template.
    fn html(&self, decision: &Decision, md: &str) -> Result<String> {
        let m = &decision.meta;
        let w = self.templates.wording_for(&m.lang);
        let ctx = html::PageContext {
            decision: html::PageDecision {
                title: m.title.clone(),
                reference: m.reference.clone(),
                slug: m.slug.clone(),
                authority: m.authority.clone(),
                category_area: m.category_area.clone(),
                category_subject: m.category_subject.clone(),
                outcome: m.outcome.clone(),
                decided: m.decided.clone(),
                decided_iso: m.decided_iso.clone(),
                draft: m.draft,
                status: m.status.clone(),
                summary: markdown::plain(&m.summary),
                lang: m.lang.clone(),
                translations: m
                    .translations
                    .iter()
                    .map(|t| html::PageTranslation {
                        lang: t.lang.clone(),
                        name: t.name.clone(),
                        slug: t.slug.clone(),
                    })
                    .collect(),
            },
            body: html::body_in(markdown::body(md), &w.page.paragraph, &w.header.separator),
            words: w.page.clone(),
            draft_mark: w.draft_mark.clone(),
        };
        html::page(&self.templates.tera, "decision.html", &ctx).map_err(|e| {
            anyhow::anyhow!(
                "{}the template decision.html failed: {}",
                self.templates.error_place("decision.html", &e),
                crate::templates::error_chain(&e)
            )
        })
    }

    pub fn new(templates: Templates) -> Renderer {
        Renderer { templates }
    }

    /// Checks up front that every format asked for can be made.
    pub fn supports(&self, format: Format) -> Result<()> {
        match format {
            Format::Md | Format::Html | Format::Akn => Ok(()),
            Format::Pdf => self.fonts().map(drop),
        }
    }

    pub fn render(&self, decision: &Decision, formats: &[Format]) -> Result<Rendered> {
        let md = markdown::render(decision, &self.templates)?;
        let mut files = Vec::with_capacity(formats.len());
        for &format in formats {
            match format {
                Format::Md => files.push((format, md.clone().into_bytes())),
                Format::Html => files.push((format, self.html(decision, &md)?.into_bytes())),
                Format::Pdf => files.push((format, self.pdf(decision, &md)?)),
                Format::Akn => files.push((
                    format,
                    akn::render(decision, self.templates.wording_for(&decision.meta.lang))
                        .into_bytes(),
                )),
            }
        }
        Ok(Rendered { files })
    }
}

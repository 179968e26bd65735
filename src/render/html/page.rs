//! The context the decision page template receives, and rendering it.

use serde::Serialize;

/// What `templates/decision.html` receives: `decision` (below) and `body`, the HTML from
/// [`body`], which the template inserts with `| safe`.
#[derive(Debug, Clone, Serialize)]
pub struct PageContext {
    pub decision: PageDecision,
    pub body: String,
    /// The page's fixed words, in the decision's language.
    pub words: crate::templates::PageWords,
    /// "DRAFT", in the decision's language.
    pub draft_mark: String,
}

/// The decision's metadata as the page template sees it. All strings are plain text.
#[derive(Debug, Clone, Serialize)]
pub struct PageDecision {
    /// "Leeds City Council (21 016 384)"
    pub title: String,
    /// "21 016 384"
    pub reference: String,
    /// "21-016-384", as in the web address
    pub slug: String,
    pub authority: String,
    pub category_area: String,
    pub category_subject: String,
    /// "Closed after initial enquiries"
    pub outcome: String,
    /// "10 Mar 2022"
    pub decided: String,
    /// "2022-03-10"
    pub decided_iso: String,
    pub draft: bool,
    /// "final" or "draft"
    pub status: String,
    pub summary: String,
    /// "en-GB"
    pub lang: String,
    /// The same decision in other languages.
    pub translations: Vec<PageTranslation>,
}

/// A link to the decision in another language.
#[derive(Debug, Clone, Serialize)]
pub struct PageTranslation {
    /// Its language: `cy`.
    pub lang: String,
    /// The language's name in itself: "Cymraeg".
    pub name: String,
    /// Its address form, for `../SLUG/decision.html`.
    pub slug: String,
}

/// Renders the page template `name` (already loaded into `tera`) with `ctx`.
pub fn page(tera: &tera::Tera, name: &str, ctx: &PageContext) -> Result<String, tera::Error> {
    tera.render(name, &tera::Context::from_serialize(ctx)?)
}

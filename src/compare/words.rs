//! The report's own words: its headings, labels and the one-line summary. They stand here
//! together so that an office can give them in its language.

use super::{Change, Report, Row};

/// The words of the change report.
pub struct Words {
    pub title: String,
    pub draft: String,
    pub final_: String,
    pub earlier: String,
    pub later: String,
    pub status: String,
    pub reference: String,
    pub authority: String,
    pub signed: String,
    pub header: String,
    pub statement: String,
    pub standards: String,
    pub actions: String,
    pub no_changes: String,
    pub inserted: String,
    pub deleted: String,
    pub end: String,
    pub deadline: String,
    pub legend: String,
    /// The legend of the Markdown report, whose marks are `{+…+}` and `[-…-]`.
    pub legend_markdown: String,
}

impl Default for Words {
    fn default() -> Words {
        let s = str::to_string;
        Words {
            title: s("Changes"),
            draft: s("Draft"),
            final_: s("Final"),
            earlier: s("Earlier"),
            later: s("Later"),
            status: s("Status"),
            reference: s("Reference"),
            authority: s("Body complained about"),
            signed: s("Signed"),
            header: s("Header"),
            statement: s("The statement, paragraph by paragraph"),
            standards: s("Standard paragraphs"),
            actions: s("Agreed actions"),
            no_changes: s("No changes."),
            inserted: s("inserted"),
            deleted: s("deleted"),
            end: s("end"),
            deadline: s("deadline:"),
            legend_markdown: s("Inserted words are marked {+like this+}; deleted words [-like this-]."),
            legend: s("Inserted words are underlined and marked “inserted”; deleted words are struck through and marked “deleted”."),
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Words {
    /// `Draft: Not upheld → Final: Upheld`
    pub fn from_to(&self, r: &Report, before: &str, after: &str) -> String {
        format!("{}: {before} → {}: {after}", r.before, r.after)
    }

    /// Where a paragraph stands: `Draft paragraph 12 is final paragraph 13`.
    pub fn place(&self, r: &Report, before: Option<usize>, after: Option<usize>) -> String {
        match (before, after) {
            (Some(b), Some(a)) if a == b => format!("{} {b}", self.paragraph_word()),
            (Some(b), Some(a)) => format!(
                "{} paragraph {b} is {} paragraph {a}",
                r.before,
                r.after.to_lowercase()
            ),
            (Some(b), None) => format!("{} paragraph {b}, removed", r.before),
            (None, Some(a)) => format!("{} paragraph {a}, added", r.after),
            (None, None) => String::new(),
        }
    }

    fn paragraph_word(&self) -> &'static str {
        "Paragraph"
    }

    /// The label of a folded run: `3 unchanged paragraphs: final 5 to 7 (draft 4 to 6)`.
    pub fn unchanged(&self, r: &Report, rows: &[Row]) -> String {
        let range = |numbers: Vec<usize>| match (numbers.first(), numbers.last()) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => String::new(),
        };
        let after = range(rows.iter().filter_map(|p| p.after).collect());
        let before = range(rows.iter().filter_map(|p| p.before).collect());
        let mut s = format!(
            "{} unchanged: {} {after}",
            plural(rows.len(), "paragraph", "paragraphs"),
            r.after.to_lowercase()
        );
        if before != after {
            s.push_str(&format!(" ({} {before})", r.before.to_lowercase()));
        }
        s
    }

    /// What became of a standard paragraph.
    pub fn standard(&self, c: &super::StandardChange) -> String {
        let (b, a) = (c.before.as_deref(), c.after.as_deref());
        match (c.change, b, a) {
            (Change::Added, _, Some(a)) => format!("`{a}` added"),
            (Change::Removed, Some(b), _) => format!("`{b}` removed"),
            (Change::Changed, Some(b), Some(a)) if a == b => {
                format!("`{a}`: its parameters changed")
            }
            (Change::Changed, Some(b), Some(a)) => format!("`{b}` switched to `{a}`"),
            _ => String::new(),
        }
    }

    /// The one-line summary: `4 paragraphs changed, 1 added, the outcome changed.`
    pub fn summary(&self, r: &Report) -> String {
        let count = |c: Change| r.paragraphs.iter().filter(|p| p.change == c).count();
        let renumbered = r.paragraphs.iter().filter(|p| p.renumbered()).count();
        let mut parts: Vec<String> = Vec::new();
        for (n, what) in [
            (count(Change::Changed), "changed"),
            (count(Change::Added), "added"),
            (count(Change::Removed), "removed"),
            (renumbered, "renumbered"),
        ] {
            if n == 0 {
                continue;
            }
            parts.push(if parts.is_empty() {
                format!("{} {what}", plural(n, "paragraph", "paragraphs"))
            } else {
                format!("{n} {what}")
            });
        }
        if r.outcome_changed {
            parts.push("the outcome changed".to_string());
        }
        let other_facts = r.facts.len() - usize::from(r.outcome_changed);
        if other_facts > 0 {
            parts.push(plural(other_facts, "other header fact", "other header facts") + " changed");
        }
        if !r.standards.is_empty() {
            parts.push(
                plural(
                    r.standards.len(),
                    "standard paragraph",
                    "standard paragraphs",
                ) + " changed",
            );
        }
        if !r.actions.is_empty() {
            parts.push(plural(r.actions.len(), "agreed action", "agreed actions") + " changed");
        }
        if parts.is_empty() {
            return self.no_changes.clone();
        }
        let line = parts.join(", ");
        let mut chars = line.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        format!("{}{}.", first.unwrap_or_default(), chars.as_str())
    }
}

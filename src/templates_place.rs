//! Where a template error is: the template's file, line and column, from what Tera reports
//! (the parser's position, or the variable it could not find).

use crate::problem::Problem;
use std::collections::HashMap;
use std::path::Path;

/// Template name -> (origin, text).
type Sources = HashMap<String, (String, String)>;

/// The problem of a template that does not parse, at the file, line and column that Tera's
/// "Failed to parse 'NAME'" and the parser's ` --> LINE:COLUMN` give; and the template's
/// name, which for a paragraph or wording (`para/KEY`) is not a file's.
pub(super) fn parse_problem(sources: &Sources, e: &tera::Error) -> (Problem, Option<String>) {
    let chain = super::error_chain(e);
    let name = quoted_after(&chain, "Failed to parse '")
        .or_else(|| quoted_after(&chain, "Template '"))
        .or_else(|| quoted_after(&chain, "template '"));
    let origin = name
        .and_then(|n| sources.get(n))
        .map(|(origin, _)| origin.as_str());
    // The parser draws the line it stopped at; its last line says what it expected.
    let said = chain
        .lines()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .unwrap_or_else(|| chain.lines().next().unwrap_or(""));
    let mut p = Problem::error(
        Path::new(origin.unwrap_or("templates")),
        format!("a template does not parse: {}", said.trim()),
    );
    let at = chain
        .split_once("--> ")
        .and_then(|(_, rest)| line_column(rest));
    if let Some((line, column)) = at {
        p = p.at(line, column);
    }
    (p, name.map(str::to_string))
}

/// `PATH:LINE:COLUMN: ` for a render error of `name`: the first place in its text that uses
/// the variable (or calls the filter) that Tera names.
pub(super) fn render_error(sources: &Sources, name: &str, e: &tera::Error) -> String {
    let chain = super::error_chain(e);
    // A failure inside an included or inherited template names that one.
    let name = quoted_after(&chain, "while rendering '").unwrap_or(name);
    let Some((origin, text)) = sources.get(name) else {
        return String::new();
    };
    let culprit = quoted_after(&chain, "Variable `")
        .or_else(|| quoted_after(&chain, "Filter `"))
        .map(|s| s.trim_end_matches('`'));
    let found = culprit.and_then(|c| find_use(text, c));
    match found {
        Some((line, column)) => format!("{origin}:{line}:{column}: "),
        None => format!("{origin}: "),
    }
}

/// The text after `prefix` up to the closing quote (`'` or a backtick).
fn quoted_after<'a>(chain: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &chain[chain.find(prefix)? + prefix.len()..];
    let end = rest.find(['\'', '`'])?;
    Some(&rest[..end])
}

fn line_column(rest: &str) -> Option<(usize, usize)> {
    let (line, rest) = rest.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// Line and column (from 1) of the first use of `what` inside a `{{ }}` or `{% %}` tag.
fn find_use(text: &str, what: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find(what).map(|a| a + from) {
            let end = at + what.len();
            let whole = !line[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                && !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
            let in_tag = line[..at].rfind(['{']).is_some();
            if whole && in_tag {
                return Some((i + 1, line[..at].chars().count() + 1));
            }
            from = end;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> Sources {
        HashMap::from([(
            "decision.md".to_string(),
            ("my/decision.md".to_string(), text.to_string()),
        )])
    }

    #[test]
    fn a_missing_variable_is_found_in_the_text() {
        let text = "# {{ d.title }}\n\nBy {{ d.signer | upper }}\n";
        let mut tera = tera::Tera::default();
        tera.add_raw_template("decision.md", text).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("d", &serde_json::json!({ "title": "T" }));
        let e = tera
            .render("decision.md", &ctx)
            .expect_err("d.signer is missing");
        assert_eq!(
            render_error(&sources(text), "decision.md", &e),
            "my/decision.md:3:7: "
        );
    }

    #[test]
    fn a_syntax_error_keeps_the_parser_position() {
        let text = "line one\n{% if %}\n";
        let mut tera = tera::Tera::default();
        let e = tera
            .add_raw_templates(vec![("decision.md", text)])
            .expect_err("bad syntax");
        let (p, name) = parse_problem(&sources(text), &e);
        assert_eq!(name.as_deref(), Some("decision.md"));
        assert_eq!(
            p.to_string().split(": error").next(),
            Some("my/decision.md:2:7")
        );
        assert!(
            p.message.starts_with("a template does not parse: expected"),
            "{p}"
        );
    }
}

//! The library's own words (`site:` in the wording): which keys there are, the words in braces
//! each may use, and how those are filled in, in Rust and in the site's templates.

use crate::case::FieldPath;
use crate::problem::Problem;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tera::{Tera, Value};

/// Every key of `site:` and the words in braces it may use. The built-in `wording.yaml` gives
/// each in English; a test keeps the two in step.
pub const SITE_KEYS: &[(&str, &[&str])] = &[
    ("name", &["ombudsman"]),
    ("skip", &[]),
    ("decisions", &[]),
    ("latest", &[]),
    ("search", &[]),
    ("by", &["what"]),
    ("year", &[]),
    ("subject", &[]),
    ("also", &[]),
    ("feed_latest", &[]),
    ("json", &[]),
    ("csv", &[]),
    ("home_description", &["ombudsman"]),
    ("home_count", &["ombudsman", "count"]),
    ("home_formats", &[]),
    ("home_formats_pdf", &[]),
    ("browse_them", &[]),
    ("or", &[]),
    ("search_text", &[]),
    ("latest_decisions", &[]),
    ("older", &[]),
    ("all", &[]),
    ("of_year", &["what"]),
    ("about", &["what"]),
    ("by_heading", &["what"]),
    ("count_one", &["count"]),
    ("count_many", &["count"]),
    ("paged", &["from", "to", "number", "pages"]),
    ("title_page", &["number", "pages"]),
    ("where", &[]),
    ("the_decisions", &[]),
    ("feed", &[]),
    ("feed_short", &[]),
    ("of_decision", &["what"]),
    ("pages", &[]),
    ("previous", &[]),
    ("next", &[]),
    ("page", &[]),
    ("by_letter", &["what"]),
    ("choose_letter", &[]),
    ("other_letter", &[]),
    ("search_heading", &[]),
    ("search_description", &["ombudsman"]),
    ("search_intro", &["ombudsman", "count"]),
    ("words", &[]),
    ("words_hint", &[]),
    ("any", &["what"]),
    ("from", &[]),
    ("to", &[]),
    ("order", &[]),
    ("newest", &[]),
    ("relevant", &[]),
    ("needs_script", &["what"]),
    ("all_link", &[]),
    ("result_pages", &[]),
    ("searching", &[]),
    ("found_one", &["count"]),
    ("found_many", &["count"]),
    ("showing", &["from", "to"]),
    ("showing_none", &[]),
    ("page_of", &["number", "pages"]),
    ("web_page", &[]),
    ("failed", &["what"]),
];

/// `text` with each `{name}` of `values` replaced; other braces are left as they are.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        let slot = format!("{{{name}}}");
        if out.contains(&slot) {
            out = out.replace(&slot, value);
        }
    }
    out
}

/// The words in braces of `text`: `{count} of {what}` has `count` and `what`.
fn slots(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| {
        let (name, _) = rest.split_once('}')?;
        let word = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        word.then_some(name)
    })
}

/// Checks `site:` of a merged wording: every key known, and every word in braces one its key
/// has. A problem is placed in `text`, the user's file, where it has the key.
pub fn check(site: &BTreeMap<String, String>, origin: &Path, text: &str) -> Result<(), Problem> {
    let path = |key: &str| FieldPath::default().key("site").key(key);
    for (key, words) in site {
        let Some((_, allowed)) = SITE_KEYS.iter().find(|(k, _)| k == key) else {
            let hint = crate::problem::suggest(key, SITE_KEYS.iter().map(|(k, _)| *k));
            let message = format!("unknown key `{key}` in `site`");
            return Err(super::read::at_key(origin, text, &path(key), message).hint(hint));
        };
        if let Some(slot) = slots(words).find(|s| !allowed.contains(s)) {
            let can = match allowed {
                [] => "none".to_string(),
                some => format!("{{{}}}", some.join("}, {")),
            };
            let message = format!("`{{{slot}}}` is not filled in here");
            let hint = format!("the words in braces `site.{key}` may use: {can}");
            return Err(super::read::at_value(origin, text, &path(key), message).hint(hint));
        }
    }
    Ok(())
}

/// The site templates' filters: `fill(name=value, ...)` fills a text's words in braces, and
/// `n | count(one=..., many=...)` picks the words for a number and fills its `{count}`.
pub fn register_filters(tera: &mut Tera) {
    tera.register_filter("fill", |v: &Value, args: &HashMap<String, Value>| {
        let text = v.as_str().unwrap_or_default();
        let values: Vec<(&str, String)> =
            args.iter().map(|(k, v)| (k.as_str(), plain(v))).collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Ok(Value::String(fill(text, &pairs)))
    });
    tera.register_filter("count", |v: &Value, args: &HashMap<String, Value>| {
        let n = plain(v);
        let key = if n == "1" { "one" } else { "many" };
        let words = args.get(key).and_then(Value::as_str).unwrap_or_default();
        Ok(Value::String(fill(words, &[("count", &n)])))
    });
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_site_words_have_every_key_and_only_their_words_in_braces() {
        let wording: serde_yaml::Value =
            serde_yaml::from_str(super::super::DEFAULTS_WORDING).unwrap();
        let site: BTreeMap<String, String> =
            serde_yaml::from_value(wording["site"].clone()).unwrap();
        let keys: Vec<&str> = site.keys().map(String::as_str).collect();
        let mut known: Vec<&str> = SITE_KEYS.iter().map(|(k, _)| *k).collect();
        known.sort_unstable();
        assert_eq!(keys, known);
        for (key, allowed) in SITE_KEYS {
            let mut used: Vec<&str> = slots(&site[*key]).collect();
            used.sort_unstable();
            used.dedup();
            let mut allowed = allowed.to_vec();
            allowed.sort_unstable();
            assert_eq!(used, allowed, "site.{key}");
        }
    }

    #[test]
    fn fills_only_the_words_given() {
        assert_eq!(
            fill("{count} of {what} {x}", &[("count", "3")]),
            "3 of {what} {x}"
        );
        assert_eq!(
            slots("a {b} {} {C} {d_e}").collect::<Vec<_>>(),
            ["b", "d_e"]
        );
    }

    #[test]
    fn an_unknown_key_or_word_is_named_at_its_place() {
        let text = "site:\n  latest: Newest\n  lates: x\n  older: \"{count} more\"\n";
        let mut site = BTreeMap::new();
        site.insert("lates".to_string(), "x".to_string());
        let p = check(&site, Path::new("w.yaml"), text).unwrap_err();
        assert_eq!(p.line, Some(3));
        assert_eq!(p.field.as_deref(), Some("site.lates"));
        assert!(p.hint.unwrap().contains("latest"));
        let mut site = BTreeMap::new();
        site.insert("older".to_string(), "{count} more".to_string());
        let p = check(&site, Path::new("w.yaml"), text).unwrap_err();
        assert_eq!(p.line, Some(4));
        assert!(p.message.contains("{count}"), "{}", p.message);
    }
}

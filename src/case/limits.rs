//! Limits on the shape of a case file, checked before and after parsing so that no file, however
//! odd, makes the tool slow or hungry: nesting depth, alias expansion, and paragraph count.

use super::{Body, Case, Para};
use crate::problem::Problem;
use std::mem::MaybeUninit;
use std::path::Path;
use unsafe_libyaml as unsafe_yaml;

/// Deepest nesting of YAML mappings and lists. A real case file needs about ten levels; the YAML
/// parser slows down with the square of the depth of `[`/`{` lists, so depth is checked first.
pub const MAX_DEPTH: usize = 32;

/// Most paragraphs, points and bullets in one case. Long decisions have a few hundred.
pub const MAX_PARAGRAPHS: usize = 5000;

/// Most YAML nodes (values, lists and mappings) in one file: enough for [`MAX_PARAGRAPHS`]
/// written as mappings, and a bound on the work of the full parse.
pub const MAX_NODES: usize = 60_000;

/// Rejects a document nested deeper than [`MAX_DEPTH`] or with more than [`MAX_NODES`] nodes,
/// naming the line where it goes too far.
///
/// It reads the YAML events with the same parser that `serde_yaml` uses, and stops at the first
/// level too deep, so its cost stays linear in the size of the file. A syntax error is left for
/// the real parse to report with its own message.
pub fn check_shape(file: &Path, src: &str) -> Result<(), Problem> {
    let shape = shape(src.as_bytes(), MAX_DEPTH, MAX_NODES);
    if let Some((line, column)) = shape.too_deep {
        return Err(Problem::error(
            file,
            format!("the YAML nests more than {MAX_DEPTH} levels deep"),
        )
        .at(line, column)
        .hint("a case file needs only a few levels; look for unclosed `[` or `{`"));
    }
    if let Some(((line, column), c)) = shape.control {
        return Err(Problem::error(
            file,
            format!(
                "the text holds the control character U+{:04X}",
                u32::from(c)
            ),
        )
        .at(line, column)
        .hint("remove it; an escape such as `\\x1b` or `\\0` in quotes makes one"));
    }
    if let Some((line, column)) = shape.too_many {
        return Err(Problem::error(
            file,
            format!("the file has more than {MAX_NODES} YAML values"),
        )
        .at(line, column)
        .hint("split the text into fewer, longer paragraphs"));
    }
    Ok(())
}

/// Where the first `*` alias is, for the problem when aliases expand too far.
pub fn first_alias(src: &str) -> Option<(usize, usize)> {
    shape(src.as_bytes(), usize::MAX, usize::MAX).first_alias
}

/// What one pass over the YAML events found, as lines and columns counted from 1.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    too_deep: Option<(usize, usize)>,
    too_many: Option<(usize, usize)>,
    first_alias: Option<(usize, usize)>,
    /// The first value that holds a control character (other than tab and line breaks).
    control: Option<((usize, usize), char)>,
}

fn control_char(value: &[u8]) -> Option<char> {
    String::from_utf8_lossy(value)
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

fn shape(input: &[u8], max_depth: usize, max_nodes: usize) -> Shape {
    let mut out = Shape::default();
    let mut parser = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
    // SAFETY: the parser is initialised before use and deleted once, on every path; `input`
    // outlives it; each event is deleted right after it is read; the parser lives on the heap
    // and does not move while in use.
    unsafe {
        let p = parser.as_mut_ptr();
        if unsafe_yaml::yaml_parser_initialize(p).fail {
            return out;
        }
        unsafe_yaml::yaml_parser_set_encoding(p, unsafe_yaml::YAML_UTF8_ENCODING);
        unsafe_yaml::yaml_parser_set_input_string(p, input.as_ptr(), input.len() as u64);
        let (mut depth, mut nodes) = (0usize, 0usize);
        loop {
            let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
            let e = event.as_mut_ptr();
            if unsafe_yaml::yaml_parser_parse(p, e).fail {
                break;
            }
            let kind = (*e).type_;
            let at = (
                (*e).start_mark.line as usize + 1,
                (*e).start_mark.column as usize + 1,
            );
            let control = if kind == unsafe_yaml::YAML_SCALAR_EVENT && out.control.is_none() {
                let v = (*e).data.scalar;
                if v.value.is_null() {
                    None
                } else {
                    control_char(std::slice::from_raw_parts(v.value, v.length as usize))
                }
            } else {
                None
            };
            unsafe_yaml::yaml_event_delete(e);
            match kind {
                unsafe_yaml::YAML_SEQUENCE_START_EVENT | unsafe_yaml::YAML_MAPPING_START_EVENT => {
                    depth += 1;
                    nodes += 1;
                    if depth > max_depth {
                        out.too_deep = Some(at);
                    }
                }
                unsafe_yaml::YAML_SEQUENCE_END_EVENT | unsafe_yaml::YAML_MAPPING_END_EVENT => {
                    depth = depth.saturating_sub(1);
                }
                unsafe_yaml::YAML_SCALAR_EVENT => {
                    nodes += 1;
                    if let Some(c) = control {
                        out.control.get_or_insert((at, c));
                    }
                }
                unsafe_yaml::YAML_ALIAS_EVENT => {
                    nodes += 1;
                    out.first_alias.get_or_insert(at);
                }
                unsafe_yaml::YAML_STREAM_END_EVENT => break,
                _ => {}
            }
            if nodes > max_nodes {
                out.too_many = Some(at);
            }
            if out.too_deep.is_some() || out.too_many.is_some() {
                break;
            }
        }
        unsafe_yaml::yaml_parser_delete(p);
    }
    out
}

/// Rejects a case with more than [`MAX_PARAGRAPHS`] paragraphs, points and bullets in all.
pub fn check_size(file: &Path, case: &Case) -> Result<(), Problem> {
    let n: usize = case
        .sections
        .iter()
        .map(|(_, body)| match body {
            Body::Paragraphs(paras) => count(paras),
            Body::Areas(a) => 1 + a.areas.len() + count(&a.paragraphs),
            Body::Parts(parts) => parts.iter().map(|p| 1 + count(&p.paragraphs)).sum(),
            Body::Actions(aa) => count(&aa.intro) + aa.actions.len(),
            Body::Table(rows) => rows.len(),
        })
        .sum();
    if n > MAX_PARAGRAPHS {
        return Err(Problem::error(
            file,
            format!(
                "the case has {n} paragraphs and points; a case may have at most {MAX_PARAGRAPHS}"
            ),
        )
        .hint("split the text into fewer, longer paragraphs"));
    }
    Ok(())
}

fn count(paras: &[Para]) -> usize {
    paras
        .iter()
        .map(|p| {
            let group = p.group.as_deref().map_or(0, count);
            1 + count(&p.points) + count(&p.bullets) + group
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_where_nesting_goes_too_deep() {
        let src = b"a:\n  b:\n    c: [1]\n";
        assert_eq!(shape(src, 3, 100).too_deep, Some((3, 8)));
        assert_eq!(shape(src, 4, 100), Shape::default());
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let start = std::time::Instant::now();
        let found = shape(deep.as_bytes(), MAX_DEPTH, MAX_NODES).too_deep;
        assert_eq!(found, Some((1, 3 + MAX_DEPTH)));
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn counts_nodes_and_finds_aliases() {
        let src = b"a: &x [1, 2]\nb: *x\n";
        assert_eq!(shape(src, 10, 4).too_many, Some((1, 11)));
        assert_eq!(shape(src, 10, 100).first_alias, Some((2, 4)));
    }

    #[test]
    fn finds_control_characters_in_values() {
        let src = b"a: fine\\tok\nb: \"bad\\x1b[31m\"\n";
        assert_eq!(shape(src, 10, 100).control, Some(((2, 4), '\u{1b}')));
        assert_eq!(shape(b"a: \"tab\\tand\\nline\"\n", 10, 100).control, None);
    }

    #[test]
    fn leaves_syntax_errors_to_the_parser() {
        assert_eq!(shape(b"a: [\n", 10, 100), Shape::default());
        assert_eq!(shape(b"", 10, 100), Shape::default());
    }
}

//! Where every value of a YAML document starts, found in one pass over the parser's events,
//! so that any number of problems can each be placed at their line and column.

use super::load::{FieldPath, Seg};
use std::collections::HashMap;
use std::mem::MaybeUninit;
use unsafe_libyaml as unsafe_yaml;

/// Line and column (from 1) of each value, by its path.
#[derive(Debug, Default)]
pub struct Positions(HashMap<Vec<Seg>, (usize, usize)>);

/// One open mapping or list while walking the events.
enum Open {
    /// A mapping; `key` is set between a key and its value.
    Map {
        key: Option<String>,
    },
    List {
        next: usize,
    },
}

impl Positions {
    /// The positions of `src`'s values; a document that does not parse gives those before the
    /// error.
    pub fn of(src: &str) -> Positions {
        let mut out = Positions::default();
        let mut path: Vec<Seg> = Vec::new();
        let mut open: Vec<Open> = Vec::new();
        walk(src.as_bytes(), |kind, at, scalar| {
            // A scalar where a mapping expects a key is that key.
            if let (Some(Open::Map { key }), Kind::Scalar) = (open.last_mut(), kind) {
                if key.is_none() {
                    *key = Some(scalar.unwrap_or_default());
                    return;
                }
            }
            if kind == Kind::End {
                open.pop();
                path.pop();
                return;
            }
            // A value: its path is the parent's plus its key or index.
            let seg = match open.last_mut() {
                Some(Open::Map { key }) => key.take().map(Seg::Key),
                Some(Open::List { next }) => {
                    *next += 1;
                    Some(Seg::Index(*next - 1))
                }
                None => None,
            };
            let mut here = path.clone();
            here.extend(seg.clone());
            out.0.entry(here).or_insert(at);
            match kind {
                Kind::MapStart => open.push(Open::Map { key: None }),
                Kind::ListStart => open.push(Open::List { next: 0 }),
                _ => return,
            }
            // The root has no segment; every other container pushes its own.
            path.extend(
                seg.or(Some(Seg::Key(String::new())))
                    .filter(|_| open.len() > 1),
            );
        });
        out
    }

    /// The position of the nearest value at or above `path`, and that value's path.
    pub fn nearest(&self, path: &FieldPath) -> Option<(usize, usize, FieldPath)> {
        (0..=path.0.len()).rev().find_map(|n| {
            let (line, column) = *self.0.get(&path.0[..n])?;
            Some((line, column, FieldPath(path.0[..n].to_vec())))
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    MapStart,
    ListStart,
    End,
}

/// Calls `each` with the kind, position and (for a scalar) text of every node event.
fn walk(input: &[u8], mut each: impl FnMut(Kind, (usize, usize), Option<String>)) {
    let mut parser = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
    // SAFETY: as in `limits::shape`: the parser is initialised before use and deleted once;
    // `input` outlives it; each event is deleted right after it is read.
    unsafe {
        let p = parser.as_mut_ptr();
        if unsafe_yaml::yaml_parser_initialize(p).fail {
            return;
        }
        unsafe_yaml::yaml_parser_set_encoding(p, unsafe_yaml::YAML_UTF8_ENCODING);
        unsafe_yaml::yaml_parser_set_input_string(p, input.as_ptr(), input.len() as u64);
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
            let scalar = (kind == unsafe_yaml::YAML_SCALAR_EVENT).then(|| {
                let v = (*e).data.scalar;
                if v.value.is_null() {
                    String::new()
                } else {
                    let bytes = std::slice::from_raw_parts(v.value, v.length as usize);
                    String::from_utf8_lossy(bytes).into_owned()
                }
            });
            unsafe_yaml::yaml_event_delete(e);
            let kind = match kind {
                unsafe_yaml::YAML_SCALAR_EVENT | unsafe_yaml::YAML_ALIAS_EVENT => Kind::Scalar,
                unsafe_yaml::YAML_MAPPING_START_EVENT => Kind::MapStart,
                unsafe_yaml::YAML_SEQUENCE_START_EVENT => Kind::ListStart,
                unsafe_yaml::YAML_MAPPING_END_EVENT | unsafe_yaml::YAML_SEQUENCE_END_EVENT => {
                    Kind::End
                }
                unsafe_yaml::YAML_STREAM_END_EVENT => break,
                _ => continue,
            };
            each(kind, at, scalar);
        }
        unsafe_yaml::yaml_parser_delete(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_the_position_locate_finds() {
        let src = "a: 1\nlist:\n  - x\n  - text: hello\n    id: y\n    points: [p, q]\nb:\n  c: >-\n    folded\n";
        let pos = Positions::of(src);
        let root = FieldPath::default();
        for path in [
            root.key("a"),
            root.key("list"),
            root.key("list").index(0),
            root.key("list").index(1).key("id"),
            root.key("list").index(1).key("points").index(1),
            root.key("b").key("c"),
        ] {
            assert_eq!(
                pos.nearest(&path),
                super::super::locate(src, &path),
                "{path}"
            );
        }
        let text = root.key("list").index(0).key("text");
        assert_eq!(pos.nearest(&text), Some((3, 5, root.key("list").index(0))));
    }
}

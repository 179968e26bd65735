//! A corpus of invented, anonymised case files for tests and benchmarks, the same for the same
//! seed: both layouts, every outcome, some drafts, 6 to 80 numbered paragraphs, lettered points,
//! bullets, cross-references and every standard paragraph of the library.

mod case;
mod words;
mod yaml;

use crate::templates::Templates;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// One generated case file.
pub struct Generated {
    /// `21-016-384`: the file is `<slug>.yaml`.
    pub slug: String,
    pub yaml: String,
    /// How many numbered paragraphs the decision has.
    pub paragraphs: usize,
}

/// The most cases one seed can give with unique references.
pub const MAX_COUNT: usize = 1_000_000;

/// Case `index` of the corpus of `seed`; with `length`, about that many numbered paragraphs.
/// A case does not depend on how many others are generated with it.
pub fn case(templates: &Templates, seed: u64, index: usize, length: Option<usize>) -> Generated {
    case::build(templates, seed, index, length)
}

/// Writes cases `0..count` of the corpus of `seed` into `out` as `<slug>.yaml`.
pub fn corpus(templates: &Templates, count: usize, seed: u64, out: &Path) -> Result<Vec<PathBuf>> {
    if count > MAX_COUNT {
        bail!("at most {MAX_COUNT} cases can be generated (asked for {count})");
    }
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the folder {}", out.display()))?;
    let mut written = Vec::with_capacity(count);
    for index in 0..count {
        let g = case(templates, seed, index, None);
        let path = out.join(format!("{}.yaml", g.slug));
        std::fs::write(&path, g.yaml)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// splitmix64: small, fast and the same everywhere, which is all a corpus needs.
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, index: usize) -> Rng {
        let mut r = Rng(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn same_seed_same_case_and_every_case_resolves() {
        let t = Templates::load(None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut refs = HashSet::new();
        let mut standards = HashSet::new();
        let (mut drafts, mut lengths) = (0, Vec::new());
        for i in 0..120 {
            let g = case(&t, 7, i, None);
            assert_eq!(g.yaml, case(&t, 7, i, None).yaml);
            assert!(refs.insert(g.slug.clone()), "duplicate {}", g.slug);
            let path = dir.path().join(format!("{}.yaml", g.slug));
            std::fs::write(&path, &g.yaml).unwrap();
            let loaded = crate::pipeline::load_and_resolve(&path, &t, crate::review::Gate::Strict);
            let loaded = match loaded {
                Ok(l) => l,
                Err(p) => panic!("{}\n{}", g.yaml, p[0]),
            };
            let numbered = loaded
                .decision
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter(|b| b.number.is_some())
                .count();
            assert_eq!(numbered, g.paragraphs, "{}", g.yaml);
            assert!((6..=80).contains(&numbered), "{numbered} paragraphs");
            lengths.push(numbered);
            drafts += usize::from(loaded.decision.meta.draft);
            for line in g.yaml.lines() {
                if let Some(k) = line.trim().strip_prefix("- standard: ") {
                    standards.insert(k.to_string());
                }
            }
            for forbidden in ["Mr A", "Ms A", "Mrs A", "@"] {
                assert!(!g.yaml.contains(forbidden), "{forbidden}");
            }
        }
        for (key, _) in t.paragraphs.iter().filter(|(_, p)| !p.sentence && !p.list) {
            assert!(
                standards.contains(key),
                "standard paragraph {key} never used"
            );
        }
        assert!((4..=24).contains(&drafts), "{drafts} drafts");
        assert!(lengths.iter().any(|&n| n >= 40) && lengths.iter().any(|&n| n <= 10));
    }

    #[test]
    fn a_large_corpus_looks_like_a_real_library() {
        let t = Templates::load(None).unwrap();
        let field = |yaml: &str, key: &str| {
            let line = yaml.lines().find(|l| l.starts_with(key)).unwrap();
            line[key.len()..].trim().trim_matches('"').to_string()
        };
        let (mut years, mut authorities, mut areas) =
            (HashSet::new(), HashSet::new(), HashSet::new());
        for i in 0..3000 {
            let g = case(&t, 1, i, Some(6));
            let decided = field(&g.yaml, "decided: ");
            // 2015 to 2025: none in the future, and the reference's year no later.
            let year: u32 = decided[..4].parse().unwrap();
            assert!((2015..=2025).contains(&year), "{decided}");
            let yy: u32 = g.slug[..2].parse().unwrap();
            assert!(
                2000 + yy <= year && 2000 + yy + 1 >= year,
                "{} {decided}",
                g.slug
            );
            years.insert(year);
            authorities.insert(field(&g.yaml, "authority: "));
            let category = field(&g.yaml, "category: ");
            areas.insert(category.split(" > ").next().unwrap().to_string());
        }
        assert_eq!(years.len(), 11);
        assert!(
            authorities.len() >= 250,
            "{} authorities",
            authorities.len()
        );
        assert_eq!(areas.len(), 10, "{areas:?}");
        // Plain council names, none of them a first name the lint would refuse.
        let linter = crate::lint::anonymise::Linter::new();
        for a in super::case::authorities() {
            assert!(a.ends_with("Council") || a.contains("Borough of "), "{a}");
            assert!(linter.scan(a).is_empty(), "{a}");
        }
    }

    #[test]
    fn a_length_can_be_asked_for() {
        let t = Templates::load(None).unwrap();
        assert_eq!(case(&t, 1, 3, Some(80)).paragraphs, 80);
        assert!(case(&t, 1, 3, Some(6)).paragraphs <= 8);
    }
}

//! The library of the office tests: the Housing Ombudsman's example case and three made from
//! it with other facts, categories and findings, published once with the office's folder.

use crate::common::{bin, files_under, repo};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const HOS: &str = "offices/housing-ombudsman";
pub const EVIL: &str = "=HYPERLINK(\"http://evil.example/x\",\"Homes\")";

/// One case made from the example: (reference, authority, categories, landlord type, tenure,
/// findings of its two parts, decision date).
pub struct Made {
    pub reference: &'static str,
    pub authority: &'static str,
    pub categories: &'static str,
    pub landlord_type: &'static str,
    pub tenure: &'static str,
    pub findings: [&'static str; 2],
    pub decided: &'static str,
}

pub const CASES: [Made; 4] = [
    Made {
        reference: "202398765",
        authority: "Northgate Homes Limited",
        categories: "[Damp and mould, Complaint handling]",
        landlord_type: "Housing Association",
        tenure: "Assured Tenancy",
        findings: ["maladministration", "service-failure"],
        decided: "2024-05-14",
    },
    Made {
        reference: "202398766",
        authority: "Northgate Homes Limited",
        categories: "[Repairs]",
        landlord_type: "Local Authority",
        tenure: "Secure Tenancy",
        findings: ["no-maladministration", "no-maladministration"],
        decided: "2024-06-02",
    },
    Made {
        reference: "202398767",
        authority: "Riverside Housing Trust",
        categories: "[Damp and mould]",
        landlord_type: "Housing Association",
        tenure: "Secure Tenancy",
        findings: ["reasonable-redress", "reasonable-redress"],
        decided: "2024-07-19",
    },
    Made {
        reference: "202398768",
        authority: EVIL,
        categories: "[Complaint handling, Repairs]",
        landlord_type: "Local Authority",
        tenure: "Assured Tenancy",
        findings: ["maladministration", "no-maladministration"],
        decided: "2024-08-05",
    },
];

/// The example's text with `m`'s facts in place of its own.
fn make(example: &str, m: &Made) -> String {
    let swap = |text: String, from: &str, to: &str| {
        assert!(text.contains(from), "the example no longer has {from}");
        text.replacen(from, to, 1)
    };
    let mut t = example.to_string();
    t = swap(
        t,
        "reference: 202398765",
        &format!("reference: {}", m.reference),
    );
    t = swap(
        t,
        "authority: Northgate Homes Limited",
        &format!("authority: '{}'", m.authority.replace('\'', "''")),
    );
    t = swap(
        t,
        "category: [Damp and mould, Complaint handling]",
        &format!("category: {}", m.categories),
    );
    t = swap(t, "decided: 2024-05-14", &format!("decided: {}", m.decided));
    t = swap(
        t,
        "landlord_type: Housing Association",
        &format!("landlord_type: {}", m.landlord_type),
    );
    t = swap(
        t,
        "tenure: Assured Tenancy",
        &format!("tenure: {}", m.tenure),
    );
    t = swap(
        t,
        "finding: maladministration",
        &format!("finding: {}", m.findings[0]),
    );
    swap(
        t,
        "finding: service-failure",
        &format!("finding: {}", m.findings[1]),
    )
}

pub fn publish(cases: &Path, templates: &Path, out: &Path) {
    bin()
        .arg("publish")
        .arg(cases)
        .arg("--templates")
        .arg(templates)
        .arg("--out")
        .arg(out)
        .args(["--quiet", "--base-url", "https://decisions.example.gov.uk/"])
        .assert()
        .success();
}

/// The Housing Ombudsman's library, published once for the tests of this file.
pub fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let cases = tmp.path().join("cases");
        std::fs::create_dir_all(&cases).unwrap();
        let example = read(&repo().join(HOS).join("cases/202398765.yaml"));
        for m in &CASES {
            let file = cases.join(format!("{}.yaml", m.reference));
            std::fs::write(file, make(&example, m)).unwrap();
        }
        let out = tmp.path().join("out");
        publish(&cases, &repo().join(HOS), &out);
        (tmp, out)
    });
    out
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The decisions a listing page links to, in order.
pub fn listed(html: &str) -> Vec<String> {
    html.split("decisions/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/decision.html\""))
        .map(|(slug, _)| slug.to_string())
        .filter(|slug| !slug.contains('/'))
        .collect()
}

/// The references of the made cases that `keep` keeps, newest first.
pub fn newest_first(keep: impl Fn(&Made) -> bool) -> Vec<String> {
    let mut kept: Vec<&Made> = CASES.iter().filter(|m| keep(m)).collect();
    kept.sort_by(|a, b| b.decided.cmp(a.decided));
    kept.iter().map(|m| m.reference.to_string()).collect()
}

/// The site's own pages: every HTML file but the decisions.
pub fn site_pages(out: &Path) -> Vec<(String, PathBuf)> {
    files_under(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html") && !rel.starts_with("decisions/"))
        .collect()
}

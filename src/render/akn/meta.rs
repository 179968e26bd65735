//! The `meta` block: FRBR identification, the people and bodies referred to, and the
//! office's own facts (category, outcome, status) under `proprietary`.

use super::xml::Xml;
use crate::resolve::{Decision, Meta};
use crate::templates::Wording;

/// The namespace of the `proprietary` facts that Akoma Ntoso has no element for.
pub const PROPRIETARY_NS: &str = "urn:decisions:akn:proprietary:1.0";

/// The addresses of the three FRBR levels, by the Akoma Ntoso naming convention:
/// `/akn/<country>/doc/decision/<office>/<date>/<reference>`, then `/<lang>@`, then `.akn`.
pub struct Uris {
    pub work: String,
    pub expression: String,
    pub manifestation: String,
}

impl Uris {
    pub fn new(m: &Meta, w: &Wording) -> Uris {
        let work = format!(
            "/akn/{}/doc/decision/{}/{}/{}",
            w.akn.country, w.akn.office, m.decided_iso, m.slug
        );
        let expression = format!("{work}/{}@", language(&m.lang));
        let manifestation = format!("{expression}.akn");
        Uris {
            work,
            expression,
            manifestation,
        }
    }
}

/// The ISO 639-2 code that Akoma Ntoso addresses use, from a language tag such as `en-GB`.
pub fn language(tag: &str) -> String {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let three = match primary.as_str() {
        "en" => "eng",
        "cy" => "cym",
        "gd" => "gla",
        "ga" => "gle",
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        "it" => "ita",
        "nl" => "nld",
        "pl" => "pol",
        "pt" => "por",
        other => other,
    };
    three.to_string()
}

/// An identifier made from a name: `Leeds City Council` -> `leeds-city-council`.
pub fn org_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    // An identifier starts with a letter.
    if id.starts_with(|c: char| c.is_alphabetic()) {
        id.to_string()
    } else {
        format!("x-{id}")
    }
}

pub fn write(x: &mut Xml, d: &Decision, w: &Wording) {
    let m = &d.meta;
    let uris = Uris::new(m, w);
    let office = format!("#{}", w.akn.office);
    x.open("meta", &[]);
    x.nl();
    x.open("identification", &[("source", &office)]);
    x.nl();
    let day = xsd_date(&m.decided_iso);
    // A decision dated by the month only names its date so, on the month's first day.
    let name = if day == m.decided_iso {
        "decision"
    } else {
        "decision-month"
    };
    let date = [("date", day.as_str()), ("name", name)];
    let this = |uri: &str, file: &str| format!("{uri}/!main{file}");

    x.open("FRBRWork", &[]);
    x.empty("FRBRthis", &[("value", &this(&uris.work, ""))]);
    x.empty("FRBRuri", &[("value", &uris.work)]);
    x.empty("FRBRdate", &date);
    x.empty("FRBRauthor", &[("href", &office)]);
    x.empty("FRBRcountry", &[("value", &w.akn.country)]);
    x.empty("FRBRsubtype", &[("value", "decision")]);
    x.empty("FRBRnumber", &[("value", &m.reference)]);
    x.empty("FRBRname", &[("value", &m.title)]);
    x.close("FRBRWork");
    x.nl();

    x.open("FRBRExpression", &[]);
    x.empty("FRBRthis", &[("value", &this(&uris.expression, ""))]);
    x.empty("FRBRuri", &[("value", &uris.expression)]);
    x.empty("FRBRdate", &date);
    x.empty("FRBRauthor", &[("href", &office)]);
    x.empty("FRBRlanguage", &[("language", &language(&m.lang))]);
    x.close("FRBRExpression");
    x.nl();

    x.open("FRBRManifestation", &[]);
    x.empty("FRBRthis", &[("value", &this(&uris.expression, ".xml"))]);
    x.empty("FRBRuri", &[("value", &uris.manifestation)]);
    x.empty("FRBRdate", &date);
    x.empty("FRBRauthor", &[("href", &office)]);
    x.empty("FRBRformat", &[("value", "application/akn+xml")]);
    x.close("FRBRManifestation");
    x.nl();
    x.close("identification");
    x.nl();

    classification(x, m, &office);
    references(x, m, w, &office);
    proprietary(x, m, &office);
    x.close("meta");
    x.nl();
}

/// The category's area and subject as keywords of the office's own list.
fn classification(x: &mut Xml, m: &Meta, office: &str) {
    x.open("classification", &[("source", office)]);
    for (id, value) in [("area", &m.category_area), ("subject", &m.category_subject)] {
        x.empty(
            "keyword",
            &[
                ("eId", &format!("keyword_{id}")),
                ("value", &org_id(value)),
                ("showAs", value),
                ("dictionary", office),
            ],
        );
    }
    x.close("classification");
    x.nl();
}

/// The office, the body complained about, and each person by the label the decision uses.
fn references(x: &mut Xml, m: &Meta, w: &Wording, office: &str) {
    let country = &w.akn.country;
    x.open("references", &[("source", office)]);
    x.nl();
    let org = |x: &mut Xml, id: &str, name: &str| {
        let href = format!("/akn/ontology/organizations/{country}/{id}");
        x.empty(
            "TLCOrganization",
            &[("eId", id), ("href", &href), ("showAs", name)],
        );
        x.nl();
    };
    org(x, &w.akn.office, &w.ombudsman);
    org(x, &org_id(&m.authority), &m.authority);
    let mut people: Vec<&String> = vec![&m.complainant];
    people.extend(m.people.iter().filter(|p| **p != m.complainant));
    for person in people {
        let id = org_id(person);
        x.empty(
            "TLCPerson",
            &[
                ("eId", &id),
                ("href", &format!("/akn/ontology/persons/{id}")),
                ("showAs", person),
            ],
        );
        x.nl();
    }
    // What the preface's `refersTo` point at.
    let concepts = [
        (
            "category",
            format!("category/{}", org_id(&m.category)),
            &m.category,
        ),
        ("outcome", format!("outcome/{}", m.outcome_key), &m.outcome),
    ];
    for (id, path, name) in concepts {
        let href = format!("/akn/ontology/concepts/{}/{path}", &w.akn.office);
        x.empty(
            "TLCConcept",
            &[("eId", id), ("href", &href), ("showAs", name)],
        );
        x.nl();
    }
    x.close("references");
    x.nl();
}

/// What the office records and Akoma Ntoso has no element for.
fn proprietary(x: &mut Xml, m: &Meta, office: &str) {
    x.open("proprietary", &[("source", office)]);
    x.nl();
    x.open("dec:category", &[]);
    x.leaf("dec:area", &[], &m.category_area);
    x.leaf("dec:subject", &[], &m.category_subject);
    x.close("dec:category");
    x.nl();
    x.leaf("dec:outcome", &[("key", &m.outcome_key)], &m.outcome);
    x.nl();
    x.leaf("dec:status", &[], &m.status);
    x.nl();
    x.leaf("dec:layout", &[], &m.layout);
    x.nl();
    x.close("proprietary");
    x.nl();
}

/// The decision date as an `xsd:date`: a month-only date ("2015-01") on the month's first
/// day, since Akoma Ntoso dates are whole days.
pub(super) fn xsd_date(iso: &str) -> String {
    if iso.len() == 7 {
        format!("{iso}-01")
    } else {
        iso.to_string()
    }
}

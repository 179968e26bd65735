//! One generated case: its facts, its sections sized to a number of paragraphs, and its text.

use super::words::{self, Topic};
use super::yaml::{document, Node};
use super::{Generated, Rng};
use crate::templates::Templates;
use std::borrow::Cow;

struct Gen<'a> {
    rng: Rng,
    t: &'a Templates,
    index: usize,
    topic: &'a Topic,
    c: &'static str,
    male: bool,
    other: (&'static str, &'static str),
    year: usize,
    /// Ids given so far, which later text may refer to.
    ids: Vec<String>,
    /// Numbered paragraphs so far.
    count: usize,
}

pub fn build(t: &Templates, seed: u64, index: usize, length: Option<usize>) -> Generated {
    let mut rng = Rng::new(seed, index);
    let topic = &words::TOPICS[rng.below(words::TOPICS.len())];
    let c = rng.pick(words::COMPLAINANTS);
    let letter = c.chars().last().unwrap_or('X');
    let others: Vec<_> = words::OTHERS
        .iter()
        .filter(|(name, _)| !name.ends_with(letter))
        .copied()
        .collect();
    let other = rng.pick(&others);
    // Decisions of 2015 to 2025, more of them in later years, as an office's caseload grows;
    // a reference's year is the complaint's, the decision's or the year before.
    let year = 2015 + (rng.range(0, 120) as f64).sqrt() as usize;
    let yy = (year - 2000 - rng.below(2)).max(15);
    // Unique for every index below MAX_COUNT: 7919 is prime to 10^6.
    let number = (index as u64 * 7919 + seed % 1_000_000) % 1_000_000;
    let reference = format!("{yy:02} {:03} {:03}", number / 1000, number % 1000);
    let mut g = Gen {
        rng,
        t,
        index,
        topic,
        c,
        male: c.starts_with("Mr "),
        other,
        year,
        ids: Vec::new(),
        count: 0,
    };
    let (outcome, target) = outcome_and_length(&mut g.rng, length);
    let draft = g.rng.chance(0.1);
    let decided = format!(
        "{}-{:02}-{:02}",
        g.year,
        g.rng.range(1, 12),
        g.rng.range(1, 28)
    );
    let authority = authority(&mut g.rng);
    let mut doc: Vec<(&'static str, Node)> = vec![
        ("reference", Node::Raw(reference.clone())),
        ("authority", Node::Raw(authority)),
        ("category", Node::Text(topic.category.to_string())),
        ("outcome", Node::Raw(outcome.to_string())),
        ("decided", Node::Raw(decided)),
        (
            "status",
            Node::Raw(if draft { "draft" } else { "final" }.into()),
        ),
        ("complainant", Node::Raw(c.to_string())),
        ("people", g.people()),
        ("summary", Node::Text(g.summary(outcome))),
    ];
    if outcome == "closed-after-initial-enquiries" {
        g.assessment(target, &mut doc);
    } else {
        g.investigation(target, outcome == "upheld", &mut doc);
    }
    let signed = if outcome == "closed-after-initial-enquiries" {
        g.rng
            .pick(&["investigator", "assessment-officer", "assistant-ombudsman"])
    } else {
        g.rng
            .pick(&["investigator", "investigator", "deputy-ombudsman"])
    };
    doc.push(("signed", Node::Raw(signed.to_string())));
    let comment = format!(
        "Generated case {index} (seed {seed}): invented and anonymised, for tests and benchmarks."
    );
    Generated {
        slug: reference.replace(' ', "-"),
        yaml: document(&comment, &doc),
        paragraphs: g.count,
    }
}

impl Gen<'_> {
    /// Fills the slots of a sentence from the word banks.
    fn fill(&mut self, s: &str) -> String {
        let (he, him, his) = if self.male {
            ("he", "him", "his")
        } else {
            ("she", "her", "her")
        };
        let month = self.rng.below(12);
        let month2 = (month + 1 + self.rng.below(4)).min(11);
        let amount = self.amount();
        let n = self.rng.range(2, 9).to_string();
        let mut out = s
            .replace("{c}", self.c)
            .replace("{He}", if self.male { "He" } else { "She" })
            .replace("{His}", if self.male { "His" } else { "Her" })
            .replace("{he}", he)
            .replace("{him}", him)
            .replace("{his}", his)
            .replace("{topic}", self.topic.about)
            .replace("{act}", self.topic.act)
            .replace("{law}", self.topic.law)
            .replace("{month}", words::MONTHS[month])
            .replace("{month2}", words::MONTHS[month2])
            .replace("{year}", &self.year.to_string())
            .replace("{n}", &n)
            .replace("{amount}", &amount)
            .replace("{other}", self.other.0)
            .replace("{other_role}", self.other.1);
        if let Some(first) = out.chars().next() {
            out.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        out
    }

    fn amount(&mut self) -> String {
        self.rng
            .pick(&[
                "£150",
                "£200",
                "£250",
                "£300",
                "£500",
                "£750",
                "£1,000",
                "£1,842.60",
            ])
            .to_string()
    }

    /// A paragraph of `lo..=hi` sentences from `bank`, sometimes pointing back to an earlier id.
    fn prose(&mut self, bank: &[&str], lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        let start = self.rng.below(bank.len());
        let mut parts: Vec<String> = (0..n)
            .map(|k| bank[(start + k) % bank.len()])
            .map(|s| self.fill(s))
            .collect();
        if !self.ids.is_empty() && self.rng.chance(0.2) {
            let id = self.ids[self.rng.below(self.ids.len())].clone();
            parts.push(format!(
                "I have taken account of what is set out in [[para:{id}]]."
            ));
        } else if self.rng.chance(0.05) {
            let link = self.rng.pick(words::LINKS);
            parts.push(format!("I have also considered {link}."));
        } else if self.rng.chance(0.08) {
            parts.push(format!("This was *not* what {} had been told.", self.c));
        }
        parts.join(" ")
    }

    fn new_id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}-{}", self.ids.len() + 1);
        self.ids.push(id.clone());
        id
    }

    /// A numbered paragraph: text, maybe an id, maybe lettered points or bullets.
    fn para(&mut self, bank: &[&str], prefix: &str) -> Node {
        self.count += 1;
        let text = self.prose(bank, 1, 4);
        let mut m = Vec::new();
        if self.rng.chance(0.3) {
            m.push(("id", Node::Raw(self.new_id(prefix))));
        }
        let shape = self.rng.below(100);
        if shape < 10 {
            m.push((
                "text",
                Node::Text(format!("{} {} says the Council:", text, self.c)),
            ));
            m.push(("points", self.points(2, 4, 0)));
        } else if shape < 18 {
            m.push(("text", Node::Text(format!("{text} In particular:"))));
            let start = self.rng.below(words::COMPLAINT_POINTS.len());
            let items = (0..self.rng.range(2, 4))
                .map(|k| {
                    let p = words::COMPLAINT_POINTS[(start + k) % words::COMPLAINT_POINTS.len()];
                    Node::Text(format!("the Council {}", lower_first(self.fill(p))))
                })
                .collect();
            m.push(("bullets", Node::List(items)));
        } else {
            m.push(("text", Node::Text(text)));
        }
        if m.len() == 1 {
            m.pop().map(|(_, v)| v).unwrap_or(Node::Text(String::new()))
        } else {
            Node::map(m)
        }
    }

    /// Lettered points, the last ending with a full stop; some nest a level deeper.
    fn points(&mut self, lo: usize, hi: usize, depth: usize) -> Node {
        let n = self.rng.range(lo, hi);
        let start = self.rng.below(words::COMPLAINT_POINTS.len());
        let mut items = Vec::new();
        for k in 0..n {
            let p = words::COMPLAINT_POINTS[(start + k) % words::COMPLAINT_POINTS.len()];
            let mut text = lower_first(self.fill(p));
            text.push_str(match n - k {
                1 => ".",
                2 => "; and",
                _ => ";",
            });
            let id = self.rng.chance(0.25).then(|| self.new_id("point"));
            let nested = depth < 1 && self.rng.chance(0.1);
            if id.is_none() && !nested {
                items.push(Node::Text(text));
                continue;
            }
            let mut m = Vec::new();
            if let Some(id) = id {
                m.push(("id", Node::Raw(id)));
            }
            m.push(("text", Node::Text(text)));
            if nested {
                m.push(("points", self.points(2, 3, depth + 1)));
            }
            items.push(Node::map(m));
        }
        Node::List(items)
    }

    fn people(&mut self) -> Node {
        let person = |name: &str, role: String| {
            Node::map(vec![
                ("name", Node::Raw(name.into())),
                ("role", Node::Text(role)),
            ])
        };
        Node::List(vec![
            person(self.c, "complainant".into()),
            person(self.other.0, format!("the complainant’s {}", self.other.1)),
        ])
    }

    fn summary(&mut self, outcome: &str) -> String {
        let s = match outcome {
            "closed-after-initial-enquiries" => "We will not investigate {c}’s complaint about {topic}. It is unlikely we could add to the Council’s response or achieve a different outcome.",
            "upheld" => "{c} complained the Council {act}. The Council was at fault, which caused {him} distress and uncertainty. The Council has agreed to apologise and pay {c} {amount}.",
            _ => "{c} complained the Council {act}. We have not found fault in how the Council dealt with the matter.",
        };
        self.fill(s)
    }

    /// Standard paragraphs of `section`, taken in turn so that a corpus uses them all.
    fn standards(&mut self, section: &str, n: usize, first: Option<&str>) -> Node {
        let keys: Vec<String> = self
            .t
            .paragraphs
            .iter()
            // Sentences and list parts stand among others, not alone.
            .filter(|(_, p)| p.section.as_deref() == Some(section) && !p.sentence && !p.list)
            .map(|(k, _)| k.clone())
            .collect();
        let mut chosen: Vec<String> = first.map(str::to_string).into_iter().collect();
        // A stride prime to the number of keys starts a walk at every key over consecutive
        // cases, so any run of as many cases as there are keys uses them all.
        let stride = (3..)
            .step_by(2)
            .find(|s| gcd(*s, keys.len()) == 1)
            .unwrap_or(1);
        let mut k = self.index * stride;
        // At least one from the walk, so that consecutive cases visit every key.
        let n = n.max(chosen.len() + 1);
        while !keys.is_empty() && chosen.len() < n.min(keys.len()) {
            let key = &keys[k % keys.len()];
            if !chosen.contains(key) {
                chosen.push(key.clone());
            }
            k += 1;
        }
        self.count += chosen.len();
        Node::List(chosen.iter().map(|key| self.standard(key)).collect())
    }

    fn standard(&mut self, key: &str) -> Node {
        let mut m = vec![(Cow::Borrowed("standard"), Node::Raw(key.to_string()))];
        let mut with = Vec::new();
        if let Some(sp) = self.t.paragraphs.get(key) {
            for (name, default) in &sp.params {
                if default.is_some() {
                    continue;
                }
                let key = Cow::Owned(name.clone());
                match sp.choices.get(name) {
                    Some(choices) => {
                        let keys: Vec<&String> = choices.keys().collect();
                        let n = self.rng.range(1, 3.min(keys.len()));
                        let start = self.rng.below(keys.len());
                        let picked: Vec<&str> = (0..n)
                            .map(|i| keys[(start + i) % keys.len()].as_str())
                            .collect();
                        with.push((key, Node::Raw(format!("[{}]", picked.join(", ")))));
                    }
                    None => with.push((key, Node::Text("the Council".into()))),
                }
            }
        }
        if !with.is_empty() {
            m.push((Cow::Borrowed("with"), Node::Map(with)));
        }
        Node::Map(m)
    }

    fn complaint(&mut self, n: usize) -> Node {
        let mut items = Vec::new();
        self.count += 1;
        if self.rng.chance(0.5) {
            let lead = self.fill("{c} complains that the Council:");
            items.push(Node::map(vec![
                ("text", Node::Text(lead)),
                ("points", self.points(2, 4, 0)),
            ]));
        } else {
            items.push(Node::Text(self.fill(
                "The complainant, whom I shall call {c}, complains the Council {act}.",
            )));
        }
        for k in 1..n {
            self.count += 1;
            let s = if k == 1 {
                "{c} says this caused {him} distress and uncertainty. {He} wants the Council to apologise and pay {him} {amount}."
            } else {
                "{c} also says the Council did not keep {him} informed while it dealt with {topic}."
            };
            items.push(Node::Text(self.fill(s)));
        }
        Node::List(items)
    }

    /// Takes up to `max` from `left`, at random.
    fn extra(&mut self, left: &mut usize, max: usize) -> usize {
        let n = self.rng.range(0, max).min(*left);
        *left -= n;
        n
    }

    fn assessment(&mut self, target: usize, doc: &mut Vec<(&'static str, Node)>) {
        let areas = self.rng.chance(0.8);
        let base = 5;
        let mut left = target.saturating_sub(base);
        let complaint = 1 + self.extra(&mut left, 2);
        let powers = 1 + self.extra(&mut left, 3);
        let considered = 1 + self.extra(&mut left, 2);
        let finals = 1 + self.extra(&mut left, 1);
        let rest = if areas { left } else { left + 1 };
        doc.push(("complaint", self.complaint(complaint)));
        let first = match self.topic.category.starts_with("Adult") && self.rng.chance(0.5) {
            true => "care-provider-discretion",
            false => self
                .rng
                .pick(&["assessment-discretion", "assessment-code-tests"]),
        };
        doc.push(("powers", self.standards("powers", powers, Some(first))));
        doc.push(("considered", self.standards("considered", considered, None)));
        let mut a = Vec::new();
        if areas {
            self.count += 1;
            let intro =
                self.fill("{c} says the Council {act}. {His} complaint falls into these areas:");
            a.push(("intro", Node::Text(intro)));
            let mut list = Vec::new();
            for _ in 0..self.rng.range(1, 4) {
                let complaint = self.prose(words::ASSESS_COMPLAINT, 1, 1);
                let mut finding = self.prose(words::ASSESS_FINDING, 1, 3);
                if self.rng.chance(0.3) {
                    finding = format!("{finding}\n\n{}", self.prose(words::ASSESS_FINDING, 1, 2));
                }
                let mut m = Vec::new();
                if self.rng.chance(0.4) {
                    m.push(("id", Node::Raw(self.new_id("area"))));
                }
                m.push(("complaint", Node::Text(complaint)));
                m.push(("finding", Node::Text(finding)));
                list.push(Node::map(m));
            }
            a.push(("areas", Node::List(list)));
        }
        if rest > 0 {
            let paras = (0..rest)
                .map(|_| self.para(words::ASSESS_FINDING, "assess"))
                .collect();
            a.push(("paragraphs", Node::List(paras)));
        }
        doc.push(("assessment", Node::map(a)));
        let finals: Vec<Node> = (0..finals)
            .map(|k| {
                self.count += 1;
                Node::Text(if k == 0 {
                    "We will not investigate this complaint. It is unlikely an investigation would achieve a different outcome.".into()
                } else {
                    self.prose(words::ASSESS_FINDING, 1, 1)
                })
            })
            .collect();
        doc.push(("final_decision", Node::List(finals)));
    }

    fn investigation(&mut self, target: usize, upheld: bool, doc: &mut Vec<(&'static str, Node)>) {
        let base = if upheld { 7 } else { 5 };
        let mut left = target.saturating_sub(base);
        let complaint = 1 + self.extra(&mut left, 2);
        let not_inv = self.extra(&mut left, 1);
        let scope = self.extra(&mut left, 1);
        let powers = 1 + self.extra(&mut left, 3);
        let considered = 1 + self.extra(&mut left, 1);
        let (intro, groups) = if upheld {
            (self.extra(&mut left, 1), 1 + self.extra(&mut left, 1))
        } else {
            (0, 0)
        };
        let finals = 1 + self.extra(&mut left, 1);
        let found = 1 + left;

        doc.push(("complaint", self.complaint(complaint)));
        if scope > 0 {
            self.count += 1;
            let mut s = self.fill(
                "I have investigated how the Council dealt with {topic} from {month} {year}.",
            );
            if not_inv > 0 {
                s.push_str(
                    " I have not investigated the matters described in [[para:not-investigated]].",
                );
            }
            doc.push(("scope", Node::List(vec![Node::Text(s)])));
        }
        let first = self
            .rng
            .pick(&["fault-and-injustice", "fault-and-injustice-significant"]);
        doc.push(("powers", self.standards("powers", powers, Some(first))));
        doc.push(("considered", self.standards("considered", considered, None)));

        doc.push(("found", self.found(found, upheld)));

        if upheld {
            let aa = self.agreed_action(intro > 0, groups);
            doc.push(("agreed_action", aa));
        }
        doc.push((
            "final_decision",
            self.final_decision(finals, upheld, intro > 0),
        ));
        if not_inv > 0 {
            self.count += 1;
            let text = self.fill("{c} also complained about events before {year}. {He} was aware of them at the time and could have complained sooner, so I have not investigated them.");
            doc.push((
                "not_investigated",
                Node::List(vec![Node::map(vec![
                    ("id", Node::Raw("not-investigated".into())),
                    ("text", Node::Text(text)),
                ])]),
            ));
        }
    }
    /// "What I found": law, what happened and the analysis, under sub-headings when long.
    fn found(&mut self, found: usize, upheld: bool) -> Node {
        let parts: Vec<(Option<&str>, usize, &[&str], &str)> = if found >= 3 {
            let law = (found / 5).max(1);
            let analysis = (found / 4).max(1);
            let fault = if upheld {
                words::FAULT
            } else {
                words::NO_FAULT
            };
            vec![
                (Some(words::SUB_HEADINGS[0]), law, words::LAW, "law"),
                (
                    Some(words::SUB_HEADINGS[1]),
                    found - law - analysis,
                    words::HAPPENED,
                    "event",
                ),
                (Some(words::SUB_HEADINGS[2]), analysis, fault, "finding"),
            ]
        } else {
            vec![(None, found, words::HAPPENED, "event")]
        };
        let mut found_list = Vec::new();
        for (heading, n, bank, prefix) in parts {
            let mut m = Vec::new();
            if let Some(h) = heading {
                m.push(("heading", Node::Text(h.to_string())));
            }
            let paras = (0..n).map(|_| self.para(bank, prefix)).collect();
            m.push(("paragraphs", Node::List(paras)));
            found_list.push(Node::map(m));
        }
        Node::List(found_list)
    }

    /// "Agreed action": an optional lead-in, then groups of actions, each with its deadline.
    fn agreed_action(&mut self, intro: bool, groups: usize) -> Node {
        let mut aa = Vec::new();
        if intro {
            self.count += 1;
            let link = self.rng.pick(words::LINKS);
            aa.push((
                "intro",
                Node::List(vec![Node::map(vec![
                    ("id", Node::Raw("remedy".into())),
                    ("text", Node::Text(format!("To remedy the injustice caused, the Council has agreed to the actions below. It has taken account of {link}."))),
                ])]),
            ));
        }
        let mut actions = Vec::new();
        let start = self.rng.below(words::DEADLINES.len());
        for gi in 0..groups {
            self.count += 1;
            let by = words::DEADLINES[(start + gi) % words::DEADLINES.len()];
            let n = self.rng.range(1, 3);
            let first = self.rng.below(words::ACTIONS.len());
            for k in 0..n {
                let a = lower_first(self.fill(words::ACTIONS[(first + k) % words::ACTIONS.len()]));
                actions.push(Node::map(vec![
                    ("action", Node::Text(a)),
                    ("by", Node::Text(by.to_string())),
                ]));
            }
        }
        aa.push(("actions", Node::List(actions)));
        self.count += 1;
        Node::map(aa)
    }

    /// "Final decision": the conclusion, then closing lines.
    fn final_decision(&mut self, finals: usize, upheld: bool, intro: bool) -> Node {
        let finals: Vec<Node> = (0..finals)
            .map(|k| {
                self.count += 1;
                let s = match (k, upheld, intro) {
                    (0, true, true) => "I have completed my investigation. There was fault by the Council which caused injustice to {c}. The Council has agreed the actions in [[para:remedy]] and the paragraphs after it.",
                    (0, true, false) => "I have completed my investigation. There was fault by the Council which caused injustice to {c}. The Council has agreed to remedy that injustice.",
                    (0, false, _) => "I have completed my investigation. I have not found fault by the Council.",
                    _ => "I have now completed my investigation and closed the complaint.",
                };
                Node::Text(self.fill(s))
            })
            .collect();
        Node::List(finals)
    }
}

/// An outcome in the proportions the LGSCO publishes, and a length in numbered paragraphs:
/// `length` if given, else mostly 10 to 30, sometimes up to 80.
fn outcome_and_length(rng: &mut Rng, length: Option<usize>) -> (&'static str, usize) {
    let outcome = match rng.below(100) {
        0..=44 => "closed-after-initial-enquiries",
        45..=79 => "upheld",
        _ => "not-upheld",
    };
    let target = length.unwrap_or_else(|| match rng.below(100) {
        0..=9 => rng.range(6, 10),
        10..=74 => rng.range(10, 30),
        75..=94 => rng.range(30, 60),
        _ => rng.range(60, 80),
    });
    (outcome, target)
}

/// The councils of the generated corpus: every invented place that is not a first name,
/// each with the form of council its name picks.
pub fn authorities() -> &'static [String] {
    static ALL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let first_names: std::collections::HashSet<&str> = include_str!("../lint/first_names.txt")
            .lines()
            .map(str::trim)
            .collect();
        let mut all = Vec::new();
        for (i, start) in words::PLACE_STARTS.iter().enumerate() {
            for (j, end) in words::PLACE_ENDS.iter().enumerate() {
                let place = format!("{start}{end}");
                if first_names.contains(place.as_str()) {
                    continue;
                }
                let form = words::COUNCIL_FORMS[(i * 5 + j * 3) % words::COUNCIL_FORMS.len()];
                all.push(form.replace("{}", &place));
            }
        }
        all
    })
}

/// A council for a case: a few take many complaints, most a few, as in a real library.
fn authority(rng: &mut Rng) -> String {
    let all = authorities();
    let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
    let rank = ((u * u * all.len() as f64) as usize).min(all.len() - 1);
    // The busiest councils are spread through the alphabet, not all under A: a step prime
    // to the number of councils makes a permutation.
    let step = if gcd(97, all.len()) == 1 { 97 } else { 1 };
    all[rank * step % all.len()].clone()
}

/// The text with its first letter in lower case, to follow a lead-in such as "the Council".
fn lower_first(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => s,
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

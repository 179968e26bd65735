//! Every piece of prose in a case, with the field it sits in, for checks on the words.

use super::{Case, FieldPath, Para};

impl Case {
    /// Each text field of the case and its path, in file order.
    pub fn texts(&self) -> Vec<(FieldPath, &str)> {
        let root = FieldPath::default();
        let mut out: Vec<(FieldPath, &str)> = vec![(root.key("summary"), self.summary.as_str())];
        let lists: [(&str, &[Para]); 6] = [
            ("complaint", &self.complaint),
            ("scope", &self.scope),
            ("powers", &self.powers),
            ("considered", &self.considered),
            ("final_decision", &self.final_decision),
            ("not_investigated", &self.not_investigated),
        ];
        for (key, paras) in lists {
            paras_texts(&root.key(key), paras, &mut out);
        }
        if let Some(a) = &self.assessment {
            let p = root.key("assessment");
            if let Some(intro) = &a.intro {
                out.push((p.key("intro"), intro));
            }
            for (i, area) in a.areas.iter().enumerate() {
                let ap = p.key("areas").index(i);
                out.push((ap.key("complaint"), &area.complaint));
                out.push((ap.key("finding"), &area.finding));
            }
            paras_texts(&p.key("paragraphs"), &a.paragraphs, &mut out);
        }
        for (i, part) in self.found.iter().enumerate() {
            let p = root.key("found").index(i);
            if let Some(h) = &part.heading {
                out.push((p.key("heading"), h));
            }
            paras_texts(&p.key("paragraphs"), &part.paragraphs, &mut out);
        }
        if let Some(aa) = &self.agreed_action {
            let p = root.key("agreed_action");
            paras_texts(&p.key("intro"), &aa.intro, &mut out);
            for (i, action) in aa.actions.iter().enumerate() {
                let ap = p.key("actions").index(i);
                out.push((ap.key("action"), &action.action));
                out.push((ap.key("by"), &action.by));
            }
            if let Some(e) = &aa.evidence {
                out.push((p.key("evidence"), e));
            }
        }
        out
    }
}

fn paras_texts<'a>(path: &FieldPath, paras: &'a [Para], out: &mut Vec<(FieldPath, &'a str)>) {
    for (i, para) in paras.iter().enumerate() {
        let p = path.index(i);
        if let Some(t) = &para.text {
            out.push((p.key("text"), t));
        }
        for (name, value) in &para.with {
            if let Some(s) = value.as_str() {
                out.push((p.key("with").key(name), s));
            }
        }
        paras_texts(&p.key("points"), &para.points, out);
        paras_texts(&p.key("bullets"), &para.bullets, out);
    }
}

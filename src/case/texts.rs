//! Every piece of prose in a case, with the field it sits in, for checks on the words.

use super::{Body, Case, FieldPath, Para};

impl Case {
    /// Each text field of the case and its path, in file order.
    pub fn texts(&self) -> Vec<(FieldPath, &str)> {
        let root = FieldPath::default();
        let mut out: Vec<(FieldPath, &str)> = Vec::new();
        if let Some(summary) = &self.summary {
            out.push((root.key("summary"), summary.as_str()));
        }
        for (key, title) in &self.titles {
            out.push((root.key("titles").key(key), title.as_str()));
        }
        for (key, body) in &self.sections {
            body_texts(&root.key(key), body, &mut out);
        }
        out
    }
}

fn body_texts<'a>(p: &FieldPath, body: &'a Body, out: &mut Vec<(FieldPath, &'a str)>) {
    match body {
        Body::Paragraphs(paras) => paras_texts(p, paras, out),
        Body::Areas(a) => {
            if let Some(intro) = &a.intro {
                out.push((p.key("intro"), intro));
            }
            for (i, area) in a.areas.iter().enumerate() {
                let ap = p.key("areas").index(i);
                out.push((ap.key("complaint"), &area.complaint));
                out.push((ap.key("finding"), &area.finding));
            }
            paras_texts(&p.key("paragraphs"), &a.paragraphs, out);
        }
        Body::Parts(parts) => {
            for (i, part) in parts.iter().enumerate() {
                let pp = p.index(i);
                out.push((pp.key("part"), &part.part));
                paras_texts(&pp.key("paragraphs"), &part.paragraphs, out);
            }
        }
        Body::Actions(aa) => {
            let intro = if aa.as_list {
                p.clone()
            } else {
                p.key("intro")
            };
            paras_texts(&intro, &aa.intro, out);
            for (i, action) in aa.actions.iter().enumerate() {
                let ap = p.key("actions").index(i);
                out.push((ap.key("action"), &action.action));
                out.push((ap.key("by"), &action.by));
            }
            if let Some(e) = &aa.evidence {
                out.push((p.key("evidence"), e));
            }
        }
        Body::Table(rows) => {
            for (i, row) in rows.iter().enumerate() {
                for (key, cell) in &row.cells {
                    out.push((p.index(i).key(key), cell));
                }
            }
        }
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
        for (j, sentence) in para.sentences.iter().enumerate() {
            let sp = p.key("sentences").index(j);
            if let Some(t) = &sentence.text {
                out.push((
                    if sentence.plain {
                        sp.clone()
                    } else {
                        sp.key("text")
                    },
                    t,
                ));
            }
            for (name, value) in &sentence.with {
                if let Some(s) = value.as_str() {
                    out.push((sp.key("with").key(name), s));
                }
            }
        }
        if let Some(h) = &para.heading {
            out.push((p.key("heading"), h));
        }
        paras_texts(&p.key("points"), &para.points, out);
        paras_texts(&p.key("bullets"), &para.bullets, out);
        if let Some(group) = &para.group {
            paras_texts(&p.key("paragraphs"), group, out);
        }
    }
}

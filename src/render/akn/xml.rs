//! A small XML writer: escaped text and attributes. Nothing is indented, so the spaces of
//! mixed content stay as written; `nl` breaks lines between block elements.

#[derive(Default)]
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub fn open(&mut self, tag: &'static str, attrs: &[(&str, &str)]) {
        self.start(tag, attrs);
        self.out.push('>');
        self.open.push(tag);
    }

    /// An element with no content, e.g. `<FRBRuri value="…"/>`.
    pub fn empty(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.start(tag, attrs);
        self.out.push_str("/>");
    }

    /// An element holding only `text`.
    pub fn leaf(&mut self, tag: &'static str, attrs: &[(&str, &str)], text: &str) {
        self.open(tag, attrs);
        self.text(text);
        self.close(tag);
    }

    pub fn close(&mut self, tag: &'static str) {
        let top = self.open.pop();
        debug_assert_eq!(top, Some(tag), "closing <{tag}>");
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// A line break where only elements stand, to keep the file readable.
    pub fn nl(&mut self) {
        self.out.push('\n');
    }

    pub fn text(&mut self, s: &str) {
        escape_into(&mut self.out, s, false);
    }

    pub fn finish(mut self) -> String {
        debug_assert!(self.open.is_empty(), "unclosed {:?}", self.open);
        self.out.push('\n');
        self.out
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }
}

/// Escapes markup characters, and drops the control characters that XML 1.0 cannot hold.
fn escape_into(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' | '\t' if attr => out.push(' '),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut x = Xml::default();
        x.open("p", &[("class", "a\"b<c")]);
        x.text("Tom & <Jerry>\u{1}");
        x.close("p");
        assert_eq!(
            x.finish(),
            "<p class=\"a&quot;b&lt;c\">Tom &amp; &lt;Jerry&gt;</p>\n"
        );
    }
}

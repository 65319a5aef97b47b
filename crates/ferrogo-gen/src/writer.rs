//! A tiny line writer: the generator emits plain Go text and gofmt makes it canonical.

#[derive(Default)]
pub struct Writer {
    out: String,
    indent: usize,
}

impl Writer {
    /// Writes one line at the current indentation (`{` at the end opens a block, a leading `}`
    /// closes one), so emitters read like the Go they produce.
    pub fn line(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        if text.starts_with('}') || text.starts_with(')') {
            self.indent = self.indent.saturating_sub(1);
        }
        if text.is_empty() {
            self.out.push('\n');
        } else {
            for _ in 0..self.indent {
                self.out.push('\t');
            }
            self.out.push_str(text);
            self.out.push('\n');
        }
        if text.ends_with('{') || text.ends_with('(') {
            self.indent += 1;
        }
    }

    /// Writes a line as is: no indentation, no block tracking (C inside the cgo preamble).
    pub fn raw(&mut self, text: impl AsRef<str>) {
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// Writes `// ` comment lines.
    pub fn comment(&mut self, lines: &[String]) {
        for l in lines {
            if l.is_empty() {
                self.line("//");
            } else {
                self.line(format!("// {l}"));
            }
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

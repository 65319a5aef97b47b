//! Rust doc comments -> godoc: the first sentence starts with the Go name, code fences become
//! indented blocks, and `#[deprecated]` becomes a `Deprecated:` paragraph.

use ferrogo_syntax::ir::Docs;

/// What a doc comment documents: the first sentence is phrased for it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Functions and methods: "Add adds two numbers."
    Func,
    /// Types: "Point is a point in the plane."
    Type,
    /// Error values and types: "ErrEmpty reports that the input was empty."
    ErrorValue,
    /// Fields and constants: kept as written after the name.
    Member,
}

/// Doc comment lines for `go_name`. `fallback` is used when the Rust item has no docs; `contract`
/// paragraphs (ownership, errors, panics) are appended, wrapped like hand-written godoc.
pub fn godoc(go_name: &str, kind: DocKind, docs: &Docs, fallback: &str, contract: &[String]) -> Vec<String> {
    let mut lines = convert(&docs.lines);
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        lines.push(fallback.to_string());
    } else {
        lines[0] = lead_with_name(go_name, kind, &lines[0]);
    }
    for p in contract {
        lines.push(String::new());
        lines.extend(wrap(p, WRAP));
    }
    if let Some(d) = &docs.deprecated {
        lines.push(String::new());
        let text = deprecation(d.note.as_deref(), d.since.as_deref());
        lines.extend(wrap(&text, WRAP));
    }
    lines
}

/// Column at which generated paragraphs wrap (after `// `).
const WRAP: usize = 97;

/// Greedy word wrap.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// The `Deprecated:` paragraph, as the standard library writes it: a capitalised sentence.
fn deprecation(note: Option<&str>, since: Option<&str>) -> String {
    let note = note.map(|n| n.replace('`', "")).unwrap_or_default();
    let mut note = note.trim().trim_end_matches('.').to_string();
    if note.is_empty() {
        note = "Do not use in new code".into();
    }
    let note = upper_first(&note);
    match since {
        Some(since) => format!("Deprecated: {note} (deprecated since {since})."),
        None => format!("Deprecated: {note}."),
    }
}

fn upper_first(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Markdown-ish Rust docs to godoc text. Rust code blocks (doctests) are dropped: a Go reader
/// cannot use them; blocks marked `go`, `text`, `sh` or `console` are kept, indented.
fn convert(rust: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut keep_code = false;
    for line in rust {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            if !in_code {
                keep_code = matches!(lang.trim(), "go" | "text" | "sh" | "console");
                // Drop the blank line that introduced a dropped example.
                if !keep_code && out.last().is_some_and(|l: &String| l.is_empty()) {
                    out.pop();
                }
            }
            in_code = !in_code;
            continue;
        }
        if in_code && !keep_code {
            continue;
        }
        if in_code {
            // Hidden doctest lines (`# use ...`) are not part of the example.
            if trimmed.starts_with("# ") || trimmed == "#" {
                continue;
            }
            out.push(format!("\t{line}"));
        } else {
            out.push(strip_links(line));
        }
    }
    out
}

/// `[`Regex`]` and `[text](url)` become `Regex` and `text`.
fn strip_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find(']') {
            Some(end) => {
                let inner = &after[..end];
                out.push_str(inner.trim_matches('`'));
                rest = &after[end + 1..];
                if rest.starts_with('(') {
                    if let Some(close) = rest.find(')') {
                        rest = &rest[close + 1..];
                    }
                }
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Go's convention: a doc comment starts with the name it documents.
fn lead_with_name(go_name: &str, kind: DocKind, first: &str) -> String {
    if first.starts_with(&format!("{go_name} ")) || first.starts_with(&format!("{go_name}.")) {
        return first.to_string();
    }
    let mut words = first.splitn(2, ' ');
    let head = words.next().unwrap_or("");
    let lowered = if is_acronym(head) {
        first.to_string()
    } else {
        lower_first(first)
    };
    let article = matches!(head, "A" | "An" | "The" | "This");
    let question = matches!(
        head,
        "Why" | "How" | "What" | "When" | "Where" | "Which" | "Whether"
    );
    match kind {
        DocKind::Func if !article => format!("{go_name} {lowered}"),
        DocKind::Type if article => format!("{go_name} is {lowered}"),
        DocKind::Type | DocKind::Func if question => format!("{go_name} describes {lowered}"),
        DocKind::ErrorValue if question => format!("{go_name} describes {lowered}"),
        DocKind::ErrorValue => format!("{go_name} reports that {lowered}"),
        DocKind::Type => format!("{go_name} represents {lowered}"),
        // Fields and grouped constants need no name prefix in godoc.
        DocKind::Member => first.to_string(),
        DocKind::Func => format!("{go_name}: {first}"),
    }
}

fn lower_first(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(lines: &[&str]) -> Docs {
        Docs {
            lines: lines.iter().map(|s| s.to_string()).collect(),
            deprecated: None,
        }
    }

    #[test]
    fn leads_with_the_go_name() {
        let f = |name: &str, kind, lines: &[&str]| godoc(name, kind, &d(lines), "", &[])[0].clone();
        assert_eq!(
            f("Add", DocKind::Func, &["Adds two numbers."]),
            "Add adds two numbers."
        );
        assert_eq!(
            f("Counter", DocKind::Type, &["A shared counter."]),
            "Counter is a shared counter."
        );
        assert_eq!(f("Add", DocKind::Func, &["Add returns a+b."]), "Add returns a+b.");
        assert_eq!(
            godoc("Add", DocKind::Func, &d(&[]), "Add calls add.", &[])[0],
            "Add calls add."
        );
        assert_eq!(
            f("ConfigError", DocKind::Type, &["Why a port was rejected."]),
            "ConfigError describes why a port was rejected."
        );
        assert_eq!(
            f("ErrEmpty", DocKind::ErrorValue, &["The input was empty."]),
            "ErrEmpty reports that the input was empty."
        );
        assert_eq!(
            f("Parse", DocKind::Func, &["HTML in, text out."]),
            "Parse HTML in, text out."
        );
    }

    #[test]
    fn code_fences_become_indented_blocks() {
        let lines = [
            "Does it.",
            "",
            "```go",
            "a := 1",
            "```",
            "",
            "```",
            "let a = 1;",
            "```",
        ];
        let g = godoc("F", DocKind::Func, &d(&lines), "", &[]);
        assert_eq!(
            g,
            vec!["F does it.", "", "\ta := 1"],
            "Go blocks kept, Rust doctests dropped"
        );
    }

    #[test]
    fn deprecations_read_like_the_standard_library() {
        assert_eq!(
            deprecation(Some("use `area` instead"), Some("0.2.0")),
            "Deprecated: Use area instead (deprecated since 0.2.0)."
        );
        assert_eq!(deprecation(None, None), "Deprecated: Do not use in new code.");
    }

    #[test]
    fn contract_paragraphs_wrap() {
        let long = "word ".repeat(40);
        let g = godoc("F", DocKind::Func, &d(&["Does it."]), "", &[long]);
        assert!(g.len() > 3 && g.iter().all(|l| l.len() <= WRAP));
    }

    #[test]
    fn links_are_plain_text() {
        assert_eq!(
            strip_links("See [`Regex`] and [docs](http://x)."),
            "See Regex and docs."
        );
    }
}

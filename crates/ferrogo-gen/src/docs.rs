//! Rust doc comments -> godoc: the first sentence starts with the Go name, code fences become
//! indented blocks, and `#[deprecated]` becomes a `Deprecated:` paragraph.

use ferrogo_syntax::ir::Docs;

/// Doc comment lines for `go_name`. `fallback` is used when the Rust item has no docs; `contract`
/// paragraphs (ownership, errors, panics) are appended.
pub fn godoc(go_name: &str, docs: &Docs, fallback: &str, contract: &[String]) -> Vec<String> {
    let mut lines = convert(&docs.lines);
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        lines.push(fallback.to_string());
    }
    lines[0] = lead_with_name(go_name, &lines[0]);
    for p in contract {
        lines.push(String::new());
        lines.push(p.clone());
    }
    if let Some(d) = &docs.deprecated {
        lines.push(String::new());
        let note = d
            .note
            .clone()
            .unwrap_or_else(|| "do not use in new code.".to_string());
        match &d.since {
            Some(since) => lines.push(format!("Deprecated: {note} (since {since})")),
            None => lines.push(format!("Deprecated: {note}")),
        }
    }
    lines
}

/// Markdown-ish Rust docs to godoc text.
fn convert(rust: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in rust {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
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
fn lead_with_name(go_name: &str, first: &str) -> String {
    if first.starts_with(&format!("{go_name} ")) || first.starts_with(&format!("{go_name}.")) {
        return first.to_string();
    }
    let mut words = first.splitn(2, ' ');
    let head = words.next().unwrap_or("");
    let tail = words.next().unwrap_or("");
    let lower_head = lower_first(head);
    match head {
        "A" | "An" | "The" => format!("{go_name} is {lower_head} {tail}").trim_end().to_string(),
        _ if is_acronym(head) => format!("{go_name}: {first}"),
        _ => format!("{go_name} {lower_head} {tail}").trim_end().to_string(),
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
        assert_eq!(
            godoc("Add", &d(&["Adds two numbers."]), "", &[])[0],
            "Add adds two numbers."
        );
        assert_eq!(
            godoc("Counter", &d(&["A shared counter."]), "", &[])[0],
            "Counter is a shared counter."
        );
        assert_eq!(
            godoc("Add", &d(&["Add returns a+b."]), "", &[])[0],
            "Add returns a+b."
        );
        assert_eq!(godoc("Add", &d(&[]), "Add calls add.", &[])[0], "Add calls add.");
    }

    #[test]
    fn code_fences_become_indented_blocks() {
        let g = godoc(
            "F",
            &d(&["Does it.", "", "```", "# use x;", "let a = 1;", "```"]),
            "",
            &[],
        );
        assert_eq!(g, vec!["F does it.", "", "\tlet a = 1;"]);
    }

    #[test]
    fn links_are_plain_text() {
        assert_eq!(
            strip_links("See [`Regex`] and [docs](http://x)."),
            "See Regex and docs."
        );
    }
}

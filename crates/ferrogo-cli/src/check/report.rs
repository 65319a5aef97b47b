//! Prints a list of changes for people (grouped lines and a summary) or for tools (JSON).

use super::diff::{Change, Kind};

/// Lines like `BREAKING  func Add: parameter 1 (a) type changed int64 -> string`, breaking ones
/// first, then a summary line naming the semver step the changes need.
pub fn text(changes: &[Change]) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in changes {
        if last.is_some_and(|k| k != c.kind) {
            out.push('\n');
        }
        last = Some(c.kind);
        out.push_str(&format!("{:<9} {}: {}\n", label(c.kind), c.item, c.detail));
    }
    if !changes.is_empty() {
        out.push('\n');
    }
    let count = |k| changes.iter().filter(|c| c.kind == k).count();
    let verdict = if count(Kind::Breaking) > 0 {
        "incompatible (major version)"
    } else if count(Kind::Additive) > 0 {
        "compatible (minor version)"
    } else if count(Kind::Internal) > 0 {
        "compatible, the Go API is unchanged (patch version)"
    } else {
        "the Go API is unchanged"
    };
    out.push_str(&format!(
        "ferrogo check: {} breaking, {} additive, {} internal, {} note(s): {verdict}\n",
        count(Kind::Breaking),
        count(Kind::Additive),
        count(Kind::Internal),
        count(Kind::Note),
    ));
    out
}

/// `[{"kind": "breaking", "item": "func Add", "detail": "..."}, ...]`.
pub fn json(changes: &[Change]) -> String {
    serde_json::to_string_pretty(changes).expect("changes serialize") + "\n"
}

fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Breaking => "BREAKING",
        Kind::Additive => "ADDITIVE",
        Kind::Internal => "INTERNAL",
        Kind::Note => "NOTE",
    }
}

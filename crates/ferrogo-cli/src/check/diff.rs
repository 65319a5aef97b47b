//! Compares two Go API surfaces and classifies each difference for semver.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use ferrogo_gen::GoSignature;

use super::surface::{Decl, Shape};

/// How a change affects Go code written against the old API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Existing Go code may stop compiling or change meaning: a major version.
    Breaking,
    /// New API only: a minor version.
    Additive,
    /// Not visible to Go code outside the package (unexported bindings, a C ABI the generated
    /// package hides): a patch version, but the package and library ship together.
    Internal,
    /// Compatible, but worth telling users (deprecations, ferrogo upgrades).
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// The Go declaration, e.g. `func ParsePort`.
    pub item: String,
    pub detail: String,
}

type Surface = BTreeMap<String, Decl>;

/// The changes from `old` to `new`, sorted by kind (breaking first), then declaration.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Vec::new();
    let removed: BTreeSet<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
    let added: BTreeSet<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
    // A removal and an addition of the same Rust item is one change: a Go rename, or an error
    // variant that became a struct (or back).
    let mut paired = BTreeSet::new();
    for key in &removed {
        let before = &old[*key];
        if owner_gone(before, new) {
            continue;
        }
        let twin = added
            .iter()
            .find(|a| !paired.contains(*a) && new[**a].rust == before.rust && !owner_gone(&new[**a], old));
        match twin {
            Some(a) => {
                paired.insert(*a);
                let after = &new[*a];
                let detail = match (&before.shape, &after.shape) {
                    (Shape::Sentinel { .. }, Shape::ErrorStruct { .. }) => format!(
                        "error variant {} now has fields: sentinel {key} became error struct {a} (errors.Is -> errors.As)",
                        before.rust
                    ),
                    (Shape::ErrorStruct { .. }, Shape::Sentinel { .. }) => format!(
                        "error variant {} lost its fields: error struct {key} became sentinel {a} (errors.As -> errors.Is)",
                        before.rust
                    ),
                    _ => format!("renamed to {a} (Rust {})", before.rust),
                };
                out.push(change(
                    before.exported || after.exported,
                    Kind::Breaking,
                    key,
                    detail,
                ));
                // A change of kind is the whole story; otherwise say what else changed.
                if std::mem::discriminant(&before.shape) == std::mem::discriminant(&after.shape) {
                    out.extend(
                        compare(key, before, after)
                            .into_iter()
                            .filter(|c| c.kind != Kind::Note),
                    );
                }
            }
            None => {
                let detail = match &before.shape {
                    Shape::RecordField { .. } => "record field removed".to_string(),
                    _ => format!("removed (Rust {})", before.rust),
                };
                out.push(change(before.exported, Kind::Breaking, key, detail));
            }
        }
    }
    for key in added.iter().filter(|a| !paired.contains(*a)) {
        let after = &new[*key];
        if owner_gone(after, old) {
            continue;
        }
        let (kind, detail) = match &after.shape {
            Shape::RecordField { .. } => (
                Kind::Breaking,
                "new record field: Go code that builds the record without it now sends its zero value, and unkeyed literals stop compiling".to_string(),
            ),
            Shape::Sentinel { of } | Shape::ErrorStruct { of } if old_member_of(after, old) => (
                Kind::Additive,
                format!("new variant of error {of}: code that handles every variant (a switch over errors.Is/As) should handle it"),
            ),
            Shape::InterfaceMethod { .. } => (
                Kind::Breaking,
                "new method of an interface Go code implements: Go types implementing it no longer satisfy it until they add the method".to_string(),
            ),
            Shape::Variant { of } if old_member_of(after, old) => (
                Kind::Additive,
                format!("new variant of {of}: a type switch over {of} without a default case does not handle it"),
            ),
            Shape::Const { ty, value } if old_member_of(after, old) => (
                Kind::Additive,
                format!("new {ty} value {value}: a switch over {ty} without a default case does not handle it"),
            ),
            _ => (Kind::Additive, "added".to_string()),
        };
        out.push(change(after.exported, kind, key, detail));
    }
    for (key, before) in old {
        if let Some(after) = new.get(key) {
            out.extend(compare(key, before, after));
        }
    }
    out.sort_by(|a, b| (a.kind, &a.item, &a.detail).cmp(&(b.kind, &b.item, &b.detail)));
    out
}

/// The changes of one declaration present in both APIs.
fn compare(key: &str, before: &Decl, after: &Decl) -> Vec<Change> {
    let exported = before.exported || after.exported;
    let mut out = Vec::new();
    let mut push = |kind, detail: String| out.push(change(exported, kind, key, detail));
    match (&before.shape, &after.shape) {
        (Shape::Func { sig: s1, rust: r1 }, Shape::Func { sig: s2, rust: r2 }) => {
            let details = signature_changes(s1, s2);
            if details.is_empty() && r1 != r2 {
                push(
                    Kind::Internal,
                    format!("same Go signature, but the Rust one changed from {r1} to {r2}, and with it the C ABI: ship the regenerated package with the rebuilt library"),
                );
            }
            for d in details {
                push(Kind::Breaking, d);
            }
        }
        (Shape::Struct { fields: f1 }, Shape::Struct { fields: f2 }) => {
            let kept1: Vec<&String> = f1.iter().filter(|f| f2.contains(f)).collect();
            let kept2: Vec<&String> = f2.iter().filter(|f| f1.contains(f)).collect();
            if kept1 != kept2 {
                push(
                    Kind::Breaking,
                    format!(
                        "field order changed {{{}}} -> {{{}}}: unkeyed composite literals stop compiling or mean something else",
                        join(&kept1),
                        join(&kept2)
                    ),
                );
            }
        }
        (Shape::RecordField { ty: t1, rust: r1 }, Shape::RecordField { ty: t2, rust: r2 }) => {
            if t1 != t2 {
                push(Kind::Breaking, format!("type changed {t1} -> {t2}"));
            } else if r1 != r2 {
                push(
                    Kind::Internal,
                    format!("same Go type, but the Rust one changed from {r1} to {r2}, and with it the C layout: ship the regenerated package with the rebuilt library"),
                );
            }
        }
        (Shape::InterfaceMethod { sig: s1 }, Shape::InterfaceMethod { sig: s2 }) if s1 != s2 => {
            push(
                Kind::Breaking,
                format!("signature changed {s1} -> {s2}: Go types implementing the interface must change"),
            );
        }
        (Shape::ErrorField { ty: t1 }, Shape::ErrorField { ty: t2 }) if t1 != t2 => {
            push(Kind::Breaking, format!("type changed {t1} -> {t2}"));
        }
        (Shape::Const { ty: t1, value: v1 }, Shape::Const { ty: t2, value: v2 }) => {
            if t1 != t2 {
                push(Kind::Breaking, format!("type changed {t1} -> {t2}"));
            }
            if v1 != v2 {
                push(
                    Kind::Breaking,
                    format!(
                        "value changed {v1} -> {v2}: stored or transmitted values now mean another constant"
                    ),
                );
            }
        }
        (Shape::Sentinel { of: e1 }, Shape::Sentinel { of: e2 })
        | (Shape::ErrorStruct { of: e1 }, Shape::ErrorStruct { of: e2 })
        | (Shape::Variant { of: e1 }, Shape::Variant { of: e2 })
            if e1 != e2 =>
        {
            push(Kind::Breaking, format!("moved from error {e1} to {e2}"));
        }
        (s1, s2) if std::mem::discriminant(s1) != std::mem::discriminant(s2) => {
            push(
                Kind::Breaking,
                format!("changed from {} to {}", s1.describe(), s2.describe()),
            );
        }
        _ => {}
    }
    if let (None, Some(why)) = (&before.deprecated, &after.deprecated) {
        let detail = match why.is_empty() {
            true => "deprecated".to_string(),
            false => format!("deprecated {why}"),
        };
        out.push(Change {
            kind: Kind::Note,
            item: key.to_string(),
            detail,
        });
    }
    out
}

/// What changed in a Go signature, as Go callers see it. Parameter names are not part of a Go
/// function's type, so renaming one changes nothing.
fn signature_changes(before: &GoSignature, after: &GoSignature) -> Vec<String> {
    let mut out = Vec::new();
    if before.params.len() == after.params.len() {
        for (i, ((name, t1), (_, t2))) in before.params.iter().zip(&after.params).enumerate() {
            if t1 != t2 {
                out.push(format!("parameter {} ({name}) type changed {t1} -> {t2}", i + 1));
            }
        }
    } else {
        out.push(format!(
            "parameters changed {} -> {}",
            params(before),
            params(after)
        ));
    }
    if before.results != after.results {
        let err1 = before.results.last().is_some_and(|r| r == "error");
        let err2 = after.results.last().is_some_and(|r| r == "error");
        let (r1, r2) = (results(&before.results), results(&after.results));
        out.push(match (err1, err2) {
            (false, true) => format!("now returns an error: results {r1} -> {r2}"),
            (true, false) => format!("no longer returns an error: results {r1} -> {r2}"),
            _ => format!("results changed {r1} -> {r2}"),
        });
    }
    out
}

/// `(a, b int64)`, as gofmt writes a parameter list.
fn params(sig: &GoSignature) -> String {
    GoSignature {
        params: sig.params.clone(),
        results: Vec::new(),
    }
    .render()
}

fn results(results: &[String]) -> String {
    match results {
        [] => "()".into(),
        [one] => one.clone(),
        many => format!("({})", many.join(", ")),
    }
}

fn join(names: &[&String]) -> String {
    names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

/// Whether the type `decl` belongs to is missing from `other`: that type's own removal or
/// addition is the change to report, not each of its members.
fn owner_gone(decl: &Decl, other: &BTreeMap<String, Decl>) -> bool {
    decl.owner.as_ref().is_some_and(|o| !other.contains_key(o))
}

/// Whether the enum or error type `decl` is a value of existed in the old API.
fn old_member_of(decl: &Decl, old: &BTreeMap<String, Decl>) -> bool {
    decl.member_of.as_ref().is_some_and(|t| old.contains_key(t))
}

/// A change, downgraded to internal when the declaration is unexported: only hand-written Go in
/// the same package can use it, and that code is released together with it.
fn change(exported: bool, kind: Kind, item: &str, detail: String) -> Change {
    let (kind, detail) = match (exported, kind) {
        (false, Kind::Breaking | Kind::Additive) => (
            Kind::Internal,
            format!("{detail} (unexported: only Go code in the package itself can see it)"),
        ),
        _ => (kind, detail),
    };
    Change {
        kind,
        item: item.to_string(),
        detail,
    }
}

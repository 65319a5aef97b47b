//! Compares two Go API surfaces and classifies each difference for semver.

use std::collections::BTreeMap;

use serde::Serialize;

use super::surface::Decl;

/// How a change affects Go code written against the old API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Existing Go code may stop compiling or change meaning: a major version.
    Breaking,
    /// New API only: a minor version.
    Additive,
    /// Compatible, but worth telling users (deprecations).
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// The declaration, e.g. `func ParsePort`.
    pub item: String,
    pub detail: String,
}

/// The changes from `old` to `new`, breaking ones first.
pub fn diff(old: &BTreeMap<String, Decl>, new: &BTreeMap<String, Decl>) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |kind, item: &str, detail: String| {
        out.push(Change {
            kind,
            item: item.to_string(),
            detail,
        })
    };
    for (key, before) in old {
        match new.get(key) {
            None => push(Kind::Breaking, key, "removed (or renamed)".into()),
            Some(after) if after.shape != before.shape => push(
                Kind::Breaking,
                key,
                format!("changed: {} -> {}", before.shape, after.shape),
            ),
            Some(after) if after.deprecated && !before.deprecated => {
                push(Kind::Note, key, "deprecated".into())
            }
            Some(_) => {}
        }
    }
    for (key, after) in new {
        if old.contains_key(key) || field_of_new_type(key, old) {
            continue;
        }
        if after.required {
            push(
                Kind::Breaking,
                key,
                "new record field: Go code that builds the record without it now sends its zero value, and unkeyed literals stop compiling".into(),
            );
        } else if after.error_variant {
            push(
                Kind::Additive,
                key,
                "new error variant: code handling every variant of the error should handle it".into(),
            );
        } else {
            push(Kind::Additive, key, "added".into());
        }
    }
    out.sort_by(|a, b| (a.kind, &a.item).cmp(&(b.kind, &b.item)));
    out
}

/// Whether `key` is a field (`field T.X`) of a type that the old API did not have: the new type
/// is the change worth reporting, not each of its fields.
fn field_of_new_type(key: &str, old: &BTreeMap<String, Decl>) -> bool {
    key.strip_prefix("field ")
        .and_then(|f| f.split_once('.'))
        .is_some_and(|(ty, _)| !old.contains_key(&format!("type {ty}")))
}

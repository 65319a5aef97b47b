//! `ferrogo check old.json new.json`: which differences between two API snapshots (`ferrogo ir`
//! output) break Go code written against the old one. Exit status 0: compatible; 1: breaking
//! changes; 2: a snapshot could not be read.

mod diff;
mod report;
mod surface;

use std::path::Path;
use std::process::ExitCode;

use ferrogo_syntax::{Crate, ABI_VERSION};

use diff::{diff, Change, Kind};
use surface::surface;

pub fn run(old: &Path, new: &Path, json: bool) -> ExitCode {
    let (old_crate, new_crate) = match (load(old), load(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("ferrogo check: {e}");
            return ExitCode::from(2);
        }
    };
    let mut changes = diff(&surface(&old_crate), &surface(&new_crate));
    if old_crate.name != new_crate.name {
        changes.push(Change {
            kind: Kind::Note,
            item: "crate".into(),
            detail: format!(
                "Rust crate renamed {} -> {}: the library file and its C symbols change; regenerate the package",
                old_crate.name, new_crate.name
            ),
        });
    }
    if old_crate.abi_version != new_crate.abi_version {
        changes.push(Change {
            kind: Kind::Note,
            item: "ferrogo ABI".into(),
            detail: format!(
                "snapshots from different ferrogo ABI versions ({} -> {}): regenerate the Go package with the new ferrogo",
                old_crate.abi_version, new_crate.abi_version
            ),
        });
    }
    if json {
        print!("{}", report::json(&changes));
    } else {
        print!("{}", report::text(&changes));
    }
    if changes.iter().any(|c| c.kind == Kind::Breaking) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a snapshot, refusing one written by a newer ferrogo: its rules may differ from ours.
fn load(path: &Path) -> Result<Crate, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let not_snapshot = |e: &dyn std::fmt::Display| {
        format!(
            "{} is not an API snapshot (`ferrogo ir --crate DIR > api.json` writes one): {e}",
            path.display()
        )
    };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| not_snapshot(&e))?;
    if let Some(v) = value.get("abi_version").and_then(|v| v.as_u64()) {
        if v > u64::from(ABI_VERSION) {
            return Err(format!(
                "{} was written by a newer ferrogo (ABI version {v}; this ferrogo knows {ABI_VERSION}): upgrade ferrogo",
                path.display()
            ));
        }
    }
    serde_json::from_value(value).map_err(|e| not_snapshot(&e))
}

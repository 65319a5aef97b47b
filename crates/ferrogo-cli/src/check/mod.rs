//! `ferrogo check old.json new.json`: which differences between two API snapshots (`ferrogo ir`
//! output) break Go code written against the old one. Exit status 0: compatible; 1: breaking
//! changes; 2: the snapshots could not be read.

mod diff;
mod surface;

use std::path::Path;
use std::process::ExitCode;

use ferrogo_syntax::Crate;

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
    let count = |k| changes.iter().filter(|c| c.kind == k).count();
    let (breaking, additive, notes) = (count(Kind::Breaking), count(Kind::Additive), count(Kind::Note));
    if json {
        let report = serde_json::json!({
            "breaking": breaking,
            "additive": additive,
            "notes": notes,
            "changes": changes,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serializes")
        );
    } else {
        for c in &changes {
            let label = match c.kind {
                Kind::Breaking => "BREAKING",
                Kind::Additive => "ADDITIVE",
                Kind::Note => "NOTE",
            };
            println!("{label:<9} {}: {}", c.item, c.detail);
        }
        println!(
            "ferrogo check: {breaking} breaking, {additive} additive, {notes} note(s){}",
            match (breaking, additive) {
                (0, 0) => ": the Go API is unchanged",
                (0, _) => ": compatible (minor version)",
                _ => ": incompatible (major version)",
            }
        );
    }
    if breaking > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn load(path: &Path) -> Result<Crate, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not an API snapshot (`ferrogo ir --crate DIR > api.json` writes one): {e}",
            path.display()
        )
    })
}

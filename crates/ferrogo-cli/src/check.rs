//! `ferrogo check old.json new.json`: placeholder replaced by the semver checker.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_old: &Path, _new: &Path) -> ExitCode {
    eprintln!("ferrogo check: not implemented yet");
    ExitCode::from(2)
}

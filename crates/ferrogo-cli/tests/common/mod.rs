//! Helpers shared by the CLI's integration tests: run the real `ferrogo` binary.

use std::process::{Command, Output};

/// Runs `ferrogo` with `args`.
pub fn ferrogo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferrogo"))
        .args(args)
        .output()
        .expect("ferrogo runs")
}

/// Output bytes as text.
pub fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

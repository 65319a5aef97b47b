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

/// The stderr of a run that must fail (panics, showing stdout, if it succeeded).
#[allow(dead_code)] // each test binary compiles this module; check.rs asserts exact exit codes
pub fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "ferrogo succeeded: {}", text(&out.stdout));
    text(&out.stderr)
}

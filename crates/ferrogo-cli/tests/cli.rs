//! The `ferrogo` command's help and its errors for unusable crates, through the real binary.

mod common;

use common::{failure, ferrogo, text};

#[test]
fn help_lists_every_command() {
    let out = ferrogo(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for command in ["build", "generate", "ir", "check"] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(command)),
            "{command} missing in:\n{help}"
        );
    }
}

#[test]
fn no_command_is_a_usage_error() {
    let out = ferrogo(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage"), "{}", text(&out.stderr));
}

#[test]
fn build_reports_a_missing_crate_clearly() {
    let out = ferrogo(&[
        "build",
        "--crate",
        "/nonexistent/crate",
        "--out",
        "/tmp/x",
        "--module",
        "example.com/x",
    ]);
    let stderr = failure(&out);
    assert!(stderr.contains("no Cargo.toml in /nonexistent/crate"), "{stderr}");
}

#[test]
fn ir_reports_a_missing_crate_clearly() {
    let out = ferrogo(&["ir", "--crate", "/nonexistent/crate"]);
    let stderr = failure(&out);
    assert!(stderr.contains("no Cargo.toml in /nonexistent/crate"), "{stderr}");
}

#[test]
fn build_requires_a_staticlib() {
    // A crate whose Cargo.toml has no `crate-type = ["staticlib", ...]`.
    let dir = std::env::temp_dir().join(format!("ferrogo-rlib-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"plain\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "#[ferrogo::export]\npub fn one() -> u8 { 1 }\n",
    )
    .unwrap();
    let out = ferrogo(&[
        "build",
        "--crate",
        dir.to_str().unwrap(),
        "--out",
        dir.join("go").to_str().unwrap(),
        "--module",
        "example.com/plain",
    ]);
    let stderr = failure(&out);
    assert!(
        stderr.contains("does not build a static library")
            && stderr.contains("crate-type = [\"staticlib\", \"rlib\"]"),
        "{stderr}"
    );
}

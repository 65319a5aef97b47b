//! `ferrogo check` through the real binary, on snapshots `ferrogo ir` writes of the versioned
//! fixture crates in tests/data/check (parsed only, never built).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ferrogo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferrogo"))
        .args(args)
        .output()
        .expect("ferrogo runs")
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// Writes the API snapshot of tests/data/check/<version> into a fresh temporary directory.
fn snapshot(version: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/check")
        .join(version);
    let out = ferrogo(&["ir", "--crate", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "ferrogo ir {version}: {}",
        text(&out.stderr)
    );
    let tmp = std::env::temp_dir().join(format!("ferrogo-check-{}-{version}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let path = tmp.join("api.json");
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

fn check(old: &Path, new: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", old.to_str().unwrap(), new.to_str().unwrap()];
    args.extend(extra);
    ferrogo(&args)
}

#[test]
fn breaking_changes_exit_1_and_are_listed() {
    let out = check(&snapshot("v1"), &snapshot("v2"), &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    for line in [
        "BREAKING  func Add: changed: (a, b int64) int64 -> (a, b, c int64) int64",
        "BREAKING  func OldName: removed (or renamed)",
        "BREAKING  method (*Counter).Reset: removed (or renamed)",
        "BREAKING  field Point.Z: new record field",
        "ADDITIVE  func NewName: added",
        "ADDITIVE  func Sub: added",
        "ADDITIVE  method (*Counter).Incr: added",
        "ADDITIVE  const ModeAppend: added",
        "ADDITIVE  type TooLongError: new error variant",
        "NOTE      func Stays: deprecated",
        "ferrogo check: 4 breaking, 5 additive, 1 note(s): incompatible (major version)",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in:\n{stdout}");
    }
    // Fields of a new type are not reported one by one; unchanged declarations not at all.
    assert!(!stdout.contains("TooLongError.Max"), "{stdout}");
    assert!(!stdout.contains("ParsePort"), "{stdout}");
    // Breaking changes come first.
    let first_additive = stdout.find("ADDITIVE").unwrap();
    assert!(stdout.rfind("BREAKING").unwrap() < first_additive, "{stdout}");
}

#[test]
fn compatible_changes_exit_0() {
    let out = check(&snapshot("v1"), &snapshot("v1_compatible"), &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("ADDITIVE  func Sub: added"), "{stdout}");
    assert!(stdout.contains("NOTE      func Stays: deprecated"), "{stdout}");
    assert!(stdout.contains("compatible (minor version)"), "{stdout}");
}

#[test]
fn identical_snapshots_exit_0() {
    let v1 = snapshot("v1");
    let out = check(&v1, &v1, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("the Go API is unchanged"));
}

#[test]
fn going_back_reports_the_reverse() {
    // v2 -> v1: what v2 added is now removed (breaking), the new field gone (breaking).
    let out = check(&snapshot("v2"), &snapshot("v1"), &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("BREAKING  func Sub: removed"), "{stdout}");
    assert!(stdout.contains("BREAKING  field Point.Z: removed"), "{stdout}");
    assert!(stdout.contains("BREAKING  const ModeAppend: removed"), "{stdout}");
}

#[test]
fn json_output() {
    let out = check(&snapshot("v1"), &snapshot("v2"), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["breaking"], 4);
    assert_eq!(report["additive"], 5);
    assert_eq!(report["notes"], 1);
    let changes = report["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["kind"] == "breaking"
        && c["item"] == "func Add"
        && c["detail"].as_str().unwrap().contains("(a, b, c int64)")));
}

#[test]
fn unreadable_snapshots_exit_2() {
    let v1 = snapshot("v1");
    let missing = v1.with_file_name("missing.json");
    let out = check(&v1, &missing, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read"), "{}", text(&out.stderr));

    let garbage = v1.with_file_name("garbage.json");
    std::fs::write(&garbage, "{\"not\": \"a snapshot\"}").unwrap();
    let out = check(&garbage, &v1, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is not an API snapshot"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn help_explains_exit_codes() {
    let out = ferrogo(&["check", "--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(
        help.contains("Exits 0 when the new API is compatible, 1 on breaking changes, 2"),
        "{help}"
    );
    assert!(help.contains("--json"), "{help}");
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
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no Cargo.toml in /nonexistent/crate"),
        "{}",
        text(&out.stderr)
    );
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
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("does not build a static library")
            && stderr.contains("crate-type = [\"staticlib\", \"rlib\"]"),
        "{stderr}"
    );
}

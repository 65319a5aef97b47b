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

/// `ferrogo generate` of the `ferrogo check` v1 fixture into a fresh directory holding `files`.
fn generate_into(name: &str, files: &[(&str, &str)]) -> (std::path::PathBuf, std::process::Output) {
    let dir = std::env::temp_dir().join(format!("ferrogo-vet-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let krate = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/check/v1");
    let out = ferrogo(&[
        "generate",
        "--crate",
        krate,
        "--out",
        dir.to_str().unwrap(),
        "--module",
        "example.com/checked",
    ]);
    (dir, out)
}

#[test]
fn generate_type_checks_the_package_it_writes() {
    let (dir, out) = generate_into("ok", &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.join("checked_ferrogo.go").exists());
    // go.mod points at this checkout's Go runtime, so the package builds outside the repository.
    let go_mod = std::fs::read_to_string(dir.join("go.mod")).unwrap();
    assert!(
        go_mod.contains("replace github.com/ferrogo/ferrogo/go => "),
        "{go_mod}"
    );
}

#[test]
fn a_clash_with_hand_written_go_names_the_rust_item() {
    let clash = "package checked\n\n// Add clashes with the generated Add.\nfunc Add() {}\n";
    let (_, out) = generate_into("clash", &[("clash.go", clash)]);
    let stderr = failure(&out);
    for want in [
        "does not type-check (go vet)",
        "Add redeclared",
        "(generated from the Rust function `add`)",
        "by a hand-written file of the package",
        "--no-check",
    ] {
        assert!(stderr.contains(want), "{want:?} missing in:\n{stderr}");
    }
}

/// Recursive types (a type holding itself through a list, a map or a box; two types holding
/// each other) are generated, fuzzed, snapshot and compared like any others: the generator
/// and the checker follow each type once (`generate` used to recurse until its stack
/// overflowed).
#[test]
fn recursive_types_generate_and_check() {
    let krate = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/recursive");
    let dir = std::env::temp_dir().join(format!("ferrogo-recursive-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = ferrogo(&[
        "generate",
        "--fuzz",
        "--crate",
        krate,
        "--out",
        dir.to_str().unwrap(),
        "--module",
        "example.com/recursive",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let go = std::fs::read_to_string(dir.join("fixture_recursive_ferrogo.go")).unwrap();
    assert!(go.contains("func cNode(v Node, keep *rt.Keep)") && go.contains("Kids: goVecNode(v.f_kids)"));
    assert!(dir.join("fixture_recursive_ferrogo_fuzz_test.go").exists());

    let ir = ferrogo(&["ir", "--crate", krate]);
    assert!(ir.status.success(), "{}", text(&ir.stderr));
    let old = dir.join("old.json");
    let new = dir.join("new.json");
    std::fs::write(&old, &ir.stdout).unwrap();
    let renamed = text(&ir.stdout).replace("\"go_name\": \"Kids\"", "\"go_name\": \"Children\"");
    std::fs::write(&new, renamed).unwrap();
    let same = ferrogo(&["check", old.to_str().unwrap(), old.to_str().unwrap()]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stdout));
    let changed = ferrogo(&["check", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(changed.status.code(), Some(1), "{}", text(&changed.stdout));
    assert!(
        text(&changed.stdout).contains("BREAKING  field Node.Kids: renamed to field Node.Children"),
        "{}",
        text(&changed.stdout)
    );
    std::fs::remove_dir_all(&dir).ok();
}

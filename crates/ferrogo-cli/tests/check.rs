//! `ferrogo check` through the real binary, on snapshots `ferrogo ir` writes of the versioned
//! fixture crates in tests/data/check (parsed only, never built): v1, v1_compatible (v1 with
//! compatible changes only) and v2 (v1 with breaking ones). Each test checks one rule.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;

use common::{ferrogo, text};

/// A fresh file in a temporary directory (tests run in parallel: no two share a file).
fn temp_file(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ferrogo-check-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// `ferrogo ir` of tests/data/check/<version>, as text.
fn ir(version: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/check")
        .join(version);
    let out = ferrogo(&["ir", "--crate", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "ferrogo ir {version}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Writes the API snapshot of tests/data/check/<version> to a temporary file.
fn snapshot(version: &str) -> PathBuf {
    let path = temp_file(&format!("{version}.json"));
    std::fs::write(&path, ir(version)).unwrap();
    path
}

fn check(old: &Path, new: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", old.to_str().unwrap(), new.to_str().unwrap()];
    args.extend(extra);
    ferrogo(&args)
}

/// The exit code and stdout of `ferrogo check` between two fixture versions.
fn report(old: &str, new: &str) -> (Option<i32>, String) {
    let out = check(&snapshot(old), &snapshot(new), &[]);
    (out.status.code(), text(&out.stdout))
}

#[track_caller]
fn assert_lines(report: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            report.lines().any(|l| l.starts_with(line)),
            "missing a line starting {line:?} in:\n{report}"
        );
    }
}

#[track_caller]
fn assert_silent(report: &str, words: &[&str]) {
    for w in words {
        assert!(!report.contains(w), "{w:?} should not be reported:\n{report}");
    }
}

#[test]
fn removed_declarations_break() {
    let (code, out) = report("v1", "v2");
    assert_eq!(code, Some(1), "{out}");
    assert_lines(
        &out,
        &[
            "BREAKING  func OldName: removed (Rust old_name)",
            "BREAKING  method (*Counter).Reset: removed",
            "BREAKING  type Cache: removed",
            "BREAKING  func NewCache: removed",
            "BREAKING  type Legacy: removed",
            "BREAKING  const ColorBlue: removed",
            "BREAKING  var ErrMissing: removed",
        ],
    );
    // A removed type is one change, not one per method or field.
    assert_silent(&out, &["(*Cache).Len", "field Legacy.ID"]);
}

#[test]
fn go_renames_break() {
    let (_, out) = report("v1", "v2");
    assert_lines(
        &out,
        &[
            "BREAKING  func Lookup: renamed to func Find (Rust lookup)",
            "BREAKING  method (*Counter).Get: renamed to method (*Counter).Value",
            // Unexporting is a rename too: Go code outside the package loses it.
            "BREAKING  method (*Counter).Total: renamed to method (*Counter).total",
            // A Rust rename that changes the Go name cannot be told from a removal.
            "ADDITIVE  func NewName: added",
        ],
    );
    assert_silent(&out, &["func Find: added", "(*Counter).Value: added"]);
}

#[test]
fn signature_changes_break() {
    let (_, out) = report("v1", "v2");
    assert_lines(
        &out,
        &[
            "BREAKING  func PortOf: parameter 1 (s) type changed string -> int64",
            "BREAKING  func Add: parameters changed (a, b int64) -> (a, b, c int64)",
            "BREAKING  func Count: results changed uint32 -> uint64",
            "BREAKING  func Load: now returns an error: results uint32 -> (uint32, error)",
            "BREAKING  func Save: no longer returns an error: results error -> ()",
            "BREAKING  func Slow: parameters changed (n uint64) -> (ctx context.Context, n uint64)",
            "BREAKING  func Slow: now returns an error",
            "BREAKING  func NewCounterWithStep: parameters changed (start, step int64) -> (step int64)",
        ],
    );
}

#[test]
fn record_field_changes_break() {
    let (_, out) = report("v1", "v2");
    assert_lines(
        &out,
        &[
            "BREAKING  field Point.Z: new record field",
            "BREAKING  field Rect.Label: record field removed",
            "BREAKING  field Size.W: type changed uint32 -> uint64",
            "BREAKING  type Rect: field order changed {X, Y} -> {Y, X}",
        ],
    );
}

#[test]
fn enum_values_and_error_kinds_break() {
    let (_, out) = report("v1", "v2");
    assert_lines(
        &out,
        &[
            "BREAKING  const LevelLow: value changed 0 -> 1",
            "BREAKING  const LevelHigh: value changed 1 -> 0",
            "BREAKING  var ErrTimeout: error variant ConfigError::Timeout now has fields: sentinel var ErrTimeout became error struct type TimeoutError",
        ],
    );
    assert_eq!(
        out.matches("ErrTimeout").count(),
        2,
        "one line for the change:\n{out}"
    );
    assert_silent(&out, &["type TimeoutError: added"]);
}

#[test]
fn additions_are_additive() {
    let (code, out) = report("v1", "v1_compatible");
    assert_eq!(code, Some(0), "{out}");
    assert_lines(
        &out,
        &[
            "ADDITIVE  func Sub: added",
            "ADDITIVE  type Pool: added",
            "ADDITIVE  func NewPool: added",
            "ADDITIVE  type Shade: added",
            "ADDITIVE  const ShadeLight: added",
            "ADDITIVE  field InvalidError.Code: added",
            "ADDITIVE  const ModeAppend: new Mode value 2: a switch over Mode without a default case does not handle it",
            "ADDITIVE  type TooLongError: new variant of error ConfigError: code that handles every variant",
        ],
    );
    // Members of a new type come with it.
    assert_silent(&out, &["(*Pool).Size", "field TooLongError.Max"]);
    assert!(out.contains("compatible (minor version)"), "{out}");
}

#[test]
fn changes_go_cannot_see_are_internal() {
    let (code, out) = report("v1", "v1_compatible");
    assert_eq!(code, Some(0), "{out}");
    assert_lines(
        &out,
        &[
            "INTERNAL  func Greet: same Go signature, but the Rust one changed from fn(&str) -> String to fn(String) -> String",
            "INTERNAL  func rawFind: parameters changed (s string) -> (s string, start int64) (unexported",
        ],
    );
    // Go parameter names are not part of the type; a Rust rename under the same Go name is
    // invisible to Go.
    assert_silent(&out, &["Scale", "Area"]);
}

#[test]
fn deprecations_are_notes() {
    let (_, out) = report("v1", "v1_compatible");
    assert_lines(&out, &["NOTE      func Stays: deprecated since 1.1: use add"]);
}

#[test]
fn output_is_grouped_breaking_first_with_a_summary() {
    let (_, out) = report("v1", "v2");
    let first = |label: &str| out.find(label).unwrap();
    let last = |label: &str| out.rfind(label).unwrap();
    assert!(last("BREAKING") < first("ADDITIVE"), "{out}");
    assert!(last("ADDITIVE") < first("NOTE"), "{out}");
    assert!(out.contains("\n\nADDITIVE"), "groups are separated:\n{out}");
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("BREAKING")).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    assert_eq!(
        out.lines().last().unwrap(),
        "ferrogo check: 27 breaking, 5 additive, 0 internal, 1 note(s): incompatible (major version)"
    );
}

#[test]
fn identical_snapshots_exit_0() {
    let (code, out) = report("v1", "v1");
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "ferrogo check: 0 breaking, 0 additive, 0 internal, 0 note(s): the Go API is unchanged\n"
    );
}

#[test]
fn going_back_reports_the_reverse() {
    // v2 -> v1: what v2 added is now removed, and v2's renames run backwards.
    let (code, out) = report("v2", "v1");
    assert_eq!(code, Some(1), "{out}");
    assert_lines(
        &out,
        &[
            "BREAKING  func Sub: removed",
            "BREAKING  field Point.Z: record field removed",
            "BREAKING  const ModeAppend: removed",
            "BREAKING  func Find: renamed to func Lookup",
            "BREAKING  type TimeoutError: error variant ConfigError::Timeout lost its fields",
            "ADDITIVE  type Cache: added",
        ],
    );
}

#[test]
fn json_output_is_an_array_of_changes() {
    let out = check(&snapshot("v1"), &snapshot("v2"), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let changes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON array");
    assert_eq!(changes.len(), 33);
    let count = |k: &str| changes.iter().filter(|c| c["kind"] == k).count();
    assert_eq!((count("breaking"), count("additive"), count("note")), (27, 5, 1));
    assert!(
        changes
            .iter()
            .any(|c| c["item"] == "func PortOf"
                && c["detail"] == "parameter 1 (s) type changed string -> int64")
    );
    for c in &changes {
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["detail", "item", "kind"]);
    }

    let out = check(&snapshot("v1"), &snapshot("v1_compatible"), &["--json"]);
    assert_eq!(out.status.code(), Some(0));
    let changes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(changes.iter().any(|c| c["kind"] == "internal"));
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let v1 = snapshot("v1");
    let missing = v1.with_file_name("missing.json");
    let out = check(&v1, &missing, &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot read") && stderr.contains(missing.to_str().unwrap()),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_json_exits_2_naming_the_file() {
    let v1 = snapshot("v1");
    for (name, content) in [
        ("broken.json", "{\"name\": "),
        ("other.json", "{\"not\": \"a snapshot\"}"),
    ] {
        let bad = temp_file(name);
        std::fs::write(&bad, content).unwrap();
        let out = check(&bad, &v1, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("{} is not an API snapshot", bad.display())),
            "{stderr}"
        );
    }
}

/// The snapshot of v1 with its ABI version replaced.
fn with_abi_version(version: u32) -> PathBuf {
    let mut value: serde_json::Value = serde_json::from_str(&ir("v1")).unwrap();
    value["abi_version"] = version.into();
    let path = temp_file(&format!("abi{version}.json"));
    std::fs::write(&path, value.to_string()).unwrap();
    path
}

#[test]
fn a_snapshot_from_a_newer_ferrogo_exits_2() {
    let newer = with_abi_version(999);
    let out = check(&snapshot("v1"), &newer, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("was written by a newer ferrogo (ABI version 999"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_snapshot_from_an_older_ferrogo_is_a_note() {
    let out = check(&with_abi_version(0), &snapshot("v1"), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_lines(
        &text(&out.stdout),
        &[&format!(
            "NOTE      ferrogo ABI: snapshots from different ferrogo ABI versions (0 -> {})",
            ferrogo_syntax::ABI_VERSION
        )],
    );
}

#[test]
fn help_explains_exit_codes_and_ci_use() {
    let out = ferrogo(&["check", "--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for want in [
        "Exits 0 when the new API is compatible, 1 on breaking changes, 2",
        "ferrogo ir --crate . > new.json && ferrogo check api.json new.json",
        "--json",
    ] {
        assert!(help.contains(want), "missing {want:?} in:\n{help}");
    }
}

#[test]
fn missing_arguments_are_a_usage_error() {
    let out = ferrogo(&["check", "only-one.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("<NEW>"), "{}", text(&out.stderr));
}

#[test]
fn a_new_sum_type_variant_is_additive() {
    let (code, out) = report("v1", "v1_compatible");
    assert_eq!(code, Some(0), "{out}");
    assert_lines(
        &out,
        &["ADDITIVE  type ShapeTriangle: new variant of Shape: a type switch over Shape without a default case does not handle it"],
    );
    // The variant's fields come with it.
    assert_silent(&out, &["field ShapeTriangle.A"]);
}

#[test]
fn container_and_custom_type_changes_break() {
    let (_, out) = report("v1", "v2");
    assert_lines(
        &out,
        &[
            "BREAKING  func WordCounts: results changed map[string]uint32 -> map[string]uint64",
            // Go sees a custom type as its builtin type: changing that changes the signatures.
            "BREAKING  func Send: parameter 1 (to) type changed string -> uint64",
        ],
    );
    assert_silent(&out, &["Email"]);
}

/// A snapshot of a one-file crate written here (parsed by `ferrogo ir`, never built).
fn snapshot_of(name: &str, lib_rs: &str) -> PathBuf {
    let dir = temp_file(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"checked\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[lib]\ncrate-type = [\"staticlib\", \"rlib\"]\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), lib_rs).unwrap();
    let out = ferrogo(&["ir", "--crate", dir.to_str().unwrap()]);
    assert!(out.status.success(), "ferrogo ir: {}", text(&out.stderr));
    let path = temp_file(&format!("{name}.json"));
    std::fs::write(&path, text(&out.stdout)).unwrap();
    path
}

#[test]
fn removing_a_std_trait_breaks_and_adding_one_is_additive() {
    let with = snapshot_of(
        "traits_with",
        "#[ferrogo::record(Display)]\n#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]\npub struct P { pub x: i32 }\n",
    );
    let without = snapshot_of(
        "traits_without",
        "#[ferrogo::record]\n#[derive(PartialEq)]\npub struct P { pub x: i32 }\n",
    );
    // `ferrogo ir` shows the traits on the type, and their methods.
    let ir = std::fs::read_to_string(&with).unwrap();
    assert!(ir.contains("\"traits\": [\n        \"display\","), "{ir}");
    assert!(ir.contains("\"go_name\": \"Compare\""), "{ir}");
    let out = check(&with, &without, &[]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_lines(
        &report,
        &[
            "BREAKING  method (P).String: removed (Rust `Display` of P)",
            "BREAKING  method (P).Compare: removed (Rust `Ord` of P)",
            "BREAKING  method (P).Hash: removed (Rust `Hash` of P)",
        ],
    );
    assert_silent(&report, &["(P).Equal"]);
    let back = text(&check(&without, &with, &[]).stdout);
    assert_lines(&back, &["ADDITIVE  method (P).Hash: added"]);
}

//! Golden tests of the generated Go: each `golden/<case>/lib.rs` is loaded as a crate, generated
//! with package name `pkg`, run through `gofmt` and compared with `golden/<case>/expected.go`.
//!
//! The expected files change whenever the generator does. After an intended change, rewrite them
//! with
//!
//!     FERROGO_BLESS=1 cargo test -p ferrogo-gen --test golden
//!
//! and review the diff of `expected.go` files like any other code change.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.join("lib.rs").is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no golden cases found");
    cases
}

fn gofmt_available() -> bool {
    Command::new("gofmt")
        .arg("-h")
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `gofmt` over `source`, panicking with gofmt's message if it rejects the code.
fn gofmt(source: &str, case: &str) -> String {
    let mut child = Command::new("gofmt")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gofmt starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(source.as_bytes())
        .expect("write to gofmt");
    let out = child.wait_with_output().expect("gofmt runs");
    assert!(
        out.status.success(),
        "gofmt rejected the Go generated for `{case}`:\n{}\n--- generated ---\n{source}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("gofmt writes UTF-8")
}

fn generate(case_dir: &Path) -> String {
    let case = case_dir.file_name().unwrap().to_string_lossy().into_owned();
    let krate = ferrogo_syntax::load::load_crate(&case, &case_dir.join("lib.rs")).unwrap_or_else(|errors| {
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        panic!("golden case `{case}` does not load:\n{}", msgs.join("\n"))
    });
    let go = ferrogo_gen::generate(&krate, &ferrogo_gen::Options::new("pkg"));
    gofmt(&go, &case)
}

#[test]
fn generated_go_matches_expected() {
    if !gofmt_available() {
        eprintln!("SKIPPED golden tests: `gofmt` is not on PATH (install Go to run them)");
        return;
    }
    let bless = std::env::var_os("FERROGO_BLESS").is_some_and(|v| v == "1");
    let mut mismatches = Vec::new();
    for dir in cases() {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let actual = generate(&dir);
        let expected_path = dir.join("expected.go");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expected.go");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            mismatches.push(format!("{case}:\n{}", first_difference(&expected, &actual)));
        }
    }
    // After blessing too: the files written must be what gofmt prints.
    expected_files_are_gofmt_clean();
    assert!(
        mismatches.is_empty(),
        "generated Go differs from the golden files (if the change is intended, rerun with \
         FERROGO_BLESS=1 and review the diff):\n\n{}",
        mismatches.join("\n\n")
    );
}

/// Each expected file is what gofmt prints, so `gofmt -l` lists none of them. (Part of the test
/// above rather than its own, so that it never races a blessing run.)
fn expected_files_are_gofmt_clean() {
    let files: Vec<PathBuf> = cases().iter().map(|d| d.join("expected.go")).collect();
    for f in &files {
        assert!(
            f.is_file(),
            "{} is missing: run with FERROGO_BLESS=1",
            f.display()
        );
    }
    let out = Command::new("gofmt")
        .arg("-l")
        .args(&files)
        .output()
        .expect("gofmt runs");
    assert!(
        out.status.success(),
        "gofmt -l failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "not gofmt-clean:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The first differing line with a little context, so a failure is readable without a diff tool.
fn first_difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let at = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = at.saturating_sub(3);
    let show = |lines: &[&str]| {
        lines
            .iter()
            .enumerate()
            .skip(from)
            .take(at - from + 4)
            .map(|(i, l)| format!("{:>5} | {l}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {}\n--- expected ---\n{}\n--- generated ---\n{}",
        at + 1,
        show(&e),
        show(&a)
    )
}

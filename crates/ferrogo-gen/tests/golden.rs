//! Golden tests of the generated Go: each `golden/<case>/lib.rs` is loaded as a crate, generated
//! with package name `pkg`, run through `gofmt` and compared with `golden/<case>/expected.go`
//! (and its fuzz targets with `expected_fuzz.go`). The fixture crates of the types added later
//! (`FIXTURES`) are golden cases too, read where they live: `golden/fixture_<name>/` holds only
//! their expected files.
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

/// Fixture crates under tests/fixtures that are golden cases as well.
const FIXTURES: [&str; 9] = [
    "sumtypes",
    "nested",
    "stdtypes",
    "objectargs",
    "callbacks",
    "asyncs",
    "recursive",
    "wasm",
    "stdtraits",
];

/// A golden case: the crate's lib.rs and the directory of its expected files.
struct Case {
    name: String,
    lib: PathBuf,
    dir: PathBuf,
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.join("lib.rs").is_file())
        .map(|dir| Case {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            lib: dir.join("lib.rs"),
            dir,
        })
        .collect();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    cases.extend(FIXTURES.iter().map(|f| Case {
        name: format!("fixture_{f}"),
        lib: fixtures.join(f).join("src/lib.rs"),
        dir: golden_dir().join(format!("fixture_{f}")),
    }));
    cases.sort_by(|a, b| a.name.cmp(&b.name));
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

/// The package, the fuzz targets (if any function can be fuzzed), the `//export` file (if
/// Rust calls Go code) and, for the wasm fixture, the `//go:build !cgo` file of the second
/// emitter (ADR 0018) generated for `case`.
fn generate(case: &Case) -> (String, Option<String>, Option<String>, Option<String>) {
    let krate = ferrogo_syntax::load::load_crate(&case.name, &case.lib).unwrap_or_else(|errors| {
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        panic!("golden case `{}` does not load:\n{}", case.name, msgs.join("\n"))
    });
    let opts = ferrogo_gen::Options::new("pkg");
    let files = ferrogo_gen::generate_files(&krate, &opts);
    let fuzz = ferrogo_gen::generate_fuzz(&krate, &opts);
    let wazero = (case.name == "fixture_wasm").then(|| {
        let source =
            ferrogo_gen::generate_wasm(&krate, &opts, 0).expect("the wasm fixture is all supported kinds");
        gofmt(&source, &case.name)
    });
    (
        gofmt(&files.package, &case.name),
        fuzz.map(|f| gofmt(&f, &case.name)),
        files.callbacks.map(|f| gofmt(&f, &case.name)),
        wazero,
    )
}

/// The expected files of a case and what they must hold (`None`: the file must not exist).
fn outputs(case: &Case) -> [(PathBuf, Option<String>); 4] {
    let (go, fuzz, callbacks, wazero) = generate(case);
    [
        (case.dir.join("expected.go"), Some(go)),
        (case.dir.join("expected_fuzz.go"), fuzz),
        (case.dir.join("expected_callbacks.go"), callbacks),
        (case.dir.join("expected_wazero.go"), wazero),
    ]
}

#[test]
fn generated_go_matches_expected() {
    if !gofmt_available() {
        eprintln!("SKIPPED golden tests: `gofmt` is not on PATH (install Go to run them)");
        return;
    }
    let bless = std::env::var_os("FERROGO_BLESS").is_some_and(|v| v == "1");
    let mut mismatches = Vec::new();
    for case in cases() {
        for (path, actual) in outputs(&case) {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if bless {
                match &actual {
                    Some(text) => {
                        std::fs::create_dir_all(&case.dir).expect("create the case's directory");
                        std::fs::write(&path, text).expect("write the expected file");
                    }
                    None => {
                        let _ = std::fs::remove_file(&path);
                    }
                }
                continue;
            }
            let expected = std::fs::read_to_string(&path).ok();
            match (expected, actual) {
                (Some(e), Some(a)) if e != a => {
                    mismatches.push(format!("{}/{file}:\n{}", case.name, first_difference(&e, &a)))
                }
                (None, Some(_)) => mismatches.push(format!("{}/{file} is missing", case.name)),
                (Some(_), None) => mismatches.push(format!(
                    "{}/{file} exists, but nothing is generated for it",
                    case.name
                )),
                _ => {}
            }
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
    let mut files: Vec<PathBuf> = cases().iter().map(|c| c.dir.join("expected.go")).collect();
    files.extend(
        cases()
            .iter()
            .flat_map(|c| {
                [
                    c.dir.join("expected_fuzz.go"),
                    c.dir.join("expected_callbacks.go"),
                    c.dir.join("expected_wazero.go"),
                ]
            })
            .filter(|f| f.is_file()),
    );
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

/// The wasm emitter does not call std trait methods of records yet: `--targets wasm` refuses
/// them at build time, naming the Go method and the trait (not a hidden Rust name).
#[test]
fn wasm_refuses_std_trait_methods_of_records_by_name() {
    let case = cases()
        .into_iter()
        .find(|c| c.name == "fixture_stdtraits")
        .expect("the stdtraits fixture is a golden case");
    let krate = ferrogo_syntax::load::load_crate(&case.name, &case.lib).expect("loads");
    let err = ferrogo_gen::generate_wasm(&krate, &ferrogo_gen::Options::new("pkg"), 0)
        .expect_err("record methods are not supported by the wasm emitter");
    assert!(
        err.contains("Version.String (`Display` of record Version)"),
        "{err}"
    );
    assert!(!err.contains("__ferrogo_"), "{err}");
}

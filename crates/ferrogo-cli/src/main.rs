//! The `ferrogo` command: turn an annotated Rust crate into a Go package.

mod cargo;
mod check;
mod gocheck;
mod gofmt;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use ferrogo_gen::{file_name, generate_files, static_lib_name, Options};
use ferrogo_syntax::load::load_crate;
use ferrogo_syntax::Crate;

/// Use a Rust library from Go as if it were written for Go.
///
/// Annotate a Rust crate with #[ferrogo::export], #[ferrogo::record], #[ferrogo::error] and
/// #[ferrogo::object], then run `ferrogo build` to get a Go module that `go build` links
/// without any CGO_* variables.
#[derive(Parser)]
#[command(name = "ferrogo", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the crate as a static library (release) and write the Go package.
    ///
    /// Writes <out>/<crate>_ferrogo.go, <out>/lib/<goos>_<goarch>/lib<crate>.a and, if missing,
    /// <out>/go.mod. Hand-written .go files in <out> are left alone, so a package can add Go
    /// code around the generated API.
    Build(BuildArgs),
    /// Write the Go package only (no cargo build): for reviewing output or golden tests.
    Generate(BuildArgs),
    /// Print the crate's exported API (the IR) as JSON: the API snapshot `ferrogo check` compares.
    Ir {
        /// The Rust crate's directory (with Cargo.toml).
        #[arg(long = "crate", value_name = "DIR", default_value = ".")]
        crate_dir: PathBuf,
    },
    /// Compare two API snapshots (`ferrogo ir` output) for Go-visible breaking changes.
    ///
    /// Lists every difference of the generated Go package's API, in Go names: BREAKING
    /// (removed, renamed or changed declarations, new record fields), ADDITIVE (new
    /// declarations, enum values, error variants), INTERNAL (unexported bindings, C ABI only)
    /// or NOTE (deprecations). Exits 0 when the new API is compatible, 1 on breaking changes, 2
    /// when a snapshot cannot be read. In CI, against the committed snapshot of the last
    /// release: `ferrogo ir --crate . > new.json && ferrogo check api.json new.json`. See
    /// docs/VERSIONING.md.
    Check {
        /// The released API snapshot.
        old: PathBuf,
        /// The candidate API snapshot.
        new: PathBuf,
        /// Print the changes as a JSON array of {"kind", "item", "detail"} (kind: breaking,
        /// additive, internal or note).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// The Rust crate's directory (with Cargo.toml; crate-type must include "staticlib").
    #[arg(long = "crate", value_name = "DIR", default_value = ".")]
    crate_dir: PathBuf,
    /// Directory of the Go package to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Go module path of the package, for go.mod (e.g. example.com/mylib).
    #[arg(long, value_name = "PATH")]
    module: String,
    /// Go package name [default: the last element of --module].
    #[arg(long, value_name = "NAME")]
    package: Option<String>,
    /// Build the Rust library in debug mode instead of release.
    #[arg(long)]
    debug: bool,
    /// Also write <crate>_ferrogo_fuzz_test.go: a `go test -fuzz` target per function (and per
    /// method, with its object's constructor) whose arguments can be made up: strings, bytes and
    /// numbers directly, records, sum types, lists, maps and the like built from the fuzzer's
    /// bytes. Their seeds run with plain `go test`; `#[ferrogo(no_fuzz)]` leaves a function out.
    #[arg(long)]
    fuzz: bool,
    /// Do not type-check the written package with `go vet` (by default a package that does not
    /// compile fails the command, naming the Go error and the Rust item it came from).
    #[arg(long)]
    no_check: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(&args, true),
        Command::Generate(args) => build(&args, false),
        Command::Ir { crate_dir } => ir(&crate_dir),
        Command::Check { old, new, json } => return check::run(&old, &new, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("ferrogo: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the crate's IR, printing every problem with its location.
fn read_ir(lib: &cargo::Lib) -> Result<Crate, String> {
    read_ir_or_errors(lib).map_err(|(msg, _)| msg)
}

/// As [`read_ir`], also saying whether every problem is a whole-crate one (which the compiler
/// does not report, so `build` runs it too, to show its errors in the same round).
fn read_ir_or_errors(lib: &cargo::Lib) -> Result<Crate, (String, bool)> {
    load_crate(&lib.crate_name, &lib.src_path).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        let whole_crate_only = errors.iter().all(|e| e.whole_crate);
        (
            format!("the crate's exported API has problems:\n{}", list.join("\n")),
            whole_crate_only,
        )
    })
}

fn ir(crate_dir: &Path) -> Result<(), String> {
    let lib = cargo::library(crate_dir)?;
    let krate = read_ir(&lib)?;
    println!(
        "{}",
        serde_json::to_string_pretty(&krate).map_err(|e| e.to_string())?
    );
    Ok(())
}

fn build(args: &BuildArgs, compile: bool) -> Result<(), String> {
    let lib = cargo::library(&args.crate_dir)?;
    let krate = match read_ir_or_errors(&lib) {
        Ok(k) => k,
        // The attribute macros report per-item problems themselves; whole-crate ones only
        // ferrogo sees. Build anyway, so the compiler's errors come in the same round.
        Err((msg, true)) if compile && lib.staticlib => {
            let _ = cargo::build_staticlib(&lib, !args.debug);
            return Err(msg);
        }
        Err((msg, _)) => return Err(msg),
    };
    let package = match &args.package {
        Some(p) => p.clone(),
        None => package_from_module(&args.module)?,
    };
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;

    let mut opts = Options::new(&package);
    opts.package_doc = !args.out.join("doc.go").exists();
    if compile {
        if !lib.staticlib {
            return Err(format!(
                "{} does not build a static library: add to its Cargo.toml\n\n  [lib]\n  crate-type = [\"staticlib\", \"rlib\"]\n",
                lib.manifest.display()
            ));
        }
        let built = cargo::build_staticlib(&lib, !args.debug)?;
        let (goos, goarch) = cargo::host_go_platform()?;
        // The library's place in the package, as the generated file names it.
        let in_package = format!("lib/{goos}_{goarch}/{}", static_lib_name(&lib.crate_name));
        let dest = args.out.join(&in_package);
        let dir = dest.parent().expect("lib/<platform>/<file> has a parent");
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // Read once: the bytes are both copied into the package and checksummed for it.
        let bytes = std::fs::read(&built.archive)
            .map_err(|e| format!("cannot read {}: {e}", built.archive.display()))?;
        std::fs::write(&dest, &bytes).map_err(|e| format!("cannot write {}: {e}", dest.display()))?;
        if let Some(libs) = built.native_libs {
            opts.native_libs = libs;
        }
        opts.library = Some((in_package, ferrogo_syntax::content_hash(&bytes)));
    }

    let files = generate_files(&krate, &opts);
    let source = gofmt::format(&files.package)?;
    let file = args.out.join(file_name(&lib.crate_name));
    std::fs::write(&file, source).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let callbacks_file = args.out.join(ferrogo_gen::callbacks_file_name(&lib.crate_name));
    write_or_remove(&callbacks_file, files.callbacks.as_deref())?;
    let fuzz_file = args.out.join(ferrogo_gen::fuzz_file_name(&lib.crate_name));
    let fuzz = ferrogo_gen::generate_fuzz(&krate, &opts).filter(|_| args.fuzz);
    write_or_remove(&fuzz_file, fuzz.as_deref())?;
    let go_mod = args.out.join("go.mod");
    if !go_mod.exists() {
        // Inside a Go workspace (go.work), the workspace chooses the runtime module: a
        // `replace` here would conflict with it.
        let runtime = if in_go_workspace(&args.out) {
            None
        } else {
            go_runtime()
        };
        std::fs::write(&go_mod, go_mod_text(&args.module, runtime.as_deref()))
            .map_err(|e| format!("cannot write {}: {e}", go_mod.display()))?;
    }
    if !args.no_check {
        gocheck::vet(&args.out, &[&file, &fuzz_file, &callbacks_file], &krate)?;
    }
    eprintln!(
        "ferrogo: wrote Go package {package} ({}) in {}",
        args.module,
        args.out.display()
    );
    Ok(())
}

/// The go.mod of a new package. Until the Go runtime module is published, it points at the
/// runtime this ferrogo was built with, so `go vet`, `go test` and `go test -fuzz` work in the
/// package as written.
fn go_mod_text(module: &str, runtime: Option<&Path>) -> String {
    let replace = match runtime {
        Some(dir) => format!(
            "// The ferrogo Go runtime this package was generated for (until it is published).\nreplace github.com/ferrogo/ferrogo/go => {}\n",
            dir.display()
        ),
        None => "// Until the ferrogo Go runtime is published, point at a local checkout:\n// replace github.com/ferrogo/ferrogo/go => /path/to/ferrogo/go\n".to_string(),
    };
    format!("module {module}\n\ngo 1.24\n\nrequire github.com/ferrogo/ferrogo/go v0.0.0\n\n{replace}")
}

/// Whether `dir` is inside a Go workspace (`go env GOWORK` names a go.work).
fn in_go_workspace(dir: &Path) -> bool {
    std::process::Command::new("go")
        .args(["env", "GOWORK"])
        .current_dir(dir)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| {
            let path = String::from_utf8_lossy(&o.stdout);
            let path = path.trim();
            !path.is_empty() && path != "off"
        })
}

/// The Go runtime module's directory: `FERROGO_GO_RUNTIME`, or the `go/` directory of the
/// checkout this binary was built from, when it is there.
fn go_runtime() -> Option<PathBuf> {
    let dir = std::env::var_os("FERROGO_GO_RUNTIME")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../go"));
    let go_mod = std::fs::read_to_string(dir.join("go.mod")).ok()?;
    go_mod
        .lines()
        .any(|l| l.trim() == "module github.com/ferrogo/ferrogo/go")
        .then(|| dir.canonicalize().ok())
        .flatten()
}

/// `example.com/lib/regex` -> `regex`; a trailing major version (`/v2`) or `/go` is skipped.
fn package_from_module(module: &str) -> Result<String, String> {
    let mut parts: Vec<&str> = module.split('/').filter(|p| !p.is_empty()).collect();
    let skippable = |p: &str| {
        p == "go" || (p.starts_with('v') && p.len() > 1 && p[1..].chars().all(|c| c.is_ascii_digit()))
    };
    while parts.len() > 1 && parts.last().is_some_and(|p| skippable(p)) {
        parts.pop();
    }
    let last = parts.last().ok_or_else(|| "--module is empty".to_string())?;
    let name: String = last
        .trim_start_matches("go-")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<String>()
        .to_lowercase();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "cannot derive a Go package name from --module {module}: pass --package"
        ));
    }
    Ok(name)
}

/// Writes a generated file (gofmt'd), or removes a stale one the crate no longer needs.
fn write_or_remove(path: &Path, source: Option<&str>) -> Result<(), String> {
    match source {
        Some(src) => std::fs::write(path, gofmt::format(src)?)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None if path.exists() => {
            std::fs::remove_file(path).map_err(|e| format!("cannot remove stale {}: {e}", path.display()))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_from_module_paths() {
        assert_eq!(package_from_module("example.com/x/regex").unwrap(), "regex");
        assert_eq!(package_from_module("example.com/go-regex/v2").unwrap(), "regex");
        assert_eq!(package_from_module("example.com/My-Lib").unwrap(), "mylib");
        assert_eq!(
            package_from_module("example.com/quickstart/go").unwrap(),
            "quickstart"
        );
        assert!(package_from_module("").is_err());
    }
}

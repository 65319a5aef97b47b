//! The `ferrogo` command: turn an annotated Rust crate into a Go package.

mod cargo;
mod check;
mod gocheck;
mod gofmt;
mod publish;
mod targets;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use ferrogo_gen::{file_name, generate_files, static_lib_name, Library, Options, Platform};
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
    ///
    /// With --targets, writes a module ready to tag and push: a stripped library per platform,
    /// `#cgo` lines that pick it, files that stop a build on any other platform with a message
    /// naming it, lib/ferrogo-build.txt (the Rust toolchains and crate versions that built it),
    /// and a go.mod that requires the ferrogo runtime at a version, with no local replace.
    Build(BuildArgs),
    /// Write the Go package only (no cargo build): for reviewing output or golden tests.
    ///
    /// With --targets, the package links the libraries already in <out>/lib/<goos>_<goarch>/
    /// (each built by `ferrogo build --targets <platform>`, e.g. on the runners of a CI matrix)
    /// and is written ready to publish, as `build --targets` writes it.
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
    /// Build for these platforms and write a publishable module: GOOS/GOARCH pairs separated
    /// by commas (linux/amd64, linux/arm64, darwin/arm64, darwin/amd64, windows/amd64) or
    /// `all`. Platforms other than the host need their Rust standard library (rustup target
    /// add) or a toolchain that builds it from source (docs/GUIDE.md, Publishing).
    #[arg(long, value_name = "LIST")]
    targets: Option<String>,
    /// The ferrogo Go runtime version the published go.mod requires [default: this ferrogo's].
    #[arg(long, value_name = "VERSION", requires = "targets")]
    runtime_version: Option<String>,
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
            let _ = targets::Toolchain::host().and_then(|toolchain| {
                cargo::build_staticlib(
                    &lib,
                    &cargo::BuildSpec {
                        release: !args.debug,
                        toolchain: &toolchain,
                        target: None,
                        target_dir: lib.target_dir.clone(),
                    },
                )
            });
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
    let (native_targets, wasm_target) = wasm::split_targets(args.targets.as_deref());
    let publishing = native_targets.is_some();
    if compile {
        if !lib.staticlib {
            return Err(format!(
                "{} does not build a static library: add to its Cargo.toml\n\n  [lib]\n  crate-type = [\"staticlib\", \"rlib\"]\n",
                lib.manifest.display()
            ));
        }
        opts.libraries = build_libraries(&lib, args, native_targets.as_deref())?;
    } else if let Some(list) = &native_targets {
        opts.libraries = existing_libraries(&lib, args, list)?;
    }
    if !opts.libraries.is_empty() {
        write_missing_library_files(&lib, args, &package, &opts.libraries)?;
    }

    let files = generate_files(&krate, &opts);
    let source = gofmt::format(&files.package)?;
    let file = args.out.join(file_name(&lib.crate_name));
    std::fs::write(&file, source).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    // Without cgo: the WebAssembly module when asked for (it replaces the file that says the
    // package needs cgo), else nothing (a stale wasm file would clash with that file).
    let wasm_file = args.out.join(ferrogo_gen::wasm_file_name(&lib.crate_name));
    let wasm_source = if wasm_target {
        let checksum = if compile {
            // The workspace's target directory (not the crate's own): std for wasm32 is built
            // once for every crate of the workspace.
            let dir = (lib.target_dir.clone())
                .or_else(|| lib.cargo_target_dir.clone())
                .unwrap_or_else(|| default_target_dir(&lib));
            wasm::build(&lib, &args.out, !args.debug, &dir.join("ferrogo-build-std"))?
        } else {
            wasm::existing(&lib, &args.out)?
        };
        // Checked before anything without cgo changes: a crate the wasm build cannot call
        // keeps the file that says the package needs cgo (and a stale wasm file goes).
        let source = ferrogo_gen::generate_wasm(&krate, &opts, checksum).inspect_err(|_| {
            let _ = write_or_remove(&wasm_file, None);
        })?;
        let nocgo = args.out.join(format!(
            "{}_nocgo.go",
            ferrogo_gen::missing_file_prefix(&lib.crate_name)
        ));
        write_or_remove(&nocgo, None)?;
        Some(source)
    } else {
        None
    };
    write_or_remove(&wasm_file, wasm_source.as_deref())?;
    let callbacks_file = args.out.join(ferrogo_gen::callbacks_file_name(&lib.crate_name));
    write_or_remove(&callbacks_file, files.callbacks.as_deref())?;
    let fuzz_file = args.out.join(ferrogo_gen::fuzz_file_name(&lib.crate_name));
    let fuzz = ferrogo_gen::generate_fuzz(&krate, &opts).filter(|_| args.fuzz);
    write_or_remove(&fuzz_file, fuzz.as_deref())?;
    let go_mod = args.out.join("go.mod");
    if publishing {
        let version = args
            .runtime_version
            .clone()
            .unwrap_or_else(publish::runtime_version);
        publish::go_mod(&args.out, &args.module, &version, wasm_target)?;
    } else if !go_mod.exists() {
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
        // A published go.mod requires a runtime version that may not be downloadable yet (it
        // is published with the package): type-check against the local runtime then.
        let local_runtime = if publishing { go_runtime() } else { None };
        gocheck::vet(
            &args.out,
            &[&file, &fuzz_file, &callbacks_file],
            &krate,
            local_runtime.as_deref(),
        )?;
    }
    eprintln!(
        "ferrogo: wrote Go package {package} ({}) in {}",
        args.module,
        args.out.display()
    );
    Ok(())
}

/// Builds the static library for each platform asked for (the host without --targets) and
/// copies it into the package; published libraries are stripped of debug info.
fn build_libraries(
    lib: &cargo::Lib,
    args: &BuildArgs,
    targets: Option<&str>,
) -> Result<Vec<Library>, String> {
    let host = targets::Toolchain::host()?;
    let host_triple = targets::host_triple()?;
    let platforms: Vec<&'static Platform> = match targets {
        Some(list) => targets::parse(list)?,
        None => vec![ferrogo_gen::platform_of_triple(&host_triple)
            .ok_or_else(|| format!("ferrogo does not support the host {host_triple} yet"))?],
    };
    let publishing = targets.is_some();
    let mut libraries = Vec::new();
    let mut deps = None;
    for p in platforms {
        let toolchain = targets::for_platform(&host, &host_triple, p)?;
        let target_dir = match (&lib.target_dir, toolchain.build_std) {
            // Another rustc: its own directory, so neither build invalidates the other's.
            (Some(dir), true) => Some(dir.join("ferrogo-build-std")),
            (None, true) => Some(
                (lib.cargo_target_dir.clone())
                    .unwrap_or_else(|| default_target_dir(lib))
                    .join("ferrogo-build-std"),
            ),
            (dir, false) => dir.clone(),
        };
        let spec = cargo::BuildSpec {
            release: !args.debug,
            toolchain: &toolchain,
            target: (p.triple != host_triple).then_some(p.triple),
            target_dir,
        };
        let out = cargo::build_staticlib(lib, &spec)?;
        // The library's place in the package, as the generated file names it.
        let in_package = format!("lib/{}/{}", p.dir(), static_lib_name(&lib.crate_name));
        let dest = args.out.join(&in_package);
        let dir = dest.parent().expect("lib/<platform>/<file> has a parent");
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        std::fs::copy(&out.archive, &dest)
            .map_err(|e| format!("cannot copy {} to {}: {e}", out.archive.display(), dest.display()))?;
        if publishing {
            match publish::strip_debug_info(&dest, p) {
                Ok((before, after)) => eprintln!(
                    "ferrogo: {in_package}: {} ({} before stripping debug info)",
                    publish::human(after),
                    publish::human(before)
                ),
                Err(why) => eprintln!("ferrogo: warning: {in_package} keeps its debug info: {why}"),
            }
        }
        // Read after stripping: the checksum is of the bytes the package ships.
        let bytes = std::fs::read(&dest).map_err(|e| format!("cannot read {}: {e}", dest.display()))?;
        let library = Library {
            platform: p,
            path: in_package,
            native_libs: out
                .native_libs
                .unwrap_or_else(|| p.default_native_libs.iter().map(|s| s.to_string()).collect()),
            checksum: ferrogo_syntax::content_hash(&bytes),
        };
        if publishing {
            let note = publish::build_note(
                &lib.crate_name,
                &lib.version,
                &library,
                &toolchain,
                bytes.len() as u64,
                deps.get_or_insert(publish::dependencies(&lib.manifest, &lib.crate_name)?),
            );
            let path = dir.join(publish::BUILD_NOTE);
            std::fs::write(&path, note).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        libraries.push(library);
    }
    if publishing {
        remove_other_libraries(&args.out, &libraries)?;
    }
    Ok(libraries)
}

/// Removes the libraries of platforms not asked for: they would be published without a #cgo line.
fn remove_other_libraries(out: &Path, libraries: &[Library]) -> Result<(), String> {
    for p in ferrogo_gen::PLATFORMS
        .iter()
        .filter(|p| !libraries.iter().any(|l| l.platform == *p))
    {
        let stale = out.join("lib").join(p.dir());
        if stale.exists() {
            std::fs::remove_dir_all(&stale).map_err(|e| format!("cannot remove {}: {e}", stale.display()))?;
        }
    }
    Ok(())
}

/// The libraries `--targets` names, as they already are in the package (built on other
/// machines, one per platform): `ferrogo generate --targets` writes the package around them.
fn existing_libraries(lib: &cargo::Lib, args: &BuildArgs, list: &str) -> Result<Vec<Library>, String> {
    let mut libraries = Vec::new();
    for p in targets::parse(list)? {
        let path = format!("lib/{}/{}", p.dir(), static_lib_name(&lib.crate_name));
        let bytes = std::fs::read(args.out.join(&path)).map_err(|e| {
            format!(
                "{path} is missing in {} ({e}): build it with `ferrogo build --targets {}` (on a machine that builds for {}) and copy lib/{}/ here",
                args.out.display(),
                p.name(),
                p.name(),
                p.dir()
            )
        })?;
        let note = std::fs::read_to_string(args.out.join("lib").join(p.dir()).join(publish::BUILD_NOTE))
            .unwrap_or_default();
        libraries.push(Library {
            platform: p,
            path,
            native_libs: publish::native_libs_of_note(&note)
                .unwrap_or_else(|| p.default_native_libs.iter().map(|s| s.to_string()).collect()),
            checksum: ferrogo_syntax::content_hash(&bytes),
        });
    }
    remove_other_libraries(&args.out, &libraries)?;
    Ok(libraries)
}

/// cargo's target directory for the crate when ferrogo does not choose one.
fn default_target_dir(lib: &cargo::Lib) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || lib.manifest.parent().unwrap_or(Path::new(".")).join("target"),
        PathBuf::from,
    )
}

/// Writes the files that stop a build on a platform without a library (and removes those of
/// platforms that have one now).
fn write_missing_library_files(
    lib: &cargo::Lib,
    args: &BuildArgs,
    package: &str,
    libraries: &[Library],
) -> Result<(), String> {
    let prefix = ferrogo_gen::missing_file_prefix(&lib.crate_name);
    if let Ok(entries) = std::fs::read_dir(&args.out) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                std::fs::remove_file(e.path())
                    .map_err(|err| format!("cannot remove {}: {err}", e.path().display()))?;
            }
        }
    }
    let hint = format!("ferrogo build --crate <dir> --out <dir> --module {}", args.module);
    for (name, source) in ferrogo_gen::missing_library_files(&lib.crate_name, package, libraries, &hint) {
        let path = args.out.join(name);
        std::fs::write(&path, gofmt::format(&source)?)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
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

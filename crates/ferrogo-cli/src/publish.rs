//! What makes a package directory publishable as is (`ferrogo build --targets`): stripped
//! libraries, a note of what built them, and a go.mod that requires the runtime at a version.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use ferrogo_gen::{Library, Platform};

use crate::targets::{on_path, Toolchain};

/// The module path of ferrogo's Go runtime.
/// The WebAssembly runtime (`go/wasmrt`), its own module so cgo users do not get wazero.
pub const WASM_RUNTIME_MODULE: &str = "github.com/ferrogo/ferrogo/go/wasmrt";

pub const RUNTIME_MODULE: &str = "github.com/ferrogo/ferrogo/go";

/// The runtime version a published package requires: this ferrogo's own.
pub fn runtime_version() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

/// Removes debug info from the archive at `path` (a published library needs none, and it is
/// most of the size). Returns the sizes before and after, or why it could not.
pub fn strip_debug_info(path: &Path, p: &Platform) -> Result<(u64, u64), String> {
    let before = size(path)?;
    let (program, args): (String, &[&str]) = if on_path("llvm-strip") {
        ("llvm-strip".into(), &["--strip-debug"]) // every object format
    } else {
        let gnu = match p.triple {
            "x86_64-unknown-linux-gnu" => "strip",
            "aarch64-unknown-linux-gnu" => "aarch64-linux-gnu-strip",
            "x86_64-pc-windows-gnu" => "x86_64-w64-mingw32-strip",
            _ => return Err(format!("no strip tool for {} (install llvm)", p.triple)),
        };
        if !on_path(gnu) {
            return Err(format!("{gnu} is not installed (or install llvm for llvm-strip)"));
        }
        (gnu.into(), &["--strip-debug", "-D"])
    };
    let out = Command::new(&program)
        .args(args)
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok((before, size(path)?))
}

fn size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `12.3 MiB`.
pub fn human(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The note beside each library: `lib/<goos>_<goarch>/ferrogo-build.txt`.
pub const BUILD_NOTE: &str = "ferrogo-build.txt";

/// What built one library, so a user can tell which Rust and which crate versions they run, and
/// rebuild the same bytes. Deterministic: no dates, no paths. `ferrogo generate --targets` reads
/// the native libraries back from it (a library built on another machine, by a CI matrix).
pub fn build_note(
    crate_name: &str,
    version: &str,
    library: &Library,
    toolchain: &Toolchain,
    size: u64,
    dependencies: &[(String, String)],
) -> String {
    let mut s = String::new();
    let std = if toolchain.build_std {
        ", std built from source (-Zbuild-std)"
    } else {
        ""
    };
    let _ = writeln!(
        s,
        "# How {} was built (by ferrogo build). Do not edit.\n",
        library.path
    );
    let _ = writeln!(s, "ferrogo {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(s, "crate {crate_name} {version}");
    let _ = writeln!(
        s,
        "platform {} ({})",
        library.platform.name(),
        library.platform.triple
    );
    let _ = writeln!(s, "rustc {}{std}", toolchain.version.trim_start_matches("rustc "));
    let _ = writeln!(s, "{NATIVE_LIBS}{}", library.native_libs.join(" "));
    let _ = writeln!(s, "size {size} bytes, checksum {:016x}", library.checksum);
    if !dependencies.is_empty() {
        let _ = writeln!(s, "\nRust dependencies:");
        for (name, version) in dependencies {
            let _ = writeln!(s, "  {name} {version}");
        }
    }
    s
}

const NATIVE_LIBS: &str = "links with: ";

/// The native libraries a build note records.
pub fn native_libs_of_note(note: &str) -> Option<Vec<String>> {
    note.lines()
        .find_map(|l| l.strip_prefix(NATIVE_LIBS))
        .map(|libs| libs.split_whitespace().map(str::to_string).collect())
}

/// The crates `manifest`'s library depends on (normal and build dependencies, transitively),
/// as Cargo.lock resolves them: name and version, sorted.
pub fn dependencies(manifest: &Path, root_name: &str) -> Result<Vec<(String, String)>, String> {
    let out = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(manifest)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let nodes = meta["resolve"]["nodes"].as_array().cloned().unwrap_or_default();
    let package = |id: &str| {
        meta["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["id"].as_str() == Some(id))
            .map(|p| {
                (
                    p["name"].as_str().unwrap_or_default().to_string(),
                    p["version"].as_str().unwrap_or_default().to_string(),
                )
            })
    };
    let manifest = manifest.canonicalize().map_err(|e| e.to_string())?;
    let root = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["manifest_path"].as_str().map(Path::new) == Some(manifest.as_path()))
        .and_then(|p| p["id"].as_str())
        .ok_or_else(|| format!("cargo metadata does not list {root_name}"))?
        .to_string();
    let mut seen = vec![root.clone()];
    let mut queue = vec![root.clone()];
    while let Some(id) = queue.pop() {
        let Some(node) = nodes.iter().find(|n| n["id"].as_str() == Some(&id)) else {
            continue;
        };
        for dep in node["deps"].as_array().into_iter().flatten() {
            let shipped = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null() || k["kind"].as_str() == Some("build"));
            let Some(dep_id) = dep["pkg"].as_str() else {
                continue;
            };
            if shipped && !seen.iter().any(|s| s == dep_id) {
                seen.push(dep_id.to_string());
                queue.push(dep_id.to_string());
            }
        }
    }
    let mut deps: Vec<(String, String)> = seen
        .iter()
        .filter(|id| **id != root)
        .filter_map(|id| package(id))
        .collect();
    deps.sort();
    deps.dedup();
    Ok(deps)
}

/// The go.mod of a published package: requires the runtime at `version` and replaces nothing
/// locally. A new one is written; an existing one (the package's own, with its other
/// requirements) is edited with `go mod edit`.
/// With `wasm`, the package also requires the WebAssembly runtime module (wazero's, which needs
/// Go 1.25).
pub fn go_mod(out: &Path, module: &str, version: &str, wasm: bool) -> Result<(), String> {
    let path = out.join("go.mod");
    if !path.exists() {
        let text = match wasm {
            false => format!("module {module}\n\ngo 1.24\n\nrequire {RUNTIME_MODULE} {version}\n"),
            true => format!(
                "module {module}\n\ngo 1.25.0\n\nrequire (\n\t{RUNTIME_MODULE} {version}\n\t{WASM_RUNTIME_MODULE} {version}\n)\n"
            ),
        };
        return std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()));
    }
    let mut edit = Command::new("go");
    edit.args(["mod", "edit"]);
    if wasm {
        edit.arg("-go=1.25.0")
            .arg(format!("-require={WASM_RUNTIME_MODULE}@{version}"))
            .arg(format!("-dropreplace={WASM_RUNTIME_MODULE}"));
    }
    let status = edit
        .arg(format!("-require={RUNTIME_MODULE}@{version}"))
        .arg(format!("-dropreplace={RUNTIME_MODULE}"))
        .current_dir(out)
        .env("GOWORK", "off")
        .status()
        .map_err(|e| format!("cannot run go mod edit: {e}"))?;
    if !status.success() {
        return Err(format!("go mod edit failed in {}", out.display()));
    }
    Ok(())
}

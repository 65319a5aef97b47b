//! `--targets ...,wasm`: the crate compiled to WebAssembly (wasm32-unknown-unknown, a cdylib),
//! embedded in the package for builds without cgo, and the `//go:build !cgo` file that runs it
//! (docs/adr/0018-wasm-without-cgo.md).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use ferrogo_gen::Platform;
use serde_json::Value;

use crate::cargo::Lib;
use crate::targets::{self, Toolchain};

pub const TRIPLE: &str = "wasm32-unknown-unknown";

/// Not a Go platform (`GOOS=wasip1` is not what it is for): the pure-Go fallback of every
/// platform, chosen by `!cgo`. Named so the toolchain lookup can say what it builds for.
const WASM: Platform = Platform {
    goos: "wasm",
    goarch: "wazero",
    triple: TRIPLE,
    default_native_libs: &[],
};

/// Splits `wasm` out of a `--targets` list: the native platforms left (None when none are), and
/// whether wasm was named.
pub fn split_targets(list: Option<&str>) -> (Option<String>, bool) {
    let Some(list) = list else {
        return (None, false);
    };
    let names: Vec<&str> = list.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let wasm = names.contains(&"wasm");
    let native: Vec<&str> = names.into_iter().filter(|n| *n != "wasm").collect();
    match (native.is_empty(), wasm) {
        // `--targets wasm` alone: the host library as without --targets, plus the module.
        (true, true) => (None, true),
        _ => (Some(native.join(",")), wasm),
    }
}

/// Builds the crate as a WebAssembly module and copies it to `<out>/lib/wasm/<crate>.wasm`;
/// returns its bytes' checksum.
pub fn build(lib: &Lib, out: &Path, release: bool, target_dir: &Path) -> Result<u64, String> {
    let host = Toolchain::host()?;
    let host_triple = targets::host_triple()?;
    let toolchain = targets::for_platform(&host, &host_triple, &WASM)?;
    let mut cmd = toolchain.cargo_command();
    cmd.args([
        "rustc",
        "--lib",
        "--crate-type",
        "cdylib",
        "--message-format=json-diagnostic-rendered-ansi",
        "--target",
        TRIPLE,
    ])
    .arg("--manifest-path")
    .arg(&lib.manifest);
    if release {
        cmd.arg("--release");
    }
    if toolchain.build_std {
        // wasm32 has no unwinding: a panic aborts (traps) and Go replaces the instance.
        cmd.arg("-Zbuild-std=std,panic_abort");
    }
    cmd.arg("--target-dir").arg(target_dir);
    // The module is embedded in the Go binary: no DWARF (flags for this crate only, so std's
    // build is reused).
    cmd.args(["--", "-C", "strip=debuginfo"]);
    // Debian ships no rust-lld; lld-22's wasm-ld links wasm (.ci/deps-cross.sh installs it).
    let linker_var = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER";
    if std::env::var_os(linker_var).is_none() && targets::on_path("wasm-ld-22") {
        cmd.env(linker_var, "wasm-ld-22");
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    eprintln!(
        "ferrogo: building {} for WebAssembly ({TRIPLE}, {})",
        lib.crate_name, toolchain.version
    );
    let mut child = cmd.spawn().map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut module = None;
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let Ok(msg) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        if msg["reason"].as_str() == Some("compiler-message") {
            // The compiler's errors and warnings, as cargo would print them.
            if let Some(rendered) = msg["message"]["rendered"].as_str() {
                eprint!("{rendered}");
            }
        }
        if msg["reason"].as_str() == Some("compiler-artifact")
            && msg["target"]["src_path"].as_str().map(Path::new) == Some(lib.src_path.as_path())
        {
            let files = msg["filenames"].as_array().into_iter().flatten();
            if let Some(f) = files.filter_map(Value::as_str).find(|f| f.ends_with(".wasm")) {
                module = Some(PathBuf::from(f));
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!(
            "cargo failed to build {} for WebAssembly (see its output above); without --targets wasm the package needs cgo",
            lib.crate_name
        ));
    }
    let module = module.ok_or_else(|| format!("cargo built no WebAssembly module for {}", lib.crate_name))?;
    let dest = out.join(ferrogo_gen::wasm_module_path(&lib.crate_name));
    let parent = dest.parent().expect("lib/wasm/<file> has a parent");
    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    std::fs::copy(&module, &dest)
        .map_err(|e| format!("cannot copy {} to {}: {e}", module.display(), dest.display()))?;
    let bytes = std::fs::read(&dest).map_err(|e| format!("cannot read {}: {e}", dest.display()))?;
    eprintln!(
        "ferrogo: {}: {}",
        ferrogo_gen::wasm_module_path(&lib.crate_name),
        crate::publish::human(bytes.len() as u64)
    );
    Ok(ferrogo_syntax::content_hash(&bytes))
}

/// The checksum of a module already in the package (`ferrogo generate --targets wasm`).
pub fn existing(lib: &Lib, out: &Path) -> Result<u64, String> {
    let path = out.join(ferrogo_gen::wasm_module_path(&lib.crate_name));
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "{} is missing ({e}): build it with `ferrogo build --targets wasm`",
            path.display()
        )
    })?;
    Ok(ferrogo_syntax::content_hash(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_is_split_out_of_the_targets() {
        assert_eq!(split_targets(None), (None, false));
        assert_eq!(split_targets(Some("wasm")), (None, true));
        assert_eq!(
            split_targets(Some("linux/amd64, wasm,linux/arm64")),
            (Some("linux/amd64,linux/arm64".to_string()), true)
        );
        assert_eq!(split_targets(Some("all")), (Some("all".to_string()), false));
    }
}

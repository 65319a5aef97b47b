//! Talks to cargo: finds the crate's library target and builds it as a static library.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// The library target of a crate.
pub struct Lib {
    pub manifest: PathBuf,
    /// Crate name as rustc sees it (dashes become underscores).
    pub crate_name: String,
    pub src_path: PathBuf,
    pub staticlib: bool,
}

pub struct Built {
    pub archive: PathBuf,
    /// What rustc says a C linker needs besides the archive, when it said it.
    pub native_libs: Option<Vec<String>>,
}

pub fn library(crate_dir: &Path) -> Result<Lib, String> {
    let manifest = crate_dir.join("Cargo.toml");
    if !manifest.exists() {
        return Err(format!(
            "no Cargo.toml in {} (pass the crate's directory with --crate)",
            crate_dir.display()
        ));
    }
    let out = Command::new("cargo")
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(&manifest)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let meta: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let manifest = manifest.canonicalize().map_err(|e| e.to_string())?;
    let package = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["manifest_path"].as_str().map(PathBuf::from).as_deref() == Some(&manifest))
        .ok_or_else(|| format!("cargo metadata does not list {}", manifest.display()))?;
    let target = package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| {
            t["kind"].as_array().is_some_and(|k| {
                k.iter()
                    .any(|k| matches!(k.as_str(), Some("lib" | "staticlib" | "rlib" | "cdylib")))
            })
        })
        .ok_or_else(|| {
            format!(
                "{} has no library target ([lib] with src/lib.rs)",
                manifest.display()
            )
        })?;
    let crate_types: Vec<&str> = target["crate_types"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    Ok(Lib {
        crate_name: target["name"].as_str().unwrap_or_default().replace('-', "_"),
        src_path: PathBuf::from(target["src_path"].as_str().unwrap_or_default()),
        staticlib: crate_types.contains(&"staticlib"),
        manifest,
    })
}

/// `cargo rustc --lib`, showing cargo's own output; returns the archive and native libs.
pub fn build_staticlib(lib: &Lib, release: bool) -> Result<Built, String> {
    let mut cmd = Command::new("cargo");
    cmd.args([
        "rustc",
        "--lib",
        "--message-format=json-diagnostic-rendered-ansi",
        "--manifest-path",
    ])
    .arg(&lib.manifest);
    if release {
        cmd.arg("--release");
    }
    cmd.args(["--", "--print=native-static-libs"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    eprintln!(
        "ferrogo: building {} (cargo rustc --lib{})",
        lib.crate_name,
        if release { " --release" } else { "" }
    );
    let mut child = cmd.spawn().map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut archive = None;
    let mut native_libs = None;
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let Ok(msg) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        match msg["reason"].as_str() {
            Some("compiler-message") => {
                let text = msg["message"]["message"].as_str().unwrap_or_default();
                if let Some(libs) = text.strip_prefix("native-static-libs: ") {
                    native_libs = Some(libs.split_whitespace().map(str::to_string).collect());
                } else if text.starts_with("link against the following native artifacts") {
                    // Its companion note (above) is what we need; this one is noise for Go users.
                } else if let Some(rendered) = msg["message"]["rendered"].as_str() {
                    eprint!("{rendered}");
                }
            }
            Some("compiler-artifact")
                if msg["target"]["src_path"].as_str().map(Path::new) == Some(lib.src_path.as_path()) =>
            {
                for f in msg["filenames"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if f.ends_with(".a") {
                        archive = Some(PathBuf::from(f));
                    }
                }
            }
            _ => {}
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!(
            "cargo failed to build {} (see its output above)",
            lib.crate_name
        ));
    }
    let archive = archive.ok_or_else(|| format!("cargo built no static library for {}", lib.crate_name))?;
    Ok(Built { archive, native_libs })
}

/// The Go platform of the Rust host toolchain.
pub fn host_go_platform() -> Result<(&'static str, &'static str), String> {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let host = text
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .unwrap_or_default()
        .trim()
        .to_string();
    ferrogo_gen::PLATFORMS
        .iter()
        .find(|(_, _, triple)| *triple == host)
        .map(|(os, arch, _)| (*os, *arch))
        .ok_or_else(|| format!("ferrogo does not support the host {host} yet"))
}

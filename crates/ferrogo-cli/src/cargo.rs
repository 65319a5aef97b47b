//! Talks to cargo: finds the crate's library target and builds it as a static library.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::targets::Toolchain;

/// The library target of a crate.
pub struct Lib {
    pub manifest: PathBuf,
    /// Crate name as rustc sees it (dashes become underscores).
    pub crate_name: String,
    pub src_path: PathBuf,
    pub staticlib: bool,
    /// The crate's version (for the build note).
    pub version: String,
    /// Where cargo builds it: its workspace's target directory, or (for a crate that is a
    /// workspace of its own) one shared by every binding crate, so a second binding does not
    /// build ferrogo and the common dependencies again. `CARGO_TARGET_DIR` and cargo's own
    /// configuration win.
    pub target_dir: Option<PathBuf>,
    /// The target directory cargo itself uses for the crate (its workspace's).
    pub cargo_target_dir: Option<PathBuf>,
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
    let alone = meta["workspace_members"].as_array().is_some_and(|m| m.len() == 1);
    let default_dir = meta["workspace_root"]
        .as_str()
        .is_some_and(|root| meta["target_directory"].as_str() == Some(&format!("{root}/target")));
    Ok(Lib {
        crate_name: target["name"].as_str().unwrap_or_default().replace('-', "_"),
        src_path: PathBuf::from(target["src_path"].as_str().unwrap_or_default()),
        staticlib: crate_types.contains(&"staticlib"),
        version: package["version"].as_str().unwrap_or_default().to_string(),
        target_dir: (alone && default_dir && std::env::var_os("CARGO_TARGET_DIR").is_none())
            .then(shared_target_dir)
            .flatten(),
        cargo_target_dir: meta["target_directory"].as_str().map(PathBuf::from),
        manifest,
    })
}

/// `$FERROGO_TARGET_DIR`, else `$XDG_CACHE_HOME/ferrogo/target` (`~/.cache/ferrogo/target`).
fn shared_target_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FERROGO_TARGET_DIR") {
        return Some(PathBuf::from(dir));
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(cache.join("ferrogo").join("target"))
}

/// How to build the static library for one platform.
pub struct BuildSpec<'a> {
    pub release: bool,
    pub toolchain: &'a Toolchain,
    /// `--target`; `None` builds for the host, reusing the host build's artifacts.
    pub target: Option<&'a str>,
    /// `--target-dir`, when not cargo's default for the crate.
    pub target_dir: Option<PathBuf>,
}

/// `cargo rustc --lib`, showing cargo's own output; returns the archive and native libs.
pub fn build_staticlib(lib: &Lib, spec: &BuildSpec) -> Result<Built, String> {
    let mut cmd = spec.toolchain.cargo_command();
    cmd.args([
        "rustc",
        "--lib",
        "--message-format=json-diagnostic-rendered-ansi",
        "--manifest-path",
    ])
    .arg(&lib.manifest);
    let mut shown = String::from("cargo rustc --lib");
    if spec.release {
        cmd.arg("--release");
        shown.push_str(" --release");
    }
    if let Some(triple) = spec.target {
        cmd.args(["--target", triple]);
        shown.push_str(&format!(" --target {triple}"));
        for (var, value) in crate::targets::c_toolchain_env(triple) {
            cmd.env(var, value);
        }
    }
    if spec.toolchain.build_std {
        // Unwinding is ferrogo's contract (panics become Go errors), so std is built with it.
        cmd.arg("-Zbuild-std=std,panic_unwind");
        shown = format!("RUSTC_BOOTSTRAP=1 {shown} -Zbuild-std=std,panic_unwind");
        // Only `--targets` builds for another platform, and it strips debug info from what it
        // publishes: not making it saves a fifth or so of compiling std and the crate. (The
        // build has a directory of its own, so no other build's profile changes.)
        if spec.release && std::env::var_os("CARGO_PROFILE_RELEASE_DEBUG").is_none() {
            cmd.env("CARGO_PROFILE_RELEASE_DEBUG", "false");
        }
    }
    if let Some(dir) = &spec.target_dir {
        cmd.arg("--target-dir").arg(dir);
    }
    cmd.args(["--", "--print=native-static-libs"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    eprintln!(
        "ferrogo: building {} ({shown}; {})",
        lib.crate_name, spec.toolchain.version
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

//! `--targets`: which platforms to build for, and the Rust toolchain that builds each.
//!
//! The host builds with the toolchain on PATH (rustup's, usually). Another target builds with it
//! too when it has that target's standard library (`rustup target add <triple>`); otherwise with
//! a toolchain that can build std from source (`-Zbuild-std`): Debian's `rustc-web`/`cargo-web`
//! with `rust-web-src` (`/usr/bin/rustc`, `/usr/bin/cargo`), or the one `FERROGO_CROSS_RUSTC` and
//! `FERROGO_CROSS_CARGO` name. docs/GUIDE.md ("Publishing") has the recipe.

use std::path::{Path, PathBuf};
use std::process::Command;

use ferrogo_gen::{platform, Platform, PLATFORMS};

/// Parses `linux/amd64,darwin/arm64` or `all`; the platforms in the order given, without repeats.
pub fn parse(list: &str) -> Result<Vec<&'static Platform>, String> {
    let mut out: Vec<&'static Platform> = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if name == "all" {
            out.extend(PLATFORMS.iter().filter(|p| !out.contains(p)).collect::<Vec<_>>());
            continue;
        }
        let p = platform(name).ok_or_else(|| {
            let known: Vec<String> = PLATFORMS.iter().map(|p| p.name()).collect();
            format!(
                "--targets: unknown platform {name:?}: use GOOS/GOARCH from {}, or all",
                known.join(", ")
            )
        })?;
        if !out.contains(&p) {
            out.push(p);
        }
    }
    if out.is_empty() {
        return Err("--targets is empty: name platforms (linux/amd64,linux/arm64) or all".into());
    }
    Ok(out)
}

/// A Rust toolchain: the cargo and rustc to run, and whether std must be built from source.
#[derive(Clone, Debug)]
pub struct Toolchain {
    pub cargo: PathBuf,
    /// Passed to cargo as `RUSTC` when it is not the one on PATH.
    pub rustc: Option<PathBuf>,
    pub build_std: bool,
    /// `rustc -V`, for the build note.
    pub version: String,
}

impl Toolchain {
    /// The toolchain on PATH.
    pub fn host() -> Result<Toolchain, String> {
        Ok(Toolchain {
            cargo: PathBuf::from("cargo"),
            rustc: None,
            build_std: false,
            version: rustc_version(Path::new("rustc"))?,
        })
    }

    fn rustc_path(&self) -> &Path {
        self.rustc.as_deref().unwrap_or(Path::new("rustc"))
    }

    /// A cargo command of this toolchain.
    pub fn cargo_command(&self) -> Command {
        let mut cmd = Command::new(&self.cargo);
        if let Some(rustc) = &self.rustc {
            cmd.env("RUSTC", rustc);
        }
        if self.build_std {
            // -Zbuild-std is unstable; a stable compiler takes it only with this.
            cmd.env("RUSTC_BOOTSTRAP", "1");
        }
        cmd
    }
}

/// The host's Rust target triple.
pub fn host_triple() -> Result<String, String> {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(|h| h.trim().to_string())
        .ok_or_else(|| "rustc -vV does not name the host".to_string())
}

fn rustc_version(rustc: &Path) -> Result<String, String> {
    let out = Command::new(rustc)
        .arg("-V")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", rustc.display()))?;
    if !out.status.success() {
        return Err(format!("{} -V failed", rustc.display()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Whether `rustc` has a prebuilt standard library for `triple`.
fn has_std(rustc: &Path, triple: &str) -> bool {
    let Ok(out) = Command::new(rustc)
        .args(["--print", "target-libdir", "--target", triple])
        .output()
    else {
        return false;
    };
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("libstd-"))
    })
}

/// The toolchain that builds for `p`: the host's when it has `p`'s std, else one that builds
/// std from source.
pub fn for_platform(host: &Toolchain, host_triple: &str, p: &Platform) -> Result<Toolchain, String> {
    if p.triple == host_triple || has_std(host.rustc_path(), p.triple) {
        return Ok(host.clone());
    }
    let rustc = env_path("FERROGO_CROSS_RUSTC", "/usr/bin/rustc");
    let cargo = env_path("FERROGO_CROSS_CARGO", "/usr/bin/cargo");
    let advice = format!(
        "to build for {} ({}), either `rustup target add {}`, or install a toolchain that builds std from source (on Debian 12: apt-get install rustc-web cargo-web rust-web-src; or set FERROGO_CROSS_RUSTC and FERROGO_CROSS_CARGO); see docs/GUIDE.md, Publishing",
        p.name(),
        p.triple,
        p.triple
    );
    if !rustc.exists() || !cargo.exists() {
        return Err(format!("no Rust standard library for {}: {advice}", p.triple));
    }
    let version = rustc_version(&rustc)?;
    check_std_source(&rustc, &version).map_err(|why| format!("{why}; {advice}"))?;
    Ok(Toolchain {
        cargo,
        rustc: Some(rustc),
        build_std: true,
        version,
    })
}

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// std's source must be the compiler's own version: another one does not compile.
fn check_std_source(rustc: &Path, version: &str) -> Result<(), String> {
    let out = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", rustc.display()))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let src = sysroot.join("lib/rustlib/src/rust");
    let library = src.join("library");
    if !library.join("std").is_dir() {
        return Err(format!(
            "{} ({version}) has no standard library source in {}",
            rustc.display(),
            library.display()
        ));
    }
    // Debian's source directory carries the version (`/usr/src/rustc-1.96.0`); a mismatch is
    // a half-upgraded system.
    let number = version.split_whitespace().nth(1).unwrap_or_default();
    if let Ok(real) = src.canonicalize() {
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(v) = name.strip_prefix("rustc-") {
            if v != number {
                return Err(format!(
                    "{} is {number} but its std source {} is {v}",
                    rustc.display(),
                    real.display()
                ));
            }
        }
    }
    Ok(())
}

/// The C compiler, C++ compiler and archiver a target's build scripts (the `cc` crate) use,
/// when the environment does not name them and the usual cross compiler is installed.
pub fn c_toolchain_env(triple: &str) -> Vec<(String, String)> {
    let prefix = match triple {
        "aarch64-unknown-linux-gnu" => "aarch64-linux-gnu",
        "x86_64-pc-windows-gnu" => "x86_64-w64-mingw32",
        _ => return Vec::new(),
    };
    let key = triple.replace('-', "_");
    [("CC", "gcc"), ("CXX", "g++"), ("AR", "ar")]
        .into_iter()
        .filter_map(|(var, tool)| {
            let name = format!("{var}_{key}");
            let program = format!("{prefix}-{tool}");
            (std::env::var_os(&name).is_none() && on_path(&program)).then_some((name, program))
        })
        .collect()
}

/// Whether `program` is an executable on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_parsed_in_order_without_repeats() {
        let names = |l: &str| -> Vec<String> { parse(l).unwrap().iter().map(|p| p.name()).collect() };
        assert_eq!(
            names("linux/arm64, linux/amd64,linux/arm64"),
            ["linux/arm64", "linux/amd64"]
        );
        assert_eq!(names("all").len(), PLATFORMS.len());
        assert_eq!(names("windows/amd64,all")[0], "windows/amd64");
        let err = parse("linux/riscv64").unwrap_err();
        assert!(
            err.contains("unknown platform \"linux/riscv64\"") && err.contains("darwin/arm64"),
            "{err}"
        );
        assert!(parse(" , ").is_err());
    }
}

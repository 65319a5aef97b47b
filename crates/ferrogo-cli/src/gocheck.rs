//! After writing a package, `go vet` type-checks it: a Rust API that generated Go which does not
//! compile (a name the generator failed to keep apart, say) fails the build here, naming the Go
//! error and the Rust item the Go code came from, instead of in the user's `go build` later.

use std::path::Path;
use std::process::Command;

use ferrogo_syntax::ir::{Crate, Item};

/// Runs `go vet` in the package directory (the fuzz test file included). Without a `go`
/// command, warns and succeeds. `generated` are the files ferrogo wrote. With `local_runtime`,
/// the package is checked against that runtime directory (through a temporary go.mod with a
/// `replace`; the package's own go.mod is left as it is).
pub fn vet(
    out: &Path,
    generated: &[&Path],
    krate: &Crate,
    local_runtime: Option<&Path>,
) -> Result<(), String> {
    let mut cmd = Command::new("go");
    cmd.arg("vet");
    let scratch = std::env::temp_dir().join(format!("ferrogo-vet-{}", std::process::id()));
    if let Some(runtime) = local_runtime {
        let go_mod =
            std::fs::read_to_string(out.join("go.mod")).map_err(|e| format!("cannot read go.mod: {e}"))?;
        std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
        let modfile = scratch.join("go.mod");
        let replace = format!(
            "\nreplace github.com/ferrogo/ferrogo/go => {}\n",
            runtime.display()
        );
        std::fs::write(&modfile, go_mod + &replace).map_err(|e| e.to_string())?;
        if let Ok(sum) = std::fs::read(out.join("go.sum")) {
            std::fs::write(scratch.join("go.sum"), sum).map_err(|e| e.to_string())?;
        }
        cmd.arg(format!("-modfile={}", modfile.display()))
            .env("GOWORK", "off")
            .env("GOFLAGS", "-mod=mod");
    }
    let result = cmd.arg(".").current_dir(out).output();
    let _ = std::fs::remove_dir_all(&scratch);
    let output = match result {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ferrogo: note: did not type-check the Go package (cannot run `go vet`: {e}); pass --no-check to skip this step");
            return Ok(());
        }
    };
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let sources: Vec<(String, &str)> = generated
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            Some((std::fs::read_to_string(p).ok()?, name))
        })
        .collect();
    let mut explained = Vec::new();
    let mut in_generated = false;
    for line in stderr.lines() {
        explained.push(format!("  {line}"));
        for (source, file) in &sources {
            if let Some(n) = go_line(line, file) {
                in_generated = true;
                if let Some(item) = rust_item(source, n, krate) {
                    explained.push(format!("    (generated from {item})"));
                }
                break;
            }
        }
    }
    if !in_generated {
        let in_hand_written = stderr.lines().any(|l| l.contains(".go:"));
        let advice = if in_hand_written {
            "The errors are in hand-written files of the package, not in the generated one: fix them, or pass --no-check."
        } else {
            "The generated file is not at fault: fix the module setup (go.mod, go.work), or pass --no-check."
        };
        return Err(format!(
            "the Go package in {} does not type-check (go vet):\n{}\n{advice}",
            out.display(),
            explained.join("\n")
        ));
    }
    let advice = if stderr.contains("redeclared") {
        "A name the generated code declares is declared again, by a hand-written file of the package or by another Rust item: rename one of them (on the Rust side with #[ferrogo(name = \"...\")])."
    } else {
        "This is a ferrogo bug or a name clash in the Rust API: please report it, or rename the Rust item with #[ferrogo(name = \"...\")]."
    };
    Err(format!(
        "the Go package in {} does not type-check (go vet):\n{}\n{advice} Pass --no-check to write the package anyway.",
        out.display(),
        explained.join("\n")
    ))
}

/// The line number of a `go vet` diagnostic in `file` (`./x_ferrogo.go:12:3: ...`, or
/// `vet: ./x_ferrogo.go:12:3: ...` when the type checker, not a vet analyzer, reports it).
fn go_line(diagnostic: &str, file: &str) -> Option<usize> {
    let at = diagnostic.find(&format!("{file}:"))?;
    let before = &diagnostic[..at];
    if !(before.is_empty() || before.ends_with('/') || before.ends_with(' ')) {
        return None; // another file whose name ends with this one's
    }
    let rest = &diagnostic[at + file.len() + 1..];
    rest.split(':').next()?.parse().ok()
}

/// The Rust item behind the Go declaration that contains line `n` (1-based) of `source`.
fn rust_item(source: &str, n: usize, krate: &Crate) -> Option<String> {
    let lines: Vec<&str> = source.lines().collect();
    let decl = lines[..n.min(lines.len())]
        .iter()
        .rev()
        .find(|l| l.starts_with("func ") || l.starts_with("type "))?;
    let go_name = declared_name(decl)?;
    describe(krate, &go_name)
}

/// `func (r *T) Name(` -> `Name`; `func Name(` -> `Name`; `type Name struct` -> `Name`.
fn declared_name(decl: &str) -> Option<String> {
    let rest = decl
        .strip_prefix("type ")
        .or_else(|| decl.strip_prefix("func "))?;
    let rest = if rest.starts_with('(') {
        rest.split_once(") ")?.1
    } else {
        rest
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

fn describe(krate: &Crate, go_name: &str) -> Option<String> {
    // Helpers are named after the type they convert: decodeE (errors), cT and goT (C <-> Go),
    // fuzzT (fuzz argument builders); fuzz targets after the function: FuzzF.
    if let Some(f) = go_name
        .strip_prefix("Fuzz")
        .and_then(|rest| krate.functions().find(|f| f.go_name == rest))
    {
        return Some(format!("the fuzz target of the Rust function `{}`", f.name));
    }
    for prefix in ["decode", "fuzz", "c", "go"] {
        if let Some(rest) = go_name.strip_prefix(prefix) {
            if let Some(item) = describe_type(krate, rest, true) {
                return Some(item);
            }
        }
    }
    if let Some(f) = krate.functions().find(|f| f.go_name == go_name) {
        return Some(match f.object() {
            Some(o) => format!("the Rust method `{o}::{}`", f.name),
            None => format!("the Rust function `{}`", f.name),
        });
    }
    describe_type(krate, go_name, false)
}

/// The Rust type whose Go name (or, for helpers, Rust name) is `name`.
fn describe_type(krate: &Crate, name: &str, rust_name: bool) -> Option<String> {
    krate.items.iter().find_map(|i| {
        let (kind, rust, go) = match i {
            Item::Record(r) => ("record", &r.name, &r.go_name),
            Item::Enum(e) => ("enum", &e.name, &e.go_name),
            Item::Error(e) => ("error enum", &e.name, &e.go_name),
            Item::Object(o) => ("object", &o.name, &o.go_name),
            _ => return None,
        };
        let matches = if rust_name { rust == name } else { go == name };
        matches.then(|| format!("the Rust {kind} `{rust}`"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_map_to_declarations() {
        assert_eq!(
            go_line("./x_ferrogo.go:12:3: undefined: y", "x_ferrogo.go"),
            Some(12)
        );
        assert_eq!(go_line("other.go:12:3: undefined: y", "x_ferrogo.go"), None);
        assert_eq!(
            go_line(
                "vet: ./x_ferrogo.go:560:6: Add redeclared in this block",
                "x_ferrogo.go"
            ),
            Some(560)
        );
        assert_eq!(go_line("./max_ferrogo.go:1:1: x", "x_ferrogo.go"), None);
        assert_eq!(
            declared_name("func (c *Counter) Incr(by int64) int64 {").as_deref(),
            Some("Incr")
        );
        assert_eq!(
            declared_name("func ParsePort(s string) (uint16, error) {").as_deref(),
            Some("ParsePort")
        );
        assert_eq!(declared_name("type Point struct {").as_deref(), Some("Point"));
    }
}

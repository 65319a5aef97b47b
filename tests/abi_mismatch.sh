#!/usr/bin/env bash
# ABI mismatch: a Go package generated from an older API, linked with a library built from a
# newer one, must stop at init with a message naming the command that fixes it (never call
# through a mismatched signature). And a library rebuilt with the same API but new code must
# reach Go: plain `go test` (result cache on) must not replay the old library's results.
# Run by `make test`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
ferrogo="$repo/target/debug/ferrogo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A tiny crate outside the workspace, pinned to the workspace's dependency versions and built
# in the workspace's target directory, so nothing is compiled twice.
mkdir -p "$tmp/crate/src"
cat >"$tmp/crate/Cargo.toml" <<TOML
[package]
name = "abicheck"
version = "0.0.0"
edition = "2021"

[lib]
crate-type = ["staticlib", "rlib"]

[dependencies]
ferrogo = { path = "$repo/crates/ferrogo" }

[profile.release]
panic = "unwind"
debug = 1

[workspace]
TOML
cp "$repo/Cargo.lock" "$tmp/crate/Cargo.lock"
export CARGO_TARGET_DIR="$repo/target"

api() { # $1: the parameter list of add, $2: its name (add), $3: its body (a + b)
	cat >"$tmp/crate/src/lib.rs" <<RS
/// Adds.
#[ferrogo::export]
pub fn ${2:-add}($1) -> i64 {
    ${3:-a + b}
}
RS
}

# v1: the Go package the application was built with.
api "a: i64, b: i64"
"$ferrogo" build --crate "$tmp/crate" --out "$tmp/v1" --module example.com/abicheck >/dev/null 2>&1
# v2: the API changed; only its static library replaces v1's.
api "a: i64, b: i64, _c: i64"
"$ferrogo" build --crate "$tmp/crate" --out "$tmp/v2" --module example.com/abicheck >/dev/null 2>&1
# v3: the function was renamed; its symbols are gone from the library.
api "a: i64, b: i64" sum
"$ferrogo" build --crate "$tmp/crate" --out "$tmp/v3" --module example.com/abicheck >/dev/null 2>&1
cp -r "$tmp/v1" "$tmp/v1-orig"
rm -rf "$tmp/v1/lib" && cp -r "$tmp/v2/lib" "$tmp/v1/lib"

mkdir "$tmp/app"
cat >"$tmp/app/go.mod" <<MOD
module example.com/app

go 1.24

require example.com/abicheck v0.0.0

replace example.com/abicheck => ../v1

replace github.com/ferrogo/ferrogo/go => $repo/go
MOD
cat >"$tmp/app/main.go" <<'GO'
package main

import (
	"fmt"

	"example.com/abicheck"
)

func main() { fmt.Println("called Add:", abicheck.Add(1, 2)) }
GO
cd "$tmp/app"
GOWORK=off GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 || true
if GOWORK=off go run . >"$tmp/out" 2>&1; then
	echo "abi_mismatch: FAIL: the stale package ran:"; cat "$tmp/out"; exit 1
fi
if grep -q "called Add" "$tmp/out" || ! grep -q "was built from a different API" "$tmp/out" || ! grep -q "ferrogo build --crate" "$tmp/out"; then
	echo "abi_mismatch: FAIL: want an init failure naming the fix, got:"; cat "$tmp/out"; exit 1
fi
# An item missing from the library: the program must not build (the linker names the missing
# ferrogo_abicheck_* symbols), let alone run.
rm -rf "$tmp/v1" && cp -r "$tmp/v1-orig" "$tmp/v1" && rm -rf "$tmp/v1/lib" && cp -r "$tmp/v3/lib" "$tmp/v1/lib"
if GOWORK=off go build -o "$tmp/app.bin" . >"$tmp/out" 2>&1; then
	echo "abi_mismatch: FAIL: a package calling a removed function linked:"; cat "$tmp/out"; exit 1
fi
grep -q "ferrogo_abicheck_" "$tmp/out" || { echo "abi_mismatch: FAIL: want a link error naming the missing symbol, got:"; cat "$tmp/out"; exit 1; }
# The matching pair runs.
rm -rf "$tmp/v1" && cp -r "$tmp/v2" "$tmp/v1"
sed -i 's/abicheck.Add(1, 2)/abicheck.Add(1, 2, 3)/' main.go
GOWORK=off go run . | grep -q "called Add: 3" || { echo "abi_mismatch: FAIL: the matching package did not run"; exit 1; }

# Same API, new code: rebuilding the package in place must change what `go test` reports, even
# with Go's test cache on (it keys on sources; the generated file records the library checksum).
cat >main_test.go <<'GO'
package main

import (
	"testing"

	"example.com/abicheck"
)

func TestAdd(t *testing.T) { t.Log("Add(1, 2, 3) =", abicheck.Add(1, 2, 3)) }
GO
GOWORK=off go test -v . >"$tmp/out" 2>&1 || true
grep -q "Add(1, 2, 3) = 3" "$tmp/out" || { echo "abi_mismatch: FAIL: go test before the rebuild:"; cat "$tmp/out"; exit 1; }
api "a: i64, b: i64, _c: i64" add "a + b + 100"
"$ferrogo" build --crate "$tmp/crate" --out "$tmp/v1" --module example.com/abicheck >/dev/null 2>&1
GOWORK=off go test -v . >"$tmp/out" 2>&1 || true
grep -q "Add(1, 2, 3) = 103" "$tmp/out" || { echo "abi_mismatch: FAIL: go test after rebuilding the library reported:"; cat "$tmp/out"; exit 1; }
echo "abi_mismatch: ok (stale package stopped at init with the fix-it message; removed function fails to link; a rebuilt library reaches a cached go test)"

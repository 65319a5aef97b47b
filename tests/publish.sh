#!/usr/bin/env bash
# Publish, then consume without Rust (issue 20, goal 3): `ferrogo build --targets` writes the
# quickstart and both flagships as publishable modules; they and the Go runtime module go into a
# local module proxy (a file:// GOPROXY laid out as the Go proxy protocol says); then a consumer
# module outside the repository, with no cargo or rustc on PATH and an empty module cache, runs
# `go get` and the packages' own tests:
#   - linux/amd64: go test -race;
#   - linux/arm64: the same tests under qemu-user (go test -exec);
#   - windows/amd64: the test binaries link (and run under wine when it is installed); tokenizers
#     is left out there: its build for windows would be the longest of make test;
#   - without cgo (CGO_ENABLED=0): the quickstart's tests and a program run its WebAssembly
#     module under wazero (published with `--targets ...,wasm`, beside the go/wasmrt module);
#   - darwin: the libraries build (FERROGO_PUBLISH_DARWIN=1; linking needs a macOS SDK).
# Also checks that a rebuild gives the same bytes and that a platform without a library fails
# with a message naming it.
#
# Cross builds use the toolchain .ci/deps.sh cross installs (Debian's rustc-web with std source).
# FERROGO_PUBLISH_TARGETS overrides the platforms (default linux/amd64,linux/arm64,windows/amd64).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
ferrogo=$repo/target/debug/ferrogo
targets=${FERROGO_PUBLISH_TARGETS:-linux/amd64,linux/arm64,windows/amd64}
version=v0.1.0
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$repo"
step() { printf '\npublish: %s\n' "$*"; }
has_target() { [[ ",$targets," == *",$1,"* ]]; }

# The packages to publish: each example's Go module, copied as it is in the repository (its
# hand-written Go, tests and test data), without what `make packages` generated there.
stage() {
	local example=$1 targets=$2 dst=$work/stage/$1
	mkdir -p "$dst"
	(cd "examples/$example/go" && tar --exclude=./lib --exclude='*_ferrogo*.go' -cf - .) | (cd "$dst" && tar -xf -)
	module=$(cd "$dst" && GOWORK=off go mod edit -json | python3 -c 'import json,sys; print(json.load(sys.stdin)["Module"]["Path"])')
	step "ferrogo build --targets $targets ($example -> $module)"
	"$ferrogo" build --crate "examples/$example" --out "$dst" --module "$module" --targets "$targets" 2>&1 |
		grep -E '^ferrogo|error|warning' || true
	for t in ${targets//,/ }; do
		if [ "$t" = wasm ]; then
			compgen -G "$dst/lib/wasm/*.wasm" >/dev/null || { echo "publish: $example has no WebAssembly module" >&2; exit 1; }
			continue
		fi
		test -f "$dst/lib/${t/\//_}/ferrogo-build.txt" || { echo "publish: $example has no library for $t" >&2; exit 1; }
	done
}
EXAMPLES=(quickstart regex tokenizers)
# The quickstart also carries its WebAssembly module: without cgo it runs under wazero (ADR 0018).
stage quickstart "$targets,wasm"
stage regex "$targets"
# tokenizers (and its C regex engine) for Windows would be the longest build of make test; the
# quickstart and regex show that Windows links, so tokenizers is published for the others.
tokenizers_targets=$(tr , '\n' <<<"$targets" | grep -v '^windows/' | paste -sd, -)
stage tokenizers "$tokenizers_targets"

step "a published go.mod requires the runtime at $version and replaces nothing"
for e in "${EXAMPLES[@]}"; do
	grep -q "github.com/ferrogo/ferrogo/go $version" "$work/stage/$e/go.mod"
	if grep -q '^replace' "$work/stage/$e/go.mod"; then
		echo "publish: $e/go.mod has a replace" >&2
		exit 1
	fi
done

step "rebuilding from the same inputs gives the same bytes (quickstart)"
touch examples/quickstart/src/lib.rs # cargo compiles the crate again
mkdir -p "$work/again" && cp -R "$work/stage/quickstart/." "$work/again/"
"$ferrogo" build --crate examples/quickstart --out "$work/again" --module github.com/ferrogo/ferrogo/examples/quickstart/go --targets "$targets,wasm" >/dev/null 2>&1
diff -r "$work/stage/quickstart" "$work/again"
echo "same bytes: $(cd "$work/again" && find . -type f | wc -l) files"

step "ferrogo generate --targets writes the same package around libraries built elsewhere (a CI matrix's runners)"
mkdir -p "$work/assembled"
cp -R "$work/stage/quickstart/." "$work/assembled/"
rm "$work/assembled/"*_ferrogo*.go
"$ferrogo" generate --crate examples/quickstart --out "$work/assembled" --module github.com/ferrogo/ferrogo/examples/quickstart/go --targets "$targets,wasm" >/dev/null 2>&1
diff -r "$work/stage/quickstart" "$work/assembled"
echo "same package"

step "the local module proxy"
proxy=$work/proxy
(cd tests/publish && GOWORK=off go build -o "$work/goproxy" ./goproxy)
# The wasm runtime module as it would be published: its go.mod requires the runtime at the same
# version instead of replacing it with the directory next to it.
mkdir -p "$work/wasmrt" && cp -R go/wasmrt/. "$work/wasmrt/"
(cd "$work/wasmrt" && GOWORK=off go mod edit -dropreplace=github.com/ferrogo/ferrogo/go -require=github.com/ferrogo/ferrogo/go@$version)
"$work/goproxy" -proxy "$proxy" -version "$version" "$repo/go" "$work/wasmrt" "${EXAMPLES[@]/#/$work/stage/}"
find "$proxy" -name '*.zip' | sed "s#$proxy/#  #"

step "a consumer with no Rust toolchain"
# Every tool of the machine but Rust's.
mkdir -p "$work/bin"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
	for f in "$dir"/*; do
		name=$(basename "$f")
		case $name in cargo* | rustc* | rustdoc* | rustup* | rust-*) continue ;; esac
		[ -e "$work/bin/$name" ] || ln -s "$f" "$work/bin/$name"
	done
done
consumer_env=(
	env -i HOME="$work/home" PATH="$(go env GOROOT)/bin:$work/bin" TMPDIR="${TMPDIR:-/tmp}"
	GOPATH="$work/gopath" GOMODCACHE="$work/modcache" GOCACHE="$(go env GOCACHE)" GOWORK=off GOTOOLCHAIN=local
	GOFLAGS=-modcacherw
	# Our modules come from the local proxy; their dependencies (testify for the tokenizers
	# tests) from the module cache this machine filled, read as a proxy too: no network.
	GOPROXY="file://$proxy,file://$(go env GOMODCACHE)/cache/download" GOSUMDB=off
	FERROGO_TOKENIZERS_EXAMPLE="$repo/examples/tokenizers"
)
mkdir -p "$work/consumer" "$work/home"
cd "$work/consumer"
"${consumer_env[@]}" sh -c '! command -v cargo && ! command -v rustc' >/dev/null || {
	echo "publish: cargo or rustc is still on the consumer's PATH" >&2
	exit 1
}
cat >go.mod <<'MOD'
module example.com/consumer

go 1.24
MOD
cat >main.go <<'GO'
// A program that uses the published quickstart package.
package main

import (
	"fmt"

	quickstart "github.com/ferrogo/ferrogo/examples/quickstart/go"
	regexp "github.com/ferrogo/ferrogo/examples/regex/go"
)

func main() {
	re := regexp.MustCompile(`(\w+)@(\w+)\.com`)
	defer re.Close()
	fmt.Println(quickstart.Add(2, 3), re.FindStringSubmatch("mail ada@example.com")[2])
}
GO
mkdir -p cmd/nocgo
cat >cmd/nocgo/main.go <<'GO'
// A program that uses only the quickstart, whose published module has its WebAssembly build:
// it runs with CGO_ENABLED=0.
package main

import (
	"fmt"

	quickstart "github.com/ferrogo/ferrogo/examples/quickstart/go"
)

func main() { fmt.Println(quickstart.Add(2, 3)) }
GO
cat >deps.go <<'GO'
//go:build !windows

package main

// The consumer's other dependency, whose tests it runs too.
import _ "github.com/ferrogo/ferrogo/examples/tokenizers/go"
GO
PKGS=(github.com/ferrogo/ferrogo/examples/quickstart/go github.com/ferrogo/ferrogo/examples/regex/go github.com/ferrogo/ferrogo/examples/tokenizers/go)
for p in "${PKGS[@]}"; do "${consumer_env[@]}" go get "$p@$version"; done
"${consumer_env[@]}" go mod tidy
out=$("${consumer_env[@]}" go run .)
[ "$out" = "5 example" ] || { echo "publish: consumer printed $out" >&2; exit 1; }
echo "consumer: go run: $out"

step "linux/amd64: go test -race of the published packages (-short)"
# -short: the in-repository run (make test-go) already runs the full suites; here the point is
# the published modules, so the large inputs are left out.
"${consumer_env[@]}" CGO_ENABLED=1 go test -count=1 -race -short "${PKGS[@]}"

step "without cgo: the quickstart's tests run its WebAssembly module under wazero"
"${consumer_env[@]}" CGO_ENABLED=0 go test -count=1 github.com/ferrogo/ferrogo/examples/quickstart/go
out=$("${consumer_env[@]}" CGO_ENABLED=0 go run ./cmd/nocgo)
[ "$out" = "5" ] || { echo "publish: the consumer without cgo printed $out" >&2; exit 1; }
echo "consumer (CGO_ENABLED=0, wazero): $out"

if has_target linux/arm64; then
	# -short: emulation is ~10x slower; the flagships then leave out their large inputs (the
	# benchmark haystacks, the oracle's two big texts), nothing else.
	step "linux/arm64 under qemu-user: the same tests (-short)"
	qemu="qemu-aarch64-static -L /usr/aarch64-linux-gnu"
	"${consumer_env[@]}" CGO_ENABLED=1 GOARCH=arm64 CC=aarch64-linux-gnu-gcc \
		go test -count=1 -short -exec "$qemu" "${PKGS[@]}"
	"${consumer_env[@]}" CGO_ENABLED=1 GOARCH=arm64 CC=aarch64-linux-gnu-gcc go build -o consumer-arm64 .
	out=$($qemu ./consumer-arm64)
	[ "$out" = "5 example" ] || { echo "publish: arm64 consumer printed $out" >&2; exit 1; }
	echo "consumer (arm64, qemu): $out"
fi

if has_target windows/amd64; then
	step "windows/amd64: the test binaries link"
	for p in "${PKGS[@]}"; do
		[[ $p == */tokenizers/* ]] && continue # not published for windows here (see stage)
		"${consumer_env[@]}" CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
			go test -c -o "$work/$(basename "$(dirname "$p")").test.exe" "$p"
	done
	"${consumer_env[@]}" CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc go build -o consumer.exe .
	ls -la "$work"/*.test.exe consumer.exe | awk '{print "  " $5, $NF}'
	if command -v wine64 >/dev/null || [ -x /usr/lib/wine/wine64 ]; then
		step "windows/amd64 under wine: the quickstart's tests and the consumer"
		wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
		export WINEPREFIX=$work/wine WINEDEBUG=-all
		"$wine" wineboot -i >/dev/null 2>&1 || true
		# Rust's std imports ProcessPrng (bcryptprimitives.dll, Windows 10+), which wine 8
		# lacks: a stub that forwards to RtlGenRandom.
		printf '%s\n' '#include <windows.h>' 'BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);' \
			'__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) { return SystemFunction036(data, (ULONG)len); }' >"$work/bcp.c"
		x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" "$work/bcp.c" -ladvapi32
		out=$("$wine" ./consumer.exe | tr -d '\r')
		[ "$out" = "5 example" ] || { echo "publish: windows consumer printed $out" >&2; exit 1; }
		echo "consumer (windows, wine): $out"
		"$wine" "$work/quickstart.test.exe" -test.count=1 | tr -d '\r' | tail -1
	fi
fi

step "a platform without a library fails naming it"
# The quickstart published for linux/amd64 only, built for linux/arm64 (whose C compiler is here):
# the type checker stops at the file that names the missing platform, before any link.
"$ferrogo" build --crate "$repo/examples/quickstart" --out "$work/amd64only" --module example.com/amd64only --targets linux/amd64 >/dev/null 2>&1
printf 'go 1.24\n\nuse %s\nuse %s\n' "$work/amd64only" "$repo/go" >"$work/amd64only.work"
err=$(cd "$work/amd64only" && GOWORK="$work/amd64only.work" CGO_ENABLED=1 GOARCH=arm64 CC=aarch64-linux-gnu-gcc go vet . 2>&1 || true)
echo "$err" | grep -q 'undefined: amd64only_has_no_Rust_library_for_linux_arm64' || {
	echo "publish: a linux/arm64 build did not name the missing library:" >&2
	echo "$err" >&2
	exit 1
}
echo "$err" | grep -m1 has_no_Rust_library
# regex is published without its WebAssembly module, so without cgo it cannot build.
err=$("${consumer_env[@]}" CGO_ENABLED=0 go vet github.com/ferrogo/ferrogo/examples/regex/go 2>&1 || true)
echo "$err" | grep -q 'needs_cgo' || {
	echo "publish: a build without cgo did not say it needs cgo:" >&2
	echo "$err" >&2
	exit 1
}
echo "$err" | grep -m1 needs_cgo
echo
echo "publish: ok"

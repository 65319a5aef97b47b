#!/usr/bin/env bash
# The pure-Go fallback (issue 20, goal 4; ADR 0018): with CGO_ENABLED=0 the generated packages
# run their crate compiled to WebAssembly under wazero. Builds the module of the quickstart and
# of the contract fixtures (`ferrogo build --targets wasm`, std for wasm32 built once into the
# shared build-std target directory), then runs their own Go tests without cgo.
#   tests/wasm.sh         the tests (make test-publish)
#   tests/wasm.sh bench   cgo vs wasm for one quickstart call (docs/PERFORMANCE.md)
# Needs .ci/deps-cross.sh (Debian's rustc-web, rust-web-src, lld-22).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
ferrogo=$repo/target/debug/ferrogo
cd "$repo"
start=$SECONDS
crates=(examples/quickstart examples/regex tests/fixtures/wasm tests/fixtures/objects tests/fixtures/errors
	tests/fixtures/scalars tests/fixtures/multi_a tests/fixtures/multi_b)
[ "${1:-}" = bench ] && crates=(examples/quickstart)

for c in "${crates[@]}"; do
	module=$(awk '/^module /{print $2; exit}' "$c/go/go.mod")
	echo "wasm: ferrogo build --targets wasm ($c)"
	log=$(mktemp)
	if ! "$ferrogo" build --fuzz --targets wasm --crate "$c" --out "$c/go" --module "$module" >"$log" 2>&1; then
		cat "$log" >&2
		exit 1
	fi
	grep -E '^ferrogo|^error|warning' "$log" || true
	rm -f "$log"
done

if [ "${1:-}" = bench ]; then
	cd examples/quickstart/go
	for cgo in 1 0; do
		echo "== CGO_ENABLED=$cgo"
		CGO_ENABLED=$cgo go test -run '^$' -bench 'Add|Greet' -benchmem -count "${COUNT:-5}" . | grep -E '^Benchmark'
	done
	exit 0
fi

for c in "${crates[@]}"; do
	echo "wasm: CGO_ENABLED=0 go vet + go test ($c/go)"
	(cd "$c/go" && CGO_ENABLED=0 go vet . && CGO_ENABLED=0 go test -count=1 .)
done
echo "wasm: done in $((SECONDS - start))s"

#!/usr/bin/env bash
# Boundary benchmarks (`make bench`): runs every case through raw cgo, ferrogo, hand-written cgo
# and a serializing binding in one `go test -bench` binary and prints the Markdown tables of
# docs/PERFORMANCE.md (medians, ratios to the raw cgo floor, goals).
#
#   BENCH_COUNT=5       rounds of the whole suite (the table shows each benchmark's median)
#   BENCH_TIME=200ms    -benchtime per run
#   BENCH=.             -bench pattern, e.g. BENCH='Scalar|ObjectMethod'
#   BENCH_OUT=file      also keep the raw `go test` output there (for benchstat)
set -euo pipefail
cd "$(dirname "$0")/go"

count=${BENCH_COUNT:-5}
out=${BENCH_OUT:-$(mktemp)}

bin=$(mktemp -d)
trap 'rm -rf "$bin"; [[ -n ${BENCH_OUT:-} ]] || rm -f "$out"' EXIT
go test -c -o "$bin/bench.test" .
# Calls from Rust into Go live in their own crate (tests/bench-callbacks): a crate with
# callbacks gives up cgo's `nocallback` on every shim, which would change the other cases.
(cd ../../bench-callbacks/go && go test -c -o "$bin/callbacks.test" .)

# Whole-suite rounds rather than -count: every variant of a case sees the same machine load, so
# the ratios hold up on a shared machine.
echo "running boundary benchmarks ($count rounds, benchtime=${BENCH_TIME:-200ms}); this takes a few minutes" >&2
: >"$out"
for ((i = 1; i <= count; i++)); do
	for t in bench callbacks; do
		"$bin/$t.test" -test.run='^$' -test.bench="${BENCH:-.}" -test.benchmem -test.benchtime="${BENCH_TIME:-200ms}" >>"$out"
	done
	echo "  round $i/$count done" >&2
done
go run ./cmd/benchtable -go "$(go env GOVERSION)" -count "$count" <"$out"

# The shims' own cost, without cgo (a Rust loop; stable where the cgo floor is noisy).
echo
(cd .. && cargo run --quiet --release --bin shim_overhead)
echo
echo "The same with call statistics off (FERROGO_METRICS=off, what ferrogo.Config.DisableStats sets):"
echo
(cd .. && FERROGO_METRICS=off cargo run --quiet --release --bin shim_overhead)
echo
(cd ../../bench-callbacks && cargo run --quiet --release --bin async_overhead)

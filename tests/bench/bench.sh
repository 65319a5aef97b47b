#!/usr/bin/env bash
# Boundary benchmarks (`make bench`): runs every case through raw cgo, ferrogo, hand-written cgo
# and a serializing binding in one `go test -bench` binary and prints the Markdown tables of
# docs/PERFORMANCE.md (medians, ratios to the raw cgo floor, goals).
#
#   BENCH_COUNT=5       runs per benchmark (the table shows the median)
#   BENCH_TIME=200ms    -benchtime per run
#   BENCH=.             -bench pattern, e.g. BENCH='Scalar|ObjectMethod'
#   BENCH_OUT=file      also keep the raw `go test` output there (for benchstat)
set -euo pipefail
cd "$(dirname "$0")/go"

count=${BENCH_COUNT:-5}
out=${BENCH_OUT:-$(mktemp)}
[[ -n ${BENCH_OUT:-} ]] || trap 'rm -f "$out"' EXIT

echo "running boundary benchmarks (count=$count, benchtime=${BENCH_TIME:-200ms}); this takes a few minutes" >&2
go test -run='^$' -bench="${BENCH:-.}" -benchmem -count="$count" -benchtime="${BENCH_TIME:-200ms}" . >"$out"
go run ./cmd/benchtable -go "$(go env GOVERSION)" -count "$count" <"$out"

#!/usr/bin/env bash
# The tokenizers flagship's benchmarks (run by `make bench`): each case three ways in one run -
# github.com/daulet/tokenizers v1.24.0, this package, and the tokenizers crate called natively
# from Rust - printed as the Markdown table of docs/PERFORMANCE.md.
#
# daulet's Go package comes from the Go module proxy (`go mod download`); its Rust library is
# built here from that module's source with cargo, its git dependency on tiktoken-rs replaced by
# the newest crates.io release its code compiles with (0.9.1) and the tokenizers crate updated to the
# release this flagship uses (0.22.2, in daulet's semver range), so both bind the same library.
# Nothing of daulet's is committed: all of it lands in target/. COUNT (default 5) rounds,
# the medians are reported; BENCH (a -bench pattern) runs some cases only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$here"
COUNT=${COUNT:-5}
DAULET=github.com/daulet/tokenizers@v1.24.0
./prepare.sh
dir=$(go mod download -json "$DAULET" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')

# daulet's Rust library, built once (its own workspace and target directory).
build=target/daulet
if [ ! -f "$build/target/release/libtokenizers.a" ]; then
	rm -rf "$build"
	mkdir -p "$build"
	cp -R "$dir/Cargo.toml" "$dir/Cargo.lock" "$dir/src" "$dir/benches" "$build/"
	chmod -R u+w "$build"
	sed -i 's|^tiktoken-rs = .*|tiktoken-rs = "=0.9.1"|' "$build/Cargo.toml"
	printf '\n[workspace]\n' >>"$build/Cargo.toml"
	(cd "$build" && cargo update -q -p tokenizers@0.22.0 --precise 0.22.2 && cargo build -q --release --lib)
fi

# A module of bench/ requiring daulet's package and this one, outside the repository (where
# `go work use -r .` would take it into the workspace).
mod=$(mktemp -d)
trap 'rm -rf "$mod"' EXIT
cp bench/compare_test.go "$mod/"
cat >"$mod/go.mod" <<MOD
module compare

go 1.24

require (
	github.com/daulet/tokenizers v1.24.0
	github.com/ferrogo/ferrogo/examples/tokenizers/go v0.0.0
	github.com/ferrogo/ferrogo/go v0.0.0
)

replace github.com/ferrogo/ferrogo/examples/tokenizers/go => $here/go

replace github.com/ferrogo/ferrogo/go => $repo/go
MOD
cp go/go.sum "$mod/go.sum"
cd "$mod"
export GOWORK=off GOFLAGS=-mod=mod CGO_LDFLAGS="-L$here/$build/target/release"
export DAULET_DATA="$here/go/test/data" SHERLOCK="$here/testdata/sherlock.txt"
# The binary is built once and run COUNT times over all cases (rounds rather than -count, so
# the three variants of a case run close together and see the same machine load).
go test -tags ferrogo_bench -c -o compare.test .
out=""
for round in $(seq "$COUNT"); do
	out+=$(./compare.test -test.run='^$' -test.bench="${BENCH:-.}" -test.benchmem -test.timeout 60m)$'\n'
done
alt=$(./compare.test -test.run='^TestAlternating$' -test.v -test.timeout 60m | grep '^ALT ' || true)
python3 - "$out" "$alt" <<'PY'
import re, statistics, sys
from collections import defaultdict

runs = defaultdict(list)  # case -> [(ns/op, allocs/op)], one per round
cpu = ""
for line in sys.argv[1].splitlines():
    if line.startswith("cpu:"):
        cpu = line[4:].strip()
    m = re.match(r"Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op", line)
    if m:
        runs[m.group(1)].append((float(m.group(2)), int(m.group(4))))
med = {k: (statistics.median(v[0] for v in vs), vs[0][1]) for k, vs in runs.items()}

def ratio(a, b):
    """The median over rounds of a's time over b's in the same round."""
    return statistics.median(x[0] / y[0] for x, y in zip(runs[a], runs[b]))

def fmt(ns):
    return f"{ns/1e6:.2f} ms" if ns >= 1e6 else f"{ns/1e3:.1f} µs" if ns >= 1e4 else f"{ns:.0f} ns"

print(f"CPU: {cpu}; medians of {len(next(iter(runs.values())))} rounds (ratios: median of the per-round ratios)\n")
print("| case | daulet | ferrogo | native Rust | ferrogo / daulet | ferrogo / native | allocs/op daulet | allocs/op ferrogo |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for key in [k for k in med if k.endswith("/ferrogo")]:
    case = key[: -len("/ferrogo")]
    d, f, n = (med.get(f"{case}/{w}") for w in ("daulet", "ferrogo", "native"))
    if not (d and n):
        continue
    print(f"| {case} | {fmt(d[0])} | {fmt(f[0])} | {fmt(n[0])} | {ratio(key, case + '/daulet'):.2f}× | {ratio(key, case + '/native'):.2f}× | {d[1]} | {f[1]} |")
seq, batch, dseq = (med.get(f"Batch/llama3-1000/{w}") for w in ("ferrogo-sequential", "ferrogo-batch", "daulet-sequential"))
if seq and batch:
    print(f"\nEncodeBatch of 1000 texts: {fmt(batch[0])} ({batch[1]} allocs); 1000 sequential Encode calls: "
          f"{fmt(seq[0])} ({seq[1]} allocs), daulet's: {fmt(dseq[0])} ({dseq[1]} allocs). "
          f"Batch speed-up over sequential: {ratio('Batch/llama3-1000/ferrogo-sequential', 'Batch/llama3-1000/ferrogo-batch'):.2f}×.")

alt = [line.split() for line in sys.argv[2].splitlines()]
if alt:
    print("\nThe same cases timed back to back, alternating (mean per call):\n")
    print("| case | daulet | ferrogo | native Rust | ferrogo / daulet | ferrogo / native |")
    print("|---|---:|---:|---:|---:|---:|")
    for _, case, d, f, n in (a for a in alt if not a[1].startswith("Batch/")):
        d, f, n = float(d), float(f), float(n)
        print(f"| {case} | {fmt(d)} | {fmt(f)} | {fmt(n)} | {f/d:.2f}× | {f/n:.2f}× |")
    for _, case, d, f, b in (a for a in alt if a[1].startswith("Batch/")):
        d, f, b = float(d), float(f), float(b)
        print(f"\n{case}, alternating: 1000 daulet Encode calls {fmt(d)}, 1000 ferrogo Encode calls {fmt(f)}, "
              f"one EncodeBatch {fmt(b)}: speed-up {f/b:.2f}× over sequential ({d/b:.2f}× over daulet's).")
PY

#!/usr/bin/env bash
# The regex flagship's benchmarks (run by `make bench`), printed as the Markdown tables of
# docs/PERFORMANCE.md and examples/regex/README.md:
#   - large haystacks three ways in one run (Go's regexp, this package, the same search natively
#     in Rust behind one call);
#   - every FindAll* method on large inputs against the native Rust loop (goals: each ≤ 2×,
#     geomean ≤ 1.2×);
#   - 16-byte MatchString against an empty cgo call, and pathological patterns.
#
#   COUNT=5          rounds of the whole suite (one test binary run each, so every way of a case
#                    sees the same machine load); tables show the median over rounds, and ratios
#                    the median of the ratios within each round
#   BENCHTIME=300ms  -benchtime per benchmark
#   BENCH=...        a -bench pattern, to run some cases only (e.g. BENCH='FindAll/lexer')
#   BENCH_OUT=file   also keep the raw `go test` output there (for benchstat)
set -euo pipefail
cd "$(dirname "$0")/go"
COUNT=${COUNT:-5}
out=${BENCH_OUT:-$(mktemp)}
bin=$(mktemp -d)
trap 'rm -rf "$bin"; [[ -n ${BENCH_OUT:-} ]] || rm -f "$out"' EXIT
go test -c -o "$bin/regex.test" .
: >"$out"
for ((i = 1; i <= COUNT; i++)); do
	"$bin/regex.test" -test.run='^$' -test.bench="${BENCH:-Regex|FindAll|MatchString16|Pathological}" \
		-test.benchmem -test.benchtime="${BENCHTIME:-300ms}" >>"$out"
	echo "  round $i/$COUNT done" >&2
done
python3 - "$out" <<'PY'
import re, statistics, sys
from collections import defaultdict

runs = defaultdict(list)     # benchmark -> [(ns/op, allocs/op)], one per round
metrics = {}                 # benchmark -> {unit: value} (custom metrics, last round)
cpu = ""
for line in open(sys.argv[1]):
    if line.startswith("cpu:"):
        cpu = line[4:].strip()
    m = re.match(r"Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)", line)
    if m:
        runs[m.group(1)].append((float(m.group(2)), 0))
        rest = dict((u, float(v)) for v, u in re.findall(r"([\d.]+) (\S+)", m.group(3)))
        runs[m.group(1)][-1] = (float(m.group(2)), int(rest.get("allocs/op", 0)))
        metrics[m.group(1)] = rest
if not runs:
    sys.exit("no benchmark results")
med = {k: (statistics.median(v[0] for v in vs), vs[0][1]) for k, vs in runs.items()}

def ratio(a, b):
    """The median over rounds of a's time over b's in the same round."""
    return statistics.median(x[0] / y[0] for x, y in zip(runs[a], runs[b]))

def fmt(ns):
    return f"{ns/1e6:.2f} ms" if ns >= 1e6 else f"{ns/1e3:.1f} µs" if ns >= 1e4 else f"{ns:.0f} ns"

rounds = max(len(v) for v in runs.values())
print(f"CPU: {cpu}; {rounds} rounds: times are medians, ratios the median of each round's ratio\n")
cases = [k.split("/")[1] for k in med if k.startswith("Regex/") and k.endswith("/ferrogo")]
if cases:  # each table is absent when BENCH selects other cases
    print("| case | Go regexp | ferrogo regex | native Rust | ferrogo / native | Go / ferrogo |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios = []
    for case in cases:
        g, f, n = (f"Regex/{case}/{w}" for w in ("go", "ferrogo", "native"))
        ratios.append(ratio(f, n))
        print(f"| {case} | {fmt(med[g][0])} | {fmt(med[f][0])} | {fmt(med[n][0])} | {ratios[-1]:.2f}× | {ratio(g, f):.1f}× |")
    geo = statistics.geometric_mean(ratios)
    print(f"\nGeomean ferrogo / native over the large-haystack cases: {geo:.2f}× (max {max(ratios):.2f}×).\n")
for key in [k for k in med if k.startswith("Regex/") and k.endswith("/go-alloc")]:
    case = key.split("/")[1]
    a, f, n = (med[f"Regex/{case}/{w}"][0] for w in ("go-alloc", "ferrogo", "native"))
    print(f"{case}: a Go string the size of the input, allocated and filled, takes {fmt(a)} alone; "
          f"native + that = {fmt(n + a)}, ferrogo {fmt(f)} ({f/(n+a):.2f}×).\n")
findall = [k for k in med if k.startswith("FindAll/") and k.endswith("/ferrogo")]
if findall:
    print("| FindAll on large inputs | method | matches | ferrogo | native Rust | ferrogo / native | ≤ 2× |")
    print("|---|---|---:|---:|---:|---:|:---:|")
    ratios = []
    for key in findall:
        _, case, method, _ = key.split("/")
        native = key.replace("/ferrogo", "/native")
        ratios.append(ratio(key, native))
        matches = int(metrics[key].get("matches", 0))
        print(f"| {case} | {method} | {matches:,} | {fmt(med[key][0])} | {fmt(med[native][0])} | "
              f"{ratios[-1]:.2f}× | {'met' if ratios[-1] <= 2 else 'not met'} |")
    geo, worst = statistics.geometric_mean(ratios), max(ratios)
    print(f"\nFindAll on large inputs: geomean ferrogo / native {geo:.2f}× (goal ≤ 1.2×: "
          f"{'met' if geo <= 1.2 else 'not met'}), max {worst:.2f}× (goal ≤ 2×: "
          f"{'met' if worst <= 2 else 'not met'}).\n")
if "MatchString16/cgo-floor" in med:
    c = med["MatchString16/cgo-floor"]
    print("| 16-byte MatchString | Go regexp | ferrogo regex | native Rust is_match | ferrogo / cgo floor | allocs/op (ferrogo) |")
    print("|---|---:|---:|---:|---:|---:|")
    for pat in ("class", "literal"):
        g, f, n = (med[f"MatchString16/{pat}/{w}"] for w in ("go", "ferrogo", "native"))
        print(f"| {pat} | {g[0]:.0f} ns | {f[0]:.0f} ns | {n[0]:.0f} ns | "
              f"{ratio(f'MatchString16/{pat}/ferrogo', 'MatchString16/cgo-floor'):.2f}× | {f[1]} |")
    print(f"\nEmpty cgo call (the floor): {c[0]:.0f} ns.\n")
pathological = sorted((k for k in med if k.startswith("Pathological/") and k.endswith("/go")), key=lambda k: int(k.split("=")[1].split("/")[0]))
if pathological:
    print("| pathological (a?){n}a{n} on a^n | Go regexp | ferrogo regex |")
    print("|---|---:|---:|")
    for key in pathological:
        n = key.split("/")[1]
        print(f"| {n} | {fmt(med[key][0])} | {fmt(med[key.replace('/go', '/ferrogo')][0])} |")
PY

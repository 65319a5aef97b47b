#!/usr/bin/env bash
# The regex flagship's benchmarks (run by `make bench`), printed as the Markdown tables of
# docs/PERFORMANCE.md and examples/regex/README.md:
#   - large haystacks three ways (Go's regexp; this package and the same search natively in Rust
#     behind one call, alternating call by call so that both see the same machine load);
#   - every FindAll* method on large inputs against the native Rust loop, alternating likewise
#     (goals: each ≤ 2×, geomean ≤ 1.2×);
#   - 16-byte MatchString against an empty cgo call, and pathological patterns.
#
#   COUNT=5          rounds of the whole suite (one run of the test binary each); tables show the
#                    median over rounds, ratios the median of the ratios within each round
#   BENCHTIME=1s     -benchtime per benchmark
#   BENCH=...        a -bench pattern, to run some cases only (e.g. BENCH='FindAll/lexer')
#   BENCH_OUT=file   also keep the raw `go test` output there (for benchstat)
#   BENCH_IN=file    print the tables of earlier raw output instead of running
set -euo pipefail
[[ -z ${BENCH_IN:-} ]] || BENCH_IN=$(realpath "$BENCH_IN")
[[ -z ${BENCH_OUT:-} ]] || BENCH_OUT=$(realpath -m "$BENCH_OUT")
cd "$(dirname "$0")/go"
COUNT=${COUNT:-5}
if [[ -n ${BENCH_IN:-} ]]; then
	out=$BENCH_IN
else
	out=${BENCH_OUT:-$(mktemp)}
	bin=$(mktemp -d)
	trap 'rm -rf "$bin"; [[ -n ${BENCH_OUT:-} ]] || rm -f "$out"' EXIT
	go test -c -o "$bin/regex.test" .
	: >"$out"
	for ((i = 1; i <= COUNT; i++)); do
		"$bin/regex.test" -test.run='^$' -test.bench="${BENCH:-Regex|FindAll|MatchString16|Pathological}" \
			-test.benchmem -test.benchtime="${BENCHTIME:-1s}" >>"$out"
		echo "  round $i/$COUNT done" >&2
	done
fi
python3 - "$out" <<'PY'
import re, statistics, sys
from collections import defaultdict

# benchmark -> one {unit: value} per round (ns/op, allocs/op, and the custom metrics: the median
# ferrogo-ns/op, native-ns/op and ratio of the paired benchmarks, matches)
runs = defaultdict(list)
cpu = ""
for line in open(sys.argv[1]):
    if line.startswith("cpu:"):
        cpu = line[4:].strip()
    m = re.match(r"Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)", line)
    if m:
        runs[m.group(1)].append({u: float(v) for v, u in re.findall(r"([\d.]+) (\S+)", m.group(2))})
if not runs:
    sys.exit("no benchmark results")

def med(name, unit="ns/op"):
    """The median over rounds."""
    return statistics.median(r[unit] for r in runs[name])

def ratio(a, b, ua="ns/op", ub="ns/op"):
    """The median over rounds of a's time over b's in the same round."""
    return statistics.median(x[ua] / y[ub] for x, y in zip(runs[a], runs[b]))

def paired(name):
    """ferrogo / native of a paired benchmark: the median over rounds of its median ratio."""
    return med(name, "ratio")

def fmt(ns):
    return f"{ns/1e6:.2f} ms" if ns >= 1e6 else f"{ns/1e3:.1f} µs" if ns >= 1e4 else f"{ns:.0f} ns"

rounds = max(len(v) for v in runs.values())
print(f"CPU: {cpu}; {rounds} rounds, medians over rounds. ferrogo and native Rust alternate call "
      "by call: their times are median calls, their ratio the median ratio of a call of each.\n")
cases = [k.split("/")[1] for k in runs if k.startswith("Regex/") and k.endswith("/ferrogo-native")]
if cases:  # each table is absent when BENCH selects other cases
    print("| case | Go regexp | ferrogo regex | native Rust | ferrogo / native | Go / ferrogo |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios = []
    for case in cases:
        g, p = f"Regex/{case}/go", f"Regex/{case}/ferrogo-native"
        ratios.append(paired(p))
        print(f"| {case} | {fmt(med(g))} | {fmt(med(p, 'ferrogo-ns/op'))} | {fmt(med(p, 'native-ns/op'))} | "
              f"{ratios[-1]:.2f}× | {ratio(g, p, 'ns/op', 'ferrogo-ns/op'):.1f}× |")
    geo = statistics.geometric_mean(ratios)
    print(f"\nGeomean ferrogo / native over the large-haystack cases: {geo:.2f}× (max {max(ratios):.2f}×).\n")
for key in [k for k in runs if k.startswith("Regex/") and k.endswith("/go-alloc")]:
    case = key.split("/")[1]
    p = f"Regex/{case}/ferrogo-native"
    a, f, n = med(key), med(p, "ferrogo-ns/op"), med(p, "native-ns/op")
    print(f"{case}: a Go string the size of the input, allocated and filled, takes {fmt(a)} alone; "
          f"native + that = {fmt(n + a)}, ferrogo {fmt(f)} ({f/(n+a):.2f}×).\n")
findall = [k for k in runs if k.startswith("FindAll/")]
if findall:
    print("| FindAll on large inputs | method | matches | ferrogo | native Rust | ferrogo / native | ≤ 2× |")
    print("|---|---|---:|---:|---:|---:|:---:|")
    ratios = []
    for key in findall:
        _, case, method = key.split("/")
        ratios.append(paired(key))
        print(f"| {case} | {method} | {int(med(key, 'matches')):,} | {fmt(med(key, 'ferrogo-ns/op'))} | "
              f"{fmt(med(key, 'native-ns/op'))} | {ratios[-1]:.2f}× | {'met' if ratios[-1] <= 2 else 'not met'} |")
    geo, worst = statistics.geometric_mean(ratios), max(ratios)
    print(f"\nFindAll on large inputs: geomean ferrogo / native {geo:.2f}× (goal ≤ 1.2×: "
          f"{'met' if geo <= 1.2 else 'not met'}), max {worst:.2f}× (goal ≤ 2×: "
          f"{'met' if worst <= 2 else 'not met'}).\n")
if "MatchString16/cgo-floor" in runs:
    print("| 16-byte MatchString | Go regexp | ferrogo regex | native Rust is_match | ferrogo / cgo floor | allocs/op (ferrogo) |")
    print("|---|---:|---:|---:|---:|---:|")
    for pat in ("class", "literal"):
        g, f, n = (f"MatchString16/{pat}/{w}" for w in ("go", "ferrogo", "native"))
        print(f"| {pat} | {med(g):.0f} ns | {med(f):.0f} ns | {med(n):.0f} ns | "
              f"{ratio(f, 'MatchString16/cgo-floor'):.2f}× | {med(f, 'allocs/op'):.0f} |")
    print(f"\nEmpty cgo call (the floor): {med('MatchString16/cgo-floor'):.0f} ns.\n")
pathological = sorted((k for k in runs if k.startswith("Pathological/") and k.endswith("/go")), key=lambda k: int(k.split("=")[1].split("/")[0]))
if pathological:
    print("| pathological (a?){n}a{n} on a^n | Go regexp | ferrogo regex |")
    print("|---|---:|---:|")
    for key in pathological:
        n = key.split("/")[1]
        print(f"| {n} | {fmt(med(key))} | {fmt(med(key.replace('/go', '/ferrogo')))} |")
PY

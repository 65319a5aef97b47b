#!/usr/bin/env bash
# The regex flagship's benchmarks (run by `make bench`): each case three ways in one run (Go's
# regexp, this package, the same search natively in Rust), printed as the Markdown table of
# docs/PERFORMANCE.md. COUNT (default 3) runs per benchmark; the median is reported. BENCH (a
# -bench pattern) runs some cases only.
set -euo pipefail
cd "$(dirname "$0")/go"
COUNT=${COUNT:-3}
out=$(go test -run='^$' -bench="${BENCH:-Regex|MatchString16|Pathological}" -benchmem -count="$COUNT" .)
python3 - "$out" <<'PY'
import re, statistics, sys
from collections import defaultdict

runs = defaultdict(list)
cpu = ""
for line in sys.argv[1].splitlines():
    if line.startswith("cpu:"):
        cpu = line[4:].strip()
    m = re.match(r"Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op.*?(\d+) allocs/op", line)
    if m:
        runs[m.group(1)].append((float(m.group(2)), int(m.group(3))))
med = {k: (statistics.median(v[0] for v in vs), vs[0][1]) for k, vs in runs.items()}

def fmt(ns):
    return f"{ns/1e6:.2f} ms" if ns >= 1e6 else f"{ns/1e3:.1f} µs" if ns >= 1e4 else f"{ns:.0f} ns"

print(f"CPU: {cpu}; median of {len(next(iter(runs.values())))} runs\n")
cases = [k.split("/")[1] for k in med if k.startswith("Regex/") and k.endswith("/ferrogo")]
if cases:  # each table is absent when BENCH selects other cases
    print("| case | Go regexp | ferrogo regex | native Rust | ferrogo / native | Go / ferrogo |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios = []
    for case in cases:
        g, f, n = (med[f"Regex/{case}/{w}"][0] for w in ("go", "ferrogo", "native"))
        ratios.append(f / n)
        print(f"| {case} | {fmt(g)} | {fmt(f)} | {fmt(n)} | {f/n:.2f}× | {g/f:.1f}× |")
    geo = statistics.geometric_mean(ratios)
    print(f"\nGeomean ferrogo / native over the large-haystack cases: {geo:.2f}× (max {max(ratios):.2f}×).\n")
for key in [k for k in med if k.startswith("Regex/") and k.endswith("/go-alloc")]:
    case = key.split("/")[1]
    a, f, n = (med[f"Regex/{case}/{w}"][0] for w in ("go-alloc", "ferrogo", "native"))
    print(f"{case}: a Go string the size of the input, allocated and filled, takes {fmt(a)} alone; "
          f"native + that = {fmt(n + a)}, ferrogo {fmt(f)} ({f/(n+a):.2f}×).\n")
if "MatchString16/cgo-floor" in med:
    c = med["MatchString16/cgo-floor"]
    print("| 16-byte MatchString | Go regexp | ferrogo regex | native Rust is_match | ferrogo / cgo floor | allocs/op (ferrogo) |")
    print("|---|---:|---:|---:|---:|---:|")
    for pat in ("class", "literal"):
        g, f, n = (med[f"MatchString16/{pat}/{w}"] for w in ("go", "ferrogo", "native"))
        print(f"| {pat} | {g[0]:.0f} ns | {f[0]:.0f} ns | {n[0]:.0f} ns | {f[0]/c[0]:.2f}× | {f[1]} |")
    print(f"\nEmpty cgo call (the floor): {c[0]:.0f} ns.\n")
pathological = sorted((k for k in med if k.startswith("Pathological/") and k.endswith("/go")), key=lambda k: int(k.split("=")[1].split("/")[0]))
if pathological:
    print("| pathological (a?){n}a{n} on a^n | Go regexp | ferrogo regex |")
    print("|---|---:|---:|")
    for key in pathological:
        n = key.split("/")[1]
        print(f"| {n} | {fmt(med[key][0])} | {fmt(med[key.replace('/go', '/ferrogo')][0])} |")
PY

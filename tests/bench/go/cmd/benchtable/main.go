// Command benchtable reads `go test -bench -benchmem` output of the boundary benchmarks on stdin
// and prints the Markdown tables of docs/PERFORMANCE.md: the median of each benchmark's runs, its
// ratio to the raw cgo floor of the same case, and whether each goal of the benchmark suite is met.
//
// Benchmarks are named Benchmark<Case>/<variant>; variants ending in -parallel are divided by
// raw-parallel, the others by raw.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

var line = regexp.MustCompile(`^Benchmark([^/\s]+)/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op.*?(?:\s(\d+) allocs/op)?$`)

// order lists variants in the order the table shows them; unknown ones follow.
var order = []string{"c-floor", "c-floor-parallel", "raw", "ferrogo", "raw-parallel", "ferrogo-parallel", "ferrogo-per-item", "handwritten", "serialized", "serialized-parallel", "rust-only", "go-build", "sync", "async"}

type result struct {
	ns     []float64
	allocs []float64
}

type table struct {
	header  []string
	cases   []string
	results map[string]map[string]*result
}

func parse(r io.Reader) (*table, error) {
	t := &table{results: map[string]map[string]*result{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		text := sc.Text()
		for _, h := range []string{"goos:", "goarch:", "cpu:"} {
			if strings.HasPrefix(text, h) && !slices.Contains(t.header, text) {
				t.header = append(t.header, text)
			}
		}
		m := line.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		c, v := m[1], m[2]
		if t.results[c] == nil {
			t.results[c] = map[string]*result{}
			t.cases = append(t.cases, c)
		}
		res := t.results[c][v]
		if res == nil {
			res = &result{}
			t.results[c][v] = res
		}
		ns, _ := strconv.ParseFloat(m[3], 64)
		res.ns = append(res.ns, ns)
		if m[4] != "" {
			a, _ := strconv.ParseFloat(m[4], 64)
			res.allocs = append(res.allocs, a)
		}
	}
	return t, sc.Err()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// ns returns the median ns/op of a case's variant, or 0 if it did not run.
func (t *table) ns(c, v string) float64 {
	if r := t.results[c][v]; r != nil {
		return median(r.ns)
	}
	return 0
}

func floorOf(v string) string {
	if strings.HasSuffix(v, "-parallel") {
		return "raw-parallel"
	}
	return "raw"
}

func variants(m map[string]*result) []string {
	var vs []string
	for _, v := range order {
		if m[v] != nil {
			vs = append(vs, v)
		}
	}
	var rest []string
	for v := range m {
		if !slices.Contains(order, v) {
			rest = append(rest, v)
		}
	}
	slices.Sort(rest)
	return append(vs, rest...)
}

func formatNs(ns float64) string {
	switch {
	case ns >= 10000:
		return strconv.FormatFloat(ns, 'f', 0, 64)
	case ns >= 100:
		return strconv.FormatFloat(ns, 'f', 1, 64)
	default:
		return strconv.FormatFloat(ns, 'f', 2, 64)
	}
}

func (t *table) print(w io.Writer) {
	fmt.Fprintln(w, "| case | variant | ns/op | allocs/op | × floor |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|")
	for _, c := range t.cases {
		for _, v := range variants(t.results[c]) {
			r := t.results[c][v]
			ratio := "—"
			if f := t.ns(c, floorOf(v)); f > 0 && v != floorOf(v) {
				ratio = fmt.Sprintf("%.2f", median(r.ns)/f)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", c, v, formatNs(median(r.ns)), strconv.FormatFloat(median(r.allocs), 'f', -1, 64), ratio)
		}
	}
}

type goal struct {
	name     string
	measured func(t *table) (float64, bool) // value, ok (false if the benchmarks did not run)
	format   string
	met      func(v float64) bool
}

func ratio(c, v, floor string) func(t *table) (float64, bool) {
	return ratioAcross(c, v, c, floor)
}

// ratioAcross is ratio with the floor taken from another case.
func ratioAcross(c, v, floorCase, floor string) func(t *table) (float64, bool) {
	return func(t *table) (float64, bool) {
		a, b := t.ns(c, v), t.ns(floorCase, floor)
		return a / b, a > 0 && b > 0
	}
}

func allocs(c, v string) func(t *table) (float64, bool) {
	return func(t *table) (float64, bool) {
		r := t.results[c][v]
		if r == nil {
			return 0, false
		}
		return median(r.allocs), true
	}
}

func atMost(limit float64) func(float64) bool  { return func(v float64) bool { return v <= limit } }
func atLeast(limit float64) func(float64) bool { return func(v float64) bool { return v >= limit } }

var goals = []goal{
	{"scalar fn ≤ 1.10× raw cgo", ratio("Scalar", "ferrogo", "raw"), "%.2f×", atMost(1.10)},
	{"scalar fn parallel ≤ 1.25× raw cgo parallel", ratio("Scalar", "ferrogo-parallel", "raw-parallel"), "%.2f×", atMost(1.25)},
	{"scalar fn 0 allocs/op", allocs("Scalar", "ferrogo"), "%.0f", atMost(0)},
	{"scalar fn against a C function in the cgo preamble (no Rust at all), for reference", ratio("Scalar", "ferrogo", "c-floor"), "%.2f×", atMost(1.25)},
	{"scalar fn parallel against the C preamble floor, for reference", ratio("Scalar", "ferrogo-parallel", "c-floor-parallel"), "%.2f×", atMost(1.25)},
	{"object method parallel against the C preamble floor, for reference", ratioAcross("ObjectMethod", "ferrogo-parallel", "Scalar", "c-floor-parallel"), "%.2f×", atMost(1.25)},
	{"object method against the C preamble floor, for reference", ratioAcross("ObjectMethod", "ferrogo", "Scalar", "c-floor"), "%.2f×", atMost(1.25)},
	{"object method ≤ 1.20× raw cgo", ratio("ObjectMethod", "ferrogo", "raw"), "%.2f×", atMost(1.20)},
	{"object method parallel ≤ 1.25× raw cgo parallel (registry read path)", ratio("ObjectMethod", "ferrogo-parallel", "raw-parallel"), "%.2f×", atMost(1.25)},
	{"error path, unit variant (ErrNotFound) ≤ 2× raw cgo returning a sentinel", ratio("ErrorUnit", "ferrogo", "raw"), "%.2f×", atMost(2)},
	{"error path, unit variant: 0 allocs/op", allocs("ErrorUnit", "ferrogo"), "%.0f", atMost(0)},
	{"error path, data variant ≤ 4× raw cgo returning a struct error", ratio("ErrorData", "ferrogo", "raw"), "%.2f×", atMost(4)},
	{"error path, data variant ≤ 2 allocs/op", allocs("ErrorData", "ferrogo"), "%.0f", atMost(2)},
	{"1 KiB string in ≤ 1.10× raw (ptr+len + UTF-8 check)", ratio("StringIn1KiB", "ferrogo", "raw"), "%.2f×", atMost(1.10)},
	{"64 KiB []byte in ≤ 1.10× raw (ptr+len)", ratio("BytesIn64KiB", "ferrogo", "raw"), "%.2f×", atMost(1.10)},
	{"16 B string out: one allocation (one copy, no free crossing)", allocs("StringOut16B", "ferrogo"), "%.0f", atMost(1)},
	{"batch: ≤ 5 ns/item beyond the work (ferrogo − raw) / 1000", func(t *table) (float64, bool) {
		a, b := t.ns("Batch1k", "ferrogo"), t.ns("Batch1k", "raw")
		return (a - b) / 1000, a > 0 && b > 0
	}, "%.1f ns", atMost(5)},
	{"≥ 5× faster than serializing: 1 KiB string in", ratio("StringIn1KiB", "serialized", "ferrogo"), "%.1f×", atLeast(5)},
	{"≥ 5× faster than serializing: 16 B string out", ratio("StringOut16B", "serialized", "ferrogo"), "%.1f×", atLeast(5)},
	{"≥ 5× faster than serializing: 4 KiB string out", ratio("StringOut4KiB", "serialized", "ferrogo"), "%.1f×", atLeast(5)},
	{"≥ 5× faster than serializing: record in/out", ratio("Record", "serialized", "ferrogo"), "%.1f×", atLeast(5)},
	{"sum types: 1000 values out ≥ 10× faster than serializing", ratio("SumVec1k", "serialized", "ferrogo"), "%.1f×", atLeast(10)},
	{"sum types: ≤ 1 allocation per value out", func(t *table) (float64, bool) {
		a, ok := allocs("SumVec1k", "ferrogo")(t)
		return (a - 1) / 1000, ok
	}, "%.2f", atMost(1)},
	{"optional fields: ≤ 1 allocation per record out (1000 records, two Option<usize> each)", func(t *table) (float64, bool) {
		a, ok := allocs("OptionalFields1k", "ferrogo")(t)
		return (a - 1) / 1000, ok
	}, "%.2f", atMost(1)},
	{"map: 1000 entries out ≤ 2× building it in Go: the crossing (ferrogo − rust-only)", func(t *table) (float64, bool) {
		call, work, build := t.ns("Map1k", "ferrogo"), t.ns("Map1k", "rust-only"), t.ns("Map1k", "go-build")
		return (call - work) / build, call > 0 && work > 0 && build > 0
	}, "%.2f×", atMost(2)},
	{"map: the whole call (the Rust function's work included), for reference", ratio("Map1k", "ferrogo", "go-build"), "%.2f×", atMost(2)},
	{"nested: record of 100 records round trip ≤ 1.5× the hand-written floor", ratio("NestedRecord100", "ferrogo", "raw"), "%.2f×", atMost(1.5)},
	{"callback: a Go method called from Rust ≤ 1.3× a raw cgo callback", ratio("Callback1k", "ferrogo", "raw"), "%.2f×", atMost(1.3)},
	{"callback from a Rust-created thread ≤ 1.3× a raw cgo callback from it", ratio("CallbackThread1k", "ferrogo", "raw"), "%.2f×", atMost(1.3)},
	{"async fn ready at once ≤ 1.5× the same sync fn", ratio("AsyncReady", "async", "sync"), "%.2f×", atMost(1.5)},
}

func (t *table) printGoals(w io.Writer) {
	fmt.Fprintln(w, "| goal | measured | met |")
	fmt.Fprintln(w, "|---|--:|:-:|")
	for _, g := range goals {
		v, ok := g.measured(t)
		if !ok {
			continue
		}
		met := "no"
		if g.met(v) {
			met = "yes"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", g.name, fmt.Sprintf(g.format, v), met)
	}
}

func main() {
	goVersion := flag.String("go", runtime.Version(), "Go version to report")
	count := flag.Int("count", 0, "runs per benchmark, to report")
	flag.Parse()
	t, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if len(t.cases) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark results on stdin")
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "%s, %s, %s", *goVersion, strings.Join(t.header, ", "), time.Now().UTC().Format("2006-01-02"))
	if *count > 0 {
		fmt.Fprintf(w, "; median of %d runs", *count)
	}
	fmt.Fprint(w, "\n\n")
	t.print(w)
	fmt.Fprintln(w)
	t.printGoals(w)
}

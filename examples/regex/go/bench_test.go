package regex

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ferrogo/ferrogo/examples/regex/go/internal/cgofloor"
)

// Benchmarks, each case three ways in one run: Go's regexp ("go"), this package ("ferrogo"),
// and the same search done natively in Rust behind one call ("native": a Rust loop, no
// per-match crossing). bench.sh turns the output into the table in docs/PERFORMANCE.md.

var (
	hayOnce                                  sync.Once
	sherlock, sherlock4, logs, uni, verylHay []byte
)

// lexerPattern is the lexer of rebar's curated/05-lexer-veryl (Parol's lexer for Veryl): 88
// alternatives, one group each (testdata/SOURCE.md). Most regex engines resolve its groups at
// 1–10 MB/s, and every byte of a Veryl source is part of a match.
var lexerPattern = func() string {
	lexer, err := os.ReadFile("testdata/parol-veryl.txt")
	if err != nil {
		panic(err)
	}
	return strings.ReplaceAll(strings.TrimSuffix(string(lexer), "\n"), "\n", "|")
}()

func haystacks(b *testing.B) {
	hayOnce.Do(func() {
		var err error
		if sherlock, err = os.ReadFile("testdata/sherlock.txt"); err != nil {
			panic(err)
		}
		// Generated logs: 20k lines, a few with errors and IPs.
		var lb strings.Builder
		for i := 0; i < 20000; i++ {
			level := "INFO"
			if i%97 == 0 {
				level = "ERROR"
			}
			fmt.Fprintf(&lb, "2026-11-25T07:%02d:%02d.%03dZ %s [worker-%d] request id=%08x from 10.%d.%d.%d took %dms\n",
				i/60%60, i%60, i%1000, level, i%16, i*2654435761, i%256, i/256%256, i%7, i%500)
		}
		// rebar's haystacks for its literal cases (opensubtitles, a few MB) are not here: the
		// book four times (2.4 MB, ~400 matches of "Sherlock Holmes") stands in for them.
		sherlock4 = []byte(strings.Repeat(string(sherlock), 4))
		// rebar's curated/05-lexer-veryl: a Veryl module 100 times (150,600 bytes) and the
		// Parol lexer for it, one alternative per line (testdata/SOURCE.md).
		module, err := os.ReadFile("testdata/veryl-module.vl")
		if err != nil {
			panic(err)
		}
		verylHay = []byte(strings.Repeat(string(module), 100))
		logs = []byte(lb.String())
		// Generated Unicode text: Cyrillic, Greek and Latin words.
		words := []string{"привет", "мир", "καλημέρα", "κόσμε", "hello", "world", "Ωmega", "Жук", "naïve", "café"}
		var ub strings.Builder
		for i := 0; ub.Len() < 512<<10; i++ {
			ub.WriteString(words[(i*7)%len(words)])
			ub.WriteByte(" \n,"[i%3])
		}
		uni = []byte(ub.String())
	})
}

type benchCase struct {
	name, pattern string
	hay           func() []byte
	// kind: "count" (FindAllIndex), "captures" (FindAllSubmatchIndex), "replace"
	// (ReplaceAllLiteralString with "X": the common string form).
	kind string
}

var benchCases = []benchCase{
	{"literal", `Sherlock Holmes`, func() []byte { return sherlock }, "count"},
	{"alternation", `Sherlock|Holmes|Watson|Irene|Adler|John|Baker`, func() []byte { return sherlock }, "count"},
	{"case-insensitive", `(?i)sherlock holmes`, func() []byte { return sherlock }, "count"},
	{"unicode-class", `\p{Greek}+`, func() []byte { return uni }, "count"},
	{"words-100k-matches", `\w+`, func() []byte { return sherlock }, "count"},
	{"captures-many", `(\w+)\s+(\w+)`, func() []byte { return sherlock }, "captures"},
	{"log-captures", `(ERROR) \[(worker-\d+)\].*?from (\d+\.\d+\.\d+\.\d+)`, func() []byte { return logs }, "captures"},
	{"lexer-veryl", lexerPattern, func() []byte { return verylHay }, "captures"},
	{"replace-all", `Holmes`, func() []byte { return sherlock }, "replace"},
}

// BenchmarkRegex runs each case with Go's regexp ("go") and with this package and natively in
// Rust, alternating call by call ("ferrogo-native", see timePaired).
func BenchmarkRegex(b *testing.B) {
	haystacks(b)
	for _, c := range benchCases {
		hay := c.hay()
		hayString := string(hay)
		goRE := regexp.MustCompile(c.pattern)
		re := MustCompile(c.pattern)
		ops := map[string][3]func(){ // go, ferrogo, native
			"count": {
				func() { goRE.FindAllIndex(hay, -1) },
				func() { re.FindAllIndex(hay, -1) },
				func() { re.eng.nativeCount(hay, false) },
			},
			"captures": {
				func() { goRE.FindAllSubmatchIndex(hay, -1) },
				func() { re.FindAllSubmatchIndex(hay, -1) },
				func() { re.eng.nativeCount(hay, true) },
			},
			"replace": {
				func() { goRE.ReplaceAllLiteralString(hayString, "X") },
				func() { re.ReplaceAllLiteralString(hayString, "X") },
				func() { re.eng.nativeReplaceLen(hay, []byte("X")) },
			},
		}[c.kind]
		b.Run(c.name+"/go", func(b *testing.B) {
			b.SetBytes(int64(len(hay)))
			for b.Loop() {
				ops[0]()
			}
		})
		b.Run(c.name+"/ferrogo-native", func(b *testing.B) {
			timePaired(b, ops[1], ops[2])
		})
		if c.kind == "replace" {
			// What any Go API returning the result pays on top of the search: a fresh Go
			// string the size of the input, filled (native Rust reuses its allocator's
			// warm memory and frees it).
			b.Run(c.name+"/go-alloc", func(b *testing.B) {
				for b.Loop() {
					sink = strings.Clone(hayString)
				}
			})
		}
	}
}

// timePaired times ferrogo and native call by call, alternating, and reports the median call
// times (ferrogo-ns/op, native-ns/op) and the median ratio of the two calls of an iteration
// (ratio). Alternating, both see the same machine load: on a shared machine the load drifts
// more between two benchmarks than the difference measured, and the medians leave out the calls
// during which the process was descheduled. A ferrogo call is charged with its allocation and
// mark assists; a collection it starts runs on concurrently, so native is called twice and
// timed on the second call, which the previous ferrogo call's garbage no longer slows down (the
// first was 1-3% slower in the FindAll cases, up to 14% after FindAllSubmatch on \w+).
func timePaired(b *testing.B, ferrogo, native func()) {
	// Untimed warm-up: the largest results take a few calls to grow the heap.
	for start, i := time.Now(), 0; i < 3 || time.Since(start) < 100*time.Millisecond; i++ {
		ferrogo()
		native()
	}
	var fs, ns, ratios []float64
	for b.Loop() {
		native()
		t0 := time.Now()
		native()
		t1 := time.Now()
		ferrogo()
		t2 := time.Now()
		f, n := float64(t2.Sub(t1)), float64(t1.Sub(t0))
		fs, ns, ratios = append(fs, f), append(ns, n), append(ratios, f/n)
	}
	b.ReportMetric(median(fs), "ferrogo-ns/op")
	b.ReportMetric(median(ns), "native-ns/op")
	b.ReportMetric(median(ratios), "ratio")
}

// median returns the median of v, reordering it.
func median(v []float64) float64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// sink keeps benchmark results alive, so the compiler cannot drop the work.
var sink string

// findAllCases are the inputs of the FindAll table: every FindAll* method on each, against the
// native Rust loop finding the same matches (nativeCount: the spans, or for the Submatch methods
// the groups, counting those that took part as rebar's count-captures model does).
var findAllCases = []struct {
	name, pattern string
	hay           func() []byte
}{
	// rebar curated/05-lexer-veryl: 62,400 matches of 88 groups, each setting one (124,800
	// groups in all, rebar's count); the submatch results hold 11 million offsets.
	{"lexer-veryl", lexerPattern, func() []byte { return verylHay }},
	// rebar curated/01-literal, sherlock-en and sherlock-casei-en: ~400 matches in 2.4 MB.
	{"literal-en", `Sherlock Holmes`, func() []byte { return sherlock4 }},
	{"literal-casei-en", `(?i)Sherlock Holmes`, func() []byte { return sherlock4 }},
	// ~110,000 and ~50,000 matches in 595 KB.
	{"words", `\w+`, func() []byte { return sherlock }},
	{"word-pairs", `(\w+)\s+(\w+)`, func() []byte { return sherlock }},
}

// finder is the FindAll API, shared by this package and Go's regexp (for TestFindAllLikeGo).
type finder interface {
	FindAll(b []byte, n int) [][]byte
	FindAllIndex(b []byte, n int) [][]int
	FindAllString(s string, n int) []string
	FindAllStringIndex(s string, n int) [][]int
	FindAllSubmatch(b []byte, n int) [][][]byte
	FindAllSubmatchIndex(b []byte, n int) [][]int
	FindAllStringSubmatch(s string, n int) [][]string
	FindAllStringSubmatchIndex(s string, n int) [][]int
}

// findAllVariants are the FindAll* methods, called with n.
var findAllVariants = []struct {
	name   string
	groups bool // a Submatch method: compared with the native loop resolving groups
	run    func(re finder, b []byte, s string, n int) any
}{
	{"FindAll", false, func(re finder, b []byte, _ string, n int) any { return re.FindAll(b, n) }},
	{"FindAllIndex", false, func(re finder, b []byte, _ string, n int) any { return re.FindAllIndex(b, n) }},
	{"FindAllString", false, func(re finder, _ []byte, s string, n int) any { return re.FindAllString(s, n) }},
	{"FindAllStringIndex", false, func(re finder, _ []byte, s string, n int) any { return re.FindAllStringIndex(s, n) }},
	{"FindAllSubmatch", true, func(re finder, b []byte, _ string, n int) any { return re.FindAllSubmatch(b, n) }},
	{"FindAllSubmatchIndex", true, func(re finder, b []byte, _ string, n int) any { return re.FindAllSubmatchIndex(b, n) }},
	{"FindAllStringSubmatch", true, func(re finder, _ []byte, s string, n int) any { return re.FindAllStringSubmatch(s, n) }},
	{"FindAllStringSubmatchIndex", true, func(re finder, _ []byte, s string, n int) any {
		return re.FindAllStringSubmatchIndex(s, n)
	}},
}

// BenchmarkFindAll runs every FindAll* method on large inputs against the native Rust loop
// finding the same matches, alternating call by call (timePaired); it reports the number of
// matches too.
func BenchmarkFindAll(b *testing.B) {
	haystacks(b)
	for _, c := range findAllCases {
		hay := c.hay()
		s := string(hay)
		re := MustCompile(c.pattern)
		for _, v := range findAllVariants {
			b.Run(c.name+"/"+v.name, func(b *testing.B) {
				b.SetBytes(int64(len(hay)))
				timePaired(b,
					func() { v.run(re, hay, s, -1) },
					func() { re.eng.nativeCount(hay, v.groups) })
				b.ReportMetric(float64(reflect.ValueOf(v.run(re, hay, s, -1)).Len()), "matches")
			})
		}
		re.Close()
	}
}

// BenchmarkMatchString16 is the tiny-input case, where the crossing dominates: Go's regexp, this
// package, the match alone in Rust (native), and the floor (an empty cgo call passing the same
// 16 bytes). ferrogo's own cost is ferrogo - native - cgo-floor.
func BenchmarkMatchString16(b *testing.B) {
	const in = "gopher2026friend"
	for _, c := range []struct{ name, pattern string }{
		{"class", `^[a-z]+\d+[a-z]+$`},
		{"literal", `friend`}, // Go's regexp finds literals with a plain substring search
	} {
		goRE, re := regexp.MustCompile(c.pattern), MustCompile(c.pattern)
		b.Run(c.name+"/go", func(b *testing.B) {
			for b.Loop() {
				goRE.MatchString(in)
			}
		})
		b.Run(c.name+"/ferrogo", func(b *testing.B) {
			for b.Loop() {
				re.MatchString(in)
			}
		})
		b.Run(c.name+"/native", func(b *testing.B) {
			// One crossing for all b.N matches: the cost of the match itself.
			if got := re.eng.nativeIsMatchN(bytesOf(in), uint64(b.N)); got != uint64(b.N) {
				b.Fatalf("%d of %d matched", got, b.N)
			}
		})
	}
	b.Run("cgo-floor", func(b *testing.B) {
		for b.Loop() {
			cgofloor.Call(bytesOf(in))
		}
	})
}

// BenchmarkPathological shows linear time: (a?){n}a{n} against a^n, exponential for
// backtracking engines, linear here and in Go's regexp.
func BenchmarkPathological(b *testing.B) {
	for _, n := range []int{10, 20, 40, 80} {
		p := strings.Repeat("a?", n) + strings.Repeat("a", n)
		in := strings.Repeat("a", n)
		goRE, re := regexp.MustCompile(p), MustCompile(p)
		b.Run(fmt.Sprintf("n=%d/go", n), func(b *testing.B) {
			for b.Loop() {
				goRE.MatchString(in)
			}
		})
		b.Run(fmt.Sprintf("n=%d/ferrogo", n), func(b *testing.B) {
			for b.Loop() {
				if !re.MatchString(in) {
					b.Fatal("no match")
				}
			}
		})
	}
}

// The benchmark cases compute the same thing all three ways.
func TestBenchCasesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the benchmark haystacks are large (tests/publish.sh runs the published package under qemu with -short)")
	}
	haystacks(nil)
	for _, c := range benchCases {
		hay := c.hay()
		goRE := regexp.MustCompile(c.pattern)
		re := MustCompile(c.pattern)
		switch c.kind {
		case "count":
			goN, n := len(goRE.FindAllIndex(hay, -1)), len(re.FindAllIndex(hay, -1))
			native := int(re.eng.nativeCount(hay, false))
			if goN != n || n != native || n == 0 {
				t.Errorf("%s: go %d matches, ferrogo %d, native %d", c.name, goN, n, native)
			}
		case "captures":
			goN, n := setGroups(goRE.FindAllSubmatchIndex(hay, -1)), setGroups(re.FindAllSubmatchIndex(hay, -1))
			native := int(re.eng.nativeCount(hay, true))
			if goN != n || n != native || n == 0 {
				t.Errorf("%s: go %d groups set, ferrogo %d, native %d", c.name, goN, n, native)
			}
		case "replace":
			goOut := goRE.ReplaceAllLiteral(hay, []byte("X"))
			out := re.ReplaceAllLiteral(hay, []byte("X"))
			if string(goOut) != string(out) || uint64(len(out)) != re.eng.nativeReplaceLen(hay, []byte("X")) {
				t.Errorf("%s: outputs differ", c.name)
			}
		}
		re.Close()
	}
}

// setGroups counts the groups that took part in the matches, the matches included: what the
// native baseline of the capture cases counts (rebar's count-captures).
func setGroups(all [][]int) int {
	n := 0
	for _, m := range all {
		for j := 0; j < len(m); j += 2 {
			if m[j] >= 0 {
				n++
			}
		}
	}
	return n
}

package regex

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ferrogo/ferrogo/examples/regex/go/internal/cgofloor"
)

// Benchmarks, each case three ways in one run: Go's regexp ("go"), this package ("ferrogo"),
// and the same search done natively in Rust behind one call ("native": a Rust loop, no
// per-match crossing). bench.sh turns the output into the table in docs/PERFORMANCE.md.

var (
	hayOnce             sync.Once
	sherlock, logs, uni []byte
)

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
	{"replace-all", `Holmes`, func() []byte { return sherlock }, "replace"},
}

func BenchmarkRegex(b *testing.B) {
	haystacks(b)
	for _, c := range benchCases {
		hay := c.hay()
		hayString := string(hay)
		goRE := regexp.MustCompile(c.pattern)
		re := MustCompile(c.pattern)
		c.run(b, "go", hay,
			func() { goRE.FindAllIndex(hay, -1) },
			func() { goRE.FindAllSubmatchIndex(hay, -1) },
			func() { goRE.ReplaceAllLiteralString(hayString, "X") })
		c.run(b, "ferrogo", hay,
			func() { re.FindAllIndex(hay, -1) },
			func() { re.FindAllSubmatchIndex(hay, -1) },
			func() { re.ReplaceAllLiteralString(hayString, "X") })
		c.run(b, "native", hay,
			func() { re.eng.nativeCount(hay, false) },
			func() { re.eng.nativeCount(hay, true) },
			func() { re.eng.nativeReplaceLen(hay, []byte("X")) })
		if c.kind == "replace" {
			// What any Go API returning the result pays on top of the search: a fresh Go
			// string the size of the input, filled (native Rust reuses its allocator's
			// warm memory and frees it).
			c.run(b, "go-alloc", hay, nil, nil, func() { sink = strings.Clone(hayString) })
		}
	}
}

// sink keeps benchmark results alive, so the compiler cannot drop the work.
var sink string

// run benchmarks one way of doing the case: the function for its kind.
func (c benchCase) run(b *testing.B, way string, hay []byte, count, captures, replace func()) {
	op := map[string]func(){"count": count, "captures": captures, "replace": replace}[c.kind]
	b.Run(c.name+"/"+way, func(b *testing.B) {
		b.SetBytes(int64(len(hay)))
		for b.Loop() {
			op()
		}
	})
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

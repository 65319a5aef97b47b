package regex

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// re2Case is one regexp of testdata/re2-search.txt with its inputs and, per input, the expected
// results: [0] for the whole input (\A(?:re)\z), [1] for a search, [2] and [3] the same with
// leftmost-longest semantics (Longest).
type re2Case struct {
	line   int
	expr   string
	inputs []string
	want   [][4][]int
}

// loadRE2Search parses testdata/re2-search.txt (format: Go's regexp/exec_test.go).
func loadRE2Search(t *testing.T) []re2Case {
	f, err := os.Open("testdata/re2-search.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		cases     []re2Case
		strs      []string
		inStrings bool
	)
	sc := bufio.NewScanner(f)
	for lineno := 1; sc.Scan(); lineno++ {
		line := sc.Text()
		switch {
		case line == "" || line[0] == '#' || 'A' <= line[0] && line[0] <= 'Z':
		case line == "strings":
			strs, inStrings = nil, true
		case line == "regexps":
			inStrings = false
		case line[0] == '"':
			q, err := strconv.Unquote(line)
			if err != nil {
				t.Fatalf("re2-search.txt:%d: %v", lineno, err)
			}
			if inStrings {
				strs = append(strs, q)
			} else {
				cases = append(cases, re2Case{line: lineno, expr: q, inputs: strs})
			}
		default:
			c := &cases[len(cases)-1]
			res := strings.Split(line, ";")
			if len(res) != 4 {
				t.Fatalf("re2-search.txt:%d: %d results, want 4", lineno, len(res))
			}
			var want [4][]int
			for i := range want {
				want[i] = parseRE2Result(t, res[i])
			}
			c.want = append(c.want, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func parseRE2Result(t *testing.T, res string) []int {
	if res == "-" {
		return nil
	}
	var out []int
	for _, pair := range strings.Split(res, " ") {
		if pair == "-" {
			out = append(out, -1, -1)
			continue
		}
		lo, hi, _ := strings.Cut(pair, "-")
		l, err1 := strconv.Atoi(lo)
		h, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad pair %q", pair)
		}
		out = append(out, l, h)
	}
	return out
}

// TestRE2Search runs every regexp × string of re2-search.txt through this package and checks
// all four columns (leftmost-first and, after Longest, leftmost-longest), and compares with Go's
// regexp on the same inputs across the API (FindAll, Replace, Split) in both modes, so the
// comparison covers Go's rules for successive matches too.
func TestRE2Search(t *testing.T) {
	cases := loadRE2Search(t)
	var nfail, ncase, nskip int
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf(format, args...)
		if nfail++; nfail >= 50 {
			t.Fatalf("stopping after %d errors", nfail)
		}
	}
	// -short (make test's -race and GC-stress runs, qemu in tests/publish.sh): every 8th regexp,
	// which still takes every path through the API; the full file costs minutes when a collection
	// runs before each call. make test's cgocheck2 run (and a plain go test) checks every case.
	stride := 1
	if testing.Short() {
		stride = 8
	}
	for k, c := range cases {
		if k%stride != 0 {
			continue
		}
		goRE, goErr := regexp.Compile(c.expr)
		re, err := Compile(c.expr)
		if (err == nil) != (goErr == nil) {
			fail("re2-search.txt:%d: Compile(%#q) error %v, Go's regexp: %v", c.line, c.expr, err, goErr)
			continue
		}
		if err != nil {
			// Go and RE2 agree on \C being unsupported; so do we.
			nskip += len(c.inputs)
			continue
		}
		full := MustCompile(`\A(?:` + c.expr + `)\z`)
		// Leftmost-longest versions, made by Longest on a copy, which leaves the original
		// leftmost-first (as in Go).
		reL, fullL, goREL := re.Copy(), full.Copy(), goRE.Copy()
		reL.Longest()
		fullL.Longest()
		goREL.Longest()
		for i, text := range c.inputs {
			ncase++
			// RE2's \B looks at every byte position, Go's only between runes, so Go skips RE2's
			// answers for those; we compare them with Go's regexp below instead.
			rune2 := strings.Contains(c.expr, `\B`) && !isSingleBytes(text)
			if !rune2 {
				for col, run := range []struct {
					re   *Regexp
					name string
				}{{full, "[full]"}, {re, ""}, {fullL, "[full,longest]"}, {reL, "[longest]"}} {
					if got, want := run.re.FindStringSubmatchIndex(text), c.want[i][col]; !slices.Equal(got, want) {
						fail("re2-search.txt:%d: %#q%s.FindStringSubmatchIndex(%#q) = %v, want %v", c.line, c.expr, run.name, text, got, want)
					}
				}
			}
			compareWithGo(t, fail, re, goRE, text)
			compareWithGo(t, fail, reL, goREL, text)
		}
		for _, r := range []*Regexp{re, full, reL, fullL} {
			r.Close()
		}
	}
	t.Logf("%d cases tested, %d skipped (\\C)", ncase, nskip)
	if ncase < 1800/stride {
		t.Fatalf("only %d cases: test data not parsed", ncase)
	}
}

// compareWithGo checks this package against Go's regexp on one input across the API.
func compareWithGo(t *testing.T, fail func(string, ...any), re *Regexp, goRE *regexp.Regexp, text string) {
	t.Helper()
	if got, want := re.MatchString(text), goRE.MatchString(text); got != want {
		fail("%#q.MatchString(%#q) = %v, Go: %v", re, text, got, want)
	}
	if got, want := re.FindStringSubmatchIndex(text), goRE.FindStringSubmatchIndex(text); !slices.Equal(got, want) {
		fail("%#q.FindStringSubmatchIndex(%#q) = %v, Go: %v", re, text, got, want)
	}
	if got, want := re.FindAllStringSubmatchIndex(text, -1), goRE.FindAllStringSubmatchIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
		fail("%#q.FindAllStringSubmatchIndex(%#q) = %v, Go: %v", re, text, got, want)
	}
	if got, want := re.FindAllStringIndex(text, 2), goRE.FindAllStringIndex(text, 2); !slices.EqualFunc(got, want, slices.Equal) {
		fail("%#q.FindAllStringIndex(%#q, 2) = %v, Go: %v", re, text, got, want)
	}
	if got, want := re.ReplaceAllString(text, "<$0|$1>"), goRE.ReplaceAllString(text, "<$0|$1>"); got != want {
		fail("%#q.ReplaceAllString(%#q) = %q, Go: %q", re, text, got, want)
	}
	if got, want := re.Split(text, -1), goRE.Split(text, -1); !slices.Equal(got, want) {
		fail("%#q.Split(%#q) = %q, Go: %q", re, text, got, want)
	}
}

func isSingleBytes(s string) bool {
	for _, c := range s {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

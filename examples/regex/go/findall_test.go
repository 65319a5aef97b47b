package regex

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// The contracts of the FindAll* results, which share backing arrays across matches (groups.go):
// identical to Go's regexp (nil-ness included), no aliasing between matches, and alive for as
// long as the caller holds them (the GC-stress run: GOGC=1 -tags ferrogo_gcstress).

// findAllInputs are small versions of the benchmark inputs (the lexer's 88 groups take the sparse
// form, the word pairs the dense one), so the tests stay fast under -race.
func findAllInputs() []struct{ name, pattern, hay string } {
	haystacks(nil)
	return []struct{ name, pattern, hay string }{
		{"lexer-veryl", lexerPattern, string(verylHay[:3*1506])},
		{"literal", `Sherlock Holmes`, string(sherlock[:200_000])},
		{"words", `\w+`, string(sherlock[:20_000])},
		{"word-pairs", `(\w+)\s+(\w+)`, string(sherlock[:20_000])},
		{"optional-groups", `(a)|(b)|(c)(x)?|(d)(e)?(f)?|\.`, "abcxdef.cdd.e..ab"},
		{"empty-matches", `(a)*|(b)`, "baaac ab é"},
		{"no-match", `(zz)(q)`, "abc"},
		{"unicode", `(\p{Greek}+)|(\p{Cyrillic}+)`, "καλημέρα мир κόσμε Жук naïve"},
	}
}

func TestFindAllLikeGo(t *testing.T) {
	for _, in := range findAllInputs() {
		goRE, re := regexp.MustCompile(in.pattern), MustCompile(in.pattern)
		if sparse := re.NumSubexp() >= sparseMinSubexp; in.name == "lexer-veryl" && !sparse {
			t.Fatalf("the lexer no longer takes the sparse form (%d groups)", re.NumSubexp())
		}
		hay := []byte(in.hay)
		for _, v := range findAllVariants {
			for _, n := range []int{-1, 0, 1, 2, 7, 1 << 20} {
				want := v.run(goRE, hay, in.hay, n)
				got := v.run(re, hay, in.hay, n)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s(n=%d) = %s, Go's regexp: %s", in.name, v.name, n, brief(got), brief(want))
				}
			}
		}
		re.Close()
	}
}

// brief prints the start of a result.
func brief(v any) string {
	s := fmt.Sprintf("%q", v)
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// TestFindAllResultsDoNotAlias appends to and writes into each match of every result shape and
// checks that no other match, and not the input, changed: every slice returned, at every level,
// has capacity == length, and no two matches share elements.
func TestFindAllResultsDoNotAlias(t *testing.T) {
	// Dense (2 groups) and sparse (5 groups) forms; every match sets group 1.
	for _, pattern := range []string{`(\w+)\s+(\w+)`, `(\w)(x)?(y)?(z)?(\w)`} {
		re := MustCompile(pattern)
		const in = "ab cd ef gh ij kl"
		hay := []byte(in)
		orig := string(hay)

		rows := re.FindAllSubmatchIndex(hay, -1)
		if len(rows) < 2 {
			t.Fatalf("%s: %d matches", pattern, len(rows))
		}
		checkIntRows(t, pattern+" FindAllSubmatchIndex", rows)
		checkIntRows(t, pattern+" FindAllStringSubmatchIndex", re.FindAllStringSubmatchIndex(in, -1))
		checkIntRows(t, pattern+" FindAllIndex", re.FindAllIndex(hay, -1))
		checkIntRows(t, pattern+" FindAllStringIndex", re.FindAllStringIndex(in, -1))

		groups := re.FindAllSubmatch(hay, -1)
		for i, m := range groups {
			for j, g := range m {
				if cap(g) != len(g) {
					t.Errorf("%s FindAllSubmatch: group %d of match %d has spare capacity", pattern, j, i)
				}
				_ = append(g, "XYZ"...) // must reallocate, not overwrite the input
			}
		}
		for i := range groups[:len(groups)-1] {
			next := fmt.Sprintf("%q", groups[i+1])
			if cap(groups[i]) != len(groups[i]) {
				t.Errorf("%s FindAllSubmatch: match %d has capacity %d > %d", pattern, i, cap(groups[i]), len(groups[i]))
			}
			_ = append(groups[i], []byte("appended"))
			groups[i][0] = []byte("written")
			if got := fmt.Sprintf("%q", groups[i+1]); got != next {
				t.Errorf("%s FindAllSubmatch: changing match %d changed match %d: %s, was %s", pattern, i, i+1, got, next)
			}
		}
		for i, m := range re.FindAll(hay, -1) {
			if cap(m) != len(m) {
				t.Errorf("%s FindAll: match %d has spare capacity", pattern, i)
			}
			_ = append(m, "XYZ"...)
		}
		if string(hay) != orig {
			t.Errorf("%s: appending to results changed the input: %q", pattern, hay)
		}

		strs := re.FindAllStringSubmatch(in, -1)
		for i := range strs[:len(strs)-1] {
			next := fmt.Sprint(strs[i+1])
			if cap(strs[i]) != len(strs[i]) {
				t.Errorf("%s FindAllStringSubmatch: match %d has spare capacity", pattern, i)
			}
			_ = append(strs[i], "appended")
			strs[i][0] = "written"
			if got := fmt.Sprint(strs[i+1]); got != next {
				t.Errorf("%s FindAllStringSubmatch: changing match %d changed match %d: %s, was %s", pattern, i, i+1, got, next)
			}
		}
		re.Close()
	}
}

// checkIntRows appends to and writes into each row of rows and checks that the next row kept
// its values.
func checkIntRows(t *testing.T, what string, rows [][]int) {
	t.Helper()
	for i := range rows[:len(rows)-1] {
		next := fmt.Sprint(rows[i+1])
		if cap(rows[i]) != len(rows[i]) {
			t.Errorf("%s: match %d has capacity %d > %d", what, i, cap(rows[i]), len(rows[i]))
		}
		_ = append(rows[i], 1000, 1001)
		rows[i][0] = -7
		if got := fmt.Sprint(rows[i+1]); got != next {
			t.Errorf("%s: changing match %d changed match %d: %s, was %s", what, i, i+1, got, next)
		}
	}
}

// TestFindAllResultsOutliveGC keeps only the results (the inputs are dropped, so the results'
// backing arrays are referenced from the results alone), collects and churns the heap, and
// checks them against Go's regexp. A backing array freed early would read as garbage.
func TestFindAllResultsOutliveGC(t *testing.T) {
	var kept, want []any
	for _, in := range findAllInputs() {
		goRE, re := regexp.MustCompile(in.pattern), MustCompile(in.pattern)
		for _, v := range findAllVariants {
			// Fresh copies, unreachable once the call returns (strings.Clone, not the
			// shared test input).
			hay := strings.Clone(in.hay)
			kept = append(kept, v.run(re, []byte(hay), hay, -1))
			want = append(want, v.run(goRE, []byte(in.hay), in.hay, -1))
			runtime.GC()
		}
		re.Close()
	}
	for range 3 {
		churn := make([][]byte, 0, 1000)
		for i := range 1000 {
			churn = append(churn, []byte(strings.Repeat("#", i%200+1)))
		}
		runtime.GC()
		_ = churn
	}
	for i := range kept {
		if !reflect.DeepEqual(kept[i], want[i]) {
			t.Errorf("result %d changed after GC: %s, want %s", i, brief(kept[i]), brief(want[i]))
		}
	}
}

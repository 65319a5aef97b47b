package regex

import (
	"regexp"
	"slices"
	"testing"
)

// FuzzDifferential compiles random patterns with this package and with Go's regexp and compares
// them on random input across the API, leftmost-first and then, after Longest on both,
// leftmost-longest.
func FuzzDifferential(f *testing.F) {
	for _, seed := range [][2]string{
		{`a+`, "baaac"},
		{`(a*)+`, "b"},
		{`\b\w+\b`, "héllo wörld"},
		{`(?i)k`, "\u212a"},
		{`.`, "a\xffb\xe2\x82"},
		{`[^a]`, "\xc2\x00"},
		{`\B`, "é"},
		{`(?U)(a+)(b*)`, "aabb"},
		{`x*`, "\xe2\x82\xac"},
		{`(?m)^\s*$`, "a\n\n b\r\n"},
		{`(?P<y>\d{4})-(?P<m>\d\d)`, "2026-11 and ٢٠٢٦-١١"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, input string) {
		if len(pattern) > 200 || len(input) > 2000 {
			// Big patterns make Rust compile programs near its size limit (slow, and the limit
			// differs from Go's by design); meaning is exercised by small ones.
			return
		}
		goRE, goErr := regexp.Compile(pattern)
		re, err := Compile(pattern)
		if goErr != nil {
			if err == nil {
				t.Fatalf("Compile(%q) succeeded, Go's regexp: %v", pattern, goErr)
			}
			if err.Error() != goErr.Error() {
				t.Fatalf("Compile(%q) error %q, Go's regexp: %q", pattern, err, goErr)
			}
			return
		}
		if err != nil {
			// Only Rust's size limit may reject what Go accepts.
			t.Skipf("Compile(%q): %v", pattern, err)
		}
		defer re.Close()
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf(format, args...)
		}
		compareWithGo(t, fail, re, goRE, input)
		if got, want := re.FindAllString(input, 3), goRE.FindAllString(input, 3); !slices.Equal(got, want) {
			t.Fatalf("%#q.FindAllString(%q, 3) = %q, Go: %q", pattern, input, got, want)
		}
		if got, want := re.ReplaceAllLiteralString(input, "$"), goRE.ReplaceAllLiteralString(input, "$"); got != want {
			t.Fatalf("%#q.ReplaceAllLiteralString(%q) = %q, Go: %q", pattern, input, got, want)
		}
		re.Longest()
		goRE.Longest()
		compareWithGo(t, fail, re, goRE, input)
	})
}

package regex

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ferrogo/ferrogo/go"
)

func TestRegexSet(t *testing.T) {
	set := MustCompileSet([]string{`\d+`, `(?i)gopher`, `^x`, `\pL+\z`})
	defer set.Close()
	tests := []struct {
		in   string
		want []int
	}{
		{"", nil},
		{"x", []int{2, 3}},
		{"GOPHER 42", []int{0, 1}},
		{"Gophers", []int{1, 3}},
		{"١٢", nil}, // Arabic-Indic digits: not \d in Go (ASCII), and not letters
	}
	for _, tt := range tests {
		if got := set.MatchesString(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("MatchesString(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if got := set.MatchString(tt.in); got != (tt.want != nil) {
			t.Errorf("MatchString(%q) = %v", tt.in, got)
		}
		// Each index agrees with compiling that pattern alone with Go's regexp.
		for i, p := range set.Patterns() {
			if regexp.MustCompile(p).MatchString(tt.in) != slices.Contains(tt.want, i) {
				t.Errorf("pattern %d %#q on %q disagrees with Go's regexp", i, p, tt.in)
			}
		}
	}
	if set.Len() != 4 {
		t.Errorf("Len() = %d", set.Len())
	}
	if _, err := CompileSet([]string{`a`, `(`}); err == nil || !strings.Contains(err.Error(), "missing closing )") {
		t.Errorf("CompileSet with a bad pattern: %v", err)
	}
}

func TestFindAllIter(t *testing.T) {
	re := MustCompile(`a+|(?:)`)
	defer re.Close()
	in := "baaacaé"
	var got [][]int
	for start, end := range re.FindAllStringIter(in) {
		got = append(got, []int{start, end})
	}
	if want := re.FindAllStringIndex(in, -1); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("FindAllStringIter = %v, FindAllStringIndex = %v", got, want)
	}
	// Many matches cross in chunks; breaking early stops.
	big := strings.Repeat("ab", 1000)
	n := 0
	for range MustCompile(`b`).FindAllIter([]byte(big)) {
		if n++; n == 300 {
			break
		}
	}
	if n != 300 {
		t.Errorf("broke after %d matches", n)
	}
	all := 0
	for range MustCompile(`b`).FindAllStringIter(big) {
		all++
	}
	if all != 1000 {
		t.Errorf("ranged over %d matches, want 1000", all)
	}
}

func TestMatchStrings(t *testing.T) {
	re := MustCompile(`^\w+@\w+\.com$`)
	defer re.Close()
	in := []string{"a@b.com", "", "nope", "x@y.com", "é@b.com", "\xff"}
	got := re.MatchStrings(in)
	for i, s := range in {
		if got[i] != re.MatchString(s) {
			t.Errorf("MatchStrings[%d] (%q) = %v", i, s, got[i])
		}
	}
	if len(re.MatchStrings(nil)) != 0 {
		t.Error("MatchStrings(nil) not empty")
	}
	if got := re.MatchEach([][]byte{[]byte("q@w.com"), nil}); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("MatchEach = %v", got)
	}
}

// Errors are Go's: same type and text as regexp.Compile.
func TestCompileErrorsAreGos(t *testing.T) {
	for _, p := range []string{`(`, `a**`, `\C`, `x{1001}`, `[z-a]`, `\8`, `(?P<>a)`} {
		_, err := Compile(p)
		_, goErr := regexp.Compile(p)
		if err == nil || goErr == nil || err.Error() != goErr.Error() {
			t.Errorf("Compile(%#q) = %v, Go's regexp: %v", p, err, goErr)
		}
		var se *syntax.Error
		if !errors.As(err, &se) {
			t.Errorf("Compile(%#q) error %T is not a *syntax.Error", p, err)
		}
	}
}

// Rust's size limit: Go accepts the pattern, Rust would need over 10 MiB.
func TestSizeLimit(t *testing.T) {
	p := `\pL{1000}`
	if _, err := regexp.Compile(p); err != nil {
		t.Fatalf("Go rejects %#q: %v", p, err)
	}
	_, err := Compile(p)
	var se *syntax.Error
	if !errors.As(err, &se) || se.Code != syntax.ErrLarge || !strings.Contains(err.Error(), "Rust regex") {
		t.Fatalf("Compile(%#q) = %v, want syntax.ErrLarge with Rust's explanation", p, err)
	}
}

// Go's \d \w \s \b are ASCII; Rust's defaults are Unicode. The package follows Go.
func TestASCIIClassesAsInGo(t *testing.T) {
	cases := []struct{ pattern, in string }{
		{`\d+`, "٣4"},
		{`\w+`, "héllo"},
		{`\s+`, "a\u00a0\u2003\vb \t"},
		{`\bé`, "xé"},
		{`\Bé`, "xé"},
		{`[\D]+`, "a٣1"},
		{`(?i)straße`, "STRASSE strasse STRAßE"},
	}
	for _, c := range cases {
		re := MustCompile(c.pattern)
		got := re.FindAllStringIndex(c.in, -1)
		want := regexp.MustCompile(c.pattern).FindAllStringIndex(c.in, -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%#q on %q = %v, Go: %v", c.pattern, c.in, got, want)
		}
		re.Close()
	}
}

// A Regexp is shared by goroutines; Close while they run makes later calls fail with
// ferrogo.ErrClosed (a recoverable panic), never a crash.
func TestConcurrentUseAndClose(t *testing.T) {
	re := MustCompile(`(\w+)@(\w+)`)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if m := re.FindStringSubmatch("mail gopher@golang now"); len(m) != 3 || m[2] != "golang" {
					t.Errorf("FindStringSubmatch = %q", m)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := re.Close(); err != nil {
		t.Fatal(err)
	}
	if err := re.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	defer func() {
		err, _ := recover().(error)
		if !errors.Is(err, ferrogo.ErrClosed) {
			t.Fatalf("MatchString after Close: recovered %v, want ferrogo.ErrClosed", err)
		}
	}()
	re.MatchString("x")
	t.Fatal("MatchString after Close did not panic")
}

// Longest after Close does not bring a closed Regexp back to life.
func TestLongestAfterClose(t *testing.T) {
	re := MustCompile(`a|ab`)
	re.Close()
	defer func() {
		err, _ := recover().(error)
		if !errors.Is(err, ferrogo.ErrClosed) {
			t.Fatalf("Longest after Close: recovered %v, want ferrogo.ErrClosed", err)
		}
	}()
	re.Longest()
	t.Fatal("Longest after Close did not panic")
}

// Longest switches one Regexp (not its copies) to leftmost-longest matches across the API;
// groups come from the first parse of the longest match, as in Go.
func TestLongestAcrossTheAPI(t *testing.T) {
	re := MustCompile(`(a|ab)(c|bcd)?(d*)`)
	first := re.Copy()
	re.Longest()
	re.Longest() // idempotent
	for _, text := range []string{"abcd", "xabcdx abd", "", "ab ab", "\xffabcd\xff"} {
		goRE := regexp.MustCompile(re.String())
		goFirst := goRE.Copy()
		goRE.Longest()
		if got, want := re.FindAllStringSubmatchIndex(text, -1), goRE.FindAllStringSubmatchIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("Longest: FindAllStringSubmatchIndex(%q) = %v, Go: %v", text, got, want)
		}
		if got, want := re.ReplaceAllString(text, "<$1|$3>"), goRE.ReplaceAllString(text, "<$1|$3>"); got != want {
			t.Errorf("Longest: ReplaceAllString(%q) = %q, Go: %q", text, got, want)
		}
		if got, want := re.Split(text, -1), goRE.Split(text, -1); !slices.Equal(got, want) {
			t.Errorf("Longest: Split(%q) = %q, Go: %q", text, got, want)
		}
		if got, want := first.FindAllStringSubmatchIndex(text, -1), goFirst.FindAllStringSubmatchIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("copy made before Longest: FindAllStringSubmatchIndex(%q) = %v, Go: %v", text, got, want)
		}
	}
	var got []string
	for start, end := range re.FindAllIter([]byte("abcd ab")) {
		got = append(got, "abcd ab"[start:end])
	}
	if !slices.Equal(got, []string{"abcd", "ab"}) {
		t.Errorf("Longest: FindAllIter = %q", got)
	}
}

// Go never stands inside a multi-byte rune, so an empty match there (\B between the two bytes
// of "ö") does not count for MatchString, MatchStrings or a RegexSet, as it does not for Find.
// (Found by FuzzDifferential; Rust's is_match alone reports it.)
func TestNoEmptyMatchInsideARune(t *testing.T) {
	for _, c := range []struct {
		expr, text string
	}{{`\B`, "0ö0"}, {`\B`, "ö"}, {`\B`, "öö"}, {`x*\B`, "€"}, {`\B`, "a"}, {`\B`, "ab"}} {
		want := regexp.MustCompile(c.expr).MatchString(c.text)
		re := MustCompile(c.expr)
		if got := re.MatchString(c.text); got != want {
			t.Errorf("%#q.MatchString(%q) = %v, Go: %v", c.expr, c.text, got, want)
		}
		if got := re.MatchStrings([]string{c.text}); got[0] != want {
			t.Errorf("%#q.MatchStrings(%q) = %v, Go: %v", c.expr, c.text, got, want)
		}
		set := MustCompileSet([]string{`z`, c.expr})
		if got := set.MatchesString(c.text); slices.Contains(got, 1) != want {
			t.Errorf("set with %#q: MatchesString(%q) = %v, Go's MatchString: %v", c.expr, c.text, got, want)
		}
		if got := set.MatchString(c.text); got != want {
			t.Errorf("set with %#q: MatchString(%q) = %v, Go: %v", c.expr, c.text, got, want)
		}
	}
}

// CompilePOSIX: POSIX ERE syntax (no \d, no non-greedy operators) and leftmost-longest
// matches, with Go's errors for what POSIX syntax lacks.
func TestCompilePOSIX(t *testing.T) {
	for _, c := range []struct{ expr, text string }{
		{`a+|a+b`, "xaab"},
		{`(foo|foobar)(bar)?`, "foobar"},
		{`[[:alpha:]]+|[[:alnum:]]+`, "abc123 x"},
		{`^a|ab$`, "ab\nab"},
		{`a*?`, "aaa"}, // POSIX has no non-greedy operators: Go reads this as (a*)?
		{`a**`, "aa"},
	} {
		re := MustCompilePOSIX(c.expr)
		goRE := regexp.MustCompilePOSIX(c.expr)
		if got, want := re.FindAllStringSubmatchIndex(c.text, -1), goRE.FindAllStringSubmatchIndex(c.text, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("CompilePOSIX(%#q).FindAllStringSubmatchIndex(%q) = %v, Go: %v", c.expr, c.text, got, want)
		}
	}
	for _, expr := range []string{`\d`, `\pL`, `(?i)a`} {
		_, err := CompilePOSIX(expr)
		_, goErr := regexp.CompilePOSIX(expr)
		if err == nil || goErr == nil || err.Error() != goErr.Error() {
			t.Errorf("CompilePOSIX(%#q) error %v, Go: %v", expr, err, goErr)
		}
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustCompilePOSIX(`(`) did not panic")
		}
	}()
	MustCompilePOSIX(`(`)
}

func TestAllocsMatchString(t *testing.T) {
	re := MustCompile(`^[a-z]+\d{2}$`)
	in := "gopherfriend2026"[:16]
	if n := testing.AllocsPerRun(100, func() { re.MatchString(in) }); n != 0 {
		t.Errorf("MatchString allocates %v times per call, want 0", n)
	}
}

// Close is optional: Regexps dropped without Close are freed by the garbage collector (and
// counted as leaked), so live engines return to where they were.
func TestUnclosedRegexpsAreCollected(t *testing.T) {
	before := Stats().Objects["engine"]
	for i := 0; i < 100; i++ {
		if !MustCompile(`a+b`).MatchString("xaab") {
			t.Fatal("no match")
		}
	}
	// Wait for both counts: cleanups run on their own goroutine, and engines other tests left
	// behind may be collected meanwhile, so Live can drop back before all 100 are counted.
	collected := func(now ferrogo.ObjectStats) bool {
		return now.Live <= before.Live && now.Leaked >= before.Leaked+100
	}
	after := Stats().Objects["engine"]
	for deadline := time.Now().Add(10 * time.Second); !collected(after) && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		after = Stats().Objects["engine"]
	}
	if after.Live > before.Live {
		t.Errorf("live engines %d after GC, %d before", after.Live, before.Live)
	}
	if after.Leaked < before.Leaked+100 {
		t.Errorf("leaked count went from %d to %d, want +100", before.Leaked, after.Leaked)
	}
}

package regex

import (
	"fmt"
	"io"
	"regexp"
	"regexp/syntax"
	"strconv"
	"sync"
	"unicode/utf8"
)

// sizeLimit bounds the size of a compiled Rust program (the regex crate's default). A pattern
// over it fails to compile with syntax.ErrLarge instead of using unbounded memory.
const sizeLimit = 10 << 20

// longestSizeLimit is the limit in leftmost-longest mode, which compiles the pattern three
// times (with groups, without, and anchored at the end), each about the size of the one
// program of leftmost-first mode: a pattern Compile accepts must not fail in Longest.
const longestSizeLimit = 3 * sizeLimit

// Regexp is the representation of a compiled regular expression, matched by Rust's regex
// crate. A Regexp is safe for concurrent use by multiple goroutines, except for configuration
// methods, such as [Regexp.Longest].
//
// A Regexp holds Rust memory. [Regexp.Close] frees it at once; without Close it is freed when
// the garbage collector finds the Regexp unreachable, so Close is optional, as it is for an
// [os.File] you forgot. Methods called after Close panic with ferrogo.ErrClosed.
type Regexp struct {
	expr        string
	eng         *engine
	numSubexp   int
	subexpNames []string
	longest     bool
	rust        string // the pattern in Rust syntax (see translate)
	sanitize    bool   // whether the pattern accepts U+FFFD (see translate)

	prefixOnce     sync.Once
	prefix         string
	prefixComplete bool
}

// String returns the source text used to compile the regular expression.
func (re *Regexp) String() string {
	return re.expr
}

// Copy returns a new Regexp object copied from re. Calling [Regexp.Longest] on one copy does
// not affect another. The copies share the compiled Rust program.
//
// Deprecated: In earlier releases of Go's regexp, when using a Regexp in multiple goroutines,
// giving each goroutine its own copy helped to avoid lock contention. That is unnecessary
// here too.
func (re *Regexp) Copy() *Regexp {
	return &Regexp{
		expr:        re.expr,
		eng:         re.eng,
		numSubexp:   re.numSubexp,
		subexpNames: re.subexpNames,
		longest:     re.longest,
		rust:        re.rust,
		sanitize:    re.sanitize,
	}
}

// Compile parses a regular expression and returns, if successful, a [Regexp] object that can
// be used to match against text. The syntax is Go's (see regexp/syntax), parsed by Go's own
// parser, so errors are the same *syntax.Error values [regexp.Compile] returns.
//
// When matching against text, the regexp returns a match that begins as early as possible in
// the input (leftmost), and among those it chooses the one that a backtracking implementation
// would have chosen (leftmost-first), as Go's regexp does. Rust guarantees linear-time
// matching in the size of pattern and input, so untrusted patterns cannot cause catastrophic
// backtracking.
func Compile(expr string) (*Regexp, error) {
	return compile(expr, syntax.Perl, false)
}

// CompilePOSIX is like [Compile] but restricts the regular expression to POSIX ERE (egrep)
// syntax and changes the match semantics to leftmost-longest.
//
// That is, when matching against text, the regexp returns a match that begins as early as
// possible in the input (leftmost), and among those it chooses a match that is as long as
// possible. This so-called leftmost-longest matching is the same semantics that early regular
// expression implementations used and that POSIX specifies. As in Go's regexp, the groups of
// that match are not POSIX's but those of its first parse in leftmost-first order.
func CompilePOSIX(expr string) (*Regexp, error) {
	return compile(expr, syntax.POSIX, true)
}

func compile(expr string, mode syntax.Flags, longest bool) (*Regexp, error) {
	parsed, err := syntax.Parse(expr, mode)
	if err != nil {
		return nil, err
	}
	rust, acceptsInvalid := translate(parsed)
	eng, err := newEngine(rust, parsed.MaxCap(), acceptsInvalid, longest)
	if err != nil {
		return nil, rustCompileError(expr, err)
	}
	return &Regexp{
		expr:        expr,
		eng:         eng,
		numSubexp:   parsed.MaxCap(),
		subexpNames: parsed.CapNames(),
		longest:     longest,
		rust:        rust,
		sanitize:    acceptsInvalid,
	}, nil
}

// newEngine compiles a translated pattern with numSubexp groups for leftmost-first or, with
// longest, leftmost-longest matching, under the size limit of that mode.
func newEngine(rust string, numSubexp int, sanitize, longest bool) (*engine, error) {
	limit := uint64(sizeLimit)
	if longest {
		limit = longestSizeLimit
	}
	return compileEngine(rust, uint32(numSubexp+1), sanitize, limit, longest)
}

// rustCompileError reports a pattern Go's parser accepted but Rust rejected: in practice only
// for size, reported like Go's own limit (syntax.ErrLarge) with Rust's explanation added.
func rustCompileError(expr string, err error) error {
	code := syntax.ErrInternalError
	if _, ok := err.(*tooLargeError); ok {
		code = syntax.ErrLarge
	}
	return fmt.Errorf("%w (Rust regex: %v)", &syntax.Error{Code: code, Expr: expr}, err)
}

// MustCompile is like [Compile] but panics if the expression cannot be parsed. It simplifies
// safe initialization of global variables holding compiled regular expressions.
func MustCompile(str string) *Regexp {
	re, err := Compile(str)
	if err != nil {
		panic(`regex: Compile(` + quote(str) + `): ` + err.Error())
	}
	return re
}

// MustCompilePOSIX is like [CompilePOSIX] but panics if the expression cannot be parsed. It
// simplifies safe initialization of global variables holding compiled regular expressions.
func MustCompilePOSIX(str string) *Regexp {
	re, err := CompilePOSIX(str)
	if err != nil {
		panic(`regex: CompilePOSIX(` + quote(str) + `): ` + err.Error())
	}
	return re
}

func quote(s string) string {
	if strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// Close frees the compiled Rust program. It returns nil, also when called again. Calls running
// on other goroutines finish first; later calls panic with ferrogo.ErrClosed. Close is
// optional: an unreachable Regexp is freed by the garbage collector.
func (re *Regexp) Close() error {
	return re.eng.Close()
}

// Longest makes future searches prefer leftmost-longest matches. That is, when matching
// against text, the regexp returns a match that begins as early as possible in the input
// (leftmost), and among those it chooses a match that is as long as possible. This method
// modifies the [Regexp] and may not be called concurrently with any other methods.
//
// Rust's regex has no leftmost-longest mode: Longest compiles the pattern again for it (the
// longest end comes from a second, anchored search at the leftmost start), and the previous
// compiled program stays with any copies made by [Regexp.Copy]. Among the parses of the
// longest match, the groups are those of the first one in leftmost-first order, as in Go.
func (re *Regexp) Longest() {
	if re.longest {
		return
	}
	re.eng.isMatch(nil) // after Close, panic with ferrogo.ErrClosed like every other method
	eng, err := newEngine(re.rust, re.numSubexp, re.sanitize, true)
	if err != nil {
		panic("regex: Longest(" + quote(re.expr) + "): " + rustCompileError(re.expr, err).Error())
	}
	re.eng, re.longest = eng, true
}

// NumSubexp returns the number of parenthesized subexpressions in this Regexp.
func (re *Regexp) NumSubexp() int {
	return re.numSubexp
}

// SubexpNames returns the names of the parenthesized subexpressions in this Regexp. The name
// for the first sub-expression is names[1], so that if m is a match slice, the name for m[i]
// is SubexpNames()[i]. Since the Regexp as a whole cannot be named, names[0] is always the
// empty string. The slice should not be modified.
func (re *Regexp) SubexpNames() []string {
	return re.subexpNames
}

// SubexpIndex returns the index of the first subexpression with the given name, or -1 if there
// is no subexpression with that name.
func (re *Regexp) SubexpIndex(name string) int {
	if name != "" {
		for i, s := range re.subexpNames {
			if name == s {
				return i
			}
		}
	}
	return -1
}

// LiteralPrefix returns a literal string that must begin any match of the regular expression
// re. It returns the boolean true if the literal string comprises the entire regular
// expression. It is a property of the pattern, computed (once, on first use) by Go's own
// compiler so it is exactly what [regexp.Regexp.LiteralPrefix] reports.
func (re *Regexp) LiteralPrefix() (prefix string, complete bool) {
	re.prefixOnce.Do(func() {
		// The expression compiled once already; Go's compiler accepts what its parser accepts.
		if goRE, err := regexp.Compile(re.expr); err == nil {
			re.prefix, re.prefixComplete = goRE.LiteralPrefix()
		}
	})
	return re.prefix, re.prefixComplete
}

// AppendText implements [encoding.TextAppender]. The output matches that of calling the
// [Regexp.String] method.
func (re *Regexp) AppendText(b []byte) ([]byte, error) {
	return append(b, re.String()...), nil
}

// MarshalText implements [encoding.TextMarshaler]. The output matches that of calling the
// [Regexp.String] method.
func (re *Regexp) MarshalText() ([]byte, error) {
	return []byte(re.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] by calling [Compile] on the encoded
// value.
func (re *Regexp) UnmarshalText(text []byte) error {
	newRE, err := Compile(string(text))
	if err != nil {
		return err
	}
	re.expr, re.eng, re.numSubexp, re.subexpNames, re.longest, re.rust, re.sanitize =
		newRE.expr, newRE.eng, newRE.numSubexp, newRE.subexpNames, newRE.longest, newRE.rust, newRE.sanitize
	re.prefixOnce, re.prefix, re.prefixComplete = sync.Once{}, "", false
	return nil
}

// Match reports whether the byte slice b contains any match of the regular expression re.
func (re *Regexp) Match(b []byte) bool {
	return re.eng.isMatch(b)
}

// MatchString reports whether the string s contains any match of the regular expression re.
func (re *Regexp) MatchString(s string) bool {
	return re.eng.isMatch(bytesOf(s))
}

// MatchReader reports whether the text returned by the [io.RuneReader] contains any match of
// the regular expression re.
//
// GAP: the whole input is read first (Go's regexp may stop reading at the match).
func (re *Regexp) MatchReader(r io.RuneReader) bool {
	return re.Match(readRunes(r))
}

// Match reports whether the byte slice b contains any match of the regular expression pattern.
// More complicated queries need to use [Compile] and the full [Regexp] interface.
func Match(pattern string, b []byte) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	defer re.Close()
	return re.Match(b), nil
}

// MatchString reports whether the string s contains any match of the regular expression
// pattern. More complicated queries need to use [Compile] and the full [Regexp] interface.
func MatchString(pattern string, s string) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	defer re.Close()
	return re.MatchString(s), nil
}

// MatchReader reports whether the text returned by the [io.RuneReader] contains any match of
// the regular expression pattern.
func MatchReader(pattern string, r io.RuneReader) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	defer re.Close()
	return re.MatchReader(r), nil
}

// QuoteMeta returns a string that escapes all regular expression metacharacters inside the
// argument text; the returned string is a regular expression matching the literal text.
func QuoteMeta(s string) string {
	return regexp.QuoteMeta(s)
}

// readRunes drains r as UTF-8, keeping offsets: an invalid byte (RuneError of size 1) stays
// one invalid byte.
func readRunes(r io.RuneReader) []byte {
	var b []byte
	for {
		c, size, err := r.ReadRune()
		if err != nil {
			return b
		}
		if c == utf8.RuneError && size == 1 {
			b = append(b, 0xFF)
			continue
		}
		b = utf8.AppendRune(b, c)
	}
}

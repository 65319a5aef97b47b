package regex

import (
	"regexp/syntax"
	"strings"
)

// RegexSet is a set of regular expressions matched together: one pass over the input, and one
// crossing into Rust, tell which of them match. Patterns use Go's syntax, as in [Compile].
// A RegexSet is safe for concurrent use by multiple goroutines. Close frees its Rust memory;
// it is optional (an unreachable RegexSet is freed by the garbage collector).
type RegexSet struct {
	exprs []string
	s     *set
}

// CompileSet parses the regular expressions exprs and returns a [RegexSet] matching them
// together. An error names the first expression that does not parse.
func CompileSet(exprs []string) (*RegexSet, error) {
	rust := make([]string, len(exprs))
	sanitize := false
	for i, expr := range exprs {
		parsed, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			return nil, err
		}
		var acceptsInvalid bool
		rust[i], acceptsInvalid = translate(parsed)
		sanitize = sanitize || acceptsInvalid
	}
	s, err := compileSet(rust, sanitize, sizeLimit)
	if err != nil {
		return nil, rustCompileError(strings.Join(exprs, "|"), err)
	}
	return &RegexSet{exprs: append([]string(nil), exprs...), s: s}, nil
}

// MustCompileSet is like [CompileSet] but panics if an expression cannot be parsed.
func MustCompileSet(exprs []string) *RegexSet {
	s, err := CompileSet(exprs)
	if err != nil {
		panic("regex: CompileSet: " + err.Error())
	}
	return s
}

// Len returns the number of expressions in the set.
func (s *RegexSet) Len() int {
	return len(s.exprs)
}

// Patterns returns the expressions of the set, in the order given to [CompileSet]. The slice
// should not be modified.
func (s *RegexSet) Patterns() []string {
	return s.exprs
}

// Match reports whether any expression of the set matches b.
func (s *RegexSet) Match(b []byte) bool {
	return s.s.isMatch(b)
}

// MatchString reports whether any expression of the set matches str.
func (s *RegexSet) MatchString(str string) bool {
	return s.s.isMatch(bytesOf(str))
}

// Matches returns the indexes (into [RegexSet.Patterns]) of the expressions that match b, in
// increasing order; nil when none does.
func (s *RegexSet) Matches(b []byte) []int {
	idx := s.s.matches(b)
	if len(idx) == 0 {
		return nil
	}
	out := make([]int, len(idx))
	for i, v := range idx {
		out[i] = int(v)
	}
	return out
}

// MatchesString is like [RegexSet.Matches] for a string.
func (s *RegexSet) MatchesString(str string) []int {
	return s.Matches(bytesOf(str))
}

// Close frees the compiled Rust program. It returns nil, also when called again.
func (s *RegexSet) Close() error {
	return s.s.Close()
}

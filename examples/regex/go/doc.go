// Package regex is Rust's regex crate for Go, with the API of Go's regexp package: switch by
// changing the import,
//
//	import regexp "github.com/ferrogo/ferrogo/examples/regex/go"
//
// and keep the code. It is the flagship of ferrogo, which generated the binding from annotated
// Rust (see ../src/lib.rs): matching runs in Rust, one cgo crossing per call, with all matches
// of a FindAll or ReplaceAll coming back in one batch.
//
// # Same results as regexp
//
// Patterns are parsed by Go's own regexp/syntax, so the syntax, the errors (*syntax.Error) and
// the meaning of every escape and flag are Go's; the parsed pattern is handed to Rust spelled
// out in Rust syntax. In particular \d, \w, \s and \b are ASCII-only, as in Go. Matches are
// leftmost-first, as in Go, or leftmost-longest after [Regexp.Longest] or with [CompilePOSIX]
// (Rust's regex has no such mode: the longest end comes from a second, anchored search at the
// leftmost start). FindAll, ReplaceAll and Split follow Go's rules for empty matches. Invalid
// UTF-8 in the input behaves as in Go: each invalid byte is a rune U+FFFD of width 1, matched
// by ".", negated classes and U+FFFD itself.
//
// The package is tested against Go's regexp: Go's own regexp tests and examples run against it,
// as do every regexp × input of RE2's search test data (compared with Go's results across the
// API, in both modes) and Fowler's POSIX tests, plus a differential fuzz target.
//
// # Gaps
//
//   - MatchReader, FindReaderIndex and FindReaderSubmatchIndex read their whole input first.
//   - Rust's compiled programs have a size limit (10 MiB); a pattern over it fails to compile
//     with a *syntax.Error of code syntax.ErrLarge, explaining Rust's limit. Go's own parser
//     limits (such as repetition counts up to 1000) apply first.
//
// # Beyond regexp
//
// [RegexSet] tells which of many patterns match in one pass; [Regexp.FindAllIter] ranges over
// matches lazily as an iter.Seq2; [Regexp.MatchStrings] matches many inputs in one crossing.
//
// # Performance
//
// Matching takes linear time in pattern and input, whatever the pattern: there is no
// catastrophic backtracking. On large inputs Rust's engine is often many times faster than Go's
// regexp (literal, alternation and case-insensitive searches especially); on tiny inputs the
// cgo crossing (tens of nanoseconds) can make Go's regexp the faster choice. See
// docs/PERFORMANCE.md in the ferrogo repository for measurements.
//
// # Resources
//
// A [Regexp] holds Rust memory. It is safe for concurrent use. Close frees it at once and is
// optional: a Regexp that becomes unreachable is freed by the garbage collector. Stats reports
// the calls made into Rust, for monitoring.
package regex

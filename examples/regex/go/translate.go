package regex

import (
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"
)

// translate returns re in Rust syntax, and whether it accepts U+FFFD anywhere: then invalid
// UTF-8 in a haystack can take part in a match (Go decodes each invalid byte as U+FFFD), and
// the engine must mark invalid bytes as 0xFF, which the translation accepts in those places.
func translate(re *syntax.Regexp) (rust string, acceptsInvalid bool) {
	var b strings.Builder
	t := translator{b: &b}
	t.write(re)
	return b.String(), t.acceptsInvalid
}

type translator struct {
	b              *strings.Builder
	acceptsInvalid bool
}

// invalidByte is how the translation accepts a byte Go decodes as an invalid rune: the engine
// replaces such bytes with 0xFF before searching (see sanitize in ../src/search.rs).
const invalidByte = `(?-u:\xFF)`

// write writes re, a pattern parsed by Go's regexp/syntax, in Rust regex syntax with the same
// meaning. Parsing with Go's parser gives Go's error messages and Go's reading of every escape
// and flag; the Rust text spells everything out (explicit rune ranges instead of \d or \pL,
// ASCII word boundaries, inline flags only where a literal folds case), so no difference in
// the two syntaxes' defaults can change what a pattern matches. Capture groups are emitted
// unnamed and in order, so group numbers agree; the names stay on the Go side.
func (t *translator) write(re *syntax.Regexp) {
	b := t.b
	switch re.Op {
	case syntax.OpNoMatch:
		b.WriteString(`[^\x{0}-\x{10FFFF}]`)
	case syntax.OpEmptyMatch:
		b.WriteString(`(?:)`)
	case syntax.OpLiteral:
		// Groups only where needed: Rust limits nesting depth (nest_limit).
		fold := re.Flags&syntax.FoldCase != 0
		if fold {
			b.WriteString(`(?i:`)
		}
		for _, r := range re.Rune {
			switch {
			case isSurrogate(r):
				// No UTF-8 text decodes to a surrogate, in Go or in Rust.
				b.WriteString(`[^\x{0}-\x{10FFFF}]`)
			case r == utf8.RuneError:
				t.acceptsInvalid = true
				b.WriteString(`(?:\x{fffd}|` + invalidByte + `)`)
			default:
				writeRune(b, r)
			}
		}
		if fold {
			b.WriteString(`)`)
		}
	case syntax.OpCharClass:
		if !classHas(re.Rune, utf8.RuneError) {
			writeClass(b, re.Rune)
			break
		}
		t.acceptsInvalid = true
		b.WriteString(`(?:`)
		writeClass(b, re.Rune)
		b.WriteString(`|` + invalidByte + `)`)
	case syntax.OpAnyCharNotNL:
		t.acceptsInvalid = true
		b.WriteString(`(?:[^\n]|` + invalidByte + `)`)
	case syntax.OpAnyChar:
		t.acceptsInvalid = true
		b.WriteString(`(?:(?s:.)|` + invalidByte + `)`)
	case syntax.OpBeginLine:
		b.WriteString(`(?m:^)`)
	case syntax.OpEndLine:
		b.WriteString(`(?m:$)`)
	case syntax.OpBeginText:
		b.WriteString(`\A`)
	case syntax.OpEndText:
		b.WriteString(`\z`)
	case syntax.OpWordBoundary:
		// Go's \b is ASCII-only; Rust's is Unicode-aware unless told otherwise.
		b.WriteString(`(?-u:\b)`)
	case syntax.OpNoWordBoundary:
		b.WriteString(`(?-u:\B)`)
	case syntax.OpCapture:
		b.WriteString(`(`)
		t.write(re.Sub[0])
		b.WriteString(`)`)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		if sub := re.Sub[0]; sub.Op == syntax.OpCapture || sub.Op == syntax.OpCharClass {
			t.write(sub) // already one atom
		} else {
			b.WriteString(`(?:`)
			t.write(sub)
			b.WriteString(`)`)
		}
		switch re.Op {
		case syntax.OpStar:
			b.WriteString(`*`)
		case syntax.OpPlus:
			b.WriteString(`+`)
		case syntax.OpQuest:
			b.WriteString(`?`)
		default:
			b.WriteString(repeatBounds(re.Min, re.Max))
		}
		if re.Flags&syntax.NonGreedy != 0 {
			b.WriteString(`?`)
		}
	case syntax.OpConcat:
		// No group: alternations group themselves, repetitions group their operand.
		for _, sub := range re.Sub {
			t.write(sub)
		}
	case syntax.OpAlternate:
		b.WriteString(`(?:`)
		for i, sub := range re.Sub {
			if i > 0 {
				b.WriteString(`|`)
			}
			t.write(sub)
		}
		b.WriteString(`)`)
	default:
		// regexp/syntax.Parse produces no other ops (OpPseudo is internal to the parser).
		panic("regex: unexpected regexp/syntax op " + re.Op.String())
	}
}

// repeatBounds is Rust's {min,max} suffix; max -1 means unbounded.
func repeatBounds(min, max int) string {
	switch {
	case max == -1:
		return "{" + strconv.Itoa(min) + ",}"
	case min == max:
		return "{" + strconv.Itoa(min) + "}"
	default:
		return "{" + strconv.Itoa(min) + "," + strconv.Itoa(max) + "}"
	}
}

// writeClass writes a class of rune ranges (pairs lo, hi) as explicit Rust ranges. Surrogates
// are left out: Rust has no escape for them, and no UTF-8 text contains them.
func writeClass(b *strings.Builder, ranges []rune) {
	var class strings.Builder
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if isSurrogate(lo) {
			lo = surrogateMax + 1
		}
		if isSurrogate(hi) {
			hi = surrogateMin - 1
		}
		if lo > hi {
			continue
		}
		writeRune(&class, lo)
		if hi != lo {
			class.WriteString(`-`)
			writeRune(&class, hi)
		}
	}
	if class.Len() == 0 {
		b.WriteString(`[^\x{0}-\x{10FFFF}]`)
		return
	}
	b.WriteString(`[`)
	b.WriteString(class.String())
	b.WriteString(`]`)
}

// classHas reports whether the class (rune ranges lo, hi) contains r.
func classHas(ranges []rune, r rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}

const surrogateMin, surrogateMax = 0xD800, 0xDFFF

func isSurrogate(r rune) bool { return surrogateMin <= r && r <= surrogateMax }

// writeRune writes r so Rust reads exactly that rune: ASCII letters and digits as themselves,
// everything else as a \x{...} escape (never a metacharacter, never a class-set operator).
func writeRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
		b.WriteRune(r)
		return
	}
	b.WriteString(`\x{`)
	b.WriteString(strconv.FormatInt(int64(r), 16))
	b.WriteString(`}`)
}

package regex

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The Replace methods: Rust finds every match Go would replace in one crossing; the output is
// assembled here, so templates ($1, ${name}) and replacement functions behave exactly as in Go.

// ReplaceAllString returns a copy of src, replacing matches of the [Regexp] with the
// replacement string repl. Inside repl, $ signs are interpreted as in [Regexp.Expand].
func (re *Regexp) ReplaceAllString(src, repl string) string {
	var scratch []byte
	return re.replaceString(src, strings.Contains(repl, "$"), func(b *strings.Builder, m []int) {
		scratch = re.expand(scratch[:0], repl, bytesOf(src), m)
		b.Write(scratch)
	})
}

// ReplaceAllLiteralString returns a copy of src, replacing matches of the [Regexp] with the
// replacement string repl. The replacement repl is substituted directly, without using
// [Regexp.Expand].
func (re *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return re.replaceString(src, false, func(b *strings.Builder, _ []int) {
		b.WriteString(repl)
	})
}

// ReplaceAllStringFunc returns a copy of src in which all matches of the [Regexp] have been
// replaced by the return value of function repl applied to the matched substring. The
// replacement returned by repl is substituted directly, without using [Regexp.Expand].
func (re *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return re.replaceString(src, false, func(b *strings.Builder, m []int) {
		b.WriteString(repl(src[m[0]:m[1]]))
	})
}

// replaceString is replace for strings, built in a strings.Builder: its buffer becomes the
// result without the copy (and zeroing) that string([]byte) would cost on large inputs.
func (re *Regexp) replaceString(src string, groups bool, each func(b *strings.Builder, m []int)) string {
	flat := ints(re.eng.replacements(bytesOf(src), groups))
	if len(flat) == 0 {
		return src // strings are immutable: as good as Go's copy
	}
	w := 2
	if groups {
		w = 2 * (re.numSubexp + 1)
	}
	var b strings.Builder
	b.Grow(len(src))
	last := 0
	for i := 0; i+w <= len(flat); i += w {
		m := flat[i : i+w : i+w]
		b.WriteString(src[last:m[0]])
		each(&b, m)
		last = m[1]
	}
	b.WriteString(src[last:])
	return b.String()
}

// ReplaceAll returns a copy of src, replacing matches of the [Regexp] with the replacement text
// repl. Inside repl, $ signs are interpreted as in [Regexp.Expand].
func (re *Regexp) ReplaceAll(src, repl []byte) []byte {
	template := string(repl)
	return re.replace(src, bytes.IndexByte(repl, '$') >= 0, func(dst []byte, m []int) []byte {
		return re.expand(dst, template, src, m)
	})
}

// ReplaceAllLiteral returns a copy of src, replacing matches of the [Regexp] with the
// replacement bytes repl. The replacement repl is substituted directly, without using
// [Regexp.Expand].
func (re *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	flat := ints(re.eng.replacements(src, false))
	// The output size is known: allocate it once.
	size := len(src)
	for i := 0; i+1 < len(flat); i += 2 {
		size += len(repl) - (flat[i+1] - flat[i])
	}
	return re.assemble(make([]byte, 0, size), src, flat, 2, func(dst []byte, _ []int) []byte {
		return append(dst, repl...)
	})
}

// ReplaceAllFunc returns a copy of src in which all matches of the [Regexp] have been replaced
// by the return value of function repl applied to the matched byte slice. The replacement
// returned by repl is substituted directly, without using [Regexp.Expand].
func (re *Regexp) ReplaceAllFunc(src []byte, repl func([]byte) []byte) []byte {
	return re.replace(src, false, func(dst []byte, m []int) []byte {
		return append(dst, repl(src[m[0]:m[1]])...)
	})
}

// replace copies src with each match Go's ReplaceAll would replace passed through each; m holds
// the match's span, and with groups all of its group offsets.
func (re *Regexp) replace(src []byte, groups bool, each func(dst []byte, m []int) []byte) []byte {
	flat := ints(re.eng.replacements(src, groups))
	w := 2
	if groups {
		w = 2 * (re.numSubexp + 1)
	}
	var buf []byte
	if len(flat) > 0 {
		// Room for the unmatched text at least: most replacements are about as long as the
		// matches, so this saves the repeated growing of a buffer built from nil.
		buf = make([]byte, 0, len(src))
	}
	return re.assemble(buf, src, flat, w, each)
}

// assemble appends to buf the text of src with each match (w offsets per match in flat)
// replaced by each's output.
func (re *Regexp) assemble(buf, src []byte, flat []int, w int, each func(dst []byte, m []int) []byte) []byte {
	last := 0
	for i := 0; i+w <= len(flat); i += w {
		m := flat[i : i+w : i+w]
		buf = append(buf, src[last:m[0]]...)
		buf = each(buf, m)
		last = m[1]
	}
	return append(buf, src[last:]...)
}

// Expand appends template to dst and returns the result; during the append, Expand replaces
// variables in the template with corresponding matches drawn from src. The match slice should
// have been returned by [Regexp.FindSubmatchIndex].
//
// In the template, a variable is denoted by a substring of the form $name or ${name}, where
// name is a non-empty sequence of letters, digits, and underscores. A purely numeric name like
// $1 refers to the submatch with the corresponding index; other names refer to capturing
// parentheses named with the (?P<name>...) syntax. A reference to an out of range or unmatched
// index or a name that is not present in the regular expression is replaced with an empty
// slice.
//
// In the $name form, name is taken to be as long as possible: $1x is equivalent to ${1x}, not
// ${1}x, and, $10 is equivalent to ${10}, not ${1}0.
//
// To insert a literal $ in the output, use $$ in the template.
func (re *Regexp) Expand(dst []byte, template []byte, src []byte, match []int) []byte {
	return re.expand(dst, string(template), src, match)
}

// ExpandString is like [Regexp.Expand] but the template and source are strings. It appends to
// and returns a byte slice in order to give the calling code control over allocation.
func (re *Regexp) ExpandString(dst []byte, template string, src string, match []int) []byte {
	return re.expand(dst, template, bytesOf(src), match)
}

// expand is Go's regexp expand (BSD-licensed, from the Go distribution's regexp.go), on bytes.
func (re *Regexp) expand(dst []byte, template string, src []byte, match []int) []byte {
	for len(template) > 0 {
		before, after, ok := strings.Cut(template, "$")
		if !ok {
			break
		}
		dst = append(dst, before...)
		template = after
		if template != "" && template[0] == '$' {
			// Treat $$ as $.
			dst = append(dst, '$')
			template = template[1:]
			continue
		}
		name, num, rest, ok := extract(template)
		if !ok {
			// Malformed; treat $ as raw text.
			dst = append(dst, '$')
			continue
		}
		template = rest
		if num >= 0 {
			if 2*num+1 < len(match) && match[2*num] >= 0 {
				dst = append(dst, src[match[2*num]:match[2*num+1]]...)
			}
		} else {
			for i, namei := range re.subexpNames {
				if name == namei && 2*i+1 < len(match) && match[2*i] >= 0 {
					dst = append(dst, src[match[2*i]:match[2*i+1]]...)
					break
				}
			}
		}
	}
	return append(dst, template...)
}

// extract returns the name from a leading "name" or "{name}" in str. (The $ has already been
// removed by the caller.) If it is a number, extract returns num set to that number; otherwise
// num = -1. From Go's regexp.go.
func extract(str string) (name string, num int, rest string, ok bool) {
	if str == "" {
		return
	}
	brace := false
	if str[0] == '{' {
		brace = true
		str = str[1:]
	}
	i := 0
	for i < len(str) {
		rune, size := utf8.DecodeRuneInString(str[i:])
		if !unicode.IsLetter(rune) && !unicode.IsDigit(rune) && rune != '_' {
			break
		}
		i += size
	}
	if i == 0 {
		// empty name is not okay
		return
	}
	name = str[:i]
	if brace {
		if i >= len(str) || str[i] != '}' {
			// missing closing brace
			return
		}
		i++
	}
	// Parse number.
	num = 0
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || '9' < name[i] || num >= 1e8 {
			num = -1
			break
		}
		num = num*10 + int(name[i]) - '0'
	}
	// Disallow leading zeros.
	if name[0] == '0' && len(name) > 1 {
		num = -1
	}
	rest = str[i:]
	ok = true
	return
}

// Split slices s into substrings separated by the expression and returns a slice of the
// substrings between those expression matches.
//
// The slice returned by this method consists of all the substrings of s not contained in the
// slice returned by [Regexp.FindAllString]. When called on an expression that contains no
// metacharacters, it is equivalent to [strings.SplitN].
//
// The count determines the number of substrings to return:
//   - n > 0: at most n substrings; the last substring will be the unsplit remainder;
//   - n == 0: the result is nil (zero substrings);
//   - n < 0: all substrings.
func (re *Regexp) Split(s string, n int) []string {
	if n == 0 {
		return nil
	}
	if len(re.expr) > 0 && len(s) == 0 {
		return []string{""}
	}
	matches := re.FindAllStringIndex(s, n)
	strs := make([]string, 0, len(matches))
	beg, end := 0, 0
	for _, match := range matches {
		if n > 0 && len(strs) == n-1 {
			break
		}
		end = match[0]
		if match[1] != 0 {
			strs = append(strs, s[beg:end])
		}
		beg = match[1]
	}
	if end != len(s) {
		strs = append(strs, s[beg:])
	}
	return strs
}

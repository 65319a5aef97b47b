package regex

import "io"

// The Find methods: one crossing into Rust per call, also for FindAll, whose matches come back
// as one flat slice of offsets (groups.go decodes those of the Submatch methods). Results are
// shaped here exactly as Go's regexp shapes them (nil for no match, three-index slices so
// appending to a match cannot overwrite the input or another match).

// Find returns a slice holding the text of the leftmost match in b of the regular expression.
// A return value of nil indicates no match.
func (re *Regexp) Find(b []byte) []byte {
	sp, ok := re.eng.find(b)
	if !ok {
		return nil
	}
	return b[sp.Start:sp.End:sp.End]
}

// FindIndex returns a two-element slice of integers defining the location of the leftmost
// match in b of the regular expression. The match itself is at b[loc[0]:loc[1]]. A return
// value of nil indicates no match.
func (re *Regexp) FindIndex(b []byte) (loc []int) {
	sp, ok := re.eng.find(b)
	if !ok {
		return nil
	}
	return []int{int(sp.Start), int(sp.End)}
}

// FindString returns a string holding the text of the leftmost match in s of the regular
// expression. If there is no match, the return value is an empty string, but it will also be
// empty if the regular expression successfully matches an empty string. Use
// [Regexp.FindStringIndex] or [Regexp.FindStringSubmatch] if it is necessary to distinguish
// these cases.
func (re *Regexp) FindString(s string) string {
	sp, ok := re.eng.find(bytesOf(s))
	if !ok {
		return ""
	}
	return s[sp.Start:sp.End]
}

// FindStringIndex returns a two-element slice of integers defining the location of the
// leftmost match in s of the regular expression. The match itself is at s[loc[0]:loc[1]]. A
// return value of nil indicates no match.
func (re *Regexp) FindStringIndex(s string) (loc []int) {
	return re.FindIndex(bytesOf(s))
}

// FindReaderIndex returns a two-element slice of integers defining the location of the
// leftmost match of the regular expression in text read from the [io.RuneReader]. The match
// text was found in the input stream at byte offset loc[0] through loc[1]-1. A return value of
// nil indicates no match.
//
// GAP: the whole input is read first.
func (re *Regexp) FindReaderIndex(r io.RuneReader) (loc []int) {
	return re.FindIndex(readRunes(r))
}

// FindSubmatchIndex returns a slice holding the index pairs identifying the leftmost match of
// the regular expression in b and the matches, if any, of its subexpressions. A return value of
// nil indicates no match.
func (re *Regexp) FindSubmatchIndex(b []byte) []int {
	m := re.eng.captures(b)
	if len(m) == 0 {
		return nil
	}
	return ints(m)
}

// FindStringSubmatchIndex returns a slice holding the index pairs identifying the leftmost
// match of the regular expression in s and the matches, if any, of its subexpressions. A return
// value of nil indicates no match.
func (re *Regexp) FindStringSubmatchIndex(s string) []int {
	return re.FindSubmatchIndex(bytesOf(s))
}

// FindReaderSubmatchIndex returns a slice holding the index pairs identifying the leftmost
// match of the regular expression of text read by the [io.RuneReader], and the matches, if
// any, of its subexpressions. A return value of nil indicates no match.
//
// GAP: the whole input is read first.
func (re *Regexp) FindReaderSubmatchIndex(r io.RuneReader) []int {
	return re.FindSubmatchIndex(readRunes(r))
}

// FindSubmatch returns a slice of slices holding the text of the leftmost match of the regular
// expression in b and the matches, if any, of its subexpressions. A return value of nil
// indicates no match.
func (re *Regexp) FindSubmatch(b []byte) [][]byte {
	m := re.FindSubmatchIndex(b)
	if m == nil {
		return nil
	}
	return subBytes(b, m)
}

// FindStringSubmatch returns a slice of strings holding the text of the leftmost match of the
// regular expression in s and the matches, if any, of its subexpressions. A return value of nil
// indicates no match.
func (re *Regexp) FindStringSubmatch(s string) []string {
	m := re.FindStringSubmatchIndex(s)
	if m == nil {
		return nil
	}
	return subStrings(s, m)
}

// FindAll is the 'All' version of [Regexp.Find]; it returns a slice of all successive matches
// of the expression. If n >= 0, it returns at most n matches. A return value of nil indicates no
// match.
func (re *Regexp) FindAll(b []byte, n int) [][]byte {
	locs := re.findAll(b, n)
	if locs == nil {
		return nil
	}
	out := makePointers[[]byte](len(locs) / 2)
	for i := range out {
		s, e := locs[2*i], locs[2*i+1]
		out[i] = b[s:e:e]
	}
	return out
}

// FindAllIndex is the 'All' version of [Regexp.FindIndex]; it returns a slice of all
// successive matches of the expression. If n >= 0, it returns at most n matches. A return
// value of nil indicates no match.
func (re *Regexp) FindAllIndex(b []byte, n int) [][]int {
	return split(re.findAll(b, n), 2)
}

// FindAllString is the 'All' version of [Regexp.FindString]; it returns a slice of all
// successive matches of the expression. If n >= 0, it returns at most n matches. A return
// value of nil indicates no match.
func (re *Regexp) FindAllString(s string, n int) []string {
	locs := re.findAll(bytesOf(s), n)
	if locs == nil {
		return nil
	}
	out := makePointers[string](len(locs) / 2)
	for i := range out {
		out[i] = s[locs[2*i]:locs[2*i+1]]
	}
	return out
}

// FindAllStringIndex is the 'All' version of [Regexp.FindStringIndex]; it returns a slice of
// all successive matches of the expression. If n >= 0, it returns at most n matches. A return
// value of nil indicates no match.
func (re *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return re.FindAllIndex(bytesOf(s), n)
}

// FindAllSubmatch is the 'All' version of [Regexp.FindSubmatch]; it returns a slice of all
// successive matches of the expression. If n >= 0, it returns at most n matches. A return
// value of nil indicates no match.
func (re *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	return re.allGroups(b, n).bytes(b)
}

// FindAllSubmatchIndex is the 'All' version of [Regexp.FindSubmatchIndex]; it returns a slice
// of all successive matches of the expression. If n >= 0, it returns at most n matches. A
// return value of nil indicates no match.
func (re *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return re.allGroups(b, n).indexes()
}

// FindAllStringSubmatch is the 'All' version of [Regexp.FindStringSubmatch]; it returns a
// slice of all successive matches of the expression. If n >= 0, it returns at most n matches.
// A return value of nil indicates no match.
func (re *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return re.allGroups(bytesOf(s), n).strings(s)
}

// FindAllStringSubmatchIndex is the 'All' version of [Regexp.FindStringSubmatchIndex]; it
// returns a slice of all successive matches of the expression. If n >= 0, it returns at most n
// matches. A return value of nil indicates no match.
func (re *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return re.FindAllSubmatchIndex(bytesOf(s), n)
}

// findAll returns the flat start/end offsets of up to n matches, nil for none.
func (re *Regexp) findAll(b []byte, n int) []int {
	if n == 0 {
		return nil
	}
	return ints(re.eng.findAll(b, int64(n)))
}

// subBytes slices b by the group offsets m; unset groups are nil.
func subBytes(b []byte, m []int) [][]byte {
	out := make([][]byte, len(m)/2)
	for i := range out {
		if s, e := m[2*i], m[2*i+1]; s >= 0 {
			out[i] = b[s:e:e]
		}
	}
	return out
}

// subStrings slices s by the group offsets m; unset groups are "".
func subStrings(s string, m []int) []string {
	out := make([]string, len(m)/2)
	for i := range out {
		if st, e := m[2*i], m[2*i+1]; st >= 0 {
			out[i] = s[st:e]
		}
	}
	return out
}

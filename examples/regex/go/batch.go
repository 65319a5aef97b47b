package regex

import "iter"

// Beyond regexp: APIs shaped for the boundary, doing many searches per crossing.

// FindAllIter returns an iterator over the successive matches of the expression in b, the same
// matches [Regexp.FindAllIndex] reports, yielding each match's start and end offsets:
//
//	for start, end := range re.FindAllIter(b) {
//		fmt.Printf("%q\n", b[start:end])
//	}
//
// Ranging copies b into Rust once and then fetches matches lazily, 256 per crossing, so
// breaking out early stops the search. Modifying b while ranging does not affect the matches.
func (re *Regexp) FindAllIter(b []byte) iter.Seq2[int, int] {
	spans := re.eng.iterMatches(b)
	return func(yield func(int, int) bool) {
		for sp := range spans {
			if !yield(int(sp.Start), int(sp.End)) {
				return
			}
		}
	}
}

// FindAllStringIter is like [Regexp.FindAllIter] for a string.
func (re *Regexp) FindAllStringIter(s string) iter.Seq2[int, int] {
	return re.FindAllIter(bytesOf(s))
}

// MatchStrings reports, for each string of ss, whether it contains a match of the expression:
// out[i] == re.MatchString(ss[i]), computed in one crossing into Rust instead of len(ss).
func (re *Regexp) MatchStrings(ss []string) []bool {
	hays := make([][]byte, len(ss))
	for i, s := range ss {
		hays[i] = bytesOf(s)
	}
	return bools(re.eng.matchEach(hays))
}

// MatchEach is like [Regexp.MatchStrings] for byte slices.
func (re *Regexp) MatchEach(bs [][]byte) []bool {
	return bools(re.eng.matchEach(bs))
}

// bools converts Rust's 0/1 bytes.
func bools(v []byte) []bool {
	out := make([]bool, len(v))
	for i, b := range v {
		out[i] = b != 0
	}
	return out
}

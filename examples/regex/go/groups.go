package regex

import "unsafe"

// The results of the FindAll methods are built from Rust's offsets with one allocation per
// result level, never one per match: a match's []int, [][]byte or []string is a window of one
// backing array, cut with a full slice expression (capacity = length) so that appending to one
// match reallocates instead of overwriting the next, as with Go's regexp, whose matches are
// separate slices.

// sparseMinSubexp is the number of groups from which FindAll*Submatch* asks Rust for the groups
// that took part only (capturesAllSparse) instead of every group of every match: patterns with
// many groups are mostly alternations (lexers), where a match sets one group of dozens.
const sparseMinSubexp = 4

// groupMatches is what Rust returns for a FindAll with groups: in the dense form, every group of
// every match (w offsets per match); in the sparse form, the number of matches, then per match
// its start, end and the number k of its other groups that took part, followed by k triples
// (group, start, end).
type groupMatches struct {
	v      []int
	n      int // matches
	groups int // per match, the match itself included
	sparse bool
}

// allGroups returns the groups of up to n matches of re in b.
func (re *Regexp) allGroups(b []byte, n int) groupMatches {
	m := groupMatches{groups: re.numSubexp + 1, sparse: re.numSubexp >= sparseMinSubexp}
	if n == 0 {
		return m
	}
	if m.sparse {
		m.v = ints(re.eng.capturesAllSparse(b, int64(n)))
		m.n, m.v = m.v[0], m.v[1:]
	} else {
		m.v = ints(re.eng.capturesAll(b, int64(n)))
		m.n = len(m.v) / (2 * m.groups)
	}
	return m
}

// indexes returns the matches as FindAllSubmatchIndex does: nil for none.
func (m groupMatches) indexes() [][]int {
	if m.n == 0 {
		return nil
	}
	w := 2 * m.groups
	if !m.sparse {
		return split(m.v, w)
	}
	flat := make([]int, m.n*w)
	unset := make([]int, w)
	for j := range unset {
		unset[j] = -1
	}
	v := m.v
	for i := range m.n {
		row := flat[i*w : (i+1)*w : (i+1)*w]
		copy(row, unset)
		row[0], row[1] = v[0], v[1]
		k := v[2]
		v = v[3:]
		for ; k > 0; k-- {
			g := v[0]
			row[2*g], row[2*g+1] = v[1], v[2]
			v = v[3:]
		}
	}
	out := makePointers[[]int](m.n)
	for i := range out {
		out[i] = flat[i*w : (i+1)*w : (i+1)*w]
	}
	return out
}

// bytes returns the matches as FindAllSubmatch does: the groups' text in b, nil for a group
// that did not take part and for no match.
func (m groupMatches) bytes(b []byte) [][][]byte {
	if m.n == 0 {
		return nil
	}
	g := m.groups
	all := makePointers[[]byte](m.n * g)
	out := makePointers[[][]byte](m.n)
	v := m.v
	for i := range out {
		row := all[i*g : (i+1)*g : (i+1)*g]
		out[i] = row
		if !m.sparse {
			for j := range row {
				if s, e := v[2*j], v[2*j+1]; s >= 0 {
					row[j] = b[s:e:e]
				}
			}
			v = v[2*g:]
			continue
		}
		s, e, k := v[0], v[1], v[2]
		row[0] = b[s:e:e]
		v = v[3:]
		for ; k > 0; k-- {
			s, e := v[1], v[2]
			row[v[0]] = b[s:e:e]
			v = v[3:]
		}
	}
	return out
}

// strings returns the matches as FindAllStringSubmatch does: the groups' text in s, "" for a
// group that did not take part, nil for no match.
func (m groupMatches) strings(s string) [][]string {
	if m.n == 0 {
		return nil
	}
	g := m.groups
	all := makePointers[string](m.n * g)
	out := makePointers[[]string](m.n)
	v := m.v
	for i := range out {
		row := all[i*g : (i+1)*g : (i+1)*g]
		out[i] = row
		if !m.sparse {
			for j := range row {
				if st, e := v[2*j], v[2*j+1]; st >= 0 {
					row[j] = s[st:e]
				}
			}
			v = v[2*g:]
			continue
		}
		st, e, k := v[0], v[1], v[2]
		row[0] = s[st:e]
		v = v[3:]
		for ; k > 0; k-- {
			st, e := v[1], v[2]
			row[v[0]] = s[st:e]
			v = v[3:]
		}
	}
	return out
}

// split cuts flat offsets into per-match slices of width w sharing one backing array (capacity
// limited, so appending to one cannot clobber the next). nil stays nil.
func split(flat []int, w int) [][]int {
	if len(flat) == 0 {
		return nil
	}
	out := makePointers[[]int](len(flat) / w)
	for i := range out {
		out[i] = flat[i*w : (i+1)*w : (i+1)*w]
	}
	return out
}

// blockedMin is the length from which makePointers allocates in blocks.
const blockedMin = 512

// makePointers returns make([]T, n) for an element type holding pointers, allocated as an array
// of 64-element blocks when n is large. The memory and the slice are those of make; only the
// type the allocation is recorded with differs, and with it the garbage collector's cost: it
// walks a large array's pointer bitmap element by element, reading the element type's pointer
// mask again for each element, so for small elements (a []byte or string header) it pays a mask
// read per pointer; in blocks of 64 elements, one per 64 words. A FindAll result holds one
// header per match or group (5.5 million for FindAllSubmatch in the lexer benchmark), and a
// collection scans it while it is reachable: BenchmarkMakePointers builds that result in 15 ms
// with blocks and in 26-35 ms with make.
func makePointers[T any](n int) []T {
	if n < blockedMin {
		return make([]T, n)
	}
	blocks := make([][64]T, (n+63)/64)
	// The blocks are contiguous, so their elements form one array of len(blocks)*64 >= n.
	return unsafe.Slice(&blocks[0][0], n)
}

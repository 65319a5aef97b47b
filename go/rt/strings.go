package rt

import "unsafe"

// slabMax is the longest string a StringSlab copies into its shared buffer: longer ones get an
// allocation of their own, so a short string kept alive never pins a large buffer.
const slabMax = 64

// StringSlab copies the short strings of one result (a []string, a map's keys) into one
// allocation instead of one per string. Every string is a distinct, immutable view of the
// buffer; the buffer lives as long as any of them does (like the substrings strings.Split
// returns), which bounds what one kept string pins to the list's short strings.
//
// Use: Reserve each string's length, then Copy each string, in any order.
type StringSlab struct {
	buf  []byte
	need int
}

// Reserve counts a string of n bytes that Copy will copy.
func (s *StringSlab) Reserve(n int) {
	if n <= slabMax {
		s.need += n
	}
}

// Copy copies n bytes of Rust-owned memory at p into a Go string.
func (s *StringSlab) Copy(p unsafe.Pointer, n int) string {
	if n == 0 {
		return ""
	}
	if n > slabMax {
		return CopyString(p, n)
	}
	if cap(s.buf)-len(s.buf) < n {
		// First use (or more bytes than reserved): a buffer for everything still to come.
		s.buf = make([]byte, 0, max(s.need, n))
	}
	s.need -= n
	start := len(s.buf)
	s.buf = append(s.buf, unsafe.Slice((*byte)(p), n)...)
	return unsafe.String(&s.buf[start], n)
}

package regex

import (
	"strconv"
	"unsafe"
)

// bytesOf views s as a byte slice without copying, to pass a string where the Rust engine
// reads bytes. Safe because Rust only reads haystacks during the call (ferrogo passes []byte
// arguments as borrowed, read-only slices) and never retains them, and nothing here writes
// through the view.
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// ints converts offsets from Rust's i64 to Go's int: a no-copy view where int is 64 bits (the
// slice was freshly copied out of Rust and is owned by the caller), a copy elsewhere.
func ints(v []int64) []int {
	if len(v) == 0 {
		return nil
	}
	if strconv.IntSize == 64 {
		return unsafe.Slice((*int)(unsafe.Pointer(unsafe.SliceData(v))), len(v))
	}
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out
}

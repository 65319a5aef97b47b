package rt

import (
	"encoding/binary"
	"math"
)

// FuzzSource turns a fuzzer's bytes into argument values Go's fuzzer cannot generate itself
// (records, sum types, lists, maps, times): generated fuzz targets take one []byte and build
// each argument from it, so the fuzzer's mutations reach every field. Reading past the end
// yields zero values, never an error, so every input builds some arguments.
//
// Lists and maps are short (at most 7 elements) and nesting stops at depth 8: the property
// fuzzed is the boundary's (no input crashes the process), which small values exercise as well
// as large ones, and a recursive type (a tree of records) always ends.
type FuzzSource struct {
	data  []byte
	depth int
}

// maxFuzzDepth bounds nesting: deeper options are None, lists and maps empty, sum types nil.
const maxFuzzDepth = 8

// NewFuzzSource reads values from data.
func NewFuzzSource(data []byte) *FuzzSource {
	return &FuzzSource{data: data}
}

// Byte returns the next byte, or 0 at the end.
func (s *FuzzSource) Byte() byte {
	if len(s.data) == 0 {
		return 0
	}
	b := s.data[0]
	s.data = s.data[1:]
	return b
}

// Uint64 returns the next 8 bytes, little-endian (zero-padded at the end).
func (s *FuzzSource) Uint64() uint64 {
	var buf [8]byte
	n := copy(buf[:], s.data)
	s.data = s.data[n:]
	return binary.LittleEndian.Uint64(buf[:])
}

// Int64 returns the next 8 bytes as a signed number.
func (s *FuzzSource) Int64() int64 { return int64(s.Uint64()) }

// Float64 returns the next 8 bytes as a float's bits: NaNs, infinities and -0 included.
func (s *FuzzSource) Float64() float64 { return math.Float64frombits(s.Uint64()) }

// Bool returns whether the next byte is odd.
func (s *FuzzSource) Bool() bool { return s.Byte()&1 == 1 }

// Bytes returns a slice of up to 255 bytes (its length is the next byte), aliasing the input.
// A zero length is nil or empty, alternately, so both reach the function.
func (s *FuzzSource) Bytes() []byte {
	n := int(s.Byte())
	if n == 0 {
		if s.Bool() {
			return []byte{}
		}
		return nil
	}
	n = min(n, len(s.data))
	b := s.data[:n:n]
	s.data = s.data[n:]
	return b
}

// String returns a string of up to 255 bytes, not necessarily valid UTF-8.
func (s *FuzzSource) String() string { return string(s.Bytes()) }

// Len returns a list or map length, 0 to 7; 0 at the end of the input or beyond the depth
// limit.
func (s *FuzzSource) Len() int {
	if s.Done() {
		return 0
	}
	return int(s.Byte() & 7)
}

// Choose returns a number in [0, n): which variant of a sum type to build.
func (s *FuzzSource) Choose(n int) int {
	if n <= 1 {
		return 0
	}
	return int(s.Byte()) % n
}

// Done reports whether the input is used up or the nesting is at its limit: builders of
// options, lists, maps and sum types then stop nesting.
func (s *FuzzSource) Done() bool {
	return len(s.data) == 0 || s.depth >= maxFuzzDepth
}

// Enter and Leave bracket the building of a record or sum-type value, counting the nesting.
func (s *FuzzSource) Enter() { s.depth++ }

// Leave ends what Enter began.
func (s *FuzzSource) Leave() { s.depth-- }

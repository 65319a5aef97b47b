package rt

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// Decoder reads the little-endian payload of an error crossing from Rust
// (crates/ferrogo/src/abi.rs, Encoder). Reads past the end yield zero values, never panics.
type Decoder struct {
	data []byte
	// copied, when set, is a Go copy of the whole payload that data points into: strings are
	// read as substrings of it (see CopyDecoder).
	copied string
}

// NewDecoder reads data, which may be C memory: every value read is copied into Go memory.
func NewDecoder(data []byte) *Decoder { return &Decoder{data: data} }

// CopyDecoder reads a Go copy of data, made once: the strings it reads are substrings of that
// copy, so an error's message and string fields cost one allocation together.
func CopyDecoder(data []byte) Decoder {
	s := string(data)
	// The bytes of s are only read, never written.
	return Decoder{data: unsafe.Slice(unsafe.StringData(s), len(s)), copied: s}
}

// MessageOf is the message that leads an error's payload, aliasing the payload (valid only until
// the error is freed): a unit variant's decoder compares it without copying.
func MessageOf(payload []byte) []byte {
	d := Decoder{data: payload}
	n := d.Uint32()
	return d.take(int(n))
}

func (d *Decoder) take(n int) []byte {
	if n < 0 || n > len(d.data) {
		d.data = nil
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

// Uint32 reads a uint32.
func (d *Decoder) Uint32() uint32 {
	b := d.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

// Uint64 reads a uint64.
func (d *Decoder) Uint64() uint64 {
	b := d.take(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// Int64 reads an int64 (integers of every width travel as 64 bits).
func (d *Decoder) Int64() int64 { return int64(d.Uint64()) }

// Float64 reads a float64 (f32 travels widened).
func (d *Decoder) Float64() float64 { return math.Float64frombits(d.Uint64()) }

// Bool reads a bool.
func (d *Decoder) Bool() bool {
	b := d.take(1)
	return b != nil && b[0] != 0
}

// String reads a string: a copy, or a substring of the CopyDecoder's copy.
func (d *Decoder) String() string {
	n := int(d.Uint32())
	start := len(d.copied) - len(d.data)
	b := d.take(n)
	if d.copied != "" {
		return d.copied[start : start+len(b)]
	}
	return string(b)
}

// Pointer reads the address of a value Rust lowered into C memory for the error (which owns it
// until the error is freed). The address is copied into the pointer's bits rather than
// converted from an integer: it is C memory, never Go's.
func (d *Decoder) Pointer() unsafe.Pointer {
	var p unsafe.Pointer
	*(*uint64)(unsafe.Pointer(&p)) = d.Uint64()
	return p
}

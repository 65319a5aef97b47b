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
}

// NewDecoder reads data, which may be C memory: every value read is copied into Go memory.
func NewDecoder(data []byte) *Decoder { return &Decoder{data: data} }

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

// String reads a string, copying it.
func (d *Decoder) String() string {
	n := d.Uint32()
	return string(d.take(int(n)))
}

// Pointer reads the address of a value Rust lowered into C memory for the error (which owns it
// until the error is freed). The address is copied into the pointer's bits rather than
// converted from an integer: it is C memory, never Go's.
func (d *Decoder) Pointer() unsafe.Pointer {
	var p unsafe.Pointer
	*(*uint64)(unsafe.Pointer(&p)) = d.Uint64()
	return p
}

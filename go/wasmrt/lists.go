package wasmrt

import "unsafe"

// Strings copies v into guest memory as Rust reads a string list (an FfiList of FfiSlice
// headers, ADR 0007) and returns the address of the FfiList (passed by address on wasm32).
func (c *Call) Strings(v []string) uint32 {
	size := 0
	for _, s := range v {
		size += len(s)
	}
	headers := c.Space(uint32(8*len(v)), 4)
	for i, s := range v {
		data := uint32(0)
		if len(s) > 0 {
			data = c.Space(uint32(len(s)), 1)
			c.in.mem.WriteString(data, s)
		}
		c.PutU32(headers+uint32(8*i), data)
		c.PutU32(headers+uint32(8*i)+4, uint32(len(s)))
	}
	return c.list(headers, len(v), size)
}

// ByteSlices is Strings for [][]byte: Rust reads Go slice headers ({ptr, len, cap}).
func (c *Call) ByteSlices(v [][]byte) uint32 {
	size := 0
	for _, b := range v {
		size += len(b)
	}
	headers := c.Space(uint32(12*len(v)), 4)
	for i, b := range v {
		data := uint32(0)
		if len(b) > 0 {
			data = c.Space(uint32(len(b)), 1)
			c.in.mem.Write(data, b)
		}
		h := headers + uint32(12*i)
		c.PutU32(h, data)
		c.PutU32(h+4, uint32(len(b)))
		c.PutU32(h+8, uint32(len(b)))
	}
	return c.list(headers, len(v), size)
}

func (c *Call) list(items uint32, n, size int) uint32 {
	l := c.Space(12, 4)
	if n == 0 {
		items = 0
	}
	c.PutU32(l, items)
	c.PutU32(l+4, uint32(n))
	c.PutU32(l+8, uint32(size))
	return l
}

// Numbers copies a slice of fixed-size numbers (not int or uint, whose size differs in wasm32)
// into guest memory and returns the address of its FfiSlice {ptr, element count}. Go and wasm
// are both little-endian on every platform ferrogo builds for, so the bytes are copied as
// they are.
func Numbers[T int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 | float32 | float64](c *Call, v []T) uint32 {
	data := uint32(0)
	if len(v) > 0 {
		size := uint32(len(v)) * uint32(unsafe.Sizeof(v[0]))
		data = c.Space(size, uint32(unsafe.Sizeof(v[0])))
		c.in.mem.Write(data, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), size))
	}
	return c.slice(data, len(v))
}

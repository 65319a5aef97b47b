package wasmrt

import (
	"encoding/binary"
	"math"

	"github.com/ferrogo/ferrogo/go"
	"github.com/ferrogo/ferrogo/go/rt"
)

// Call is one crossing into the module, holding its lock from Begin to End. Addresses are
// guest (wasm32) addresses.
type Call struct {
	m      *Module
	in     *instance
	fn     string
	used   uint32
	allocs []allocation
	stack  [16]uint64
}

type allocation struct{ ptr, size, align uint32 }

// Begin starts a call of the function Go calls fn (for messages), instantiating the module if
// no instance is running. End must follow, also on error.
func (m *Module) Begin(fn string) (*Call, error) {
	m.mu.Lock()
	c := &m.call
	c.m, c.fn, c.used = m, fn, 0
	if m.inst == nil {
		in, err := m.instantiate()
		if err != nil {
			c.in = nil
			return c, err
		}
		m.inst = in
	}
	c.in = m.inst
	return c, nil
}

// End frees what the call allocated and lets the next call in.
func (c *Call) End() {
	if c.in != nil && c.m.inst == c.in {
		for _, a := range c.allocs {
			c.in.free.Call(ctx, uint64(a.ptr), uint64(a.size), uint64(a.align))
		}
	}
	c.allocs = c.allocs[:0]
	c.in = nil
	c.m.mu.Unlock()
}

// Generation is the instance's number (see Module.Generation).
func (c *Call) Generation() uint64 { return c.in.gen }

// Space returns size bytes of guest memory aligned to align, valid until End.
func (c *Call) Space(size, align uint32) uint32 {
	at := (c.used + align - 1) &^ (align - 1)
	if at+size <= scratchSize {
		c.used = at + size
		return c.in.scratch + at
	}
	res, err := c.in.alloc.Call(ctx, uint64(size), uint64(align))
	if err != nil || res[0] == 0 {
		panic(&ferrogo.PanicError{Func: c.fn, Message: "ferrogo: out of WebAssembly memory"})
	}
	p := uint32(res[0])
	c.allocs = append(c.allocs, allocation{p, size, align})
	return p
}

// Text copies s into guest memory and returns the address of its FfiSlice {ptr, len}: the C ABI
// passes a struct of two fields by address on wasm32.
func (c *Call) Text(s string) uint32 {
	data := uint32(0)
	if len(s) > 0 {
		data = c.Space(uint32(len(s)), 1)
		c.in.mem.WriteString(data, s)
	}
	return c.slice(data, len(s))
}

// Bytes is Text for a byte slice.
func (c *Call) Bytes(b []byte) uint32 {
	data := uint32(0)
	if len(b) > 0 {
		data = c.Space(uint32(len(b)), 1)
		c.in.mem.Write(data, b)
	}
	return c.slice(data, len(b))
}

func (c *Call) slice(data uint32, n int) uint32 {
	h := c.Space(8, 4)
	c.PutU32(h, data)
	c.PutU32(h+4, uint32(n))
	return h
}

// Invoke calls the export name with args (as wazero passes them: i32 and i64 zero-extended,
// floats as bits). A trap — a Rust panic, which aborts on wasm32 — returns the panic as a
// *ferrogo.PanicError and retires the instance: the next call starts a new one.
func (c *Call) Invoke(name string, args ...uint64) ([]uint64, error) {
	f := c.in.function(name)
	if f == nil {
		return nil, &ferrogo.PanicError{Func: c.fn, Message: "ferrogo: the WebAssembly module has no function " + name + " (rebuild the package)"}
	}
	n := copy(c.stack[:], args)
	if err := f.CallWithStack(ctx, c.stack[:max(n, len(f.Definition().ResultTypes()))]); err != nil {
		return nil, c.trapped(err)
	}
	return c.stack[:len(f.Definition().ResultTypes())], nil
}

// trapped turns a trap into the panic the runtime crate recorded, and retires the instance.
func (c *Call) trapped(trap error) error {
	in := c.in
	var perr error
	if p, ok := in.mem.ReadUint32Le(in.panicSlot); ok && p != 0 {
		n, _ := in.mem.ReadUint32Le(in.panicSlot + 4)
		if data, ok := in.mem.Read(p, n); ok {
			perr = rt.DecodeError(c.fn, rt.KindPanic, 0, append([]byte(nil), data...), nil)
		}
	}
	if perr == nil {
		perr = &ferrogo.PanicError{Func: c.fn, Message: "ferrogo: the WebAssembly module trapped: " + trap.Error()}
	}
	c.m.inst = nil
	c.allocs = c.allocs[:0]
	in.mod.Close(ctx)
	return perr
}

// Error decodes the FfiError at err ({kind, variant, data, len, done}, 4 bytes each on wasm32)
// and marks it done, as the cgo path does.
func (c *Call) Error(err uint32, user rt.UserDecoder) error {
	kind, variant := c.U32(err), c.U32(err+4)
	// A view of guest memory, as cgo passes a view of Rust's: the decoders copy what they keep
	// (so a unit variant's error allocates nothing), and nothing runs in the guest meanwhile.
	var data []byte
	if n := c.U32(err + 12); n > 0 {
		data = c.bytes(c.U32(err+8), n)
	}
	if c.U32(err+16) == 0 {
		c.PutU32(err+16, 1)
	}
	return rt.DecodeError(c.fn, kind, variant, data, user)
}

// Read copies n bytes at p out of guest memory.
func (c *Call) Read(p, n uint32) []byte {
	if n == 0 {
		return []byte{}
	}
	b, ok := c.in.mem.Read(p, n)
	if !ok {
		panic(&ferrogo.PanicError{Func: c.fn, Message: "ferrogo: a result lies outside WebAssembly memory"})
	}
	return append([]byte(nil), b...)
}

// String copies n bytes at p out of guest memory into a string.
func (c *Call) String(p, n uint32) string {
	if n == 0 {
		return ""
	}
	b, ok := c.in.mem.Read(p, n)
	if !ok {
		panic(&ferrogo.PanicError{Func: c.fn, Message: "ferrogo: a result lies outside WebAssembly memory"})
	}
	return string(b)
}

func (c *Call) bytes(p, n uint32) []byte {
	b, ok := c.in.mem.Read(p, n)
	if !ok {
		panic(&ferrogo.PanicError{Func: c.fn, Message: "ferrogo: an address lies outside WebAssembly memory"})
	}
	return b
}

// U8 ... F64 read and Put* write little-endian values at guest addresses.
func (c *Call) U8(p uint32) uint8          { return c.bytes(p, 1)[0] }
func (c *Call) U16(p uint32) uint16        { return binary.LittleEndian.Uint16(c.bytes(p, 2)) }
func (c *Call) U32(p uint32) uint32        { return binary.LittleEndian.Uint32(c.bytes(p, 4)) }
func (c *Call) U64(p uint32) uint64        { return binary.LittleEndian.Uint64(c.bytes(p, 8)) }
func (c *Call) F32(p uint32) float32       { return math.Float32frombits(c.U32(p)) }
func (c *Call) F64(p uint32) float64       { return math.Float64frombits(c.U64(p)) }
func (c *Call) PutU8(p uint32, v uint8)    { c.bytes(p, 1)[0] = v }
func (c *Call) PutU16(p uint32, v uint16)  { binary.LittleEndian.PutUint16(c.bytes(p, 2), v) }
func (c *Call) PutU32(p uint32, v uint32)  { binary.LittleEndian.PutUint32(c.bytes(p, 4), v) }
func (c *Call) PutU64(p uint32, v uint64)  { binary.LittleEndian.PutUint64(c.bytes(p, 8), v) }
func (c *Call) PutF32(p uint32, v float32) { c.PutU32(p, math.Float32bits(v)) }
func (c *Call) PutF64(p uint32, v float64) { c.PutU64(p, math.Float64bits(v)) }

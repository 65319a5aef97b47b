package wasmrt

import (
	"fmt"

	"github.com/ferrogo/ferrogo/go"
	"github.com/ferrogo/ferrogo/go/rt"
)

// IterChunk is how many items of a Rust iterator cross per call.
const IterChunk = 256

// Leak is what an object's GC cleanup receives: its handle, where it was created, and the
// instance that made it.
type Leak struct {
	rt.Handle
	Gen uint64
}

// Closed is the error of a call on an object whose instance a panic retired (arg names the
// argument holding it, empty for the receiver), as Rust reports a closed handle.
func Closed(fn, typ, arg string) error {
	return &ferrogo.ObjectError{Func: fn, Type: typ, Arg: arg, Err: ferrogo.ErrClosed}
}

// Release releases handle through the export release (`uint8_t release(uint64_t)`, or an
// iterator's `void close(uint64_t)`), unless
// the instance gen that made it is gone (its objects went with it). Reports whether it was live.
func (m *Module) Release(release string, handle, gen uint64) bool {
	c, err := m.Begin("Close")
	defer c.End()
	if err != nil || c.in.gen != gen {
		return false
	}
	res, err := c.Invoke(release, handle)
	return err == nil && len(res) > 0 && uint8(res[0]) != 0
}

// Result calls an export that takes nothing and returns a number (an object type's live count).
func (c *Call) Result(name string) uint64 {
	res, err := c.Invoke(name)
	if err != nil || len(res) == 0 {
		return 0
	}
	return res[0]
}

// FnStats calls a function's `__stats` export (which returns its FfiFnStats through a result
// pointer: 39 u64, the same layout on wasm32).
func (c *Call) FnStats(name string) ferrogo.FuncStats {
	var s rt.FnStats
	p := c.Space(uint32(8*(7+len(s.Hist))), 8)
	if _, err := c.Invoke(name, uint64(p)); err != nil {
		return ferrogo.FuncStats{}
	}
	fields := []*uint64{&s.Calls, &s.Errors, &s.Panics, &s.BytesIn, &s.BytesOut, &s.Sampled, &s.SumNs}
	for i, f := range fields {
		*f = c.U64(p + uint32(8*i))
	}
	for i := range s.Hist {
		s.Hist[i] = c.U64(p + uint32(8*(len(fields)+i)))
	}
	return rt.ConvertFnStatsValue(s)
}

// OutOfRange is the error of an int or uint argument that does not fit Rust's isize or usize,
// which are 32 bits in wasm32 (cgo builds take every value).
func OutOfRange[T int | uint](fn, arg string, v T) error {
	return &ferrogo.ArgumentError{Func: fn, Arg: arg, Err: ferrogo.ErrInvalidArgument,
		Detail: fmt.Sprintf("%d does not fit in 32 bits: the WebAssembly build's isize and usize are 32-bit", v)}
}

// Bool8 is a bool as Rust's ABI carries it.
func Bool8(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

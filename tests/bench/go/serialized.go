package bench

// The style of serializing generators (src/serialized.rs), written the way uniffi-bindgen-go's
// output is: arguments are written big-endian with encoding/binary into a bytes.Buffer and copied
// into a Rust buffer by one call, results are read back from a RustBuffer and freed by another
// call, every call passes a RustCallStatus out-parameter, objects are Arcs cloned before each
// method call behind a Go-side call counter.

/*
#include <stddef.h>
#include <stdint.h>

typedef struct { uint64_t capacity; uint64_t len; uint8_t *data; } RustBuffer;
typedef struct { int32_t len; const uint8_t *data; } ForeignBytes;
typedef struct { int8_t code; RustBuffer error_buf; } RustCallStatus;

RustBuffer benchser_rustbuffer_from_bytes(ForeignBytes bytes, RustCallStatus *status);
void benchser_rustbuffer_free(RustBuffer buf, RustCallStatus *status);
int64_t benchser_add(int64_t a, int64_t b, RustCallStatus *status);
const void *benchser_acc_new(int64_t base, RustCallStatus *status);
const void *benchser_acc_clone(const void *p, RustCallStatus *status);
int64_t benchser_acc_offset(const void *p, int64_t x, RustCallStatus *status);
void benchser_acc_free(const void *p, RustCallStatus *status);
uint64_t benchser_count_byte(RustBuffer s, uint8_t b, RustCallStatus *status);
uint64_t benchser_byte_sum(RustBuffer b, RustCallStatus *status);
RustBuffer benchser_make_string(size_t n, RustCallStatus *status);
RustBuffer benchser_scale(RustBuffer r, double k, RustCallStatus *status);
RustBuffer benchser_grid(uint32_t n, RustCallStatus *status);
RustBuffer benchser_ops(uint32_t n, RustCallStatus *status);
uint64_t benchser_parse_digits(RustBuffer s, RustCallStatus *status);
uint64_t benchser_lookup(uint64_t key, RustCallStatus *status);
RustBuffer benchser_line_changes(uint32_t n, RustCallStatus *status);
RustBuffer benchser_hash_all(RustBuffer items, RustCallStatus *status);
*/
import "C"

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync/atomic"
	"unsafe"
)

var errSerPanic = errors.New("rust panic")

func serCheck(status *C.RustCallStatus) {
	if status.code == 2 {
		panic(errSerPanic)
	}
}

// serCall is uniffi-bindgen-go's rustCall: the status lives in a Go variable whose address C gets.
func serCall[U any](callback func(*C.RustCallStatus) U) U {
	var status C.RustCallStatus
	v := callback(&status)
	serCheck(&status)
	return v
}

func serCallWithError[U any](lift func(C.RustBuffer) error, callback func(*C.RustCallStatus) U) (U, error) {
	var status C.RustCallStatus
	v := callback(&status)
	switch status.code {
	case 0:
		return v, nil
	case 1:
		return v, lift(status.error_buf)
	default:
		panic(errSerPanic)
	}
}

func serFromBytes(b []byte) C.RustBuffer {
	if len(b) == 0 {
		return C.RustBuffer{}
	}
	foreign := C.ForeignBytes{len: C.int32_t(len(b)), data: (*C.uint8_t)(unsafe.Pointer(&b[0]))}
	return serCall(func(status *C.RustCallStatus) C.RustBuffer {
		return C.benchser_rustbuffer_from_bytes(foreign, status)
	})
}

func serFree(rb C.RustBuffer) {
	serCall(func(status *C.RustCallStatus) bool {
		C.benchser_rustbuffer_free(rb, status)
		return false
	})
}

func serReader(rb C.RustBuffer) *bytes.Reader {
	if rb.len == 0 {
		return bytes.NewReader(nil)
	}
	return bytes.NewReader(unsafe.Slice((*byte)(rb.data), int(rb.len)))
}

func serWrite(w io.Writer, v any) {
	if err := binary.Write(w, binary.BigEndian, v); err != nil {
		panic(err)
	}
}

func serRead(r io.Reader, v any) {
	if err := binary.Read(r, binary.BigEndian, v); err != nil {
		panic(err)
	}
}

func serWriteString(w *bytes.Buffer, s string) {
	serWrite(w, int32(len(s)))
	w.WriteString(s)
}

func serAdd(a, b int64) int64 {
	return serCall(func(status *C.RustCallStatus) int64 {
		return int64(C.benchser_add(C.int64_t(a), C.int64_t(b), status))
	})
}

// serAcc mirrors uniffi-bindgen-go's FfiObject: a call counter guards the pointer, and each call
// clones the Arc through Rust.
type serAcc struct {
	pointer     unsafe.Pointer
	callCounter atomic.Int64
}

func newSerAcc(base int64) *serAcc {
	a := &serAcc{pointer: serCall(func(status *C.RustCallStatus) unsafe.Pointer {
		return unsafe.Pointer(C.benchser_acc_new(C.int64_t(base), status))
	})}
	runtime.SetFinalizer(a, func(a *serAcc) {
		serCall(func(status *C.RustCallStatus) bool {
			C.benchser_acc_free(a.pointer, status)
			return false
		})
	})
	return a
}

func (a *serAcc) incrementPointer() unsafe.Pointer {
	for {
		c := a.callCounter.Load()
		if c < 0 {
			panic("use after free")
		}
		if a.callCounter.CompareAndSwap(c, c+1) {
			break
		}
	}
	return serCall(func(status *C.RustCallStatus) unsafe.Pointer {
		return unsafe.Pointer(C.benchser_acc_clone(a.pointer, status))
	})
}

func (a *serAcc) decrementPointer() { a.callCounter.Add(-1) }

func (a *serAcc) Offset(x int64) int64 {
	p := a.incrementPointer()
	defer a.decrementPointer()
	return serCall(func(status *C.RustCallStatus) int64 {
		return int64(C.benchser_acc_offset(p, C.int64_t(x), status))
	})
}

func serCountByte(s string, b byte) uint64 {
	rb := serFromBytes([]byte(s))
	return serCall(func(status *C.RustCallStatus) uint64 {
		return uint64(C.benchser_count_byte(rb, C.uint8_t(b), status))
	})
}

func serByteSum(b []byte) uint64 {
	buf := new(bytes.Buffer)
	serWrite(buf, int32(len(b)))
	buf.Write(b)
	rb := serFromBytes(buf.Bytes())
	return serCall(func(status *C.RustCallStatus) uint64 {
		return uint64(C.benchser_byte_sum(rb, status))
	})
}

func serMakeString(n int) string {
	rb := serCall(func(status *C.RustCallStatus) C.RustBuffer {
		return C.benchser_make_string(C.size_t(n), status)
	})
	defer serFree(rb)
	b, err := io.ReadAll(serReader(rb))
	if err != nil {
		panic(err)
	}
	return string(b)
}

func serWriteRect(w io.Writer, r Rect) {
	serWrite(w, r.X)
	serWrite(w, r.Y)
	serWrite(w, r.W)
	serWrite(w, r.H)
}

func serReadRect(rd io.Reader) Rect {
	var r Rect
	serRead(rd, &r.X)
	serRead(rd, &r.Y)
	serRead(rd, &r.W)
	serRead(rd, &r.H)
	return r
}

func serScale(r Rect, k float64) Rect {
	buf := new(bytes.Buffer)
	serWriteRect(buf, r)
	in := serFromBytes(buf.Bytes())
	rb := serCall(func(status *C.RustCallStatus) C.RustBuffer {
		return C.benchser_scale(in, C.double(k), status)
	})
	defer serFree(rb)
	return serReadRect(serReader(rb))
}

func serGrid(n uint32) []Rect {
	rb := serCall(func(status *C.RustCallStatus) C.RustBuffer {
		return C.benchser_grid(C.uint32_t(n), status)
	})
	defer serFree(rb)
	rd := serReader(rb)
	var count int32
	serRead(rd, &count)
	out := make([]Rect, 0, count)
	for range count {
		out = append(out, serReadRect(rd))
	}
	return out
}

// serLookupError is how UniFFI's Go bindings represent an error enum: a struct wrapping the
// variant's value (serLookupNotFound for the unit variant).
type serLookupError struct{ err error }

func (e *serLookupError) Error() string { return e.err.Error() }
func (e *serLookupError) Unwrap() error { return e.err }

type serLookupNotFound struct{}

func (serLookupNotFound) Error() string { return "not found" }

func serLiftLookupError(rb C.RustBuffer) error {
	defer serFree(rb)
	rd := serReader(rb)
	var variant int32
	serRead(rd, &variant)
	switch variant {
	case 1:
		return &serLookupError{err: serLookupNotFound{}}
	}
	panic(fmt.Sprintf("unknown LookupError variant %d", variant))
}

func serLookup(key uint64) (uint64, error) {
	return serCallWithError(serLiftLookupError, func(status *C.RustCallStatus) uint64 {
		return uint64(C.benchser_lookup(C.uint64_t(key), status))
	})
}

type serParseError struct{ At uint32 }

func (e *serParseError) Error() string { return "not a digit at " + strconv.Itoa(int(e.At)) }

func serLiftParseError(rb C.RustBuffer) error {
	defer serFree(rb)
	rd := serReader(rb)
	var variant int32
	serRead(rd, &variant)
	var at uint32
	serRead(rd, &at)
	return &serParseError{At: at}
}

func serParseDigits(s string) (uint64, error) {
	rb := serFromBytes([]byte(s))
	return serCallWithError(serLiftParseError, func(status *C.RustCallStatus) uint64 {
		return uint64(C.benchser_parse_digits(rb, status))
	})
}

func serHashAll(items []string) []uint64 {
	buf := new(bytes.Buffer)
	serWrite(buf, int32(len(items)))
	for _, s := range items {
		serWriteString(buf, s)
	}
	in := serFromBytes(buf.Bytes())
	rb := serCall(func(status *C.RustCallStatus) C.RustBuffer {
		return C.benchser_hash_all(in, status)
	})
	defer serFree(rb)
	rd := serReader(rb)
	var count int32
	serRead(rd, &count)
	out := make([]uint64, 0, count)
	for range count {
		var h uint64
		serRead(rd, &h)
		out = append(out, h)
	}
	return out
}

// serOps reads sum types as a serializing generator's Go code does: a variant index, then the
// fields, each read through the buffer's reader.
// serReadOptUint reads an Option<usize> as UniFFI's Go bindings do: a pointer to a fresh value.
func serReadOptUint(rd io.Reader) *uint {
	var flag int8
	serRead(rd, &flag)
	if flag == 0 {
		return nil
	}
	var v uint64
	serRead(rd, &v)
	u := uint(v)
	return &u
}

func serLineChanges(n uint32) []LineChange {
	rb := serCall(func(status *C.RustCallStatus) C.RustBuffer {
		return C.benchser_line_changes(C.uint32_t(n), status)
	})
	defer serFree(rb)
	rd := serReader(rb)
	var count int32
	serRead(rd, &count)
	out := make([]LineChange, 0, count)
	for range count {
		var c LineChange
		serRead(rd, &c.Tag)
		c.OldIndex = serReadOptUint(rd)
		c.NewIndex = serReadOptUint(rd)
		out = append(out, c)
	}
	return out
}

func serOps(n uint32) []Op {
	rb := serCall(func(status *C.RustCallStatus) C.RustBuffer {
		return C.benchser_ops(C.uint32_t(n), status)
	})
	defer serFree(rb)
	rd := serReader(rb)
	var count int32
	serRead(rd, &count)
	out := make([]Op, 0, count)
	for range count {
		var variant int32
		serRead(rd, &variant)
		switch variant {
		case 1:
			var v uint64
			serRead(rd, &v)
			out = append(out, OpInsert{Value: v})
		case 2:
			var at, l uint64
			serRead(rd, &at)
			serRead(rd, &l)
			out = append(out, OpDelete{At: at, Len: l})
		default:
			out = append(out, OpReset{})
		}
	}
	return out
}

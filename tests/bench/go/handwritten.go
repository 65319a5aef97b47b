package bench

// The style of existing hand-written cgo wrappers (src/handwritten.rs): C.CString arguments,
// C.GoString results freed by a second call, errors through char** out-parameters, objects as C
// pointers with finalizers, no noescape. What ferrogo's calling convention saves is measured
// against this.

/*
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { double x, y, w, h; } hw_rect;
typedef struct hw_acc hw_acc;

int64_t benchhw_add(int64_t a, int64_t b);
hw_acc *benchhw_acc_new(int64_t base);
int64_t benchhw_acc_offset(const hw_acc *acc, int64_t x);
void benchhw_acc_free(hw_acc *acc);
uint64_t benchhw_count_byte(const char *s, uint8_t b, char **err);
uint64_t benchhw_byte_sum(const uint8_t *ptr, size_t len);
char *benchhw_make_string(size_t n);
void benchhw_free_string(char *s);
hw_rect benchhw_scale(hw_rect r, double k);
hw_rect *benchhw_grid(uint32_t n, size_t *len);
void benchhw_free_rects(hw_rect *p, size_t len);
int32_t benchhw_parse_digits(const char *s, uint64_t *out, char **err);
int32_t benchhw_hash_all(const char **items, size_t n, uint64_t *out, char **err);
*/
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

func hwAdd(a, b int64) int64 {
	return int64(C.benchhw_add(C.int64_t(a), C.int64_t(b)))
}

type hwAcc struct{ p *C.hw_acc }

func newHwAcc(base int64) *hwAcc {
	a := &hwAcc{C.benchhw_acc_new(C.int64_t(base))}
	runtime.SetFinalizer(a, func(a *hwAcc) { C.benchhw_acc_free(a.p) })
	return a
}

func (a *hwAcc) Offset(x int64) int64 {
	r := C.benchhw_acc_offset(a.p, C.int64_t(x))
	runtime.KeepAlive(a)
	return int64(r)
}

// takeHwError turns a message from Rust into a Go error and frees it.
func takeHwError(msg *C.char) error {
	defer C.benchhw_free_string(msg)
	return errors.New(C.GoString(msg))
}

func hwCountByte(s string, b byte) (uint64, error) {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	var cerr *C.char
	n := C.benchhw_count_byte(cs, C.uint8_t(b), &cerr)
	if cerr != nil {
		return 0, takeHwError(cerr)
	}
	return uint64(n), nil
}

func hwByteSum(b []byte) uint64 {
	if len(b) == 0 {
		return 0
	}
	return uint64(C.benchhw_byte_sum((*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
}

func hwMakeString(n int) string {
	p := C.benchhw_make_string(C.size_t(n))
	defer C.benchhw_free_string(p)
	return C.GoString(p)
}

func hwScale(r Rect, k float64) Rect {
	out := C.benchhw_scale(C.hw_rect{x: C.double(r.X), y: C.double(r.Y), w: C.double(r.W), h: C.double(r.H)}, C.double(k))
	return Rect{X: float64(out.x), Y: float64(out.y), W: float64(out.w), H: float64(out.h)}
}

func hwGrid(n uint32) []Rect {
	var cn C.size_t
	p := C.benchhw_grid(C.uint32_t(n), &cn)
	defer C.benchhw_free_rects(p, cn)
	out := make([]Rect, int(cn))
	for i, r := range unsafe.Slice(p, int(cn)) {
		out[i] = Rect{X: float64(r.x), Y: float64(r.y), W: float64(r.w), H: float64(r.h)}
	}
	return out
}

func hwParseDigits(s string) (uint64, error) {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	var out C.uint64_t
	var cerr *C.char
	if C.benchhw_parse_digits(cs, &out, &cerr) != 0 {
		return 0, takeHwError(cerr)
	}
	return uint64(out), nil
}

func hwHashAll(items []string) ([]uint64, error) {
	if len(items) == 0 {
		return nil, nil
	}
	// calloc, not malloc: storing a *C.char into pointer-typed memory runs Go's write barrier,
	// which reads the slot's old value during a GC; uninitialised malloc memory that happens
	// to look like a Go heap pointer is "found bad pointer in Go heap", a fatal error (it
	// crashed make bench once). The hand-written style invites exactly this kind of bug.
	arr := (**C.char)(C.calloc(C.size_t(len(items)), C.size_t(unsafe.Sizeof((*C.char)(nil)))))
	defer C.free(unsafe.Pointer(arr))
	cs := unsafe.Slice(arr, len(items))
	for i, s := range items {
		cs[i] = C.CString(s)
	}
	defer func() {
		for _, p := range cs {
			C.free(unsafe.Pointer(p))
		}
	}()
	out := make([]uint64, len(items))
	var cerr *C.char
	if C.benchhw_hash_all(arr, C.size_t(len(items)), (*C.uint64_t)(unsafe.Pointer(&out[0])), &cerr) != 0 {
		return nil, takeHwError(cerr)
	}
	return out, nil
}

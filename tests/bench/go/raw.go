package bench

// The floor: raw cgo calls into plain extern "C" Rust functions (src/raw.rs), declared noescape
// and nocallback as a careful hand-written binding on Go ≥ 1.24 would. The ratios in
// docs/PERFORMANCE.md divide by these.

/*
#cgo noescape cfloor_add
#cgo nocallback cfloor_add
#cgo noescape benchraw_add
#cgo nocallback benchraw_add
#cgo noescape benchraw_acc_offset
#cgo nocallback benchraw_acc_offset
#cgo noescape benchraw_count_byte
#cgo nocallback benchraw_count_byte
#cgo noescape benchraw_byte_sum
#cgo nocallback benchraw_byte_sum
#cgo noescape benchraw_make_string
#cgo nocallback benchraw_make_string
#cgo noescape benchraw_free_bytes
#cgo nocallback benchraw_free_bytes
#cgo noescape benchraw_scale
#cgo nocallback benchraw_scale
#cgo noescape benchraw_grid
#cgo nocallback benchraw_grid
#cgo noescape benchraw_free_rects
#cgo nocallback benchraw_free_rects
#cgo noescape benchraw_lookup
#cgo nocallback benchraw_lookup
#cgo noescape benchraw_parse_digits
#cgo nocallback benchraw_parse_digits
#cgo noescape benchraw_hash_all
#cgo nocallback benchraw_hash_all
#cgo noescape benchraw_rescore
#cgo nocallback benchraw_rescore
#cgo noescape benchraw_free_batch
#cgo nocallback benchraw_free_batch
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { double x, y, w, h; } raw_rect;
typedef struct { void *ptr; size_t len; size_t cap; } raw_vec;
typedef struct { uint64_t value; uint8_t failed; uint32_t at; } raw_parse;
typedef struct raw_acc raw_acc;

// The strictest floor: a C function in this preamble, so no Rust at all (issue 16: what is left
// above it is cgo's transition plus whatever the callee does).
static inline int64_t cfloor_add(int64_t a, int64_t b) { return a + b; }
int64_t benchraw_add(int64_t a, int64_t b);
raw_acc *benchraw_acc_new(int64_t base);
int64_t benchraw_acc_offset(const raw_acc *acc, int64_t x);
void benchraw_acc_free(raw_acc *acc);
uint64_t benchraw_count_byte(const uint8_t *ptr, size_t len, uint8_t b);
uint64_t benchraw_byte_sum(const uint8_t *ptr, size_t len);
raw_vec benchraw_make_string(size_t n);
void benchraw_free_bytes(raw_vec v);
raw_rect benchraw_scale(raw_rect r, double k);
raw_vec benchraw_grid(uint32_t n);
void benchraw_free_rects(raw_vec v);
raw_parse benchraw_parse_digits(const uint8_t *ptr, size_t len);
typedef struct { uint64_t value; uint8_t found; } raw_lookup;
raw_lookup benchraw_lookup(uint64_t key);
bool benchraw_hash_all(const uint8_t *data, const size_t *lens, size_t n, uint64_t *out);
typedef struct { uint64_t id; uintptr_t label; size_t label_len; double score; } raw_item_in;
typedef struct { uint64_t id; raw_vec label; double score; } raw_item_out;
typedef struct { raw_vec name; raw_vec items; } raw_batch;
raw_batch benchraw_rescore(const uint8_t *name, size_t name_len, const raw_item_in *items, size_t n);
void benchraw_free_batch(raw_batch b);
*/
import "C"

import (
	"errors"
	"runtime"
	"strconv"
	"unsafe"
)

func cFloorAdd(a, b int64) int64 {
	return int64(C.cfloor_add(C.int64_t(a), C.int64_t(b)))
}

func rawAdd(a, b int64) int64 {
	return int64(C.benchraw_add(C.int64_t(a), C.int64_t(b)))
}

// rawAcc holds a Rust pointer; the benchmarks free it explicitly.
type rawAcc struct{ p *C.raw_acc }

func newRawAcc(base int64) rawAcc { return rawAcc{C.benchraw_acc_new(C.int64_t(base))} }

func (a rawAcc) Offset(x int64) int64 { return int64(C.benchraw_acc_offset(a.p, C.int64_t(x))) }

func (a rawAcc) Free() { C.benchraw_acc_free(a.p) }

var errRawUTF8 = errors.New("invalid UTF-8")

func rawCountByte(s string, b byte) (uint64, error) {
	n := C.benchraw_count_byte((*C.uint8_t)(unsafe.StringData(s)), C.size_t(len(s)), C.uint8_t(b))
	if n == ^C.uint64_t(0) {
		return 0, errRawUTF8
	}
	return uint64(n), nil
}

func rawByteSum(b []byte) uint64 {
	return uint64(C.benchraw_byte_sum((*C.uint8_t)(unsafe.SliceData(b)), C.size_t(len(b))))
}

// rawMakeString copies the Rust buffer once and frees it with a second call.
func rawMakeString(n int) string {
	v := C.benchraw_make_string(C.size_t(n))
	if v.len == 0 {
		C.benchraw_free_bytes(v)
		return ""
	}
	s := string(unsafe.Slice((*byte)(v.ptr), int(v.len)))
	C.benchraw_free_bytes(v)
	return s
}

func rawScale(r Rect, k float64) Rect {
	// Rect and raw_rect have the same layout.
	out := C.benchraw_scale(*(*C.raw_rect)(unsafe.Pointer(&r)), C.double(k))
	return *(*Rect)(unsafe.Pointer(&out))
}

// rawGrid copies the Rust array with one memmove (same layout) and frees it.
func rawGrid(n uint32) []Rect {
	v := C.benchraw_grid(C.uint32_t(n))
	out := make([]Rect, int(v.len))
	if v.len != 0 {
		copy(out, unsafe.Slice((*Rect)(v.ptr), int(v.len)))
	}
	C.benchraw_free_rects(v)
	return out
}

// errRawNotFound is what a hand-written binding returns for a unit error: a sentinel.
var errRawNotFound = errors.New("not found")

func rawLookup(key uint64) (uint64, error) {
	r := C.benchraw_lookup(C.uint64_t(key))
	if r.found == 0 {
		return 0, errRawNotFound
	}
	return uint64(r.value), nil
}

type rawParseError struct{ At uint32 }

func (e *rawParseError) Error() string { return "not a digit at " + strconv.Itoa(int(e.At)) }

func rawParseDigits(s string) (uint64, error) {
	r := C.benchraw_parse_digits((*C.uint8_t)(unsafe.StringData(s)), C.size_t(len(s)))
	if r.failed != 0 {
		return 0, &rawParseError{At: uint32(r.at)}
	}
	return uint64(r.value), nil
}

// rawList is a string list already laid out as Rust reads it (built outside the timed loop, so
// the batch floor is the work plus one crossing).
type rawList struct {
	data []byte
	lens []uint64
}

func newRawList(items []string) rawList {
	var l rawList
	for _, s := range items {
		l.data = append(l.data, s...)
		l.lens = append(l.lens, uint64(len(s)))
	}
	return l
}

// rawHashAll writes the hashes into out (len(out) == len(l.lens)).
func rawHashAll(l rawList, out []uint64) bool {
	return bool(C.benchraw_hash_all((*C.uint8_t)(unsafe.SliceData(l.data)),
		(*C.size_t)(unsafe.Pointer(unsafe.SliceData(l.lens))), C.size_t(len(l.lens)),
		(*C.uint64_t)(unsafe.SliceData(out))))
}

// rawRescore is the nested round trip as a careful hand-written binding does it: a C array of
// items built in Go memory (labels by address, kept alive by items), one call, then every item
// copied back into Go values and the Rust buffers freed in one more call.
func rawRescore(b Batch) Batch {
	in := make([]C.raw_item_in, len(b.Items))
	for i, it := range b.Items {
		in[i] = C.raw_item_in{id: C.uint64_t(it.ID), label: C.uintptr_t(uintptr(unsafe.Pointer(unsafe.StringData(it.Label)))), label_len: C.size_t(len(it.Label)), score: C.double(it.Score)}
	}
	var items *C.raw_item_in
	if len(in) > 0 {
		items = &in[0]
	}
	r := C.benchraw_rescore((*C.uint8_t)(unsafe.StringData(b.Name)), C.size_t(len(b.Name)), items, C.size_t(len(in)))
	runtime.KeepAlive(b)
	out := Batch{Name: C.GoStringN((*C.char)(r.name.ptr), C.int(r.name.len)), Items: make([]Item, int(r.items.len))}
	src := unsafe.Slice((*C.raw_item_out)(r.items.ptr), int(r.items.len))
	for i, it := range src {
		out.Items[i] = Item{ID: uint64(it.id), Label: C.GoStringN((*C.char)(it.label.ptr), C.int(it.label.len)), Score: float64(it.score)}
	}
	C.benchraw_free_batch(r)
	return out
}

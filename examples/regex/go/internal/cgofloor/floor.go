//go:build cgo

// Package cgofloor is the benchmarks' floor: the cheapest possible cgo call passing a byte
// slice the way the regex package passes a haystack (pointer and length), into C code that
// does nothing. A ferrogo call cannot cost less than this.
package cgofloor

/*
#cgo noescape fg_floor
#cgo nocallback fg_floor
#include <stddef.h>
#include <stdint.h>
static inline int fg_floor(const uint8_t *p, size_t n) { return n > 0 && p != NULL; }
*/
import "C"

import "unsafe"

// Call passes b to C and back.
func Call(b []byte) bool {
	return C.fg_floor((*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b))), C.size_t(len(b))) != 0
}

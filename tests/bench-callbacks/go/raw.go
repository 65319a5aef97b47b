package benchcallbacks

// The floor: Rust calls the //export'ed Go function benchGoPut (raw_export.go) through a plain
// C function pointer.

/*
#cgo noescape benchcb_raw_add
#cgo nocallback benchcb_raw_add
#include <stdint.h>

extern uint64_t benchGoPut(uint64_t);
uint64_t benchcb_raw_call(void *put, uint64_t n);
uint64_t benchcb_raw_call_on_worker(void *put, uint64_t n);
int64_t benchcb_raw_add(int64_t a, int64_t b);
*/
import "C"

import "unsafe"

func rawCall(n uint64) uint64 {
	return uint64(C.benchcb_raw_call(unsafe.Pointer(C.benchGoPut), C.uint64_t(n)))
}

func rawCallOnWorker(n uint64) uint64 {
	return uint64(C.benchcb_raw_call_on_worker(unsafe.Pointer(C.benchGoPut), C.uint64_t(n)))
}

func rawAdd(a, b int64) int64 {
	return int64(C.benchcb_raw_add(C.int64_t(a), C.int64_t(b)))
}

package rt

import "unsafe"

// Lists cross to Rust in place: the generated code passes the address of a []string's (or a
// [][]byte's) backing array as an integer, since cgo refuses Go memory that holds Go pointers,
// and Rust reads the headers and the data they point to. Those addresses must stay valid until
// Rust returns. The Go heap never moves an object, but a goroutine stack moves when it grows,
// and the compiler puts a slice or a string's data there when it proves it does not escape.
// Storing the list in a package variable under a condition the compiler cannot evaluate makes
// the list and everything it points to escape (the caller allocates them on the heap), without
// the store ever running.

// escapeHatch is never set.
var escapeHatch bool

var (
	stringsSink []string
	bytesSink   [][]byte
)

// StringsOnHeap makes the compiler allocate v's backing array and its strings' data on the
// heap, never on a goroutine stack. It does nothing at run time.
func StringsOnHeap(v []string) {
	if escapeHatch {
		stringsSink = v
	}
}

// BytesOnHeap is [StringsOnHeap] for byte slices.
func BytesOnHeap(v [][]byte) {
	if escapeHatch {
		bytesSink = v
	}
}

var pointerSink unsafe.Pointer

// PointerOnHeap is [StringsOnHeap] for the memory p points to (a slice's backing array passed
// in place). It does nothing at run time.
func PointerOnHeap(p unsafe.Pointer) {
	if escapeHatch {
		pointerSink = p
	}
}

var anySink any

// OnHeap is [StringsOnHeap] for what v refers to, whatever its type: a string's bytes, a
// slice's backing array, a pointer's target. A lazy iterator reads its arguments between the
// chunks of its loop, while the loop body runs on the goroutine's stack and may grow (so move)
// it (ADR 0014). It does nothing at run time.
func OnHeap[T any](v T) {
	if escapeHatch {
		anySink = v
	}
}

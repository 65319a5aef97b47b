package rt

import "unsafe"

// Keep holds the C arrays a call's argument conversion builds in Go memory (lists of records,
// maps, ...). Their addresses cross to Rust as integers, which the garbage collector does not
// see: the generated code declares a Keep, registers each array with Add, and keeps the Keep
// alive (runtime.KeepAlive) until Rust returns. Add also makes the compiler allocate the array
// on the heap, which never moves, instead of on a goroutine stack, which does.
//
// A Keep holds four arrays without allocating; more spill into a slice.
type Keep struct {
	few  [4]unsafe.Pointer
	n    int
	more []unsafe.Pointer
}

// Add keeps the array at p alive while k is.
func (k *Keep) Add(p unsafe.Pointer) {
	PointerOnHeap(p)
	if k.n < len(k.few) {
		k.few[k.n] = p
		k.n++
		return
	}
	k.more = append(k.more, p)
}

package rt_test

import (
	"testing"

	"github.com/ferrogo/ferrogo/go/rt"
)

// A short string converted from bytes, and a slice literal, live on the stack when the compiler
// proves they do not escape. Passed through StringsOnHeap both must be allocated on the heap
// (two allocations): Rust reads them by addresses that the stack's growth would invalidate.
func TestListsOnHeapMoveTheListAndItsElementsToTheHeap(t *testing.T) {
	buf := []byte("0123456789")
	if n := testing.AllocsPerRun(100, func() {
		s := string(buf)
		rt.StringsOnHeap([]string{s})
	}); n != 2 {
		t.Errorf("StringsOnHeap: %v allocations, want 2 (the slice and the string data)", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		b := make([]byte, 10)
		rt.BytesOnHeap([][]byte{b})
	}); n != 2 {
		t.Errorf("BytesOnHeap: %v allocations, want 2", n)
	}
}

// The control: without StringsOnHeap the same values stay on the stack, so the test above
// measures the escape and not the conversion.
func TestShortListsStayOnTheStackOtherwise(t *testing.T) {
	buf := []byte("0123456789")
	var n int
	if allocs := testing.AllocsPerRun(100, func() {
		s := string(buf)
		n += len([]string{s}[0])
	}); allocs != 0 {
		t.Errorf("allocations = %v, want 0", allocs)
	}
}

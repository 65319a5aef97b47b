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

// OnHeap moves a converted string's bytes, a slice's backing array and a pointer's target to the
// heap likewise (TestShortListsStayOnTheStackOtherwise is the control).
func TestOnHeapMovesWhatAValueRefersToToTheHeap(t *testing.T) {
	buf := []byte("0123456789")
	if n := testing.AllocsPerRun(100, func() {
		rt.OnHeap(string(buf))
	}); n != 1 {
		t.Errorf("OnHeap(string): %v allocations, want 1 (the string data)", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		rt.OnHeap(make([]int64, 4))
	}); n != 1 {
		t.Errorf("OnHeap([]int64): %v allocations, want 1", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		s := string(buf)
		rt.OnHeap(&s)
	}); n != 2 {
		t.Errorf("OnHeap(*string): %v allocations, want 2 (the variable and the string data)", n)
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
	if allocs := testing.AllocsPerRun(100, func() {
		s := string(buf)
		p := &s
		n += len(*p) + len(make([]int64, 4))
	}); allocs != 0 {
		t.Errorf("allocations of a string, a pointer and a slice = %v, want 0", allocs)
	}
}

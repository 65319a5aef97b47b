package rt

import (
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

func copyAll(words []string) []string {
	var s StringSlab
	for _, w := range words {
		s.Reserve(len(w))
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = s.Copy(unsafe.Pointer(unsafe.StringData(w)), len(w))
	}
	return out
}

func TestStringSlabCopiesEveryString(t *testing.T) {
	long := strings.Repeat("y", slabMax+1)
	words := []string{"a", "", "hello, 世界", long, "z"}
	got := copyAll(words)
	runtime.GC()
	for i := range words {
		if got[i] != words[i] {
			t.Errorf("string %d = %q, want %q", i, got[i], words[i])
		}
	}
	if unsafe.StringData(got[0]) == unsafe.StringData(words[0]) {
		t.Error("Copy must copy, not alias its source")
	}
}

// Short strings share one allocation; a long one gets its own.
func TestStringSlabAllocatesOncePerList(t *testing.T) {
	words := make([]string, 100)
	for i := range words {
		words[i] = strings.Repeat("k", i%10+1)
	}
	if n := testing.AllocsPerRun(100, func() { copyAll(words) }); n != 2 {
		t.Errorf("%v allocations, want 2 (the list and the slab)", n)
	}
	words[0] = strings.Repeat("l", slabMax+1)
	if n := testing.AllocsPerRun(100, func() { copyAll(words) }); n != 3 {
		t.Errorf("%v allocations with a long string, want 3", n)
	}
}

// Reserving less than is copied (a bug in a caller) still copies correctly.
func TestStringSlabWithoutReserve(t *testing.T) {
	var s StringSlab
	a, b := "abc", "defg"
	x := s.Copy(unsafe.Pointer(unsafe.StringData(a)), len(a))
	y := s.Copy(unsafe.Pointer(unsafe.StringData(b)), len(b))
	if x != a || y != b {
		t.Errorf("got %q, %q", x, y)
	}
}

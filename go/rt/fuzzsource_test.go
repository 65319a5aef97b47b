package rt

import (
	"math"
	"testing"
)

func TestFuzzSourceReadsInOrderThenZeros(t *testing.T) {
	s := NewFuzzSource([]byte{
		1, 0, 0, 0, 0, 0, 0, 0, // Uint64 1
		3, 'a', 'b', 'c', // String "abc"
		0xff,   // Bool true
		0x0d,   // Len 5
		2, 'x', // Bytes: length 2, but 1 byte left
	})
	if got := s.Uint64(); got != 1 {
		t.Errorf("Uint64 = %d", got)
	}
	if got := s.String(); got != "abc" {
		t.Errorf("String = %q", got)
	}
	if !s.Bool() {
		t.Error("Bool = false")
	}
	if got := s.Len(); got != 5 {
		t.Errorf("Len = %d", got)
	}
	if got := s.Bytes(); string(got) != "x" {
		t.Errorf("Bytes = %q", got)
	}
	if !s.Done() || s.Uint64() != 0 || s.Bool() || s.Len() != 0 || s.Bytes() != nil || s.Choose(3) != 0 {
		t.Error("an exhausted source must give zero values")
	}
}

func TestFuzzSourceFloatsCoverSpecialValues(t *testing.T) {
	nan := math.Float64bits(math.NaN())
	var data []byte
	for i := 0; i < 8; i++ {
		data = append(data, byte(nan>>(8*i)))
	}
	if f := NewFuzzSource(data).Float64(); !math.IsNaN(f) {
		t.Errorf("Float64 = %v, want NaN", f)
	}
}

func TestFuzzSourceNestingStops(t *testing.T) {
	s := NewFuzzSource([]byte{7, 7, 7, 7})
	for range maxFuzzDepth {
		s.Enter()
	}
	if !s.Done() || s.Len() != 0 {
		t.Error("beyond the depth limit a source must stop nesting")
	}
	s.Leave()
	if s.Done() || s.Len() != 7 {
		t.Error("below the limit a source nests again")
	}
}

func TestFuzzSourceBytesAreNilOrEmpty(t *testing.T) {
	if b := NewFuzzSource([]byte{0, 0}).Bytes(); b != nil {
		t.Errorf("Bytes = %#v, want nil", b)
	}
	if b := NewFuzzSource([]byte{0, 1}).Bytes(); b == nil || len(b) != 0 {
		t.Errorf("Bytes = %#v, want empty", b)
	}
}

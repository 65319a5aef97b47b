package rt

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

type shape interface{ isShape() }

type circle struct{ r float64 }
type label struct {
	text string
	tags []string
}
type ref struct{ p *int }
type dot struct{}

func (circle) isShape() {}
func (label) isShape()  {}
func (ref) isShape()    {}
func (dot) isShape()    {}

var (
	protoCircle = Boxable[shape](circle{})
	protoLabel  = Boxable[shape](label{})
)

// boxed builds n shapes the way generated list conversions do: one slab per variant type.
func boxed(n int) []shape {
	circles := make([]circle, n)
	labels := make([]label, n)
	out := make([]shape, 0, 2*n)
	for i := range n {
		circles[i] = circle{r: float64(i)}
		out = append(out, BoxAt(protoCircle, unsafe.Pointer(&circles[i])))
		labels[i] = label{text: strings.Repeat("x", i%5), tags: []string{fmt.Sprint(i)}}
		out = append(out, BoxAt(protoLabel, unsafe.Pointer(&labels[i])))
	}
	return out
}

// Boxed values are ordinary interface values: type switches, assertions, equality and fmt see
// the variant, and they survive garbage collections with only the interfaces referencing the
// slabs.
func TestBoxedValuesBehaveLikeConvertedOnes(t *testing.T) {
	shapes := boxed(100)
	for range 3 {
		runtime.GC()
		_ = make([]byte, 1<<20) // reuse freed memory, if the slabs were freed
	}
	for i := range 100 {
		switch s := shapes[2*i].(type) {
		case circle:
			if s.r != float64(i) || shapes[2*i] != shape(circle{r: float64(i)}) {
				t.Fatalf("circle %d = %v", i, s)
			}
		default:
			t.Fatalf("shape %d is %T", 2*i, s)
		}
		l := shapes[2*i+1].(label)
		if l.text != strings.Repeat("x", i%5) || l.tags[0] != fmt.Sprint(i) {
			t.Fatalf("label %d = %+v", i, l)
		}
	}
	if got := fmt.Sprint(shapes[2]); got != "{1}" {
		t.Errorf("fmt.Sprint = %q", got)
	}
}

// A copy taken out of a boxed value is independent of the slab.
func TestBoxedValuesAreCopiedOut(t *testing.T) {
	slab := []circle{{r: 1}}
	s := BoxAt(protoCircle, unsafe.Pointer(&slab[0]))
	c := s.(circle)
	c.r = 2
	if s.(circle).r != 1 {
		t.Error("changing a copy changed the boxed value")
	}
}

func TestBoxAtAllocatesNothing(t *testing.T) {
	slab := make([]circle, 1)
	var sink shape
	if n := testing.AllocsPerRun(100, func() {
		sink = BoxAt(protoCircle, unsafe.Pointer(&slab[0]))
	}); n != 0 {
		t.Errorf("BoxAt: %v allocations", n)
	}
	_ = sink
}

// Types Go stores in the interface word itself, and zero-size ones, are refused.
func TestBoxableRefusesPointerShapedTypes(t *testing.T) {
	for _, proto := range []shape{ref{}, dot{}, nil} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Boxable(%T) did not panic", proto)
				}
			}()
			Boxable(proto)
		}()
	}
}

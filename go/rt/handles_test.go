package rt

import (
	"sync"
	"testing"
)

func TestHandlesAddGetRelease(t *testing.T) {
	var h Handles[func() int]
	if h.Add(nil) != 0 {
		t.Fatal("Add(nil) must return 0")
	}
	a := h.Add(func() int { return 1 })
	b := h.Add(func() int { return 2 })
	if fa, ok := h.Get(a); !ok || fa() != 1 {
		t.Fatal("Get(a)")
	}
	if h.Live() != 2 {
		t.Fatalf("Live = %d", h.Live())
	}
	if !h.Release(a) || h.Release(a) {
		t.Fatal("Release(a) must succeed once")
	}
	if _, ok := h.Get(a); ok {
		t.Fatal("a released handle must not be found")
	}
	// The slot is reused with a new generation: the old handle still finds nothing.
	c := h.Add(func() int { return 3 })
	if uint32(c) != uint32(a) || c == a {
		t.Fatalf("c = %#x, a = %#x: want the same slot, another generation", c, a)
	}
	if _, ok := h.Get(a); ok {
		t.Fatal("a stale handle must not find the slot's new value")
	}
	if fb, ok := h.Get(b); !ok || fb() != 2 {
		t.Fatal("Get(b)")
	}
	if _, ok := h.Get(0); ok {
		t.Fatal("0 is never a handle")
	}
	if _, ok := h.Get(1 << 40); ok {
		t.Fatal("a forged handle must not be found")
	}
}

func TestHandlesConcurrent(t *testing.T) {
	var h Handles[*int]
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				v := g*10000 + i
				k := h.Add(&v)
				if p, ok := h.Get(k); !ok || *p != v {
					t.Errorf("Get = %v, %v", p, ok)
					return
				}
				h.Release(k)
			}
		}()
	}
	wg.Wait()
	if h.Live() != 0 {
		t.Fatalf("Live = %d after releasing everything", h.Live())
	}
}

func BenchmarkHandlesGet(b *testing.B) {
	var h Handles[func()]
	k := h.Add(func() {})
	for b.Loop() {
		h.Get(k)
	}
}

func TestWaiterWakesOnce(t *testing.T) {
	w := NewWaiter()
	select {
	case <-w.Done():
		t.Fatal("a new waiter is done")
	default:
	}
	w.Wake()
	w.Wake() // a second wake must not panic (close of a closed channel)
	<-w.Done()
}

package benchcallbacks

import (
	"context"
	"testing"
)

// sink is the Go side of every variant: the same work, a Go method call.
type sink struct{}

func (sink) Put(x uint64) uint64 { return x + 1 }

// calls is how many callbacks one benchmark op makes: ns/op / calls is the cost of one.
const calls = 1000

// A Go method called by Rust 1000 times per op, against a C function pointer to an //export'ed
// Go function doing the same.
func BenchmarkCallback1k(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawCall(calls)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		s := sink{}
		for b.Loop() {
			CallSink(s, calls)
		}
	})
}

// The same from a thread Rust created (its first call to Go long past).
func BenchmarkCallbackThread1k(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawCallOnWorker(calls)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		s := sink{}
		for b.Loop() {
			CallSinkOnWorker(s, calls)
		}
	})
}

// A scalar call into a crate that calls Go back, whose shims cannot be `nocallback`.
func BenchmarkScalarCallingBack(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawAdd(1, 2)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			Add(1, 2)
		}
	})
}

// An async function whose future is ready at once, against the sync function doing the same.
func BenchmarkAsyncReady(b *testing.B) {
	ctx := context.Background()
	b.Run("sync", func(b *testing.B) {
		for b.Loop() {
			Add(1, 2)
		}
	})
	b.Run("async", func(b *testing.B) {
		for b.Loop() {
			AddAsync(ctx, 1, 2)
		}
	})
}

// A future that is not ready at once: spawned on the runtime, the goroutine parked and woken.
func BenchmarkAsyncYield(b *testing.B) {
	ctx := context.Background()
	b.Run("async", func(b *testing.B) {
		for b.Loop() {
			YieldOnce(ctx, 1)
		}
	})
}

// The variants compute the same thing.
func TestVariantsAgree(t *testing.T) {
	want := rawCall(calls)
	if got := CallSink(sink{}, calls); got != want {
		t.Fatalf("CallSink = %d, raw = %d", got, want)
	}
	if got, raw := CallSinkOnWorker(sink{}, calls), rawCallOnWorker(calls); got != want || raw != want {
		t.Fatalf("on the worker: ferrogo %d, raw %d, want %d", got, raw, want)
	}
	if Add(2, 3) != rawAdd(2, 3) {
		t.Fatal("Add")
	}
	if v, err := AddAsync(context.Background(), 2, 3); err != nil || v != 5 {
		t.Fatalf("AddAsync = %d, %v", v, err)
	}
	if v, err := YieldOnce(context.Background(), 7); err != nil || v != 7 {
		t.Fatalf("YieldOnce = %d, %v", v, err)
	}
	if n := Stats().Callbacks["Sink"].Live; n != 0 {
		t.Fatalf("%d Sink values live after the calls", n)
	}
}

package rt

import "sync/atomic"

// Waiter parks a goroutine until an async Rust call completes: Rust's runtime thread calls the
// package's wake function, which calls Wake. The goroutine waits on Done, holding no OS thread.
type Waiter struct {
	done  chan struct{}
	woken atomic.Bool
}

// NewWaiter returns a waiter not yet woken.
func NewWaiter() *Waiter { return &Waiter{done: make(chan struct{})} }

// Wake wakes the goroutine waiting on Done; later calls do nothing.
func (w *Waiter) Wake() {
	if w.woken.CompareAndSwap(false, true) {
		close(w.done)
	}
}

// Done is closed once Wake has been called.
func (w *Waiter) Done() <-chan struct{} { return w.done }

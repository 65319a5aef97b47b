package rt

import (
	"sync"
	"sync/atomic"
	"time"
)

// KindBusy is the error kind of a method call that found its object held by an exclusive call
// (a method changing or consuming it) of another goroutine: Rust returned at once rather than
// hold the OS thread, and the generated method parks its goroutine with Busy and calls again.
const KindBusy = 10

// Busy parks a goroutine whose method call found its object busy, until a Go method call on
// that object returns (Left) or, for holders that are not Go calls, a timer that backs off from
// 100 µs to 50 ms fires. The generated code is, around the call:
//
//	r := C.shim(h, ...)
//	if r.err != nil && r.err.kind == rt.KindBusy {
//		var w rt.Busy
//		for r.err != nil && r.err.kind == rt.KindBusy {
//			w.Wait(h)
//			r = C.shim(h, ...)
//		}
//		w.Done()
//	}
//	rt.Left(h)
//
// The first Wait only registers the goroutine, so a holder that returns during the next call
// wakes it; later ones park.
type Busy struct {
	ch    chan struct{}
	delay time.Duration
	timer *time.Timer
}

const (
	busyFirstDelay = 100 * time.Microsecond
	busyMaxDelay   = 50 * time.Millisecond
)

var (
	// busyWaiting counts registered goroutines: Left reads it on every method return, so the
	// path with no waiter costs one load of a line that only waiting goroutines write.
	busyWaiting atomic.Int32
	busyMu      sync.Mutex
	busyChans   = map[uint64]chan struct{}{}
)

// Wait registers the goroutine as waiting for handle (the first time), or parks it until a Go
// call on handle returns or its timer fires, then registers it again.
func (w *Busy) Wait(handle uint64) {
	if w.ch == nil {
		busyWaiting.Add(1)
		w.delay = busyFirstDelay
	} else {
		if w.timer == nil {
			w.timer = time.NewTimer(w.delay)
		} else {
			w.timer.Reset(w.delay)
		}
		select {
		case <-w.ch:
		case <-w.timer.C:
			w.delay = min(2*w.delay, busyMaxDelay)
		}
		w.timer.Stop()
	}
	busyMu.Lock()
	ch := busyChans[handle]
	if ch == nil {
		ch = make(chan struct{})
		busyChans[handle] = ch
	}
	busyMu.Unlock()
	w.ch = ch
}

// Done ends the wait: the call was not busy.
func (w *Busy) Done() {
	if w.ch != nil {
		if busyWaiting.Add(-1) == 0 {
			// Forget channels no holder's return came to take (their waiters left by timer),
			// so the map holds only handles being waited for. A goroutine registering
			// meanwhile may lose its channel: its timer wakes it.
			busyMu.Lock()
			clear(busyChans)
			busyMu.Unlock()
		}
		w.ch = nil
	}
	if w.timer != nil {
		w.timer.Stop()
	}
}

// Left wakes the goroutines waiting for handle, if any goroutine waits at all. Generated
// methods call it when their call on the object returns.
func Left(handle uint64) {
	if busyWaiting.Load() != 0 {
		wakeBusy(handle)
	}
}

func wakeBusy(handle uint64) {
	busyMu.Lock()
	ch := busyChans[handle]
	delete(busyChans, handle)
	busyMu.Unlock()
	if ch != nil {
		close(ch)
	}
}

// BusyWaiting is how many goroutines wait for a busy object (for tests).
func BusyWaiting() int { return int(busyWaiting.Load()) }

package rt

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ferrogo/ferrogo/go"
)

// Gate bounds how many calls of `#[ferrogo::export(blocking)]` functions run in Rust at once
// (ferrogo.Config.BlockingCalls). Each such call holds an OS thread while it runs; callers over
// the limit wait as parked goroutines, which cost no thread.
type Gate struct {
	limit int
	slots chan struct{}
}

var gate atomic.Pointer[Gate]

// DefaultBlockingCalls is the cap on concurrent blocking calls when Config.BlockingCalls is 0:
// 16 per GOMAXPROCS, at least 64. It keeps a burst of slow calls (each holds an OS thread) far
// from Go's limit of 10,000 threads, while leaving room for calls that mostly wait on I/O.
func DefaultBlockingCalls() int {
	return max(64, 16*runtime.GOMAXPROCS(0))
}

// BlockingLimit is the cap in force: Config.BlockingCalls, the default for 0, none (0) for a
// negative value.
func BlockingLimit() int {
	switch n := ferrogo.CurrentConfig().BlockingCalls; {
	case n < 0:
		return 0
	case n == 0:
		return defaultLimit()
	default:
		return n
	}
}

// defaultLimit is DefaultBlockingCalls, computed once: GOMAXPROCS takes the scheduler lock.
var defaultLimit = sync.OnceValue(DefaultBlockingCalls)

// currentGate returns the gate for the configured limit, or nil when calls are not limited.
func currentGate() *Gate {
	n := BlockingLimit()
	if n <= 0 {
		return nil
	}
	g := gate.Load()
	if g == nil || g.limit != n {
		// A new limit takes effect for calls that start from now on; running calls leave the
		// gate they entered.
		fresh := &Gate{limit: n, slots: make(chan struct{}, n)}
		if gate.CompareAndSwap(g, fresh) {
			return fresh
		}
		return gate.Load()
	}
	return g
}

// EnterBlocking waits for a slot to call a blocking function. With a non-nil ctx the wait ends
// with ctx.Err() if ctx is done first. Pass the result to LeaveBlocking after the call.
func EnterBlocking(ctx context.Context) (*Gate, error) {
	g := currentGate()
	if g == nil {
		return nil, nil
	}
	if ctx == nil {
		g.slots <- struct{}{}
		return g, nil
	}
	select {
	case g.slots <- struct{}{}:
		return g, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// LeaveBlocking frees the slot EnterBlocking took.
func LeaveBlocking(g *Gate) {
	if g != nil {
		<-g.slots
	}
}

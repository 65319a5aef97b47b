package rt

import (
	"sync"
	"time"
)

// ReleaseBatch collects the handles of never-closed objects that the garbage collector's
// cleanups release, and hands them to Rust in batches. Rust releases a batch with one heavy
// memory fence (a membarrier, which interrupts every CPU running a thread of the process) for
// all of its objects instead of one each; one fence per object let cleanups fall behind a
// program that drops objects faster than that, and their Rust values pile up. A handle waits at
// most ReleaseBatchDelay before its batch goes. Close does not batch: it frees at once.
type ReleaseBatch struct {
	mu      sync.Mutex
	pending []Handle
	timer   bool
}

const (
	// ReleaseBatchSize is how many cleanups make a batch go at once.
	ReleaseBatchSize = 256
	// ReleaseBatchDelay is how long a cleanup waits at most for its batch to fill.
	ReleaseBatchDelay = 10 * time.Millisecond
)

// Add queues h. flush releases a batch (the generated code calls Rust with it); it runs on the
// goroutine whose Add filled the batch, or on a timer's.
func (b *ReleaseBatch) Add(h Handle, flush func([]Handle)) {
	b.mu.Lock()
	b.pending = append(b.pending, h)
	if len(b.pending) >= ReleaseBatchSize {
		batch := b.pending
		b.pending = nil
		b.mu.Unlock()
		flush(batch)
		return
	}
	if !b.timer {
		b.timer = true
		time.AfterFunc(ReleaseBatchDelay, func() { b.Flush(flush) })
	}
	b.mu.Unlock()
}

// Flush releases what is queued now.
func (b *ReleaseBatch) Flush(flush func([]Handle)) {
	b.mu.Lock()
	batch := b.pending
	b.pending = nil
	b.timer = false
	b.mu.Unlock()
	if len(batch) > 0 {
		flush(batch)
	}
}

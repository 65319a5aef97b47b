package rt

import (
	"reflect"
	"sync"
	"sync/atomic"
)

// Handles holds the Go values Rust calls back (implementations of callback traits, funcs passed
// for a call) under integer handles, since Rust must not hold Go pointers. Get is lock-free (it
// runs on every call from Rust); Add and Release take a mutex.
//
// A handle is the slot index + 1 in its low 32 bits and the slot's generation in the high 32,
// so a released handle never finds a later value: 0 is never a handle (Add(nil) returns it).
type Handles[T any] struct {
	mu     sync.Mutex
	chunks [handleChunks]atomic.Pointer[handleChunk[T]]
	free   []uint32
	next   uint32
	live   atomic.Int64
	panics atomic.Uint64
}

const (
	handleChunkSize = 1024
	handleChunks    = 1 << 12 // 4M values at once
)

type handleChunk[T any] [handleChunkSize]handleSlot[T]

type handleSlot[T any] struct {
	value atomic.Pointer[handleValue[T]]
	gen   uint32 // under mu
}

type handleValue[T any] struct {
	v      T
	handle uint64
}

// Add stores v and returns its handle, or 0 for a nil interface or func (which Rust rejects
// as an invalid argument). A typed nil pointer in an interface is a value: its methods may work.
func (h *Handles[T]) Add(v T) uint64 {
	if isNil(v) {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	var index uint32
	if n := len(h.free); n > 0 {
		index = h.free[n-1]
		h.free = h.free[:n-1]
	} else {
		index = h.next
		if index/handleChunkSize >= handleChunks {
			panic("ferrogo: more than 4M Go values held by Rust at once")
		}
		h.next++
	}
	chunk := h.chunks[index/handleChunkSize].Load()
	if chunk == nil {
		chunk = new(handleChunk[T])
		h.chunks[index/handleChunkSize].Store(chunk)
	}
	slot := &chunk[index%handleChunkSize]
	slot.gen++
	handle := uint64(slot.gen)<<32 | uint64(index+1)
	slot.value.Store(&handleValue[T]{v: v, handle: handle})
	h.live.Add(1)
	return handle
}

func (h *Handles[T]) slot(handle uint64) *handleSlot[T] {
	index := uint32(handle) - 1
	if uint32(handle) == 0 || index/handleChunkSize >= handleChunks {
		return nil
	}
	chunk := h.chunks[index/handleChunkSize].Load()
	if chunk == nil {
		return nil
	}
	return &chunk[index%handleChunkSize]
}

// Get returns the value of a live handle. It writes nothing shared: calls from many threads
// do not contend.
func (h *Handles[T]) Get(handle uint64) (T, bool) {
	if s := h.slot(handle); s != nil {
		if v := s.value.Load(); v != nil && v.handle == handle {
			return v.v, true
		}
	}
	var zero T
	return zero, false
}

// Release drops the value of handle; false if it was not live.
func (h *Handles[T]) Release(handle uint64) bool {
	s := h.slot(handle)
	if s == nil {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	v := s.value.Load()
	if v == nil || v.handle != handle {
		return false
	}
	s.value.Store(nil)
	h.free = append(h.free, uint32(handle)-1)
	h.live.Add(-1)
	return true
}

// Panicked counts a call whose Go code panicked.
func (h *Handles[T]) Panicked() { h.panics.Add(1) }

// Live counts the values Rust holds.
func (h *Handles[T]) Live() int64 { return h.live.Load() }

// Panics counts the calls whose Go code panicked.
func (h *Handles[T]) Panics() uint64 { return h.panics.Load() }

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Func && rv.IsNil()
}

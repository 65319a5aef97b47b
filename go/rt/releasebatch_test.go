package rt

import (
	"sync"
	"testing"
	"time"
)

func TestReleaseBatchFlushesFullBatchesAtOnceAndTheRestSoon(t *testing.T) {
	var b ReleaseBatch
	var mu sync.Mutex
	var got [][]uint64
	flush := func(batch []Handle) {
		ids := make([]uint64, len(batch))
		for i, h := range batch {
			ids[i] = h.ID
		}
		mu.Lock()
		got = append(got, ids)
		mu.Unlock()
	}
	for i := range ReleaseBatchSize + 3 {
		b.Add(Handle{ID: uint64(i + 1)}, flush)
	}
	mu.Lock()
	if len(got) != 1 || len(got[0]) != ReleaseBatchSize || got[0][0] != 1 {
		t.Fatalf("after %d adds: batches %v, want one full batch", ReleaseBatchSize+3, len(got))
	}
	mu.Unlock()
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || len(got[1]) != 3 || got[1][2] != ReleaseBatchSize+3 {
		t.Fatalf("the last 3 handles were not flushed by the timer: %d batches", len(got))
	}
}

func TestReleaseBatchConcurrentAddsLoseNothing(t *testing.T) {
	var b ReleaseBatch
	var mu sync.Mutex
	seen := map[uint64]bool{}
	flush := func(batch []Handle) {
		mu.Lock()
		defer mu.Unlock()
		for _, h := range batch {
			if seen[h.ID] {
				t.Errorf("handle %d released twice", h.ID)
			}
			seen[h.ID] = true
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				b.Add(Handle{ID: uint64(g*1000 + i + 1)}, flush)
			}
		}()
	}
	wg.Wait()
	b.Flush(flush)
	// A timer's flush may have taken the last batch just before this Flush and still be
	// handing it over: wait for it (a handle lost for good fails after the deadline).
	released := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(seen)
	}
	for deadline := time.Now().Add(10 * time.Second); released() < 8000 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if n := released(); n != 8000 {
		t.Fatalf("%d of 8000 handles released", n)
	}
}

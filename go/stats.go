package ferrogo

import (
	"math"
	"slices"
	"sync"
	"time"
)

// Stats is a snapshot of a generated package's boundary statistics.
type Stats struct {
	// Package is the Go package name.
	Package string `json:"package"`
	// Functions holds one entry per exported function or method, keyed by its Go name
	// ("Add", "(*Counter).Incr"). A function never called has zero counts.
	Functions map[string]FuncStats `json:"functions"`
	// Objects holds one entry per object type, keyed by its Go type name.
	Objects map[string]ObjectStats `json:"objects,omitempty"`
	// Callbacks holds one entry per Go interface Rust calls back (a callback trait), keyed by
	// its Go name, and per func argument ("EachWord.visit").
	Callbacks map[string]CallbackStats `json:"callbacks,omitempty"`
}

// CallbackStats counts the Go values Rust holds for one interface or func argument.
type CallbackStats struct {
	// Live counts values passed to Rust and not yet released by it (a value Rust keeps, in an
	// object's field, say, stays live until Rust drops it).
	Live uint64 `json:"live"`
	// Panics counts calls from Rust whose Go code panicked.
	Panics uint64 `json:"panics"`
}

// FuncStats counts the calls of one function across all goroutines.
type FuncStats struct {
	Calls uint64 `json:"calls"`
	// Errors counts calls that returned an error (including invalid arguments and closed
	// objects), Panics those that panicked in Rust.
	Errors uint64 `json:"errors"`
	Panics uint64 `json:"panics"`
	// BytesIn and BytesOut count string, byte and slice payloads crossing the boundary; a
	// record or an option counts what its fields (its value) carry, fixed-size fields 0.
	BytesIn  uint64 `json:"bytes_in"`
	BytesOut uint64 `json:"bytes_out"`
	// Latency is a histogram of sampled calls (every 64th call per thread by default; see
	// Config.MetricsSampleEvery), timed inside Rust.
	Latency Histogram `json:"latency"`
}

// ObjectStats counts the live and leaked handles of one object type.
type ObjectStats struct {
	// Live counts objects created and not yet closed or collected.
	Live uint64 `json:"live"`
	// Leaked counts objects that were never closed and were freed by the garbage collector.
	Leaked uint64 `json:"leaked"`
}

// Histogram is a log2 latency histogram: Buckets[i] counts sampled calls that took less
// than 2^i nanoseconds (and at least 2^(i-1)); the last bucket also holds everything slower.
type Histogram struct {
	Samples uint64        `json:"samples"`
	Total   time.Duration `json:"total_ns"`
	Buckets [32]uint64    `json:"buckets"`
}

// Mean returns the mean sampled latency, or 0 without samples.
func (h Histogram) Mean() time.Duration {
	if h.Samples == 0 {
		return 0
	}
	return h.Total / time.Duration(h.Samples)
}

// Quantile returns an upper bound of the q-quantile (0 < q <= 1) of sampled latencies: the
// upper edge of the bucket that holds it. It returns 0 without samples.
func (h Histogram) Quantile(q float64) time.Duration {
	if h.Samples == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.Samples)))
	var seen uint64
	for i, n := range h.Buckets {
		seen += n
		if seen >= rank && n > 0 {
			return time.Duration(uint64(1) << uint(i))
		}
	}
	return time.Duration(uint64(1) << uint(len(h.Buckets)-1))
}

var (
	registryMu sync.Mutex
	registry   = map[string]func() Stats{}
)

// RegisterPackage makes a package's statistics visible to AllStats (and so to the expvar
// publication of package github.com/ferrogo/ferrogo/go/expvar). Generated packages call it from
// init; registering a name again replaces the earlier function.
func RegisterPackage(name string, snapshot func() Stats) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry[name] = snapshot
}

// AllStats returns a snapshot of every registered package, sorted by package name.
func AllStats() []Stats {
	registryMu.Lock()
	fns := make([]func() Stats, 0, len(registry))
	for _, f := range registry {
		fns = append(fns, f)
	}
	registryMu.Unlock()
	out := make([]Stats, 0, len(fns))
	for _, f := range fns {
		out = append(out, f())
	}
	slices.SortFunc(out, func(a, b Stats) int {
		switch {
		case a.Package < b.Package:
			return -1
		case a.Package > b.Package:
			return 1
		}
		return 0
	})
	return out
}

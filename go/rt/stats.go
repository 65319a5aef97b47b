package rt

import (
	"time"
	"unsafe"

	"github.com/ferrogo/ferrogo/go"
)

// FnStats mirrors the Rust runtime's FfiFnStats (crates/ferrogo/src/__private/metrics.rs).
type FnStats struct {
	Calls, Errors, Panics, BytesIn, BytesOut, Sampled, SumNs uint64
	Hist                                                     [32]uint64
}

// ConvertFnStats converts the C struct at p (a fg_fn_stats) into ferrogo.FuncStats.
func ConvertFnStats(p unsafe.Pointer) ferrogo.FuncStats {
	return ConvertFnStatsValue(*(*FnStats)(p))
}

// ConvertFnStatsValue converts FfiFnStats read into Go memory (the WebAssembly build's).
func ConvertFnStatsValue(s FnStats) ferrogo.FuncStats {
	return ferrogo.FuncStats{
		Calls:    s.Calls,
		Errors:   s.Errors,
		Panics:   s.Panics,
		BytesIn:  s.BytesIn,
		BytesOut: s.BytesOut,
		Latency:  ferrogo.Histogram{Samples: s.Sampled, Total: time.Duration(s.SumNs), Buckets: s.Hist},
	}
}

package bench

import (
	"sync/atomic"
	"testing"
)

// Each Benchmark<Case> runs the same Rust work through every binding. Sub-benchmark names are
// read by cmd/benchtable: raw (the floor), ferrogo, raw-parallel, ferrogo-parallel (ratios to
// raw-parallel), handwritten, serialized. No assertions here: benchmarks are measurements.

// sink keeps results alive in parallel loops.
var sink atomic.Uint64

// parallel runs f on every P, keeping its results.
func parallel(b *testing.B, f func() uint64) {
	b.RunParallel(func(pb *testing.PB) {
		var acc uint64
		for pb.Next() {
			acc += f()
		}
		sink.Add(acc)
	})
}

func BenchmarkScalar(b *testing.B) {
	b.Run("c-floor", func(b *testing.B) {
		for b.Loop() {
			cFloorAdd(1, 2)
		}
	})
	b.Run("c-floor-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(cFloorAdd(1, 2)) }) })
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
	b.Run("raw-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(rawAdd(1, 2)) }) })
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(Add(1, 2)) }) })
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwAdd(1, 2)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serAdd(1, 2)
		}
	})
}

func BenchmarkObjectMethod(b *testing.B) {
	racc := newRawAcc(1)
	defer racc.Free()
	acc := NewAcc(1)
	defer acc.Close()
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			racc.Offset(2)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			acc.Offset(2)
		}
	})
	b.Run("raw-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(racc.Offset(2)) }) })
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(acc.Offset(2)) }) })
	b.Run("handwritten", func(b *testing.B) {
		h := newHwAcc(1)
		for b.Loop() {
			h.Offset(2)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		s := newSerAcc(1)
		for b.Loop() {
			s.Offset(2)
		}
	})
	b.Run("serialized-parallel", func(b *testing.B) {
		s := newSerAcc(1)
		parallel(b, func() uint64 { return uint64(s.Offset(2)) })
	})
}

func BenchmarkStringIn1KiB(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawCountByte(str1KiB, ' ')
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			CountByte(str1KiB, ' ')
		}
	})
	b.Run("raw-parallel", func(b *testing.B) {
		parallel(b, func() uint64 { n, _ := rawCountByte(str1KiB, ' '); return n })
	})
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return CountByte(str1KiB, ' ') }) })
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwCountByte(str1KiB, ' ')
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serCountByte(str1KiB, ' ')
		}
	})
}

func BenchmarkBytesIn64KiB(b *testing.B) {
	b.SetBytes(int64(len(bytes64K)))
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawByteSum(bytes64K)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			ByteSum(bytes64K)
		}
	})
	b.Run("raw-parallel", func(b *testing.B) { parallel(b, func() uint64 { return rawByteSum(bytes64K) }) })
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return ByteSum(bytes64K) }) })
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwByteSum(bytes64K)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serByteSum(bytes64K)
		}
	})
}

func benchStringOut(b *testing.B, n int) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawMakeString(n)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			MakeString(uint(n))
		}
	})
	b.Run("raw-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(len(rawMakeString(n))) }) })
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(len(MakeString(uint(n)))) }) })
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwMakeString(n)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serMakeString(n)
		}
	})
}

func BenchmarkStringOut16B(b *testing.B)  { benchStringOut(b, smallOut) }
func BenchmarkStringOut4KiB(b *testing.B) { benchStringOut(b, largeOut) }

func BenchmarkRecord(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawScale(rect, 2)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			Scale(rect, 2)
		}
	})
	b.Run("raw-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(rawScale(rect, 2).W) }) })
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(Scale(rect, 2).W) }) })
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwScale(rect, 2)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serScale(rect, 2)
		}
	})
}

func BenchmarkVecRecord1k(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawGrid(gridN)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			Grid(gridN)
		}
	})
	b.Run("raw-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(len(rawGrid(gridN))) }) })
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return uint64(len(Grid(gridN))) }) })
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwGrid(gridN)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serGrid(gridN)
		}
	})
}

// The error path with a unit variant (a lookup's ErrNotFound): Go code uses such errors as
// control flow, so they are a hot path.
func BenchmarkErrorUnit(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawLookup(missingKey)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			Lookup(missingKey)
		}
	})
	b.Run("raw-parallel", func(b *testing.B) {
		parallel(b, func() uint64 { _, err := rawLookup(missingKey); return uint64(len(err.Error())) })
	})
	b.Run("ferrogo-parallel", func(b *testing.B) {
		parallel(b, func() uint64 { _, err := Lookup(missingKey); return uint64(len(err.Error())) })
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serLookup(missingKey)
		}
	})
}

// The error path with a data variant (NotADigit{At}): the error value and its message.
func BenchmarkErrorData(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawParseDigits(badInput)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			ParseDigits(badInput)
		}
	})
	b.Run("raw-parallel", func(b *testing.B) {
		parallel(b, func() uint64 { _, err := rawParseDigits(badInput); return uint64(len(err.Error())) })
	})
	b.Run("ferrogo-parallel", func(b *testing.B) {
		parallel(b, func() uint64 { _, err := ParseDigits(badInput); return uint64(len(err.Error())) })
	})
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwParseDigits(badInput)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serParseDigits(badInput)
		}
	})
}

func BenchmarkBatch1k(b *testing.B) {
	out := make([]uint64, len(batch))
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawHashAll(batchList, out)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			HashAll(batch)
		}
	})
	b.Run("raw-parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			o := make([]uint64, len(batch))
			for pb.Next() {
				rawHashAll(batchList, o)
			}
			sink.Add(o[0])
		})
	})
	b.Run("ferrogo-parallel", func(b *testing.B) { parallel(b, func() uint64 { return HashAll(batch)[0] }) })
	b.Run("ferrogo-per-item", func(b *testing.B) {
		for b.Loop() {
			for _, s := range batch {
				Hash(s)
			}
		}
	})
	b.Run("handwritten", func(b *testing.B) {
		for b.Loop() {
			hwHashAll(batch)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serHashAll(batch)
		}
	})
}

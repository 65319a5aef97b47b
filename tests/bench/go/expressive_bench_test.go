package bench

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Inputs of the expressiveness cases (issue 13): a list of sum-type values, a map, and a record
// holding a list of records.
var (
	mapKeys, mapValues = mapData(1000)
	nested100          = nestedBatch(100)
)

func mapData(n int) ([]string, []uint64) {
	keys := make([]string, n)
	values := make([]uint64, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("key%d", i)
		values[i] = uint64(i)
	}
	return keys, values
}

func nestedBatch(n int) Batch {
	b := Batch{Name: "batch", Items: make([]Item, n)}
	for i := range b.Items {
		b.Items[i] = Item{ID: uint64(i), Label: fmt.Sprintf("item %d", i), Score: float64(i)}
	}
	return b
}

// 1000 sum-type values out, against a serializing generator's reading of the same values.
func BenchmarkSumVec1k(b *testing.B) {
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			Ops(1000)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serOps(1000)
		}
	})
}

// 1000 records with two optional fields out (similar's line changes), against a serializing
// generator's reading of the same values (a pointer to a fresh value per present field).
func BenchmarkOptionalFields1k(b *testing.B) {
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			LineChanges(1000)
		}
	})
	b.Run("serialized", func(b *testing.B) {
		for b.Loop() {
			serLineChanges(1000)
		}
	})
}

// A 1000-entry map[string]uint64 out, against building the same map in Go from the same data
// (each key a fresh string, as the copy from Rust makes one). rust-only is the Rust function's
// own work (building its HashMap), which ferrogo - rust-only leaves out: the cost of crossing.
func BenchmarkMap1k(b *testing.B) {
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			Counts(1000)
		}
	})
	b.Run("rust-only", func(b *testing.B) {
		for b.Loop() {
			CountsLen(1000)
		}
	})
	b.Run("go-build", func(b *testing.B) {
		for b.Loop() {
			m := make(map[string]uint64, len(mapKeys))
			for i, k := range mapKeys {
				m[strings.Clone(k)] = mapValues[i]
			}
		}
	})
}

// A record holding 100 records, in and out, against the same round trip written by hand.
func BenchmarkNestedRecord100(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawRescore(nested100)
		}
	})
	b.Run("ferrogo", func(b *testing.B) {
		for b.Loop() {
			Rescore(nested100)
		}
	})
}

// The variants compute the same values (the benchmarks compare like with like).
func TestExpressiveVariantsAgree(t *testing.T) {
	got, want := Ops(30), serOps(30)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("op %d: ferrogo %#v, serialized %#v", i, got[i], want[i])
		}
	}
	if lc, slc := LineChanges(30), serLineChanges(30); !reflect.DeepEqual(lc, slc) || lc[4].OldIndex == nil || *lc[4].OldIndex != 4 || lc[4].NewIndex != nil {
		t.Fatalf("LineChanges: ferrogo %+v, serialized %+v", lc[4], slc[4])
	}
	m := Counts(1000)
	for i, k := range mapKeys {
		if m[k] != mapValues[i] {
			t.Fatalf("Counts[%q] = %d", k, m[k])
		}
	}
	a, r := Rescore(nested100), rawRescore(nested100)
	if a.Name != r.Name || len(a.Items) != len(r.Items) || a.Items[99] != r.Items[99] || a.Items[99].Score != 100 {
		t.Fatalf("Rescore: ferrogo %+v, raw %+v", a.Items[99], r.Items[99])
	}
}

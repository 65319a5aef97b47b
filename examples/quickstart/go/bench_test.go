package quickstart_test

import (
	"testing"

	"github.com/ferrogo/ferrogo/examples/quickstart/go"
)

// One call each way, for the cost of a crossing: run with cgo (the native library) and with
// CGO_ENABLED=0 (WebAssembly under wazero): tests/wasm.sh bench, docs/PERFORMANCE.md.

func BenchmarkAdd(b *testing.B) {
	for i := 0; i < b.N; i++ {
		quickstart.Add(int64(i), 1)
	}
}

func BenchmarkGreet(b *testing.B) {
	for i := 0; i < b.N; i++ {
		quickstart.Greet("Gopher")
	}
}

//go:build !cgo

package cgofloor

// Call has no C to call without cgo (the WebAssembly build, ADR 0018): the floor there is a
// Go call, so the benchmark still runs.
func Call(b []byte) bool {
	return len(b) > 0
}

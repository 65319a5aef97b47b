// Package wasmrt runs a ferrogo package's Rust crate compiled to WebAssembly under wazero (pure
// Go), so the package builds and runs with CGO_ENABLED=0 (docs/adr/0018-wasm-without-cgo.md).
// Only generated code (the package's `//go:build !cgo` file) uses it; it is not an API.
//
// One Module per package holds one instance of the crate. A call locks it (the instance has
// one thread and one stack), copies its arguments into guest memory, calls the shim and reads
// the result out. A Rust panic aborts the instance (wasm32 has no unwinding): the call returns
// the same *ferrogo.PanicError as under cgo, read from the panic the runtime crate recorded
// before aborting, and the next call gets a fresh instance; objects of the old instance are
// then closed (ferrogo.ErrClosed).
package wasmrt

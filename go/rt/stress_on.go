//go:build ferrogo_gcstress

package rt

import "runtime"

// GCStress reports whether the GC-stress mode (build tag ferrogo_gcstress) is on.
const GCStress = true

// Stress runs a full garbage collection before every call in generated code, so a Go pointer
// handed to Rust without being kept alive, or an object cleaned up while still in use, shows up
// as a test failure instead of a rare production crash.
func Stress() { runtime.GC() }

//go:build !ferrogo_gcstress

package rt

// GCStress reports whether the GC-stress mode (build tag ferrogo_gcstress) is on.
const GCStress = false

// Stress runs before every call in generated code. Without the ferrogo_gcstress build tag it is
// empty and inlined away.
func Stress() {}

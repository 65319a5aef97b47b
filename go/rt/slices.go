package rt

import "unsafe"

// CopyString copies n bytes of Rust-owned memory at p into a Go string.
func CopyString(p unsafe.Pointer, n int) string {
	if n == 0 {
		return ""
	}
	return string(unsafe.Slice((*byte)(p), n))
}

// CopyBytes copies n bytes of Rust-owned memory at p into a new Go slice (empty, not nil, when
// n is 0).
func CopyBytes(p unsafe.Pointer, n int) []byte {
	if n == 0 {
		return []byte{}
	}
	out := make([]byte, n)
	copy(out, unsafe.Slice((*byte)(p), n))
	return out
}

// Handle is what an object's GC cleanup receives: its Rust handle and, with
// ferrogo.Config.LeakStacks, where it was created.
type Handle struct {
	ID    uint64
	Stack []uintptr
}

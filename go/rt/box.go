package rt

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Sum types are interfaces holding variant struct values. Converting a struct value to an
// interface allocates a copy of it on the heap, one allocation per value: a list of 1,000
// sum-type values would cost 1,000. Lists box their values in slabs instead: the generated code
// lays out all values of one variant type in one []Variant, and BoxAt makes each interface
// value point into it. The interface is then exactly what the conversion would have made (its
// data word points to an immutable copy of the value), except that the copies share one
// allocation, which the garbage collector keeps alive while any of them is referenced.
//
// This relies on Go's representation of interfaces: two words, the type (or itab) and a pointer
// to the value, for every type the compiler does not store in the data word directly (pointers,
// maps, channels, funcs and single-field structs of those). Boxable checks, once per variant
// type, that its values are stored by pointer, so BoxAt is never used for the other kind.

// Boxable returns proto, an interface holding a variant value, for BoxAt. It panics if values
// of that type are stored in the interface word itself (a generator bug).
func Boxable[I any](proto I) I {
	t := reflect.TypeOf(any(proto))
	if t == nil || t.Size() == 0 || pointerShaped(t) {
		panic(fmt.Sprintf("ferrogo: internal error: %v values cannot be boxed in a slab", t))
	}
	return proto
}

// pointerShaped reports whether Go stores a value of t directly in an interface's data word.
func pointerShaped(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return true
	case reflect.Struct:
		return t.NumField() == 1 && pointerShaped(t.Field(0).Type)
	case reflect.Array:
		return t.Len() == 1 && pointerShaped(t.Elem())
	}
	return false
}

// BoxAt returns an interface value of proto's dynamic type whose value is *p: p must point to a
// value of that type (an element of a slab) that nothing changes afterwards, and proto must
// come from Boxable.
func BoxAt[I any](proto I, p unsafe.Pointer) I {
	(*[2]unsafe.Pointer)(unsafe.Pointer(&proto))[1] = p
	return proto
}

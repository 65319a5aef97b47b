package ferrogo

// Integer is the bound type of a Range: Go's integer types (Rust's i8..i64, u8..u64, isize
// and usize).
type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// Range is Rust's std::ops::Range[T] (start..end): Start is included, End is not. Any pair of
// bounds crosses unchanged; Start >= End is an empty range, as in Rust.
type Range[T Integer] struct {
	Start, End T
}

// Contains reports whether v is in the range, as Rust's Range::contains.
func (r Range[T]) Contains(v T) bool { return r.Start <= v && v < r.End }

// RangeInclusive is Rust's std::ops::RangeInclusive[T] (start..=end): End is included too.
// Start > End is an empty range, as in Rust; an iteration's exhausted state does not cross.
type RangeInclusive[T Integer] struct {
	Start, End T
}

// Contains reports whether v is in the range, as Rust's RangeInclusive::contains.
func (r RangeInclusive[T]) Contains(v T) bool { return r.Start <= v && v <= r.End }

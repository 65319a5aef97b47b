//! `Range<T>` and `RangeInclusive<T>` of an integer `T`: two bounds by value, Go's
//! `ferrogo.Range[T]` and `ferrogo.RangeInclusive[T]`. Any pair of bounds is a valid Rust
//! range (`start > end` is an empty one), so nothing is refused either way. A
//! `RangeInclusive` that an iteration exhausted crosses as its bounds (Go has no such state).

use std::ops::{Range, RangeInclusive};

use super::lists::ListElem;
use super::{Lift, Lower};
use crate::__private::error::LiftError;
use crate::abi::FfiRange;

macro_rules! ranges {
    ($($t:ty),*) => {$(
        // SAFETY: plain values; every pair of bounds is a range.
        unsafe impl Lift for Range<$t> {
            type Abi = FfiRange<$t>;
            unsafe fn lift(abi: FfiRange<$t>) -> Result<Self, LiftError> {
                Ok(abi.start..abi.end)
            }
        }

        // SAFETY: plain values, nothing allocated.
        unsafe impl Lower for Range<$t> {
            type Abi = FfiRange<$t>;
            fn lower(self) -> FfiRange<$t> {
                FfiRange { start: self.start, end: self.end }
            }
        }

        // SAFETY: plain values; every pair of bounds is a range.
        unsafe impl Lift for RangeInclusive<$t> {
            type Abi = FfiRange<$t>;
            unsafe fn lift(abi: FfiRange<$t>) -> Result<Self, LiftError> {
                Ok(abi.start..=abi.end)
            }
        }

        // SAFETY: plain values, nothing allocated.
        unsafe impl Lower for RangeInclusive<$t> {
            type Abi = FfiRange<$t>;
            fn lower(self) -> FfiRange<$t> {
                let (start, end) = self.into_inner();
                FfiRange { start, end }
            }
        }

        // SAFETY: Go builds an array of `FfiRange<$t>`, the element's C representation.
        unsafe impl ListElem for Range<$t> {}
        // SAFETY: as above.
        unsafe impl ListElem for RangeInclusive<$t> {}
    )*};
}

ranges!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_cross_both_ways() {
        let abi = <Range<u32> as Lower>::lower(3..7);
        assert_eq!((abi.start, abi.end), (3, 7));
        // SAFETY: a plain value.
        assert_eq!(unsafe { <Range<u32> as Lift>::lift(abi) }.unwrap(), 3..7);
        let abi = <RangeInclusive<i64> as Lower>::lower(-2..=i64::MAX);
        // SAFETY: a plain value.
        assert_eq!(
            unsafe { <RangeInclusive<i64> as Lift>::lift(abi) }.unwrap(),
            -2..=i64::MAX
        );
        // An empty range (start > end) is a range all the same.
        // SAFETY: a plain value.
        let empty = unsafe { <Range<usize> as Lift>::lift(FfiRange { start: 5, end: 1 }) }.unwrap();
        assert!(empty.is_empty());
    }
}

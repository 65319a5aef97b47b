// `Range<T>` and `RangeInclusive<T>` of every integer `T`, as arguments, results, record
// fields, options and list elements.
use std::ops::{Range, RangeInclusive};

#[ferrogo::record]
pub struct Spans {
    pub bytes: Range<usize>,
    pub lines: RangeInclusive<u32>,
    pub maybe: Option<Range<i64>>,
    pub many: Vec<RangeInclusive<i16>>,
}

#[ferrogo::export]
pub fn spans(s: Spans) -> Spans {
    s
}

#[ferrogo::export]
pub fn each(a: Range<i8>, b: Range<u8>, c: RangeInclusive<i32>, d: RangeInclusive<u64>, e: Range<isize>, f: Range<u16>) -> Option<RangeInclusive<u64>> {
    let _ = (a, b, c, e, f);
    Some(d)
}

#[ferrogo::export]
pub fn list(v: Vec<Range<u32>>) -> Vec<Range<u32>> {
    v
}

fn main() {}

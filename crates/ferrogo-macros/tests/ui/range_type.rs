// `Range<usize>` is not a generic user type: the message says what to write instead.
use std::ops::Range;

#[ferrogo::export]
pub fn take(r: Range<usize>) -> usize {
    r.len()
}

#[ferrogo::export]
pub fn give(n: usize) -> std::ops::Range<usize> {
    0..n
}

#[ferrogo::export]
pub fn inclusive(r: std::ops::RangeInclusive<u64>) -> u64 {
    *r.end()
}

fn main() {}

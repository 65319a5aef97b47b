// `Range<T>` and `RangeInclusive<T>` cross for integer `T` only (`ferrogo.Range[T]`): the
// message says what to write instead for other bounds.
use std::ops::Range;

#[ferrogo::export]
pub fn take(r: Range<f64>) -> f64 {
    r.end - r.start
}

#[ferrogo::export]
pub fn give(n: usize) -> std::ops::Range<String> {
    String::new()..n.to_string()
}

#[ferrogo::export]
pub fn inclusive(r: std::ops::RangeInclusive<char>) -> char {
    *r.end()
}

fn main() {}

//! Golden case: every scalar type as argument and result, and a function with neither.

/// Adds two numbers.
#[ferrogo::export]
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Reports whether n is even.
#[ferrogo::export]
pub fn is_even(n: u32) -> bool {
    n % 2 == 0
}

/// Mixes every scalar type.
#[ferrogo::export]
pub fn mix(a: i8, b: i16, c: i32, d: u8, e: u16, f: u64, g: usize, h: isize, x: f32) -> f64 {
    let _ = (a, b, c, d, e, f, g, h);
    f64::from(x)
}

/// Does nothing at all.
#[ferrogo::export]
pub fn noop() {}

/// Halves n, returning panics as errors.
#[ferrogo::export(fallible)]
pub fn halve(n: i32) -> i32 {
    n / 2
}

//! Timing of a call from a Rust loop, shared by the Rust-side overhead tables (`shim_overhead`
//! here, `async_overhead` in tests/bench-callbacks, which includes this file by path).

use std::time::Instant;

/// The best of 5 rounds of `n` calls, in ns per call (the minimum filters out interference).
pub fn ns_per_call(n: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..n / 10 {
        f();
    }
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..n {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(n)
        })
        .fold(f64::INFINITY, f64::min)
}

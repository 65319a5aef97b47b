//! What ferrogo's shims cost on the Rust side alone, without cgo: each shim called from a Rust
//! loop next to the raw `extern "C"` function doing the same work. The cgo floor (~40 ns here)
//! hides differences of a few ns in the Go benchmarks on a noisy machine; this does not.
//! Run by `make bench` (tests/bench/bench.sh); prints a Markdown table.

#[path = "../timing.rs"]
mod timing;

use std::hint::black_box;
use std::time::Instant;

use bench::raw::{
    benchraw_acc_free, benchraw_acc_new, benchraw_acc_offset, benchraw_add, benchraw_count_byte,
    benchraw_lookup, benchraw_parse_digits,
};
use ferrogo::__private::{FfiSlice, Ret};
use timing::ns_per_call;

extern "C" {
    // The shims `#[ferrogo::export]` generated in this package's library.
    fn ferrogo_bench_fn_add(a: i64, b: i64) -> Ret<i64>;
    fn ferrogo_bench_Acc_new(base: i64) -> Ret<u64>;
    fn ferrogo_bench_Acc_offset(handle: u64, x: i64) -> Ret<i64>;
    fn ferrogo_bench_Acc__release(handle: u64);
    fn ferrogo_bench_fn_lookup(key: u64) -> Ret<u64>;
    fn ferrogo_bench_fn_parse_digits(s: FfiSlice) -> Ret<u64>;
    fn ferrogo_bench_fn_count_byte(s: FfiSlice, b: u8) -> Ret<u64>;
}

fn main() {
    let n = 10_000_000;
    // SAFETY: plain values in and out; the shim catches panics.
    let handle = unsafe { ferrogo_bench_Acc_new(1) };
    assert!(handle.err.is_null());
    // SAFETY: `err` is null, so `value` is initialized.
    let handle = unsafe { handle.value.assume_init() };
    let raw_acc = benchraw_acc_new(1);

    let scalar_raw = ns_per_call(n, || {
        black_box(benchraw_add(black_box(1), black_box(2)));
    });
    let scalar = ns_per_call(n, || {
        // SAFETY: as above.
        black_box(unsafe { ferrogo_bench_fn_add(black_box(1), black_box(2)) });
    });
    let method_raw = ns_per_call(n, || {
        // SAFETY: `raw_acc` is alive until freed below.
        black_box(unsafe { benchraw_acc_offset(black_box(raw_acc), black_box(2)) });
    });
    let method = ns_per_call(n, || {
        // SAFETY: plain values; a stale handle would be reported, not dereferenced.
        black_box(unsafe { ferrogo_bench_Acc_offset(black_box(handle), black_box(2)) });
    });
    // The error path: a unit variant (a static error, nothing to free) and a data variant.
    let unit_raw = ns_per_call(n, || {
        black_box(benchraw_lookup(black_box(7)));
    });
    let unit = ns_per_call(n, || {
        // SAFETY: a plain value in.
        unsafe { ferrogo_bench_fn_lookup(black_box(7)) }.discard();
    });
    let bad = "1234x";
    let data_raw = ns_per_call(n / 4, || {
        // SAFETY: `bad` is valid for the call.
        black_box(unsafe { benchraw_parse_digits(black_box(bad.as_ptr()), bad.len()) });
    });
    let data = ns_per_call(n / 4, || {
        let s = FfiSlice {
            ptr: black_box(bad.as_ptr()),
            len: bad.len(),
        };
        // SAFETY: `s` borrows `bad` for the call.
        unsafe { ferrogo_bench_fn_parse_digits(s) }.discard();
    });
    // A string argument: UTF-8 checked on both sides; the shim also enters the call's UTF-8
    // scope (ADR 0016).
    let strings: Vec<(usize, f64, f64)> = [16usize, 1024]
        .into_iter()
        .map(|len| {
            let text = "a".repeat(len);
            let raw = ns_per_call(n / 4, || {
                // SAFETY: `text` is valid for the call.
                black_box(unsafe { benchraw_count_byte(black_box(text.as_ptr()), text.len(), b'a') });
            });
            let ours = ns_per_call(n / 4, || {
                let s = FfiSlice {
                    ptr: black_box(text.as_ptr()),
                    len: text.len(),
                };
                // SAFETY: `s` borrows `text` for the call.
                black_box(unsafe { ferrogo_bench_fn_count_byte(s, b'a') }.value_or(0));
            });
            (len, raw, ours)
        })
        .collect();
    let clock = ns_per_call(n / 10, || {
        black_box(Instant::now());
    });

    // SAFETY: both objects are released once, after their last use.
    unsafe {
        ferrogo_bench_Acc__release(handle);
        benchraw_acc_free(raw_acc);
    }

    println!("| call (Rust side only, no cgo) | raw extern \"C\" | ferrogo shim | ferrogo adds |");
    println!("|---|--:|--:|--:|");
    for (name, raw, ours) in [
        ("scalar fn", scalar_raw, scalar),
        ("object method", method_raw, method),
        ("error, unit variant (+ free)", unit_raw, unit),
        ("error, data variant (+ free)", data_raw, data),
    ] {
        println!("| {name} | {raw:.1} ns | {ours:.1} ns | {:.1} ns |", ours - raw);
    }
    for (len, raw, ours) in strings {
        println!(
            "| string in, {len} B | {raw:.1} ns | {ours:.1} ns | {:.1} ns |",
            ours - raw
        );
    }
    println!();
    println!(
        "Instant::now: {clock:.1} ns (latency sampling reads the clock twice every \
         FERROGO_METRICS_SAMPLE-th call: ~{:.1} ns a call at the default 64).",
        2.0 * clock / 64.0
    );
}

//! What an async call whose future is ready at once costs on the Rust side alone, without cgo:
//! the `start` shim of `add_async` next to the sync shim of `add` (same work). Run by `make
//! bench`; prints a Markdown table.

// Links the library whose shims are measured.
extern crate bench_callbacks as _;

#[path = "../../../bench/src/timing.rs"]
mod timing;

use std::hint::black_box;

use ferrogo::__private::asyncs::FfiPoll;
use ferrogo::__private::Ret;
use timing::ns_per_call;

extern "C" {
    fn ferrogo_bench_callbacks_fn_add(a: i64, b: i64) -> Ret<i64>;
    fn ferrogo_bench_callbacks_fn_add_async(a: i64, b: i64) -> Ret<FfiPoll<i64>>;
}

fn main() {
    let n = 2_000_000;
    let sync = ns_per_call(n, || {
        // SAFETY: plain values in and out; the shim catches panics.
        black_box(unsafe { ferrogo_bench_callbacks_fn_add(black_box(1), black_box(2)) });
    });
    let ready = ns_per_call(n, || {
        // SAFETY: as above; the future is ready at once, so nothing is left pending.
        let r = unsafe { ferrogo_bench_callbacks_fn_add_async(black_box(1), black_box(2)) };
        assert!(r.err.is_null());
        black_box(r);
    });
    println!("| call (Rust side only, no cgo) | sync shim | async shim, ready at once | async adds |");
    println!("|---|--:|--:|--:|");
    println!(
        "| add(1, 2) | {sync:.1} ns | {ready:.1} ns | {:.1} ns |",
        ready - sync
    );
}

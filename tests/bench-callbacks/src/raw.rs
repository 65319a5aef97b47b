//! The floor: Rust calls a Go function through a C function pointer, with no handle, no panic
//! reporting and no conversion; what a careful hand-written cgo callback costs.

/// A Go function exported to C (`//export benchGoPut`).
pub type RawPut = unsafe extern "C" fn(u64) -> u64;

/// Calls `put` `n` times; returns the sum of the results.
///
/// # Safety
/// `put` is a valid C function pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn benchcb_raw_call(put: RawPut, n: u64) -> u64 {
    // SAFETY: the caller passes a valid function pointer.
    (0..n).fold(0u64, |acc, i| acc.wrapping_add(unsafe { put(i) }))
}

/// The same from the long-lived worker thread.
///
/// # Safety
/// As for [`benchcb_raw_call`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn benchcb_raw_call_on_worker(put: RawPut, n: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    crate::on_worker(Box::new(move || unsafe { benchcb_raw_call(put, n) }))
}

/// A scalar call's floor.
#[unsafe(no_mangle)]
pub extern "C" fn benchcb_raw_add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

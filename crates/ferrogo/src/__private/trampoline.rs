//! The one trampoline every shim runs in (as PyO3's `impl_::trampoline`): catches panics,
//! counts the call and converts the outcome into the by-value [`Ret`]. Methods reach their
//! receiver inside the body, through [`Receiver`](super::object::Receiver).

use crate::__private::convert::Lower;
use crate::__private::error::CallError;
use crate::__private::metrics::{CallRecord, FnMeta, Outcome};
use crate::__private::panic::catching;
use crate::abi::Ret;

/// Runs a shim body. Panics become a `Panic` error; they never unwind into Go.
/// `bytes_in` is what the arguments carried; `bytes_out` measures the result.
#[inline]
pub fn call<R: Copy>(
    meta: &'static FnMeta,
    bytes_in: usize,
    bytes_out: fn(&R) -> usize,
    body: impl FnOnce() -> Result<R, CallError>,
) -> Ret<R> {
    if !crate::__private::metrics::enabled() {
        return guarded(body);
    }
    let record = CallRecord::start(meta, bytes_in);
    let ret = guarded(body);
    let outcome = match (&ret, ret.err.is_null()) {
        (_, true) => Outcome::Ok,
        // SAFETY: a non-null `err` points at the error just built by `guarded`.
        (r, false) if is_panic(unsafe { (*r.err).kind }) => Outcome::Panic,
        // SAFETY: as above.
        (r, false) if unsafe { (*r.err).kind } == crate::abi::ErrorKind::Busy as u32 => Outcome::Busy,
        _ => Outcome::Error,
    };
    let out = if outcome == Outcome::Ok {
        // SAFETY: `value` is initialized when `err` is null.
        bytes_out(unsafe { ret.value.assume_init_ref() })
    } else {
        0
    };
    record.finish(outcome, out);
    ret
}

/// Whether an error kind is a panic (Rust's, or Go code's raised again in Rust).
fn is_panic(kind: u32) -> bool {
    use crate::abi::ErrorKind;
    kind == ErrorKind::Panic as u32 || kind == ErrorKind::GoPanic as u32
}

/// Runs `body` with panics caught, without counting it (free and release shims).
#[inline]
pub fn guarded<R: Copy>(body: impl FnOnce() -> Result<R, CallError>) -> Ret<R> {
    match catching(body) {
        Ok(Ok(value)) => Ret::ok(value),
        Ok(Err(e)) => Ret::err(e.into_ffi()),
        Err(panic) => Ret::err(panic),
    }
}

/// Frees a value Go finished copying.
#[inline]
pub fn free<T: Lower>(abi: T::Abi) {
    let ret = guarded(|| {
        // SAFETY: Go calls the free shim once, with the value the matching function returned.
        unsafe { T::free(abi) };
        Ok(0u8)
    });
    ret.discard();
}

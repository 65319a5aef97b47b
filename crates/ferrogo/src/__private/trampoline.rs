//! The one trampoline every shim runs in (as PyO3's `impl_::trampoline`): catches panics,
//! counts the call, converts the outcome into the by-value [`Ret`], and for methods resolves the
//! handle.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::__private::convert::Lower;
use crate::__private::error::CallError;
use crate::__private::metrics::{CallRecord, FnMeta, Outcome};
use crate::__private::object::Object;
use crate::__private::panic::{ensure_hook, panic_error, InCall};
use crate::__private::registry::Entry;
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
    let record = CallRecord::start(meta, bytes_in);
    let ret = guarded(body);
    let outcome = match (&ret, ret.err.is_null()) {
        (_, true) => Outcome::Ok,
        // SAFETY: a non-null `err` points at the error just built by `guarded`.
        (r, false) if unsafe { (*r.err).kind } == crate::abi::ErrorKind::Panic as u32 => Outcome::Panic,
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

/// Runs `body` with panics caught, without counting it (free and release shims).
#[inline]
pub fn guarded<R: Copy>(body: impl FnOnce() -> Result<R, CallError>) -> Ret<R> {
    ensure_hook();
    let _in_call = InCall::enter();
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => Ret::ok(value),
        Ok(Err(e)) => Ret::err(e.into_ffi()),
        Err(payload) => Ret::err(panic_error(payload)),
    }
}

/// Runs a method body on the object behind `handle`: closed handles fail with `Closed`, poisoned
/// objects with `Poisoned`, and a panic poisons the object (unless it opted out).
#[inline]
pub fn call_method<T: Object, R: Copy>(
    meta: &'static FnMeta,
    bytes_in: usize,
    bytes_out: fn(&R) -> usize,
    handle: u64,
    body: impl FnOnce(&T) -> Result<R, CallError>,
) -> Ret<R> {
    call(meta, bytes_in, bytes_out, || {
        // Dropped last: a Close that overlapped this call drops the object when the pin goes.
        let pin = T::registry().pin(handle).ok_or(CallError::Closed(T::NAME))?;
        let entry = pin.entry();
        if T::POISON && entry.is_poisoned() {
            return Err(CallError::Poisoned(T::NAME));
        }
        let poison_on_unwind = PoisonOnUnwind(entry);
        let result = body(&entry.value);
        std::mem::forget(poison_on_unwind);
        result
    })
}

/// Poisons the entry if dropped, which only happens while unwinding: the normal path forgets it.
struct PoisonOnUnwind<'a, T: Object>(&'a Entry<T>);

impl<T: Object> Drop for PoisonOnUnwind<'_, T> {
    fn drop(&mut self) {
        if T::POISON {
            self.0.poison();
        }
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

//! The one trampoline every shim runs in (as PyO3's `impl_::trampoline`): catches panics,
//! converts the outcome into the by-value [`Ret`], and for methods resolves the handle.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crossbeam_epoch as epoch;

use crate::__private::convert::Lower;
use crate::__private::error::CallError;
use crate::__private::object::Object;
use crate::__private::panic::{ensure_hook, panic_error, InCall};
use crate::__private::registry::Entry;
use crate::abi::Ret;

/// Runs a shim body. Panics become a `Panic` error; they never unwind into Go.
#[inline]
pub fn call<R: Copy>(body: impl FnOnce() -> Result<R, CallError>) -> Ret<R> {
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
pub fn call_method<T: Object, R: Copy>(handle: u64, body: impl FnOnce(&T) -> Result<R, CallError>) -> Ret<R> {
    call(|| {
        let guard = epoch::pin();
        let entry = T::registry()
            .get(handle, &guard)
            .ok_or(CallError::Closed(T::NAME))?;
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
    let _ = call(|| {
        // SAFETY: Go calls the free shim once, with the value the matching function returned.
        unsafe { T::free(abi) };
        Ok(0u8)
    });
}

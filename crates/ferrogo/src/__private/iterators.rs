//! Support for `ferrogo::Iter<T>` results: iterators live in a per-function handle registry
//! between the calls that fetch their chunks.

use crate::__private::convert::Lower;
use crate::__private::error::CallError;
use crate::__private::panic::panic_error;
use crate::__private::registry::Registry;
use crate::__private::trampoline::guarded;
use crate::abi::{FfiVec, Ret};
use crate::Iter;

/// Stores a new iterator and returns its handle.
pub fn open<T: Send + 'static>(registry: &'static Registry<Iter<T>>, it: Iter<T>) -> u64 {
    registry.insert(it)
}

/// The next chunk of up to `max` items of the iterator behind `handle`, lowered as a `Vec<T>`.
/// When the iterator panics mid-chunk, the result carries both the items made before the panic
/// and the panic as its error: Go yields the items, then raises the panic.
pub fn next_chunk<T: Lower + Send + 'static>(
    registry: &'static Registry<Iter<T>>,
    handle: u64,
    max: usize,
) -> Ret<FfiVec> {
    let mut panicked = std::ptr::null_mut();
    let mut ret = guarded(|| {
        let pin = registry.pin(handle).map_err(|_| CallError::Closed("iterator"))?;
        let (items, panic) = pin.value().next_chunk(max);
        if let Some(payload) = panic {
            // Converted here, inside the call, where the hook captured its location.
            panicked = panic_error(payload);
        }
        Ok(Vec::<T>::lower(items))
    });
    if !panicked.is_null() {
        ret.err = panicked;
    }
    ret
}

/// Drops an iterator (Go's range loop ended).
pub fn close<T: Send + 'static>(registry: &'static Registry<Iter<T>>, handle: u64) {
    guarded(|| Ok(u8::from(registry.release(handle)))).discard();
}

//! Support for `ferrogo::Iter<T>` results: iterators live in a per-function handle registry
//! between the calls that fetch their chunks.

use crossbeam_epoch as epoch;

use crate::__private::convert::Lower;
use crate::__private::error::CallError;
use crate::__private::registry::Registry;
use crate::__private::trampoline::guarded;
use crate::abi::{FfiVec, Ret};
use crate::Iter;

/// Stores a new iterator and returns its handle.
pub fn open<T: Send + 'static>(registry: &'static Registry<Iter<T>>, it: Iter<T>) -> u64 {
    registry.insert(it)
}

/// The next chunk of up to `max` items of the iterator behind `handle`, lowered as a `Vec<T>`.
pub fn next_chunk<T: Lower + Send + 'static>(
    registry: &'static Registry<Iter<T>>,
    handle: u64,
    max: usize,
) -> Ret<FfiVec> {
    guarded(|| {
        let guard = epoch::pin();
        let entry = registry
            .get(handle, &guard)
            .ok_or(CallError::Closed("iterator"))?;
        Ok(Vec::<T>::lower(entry.value.next_chunk(max)))
    })
}

/// Drops an iterator (Go's range loop ended).
pub fn close<T: Send + 'static>(registry: &'static Registry<Iter<T>>, handle: u64) {
    guarded(|| Ok(u8::from(registry.release(handle)))).discard();
}

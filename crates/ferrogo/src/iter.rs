//! Iterators Go ranges over.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

/// An iterator Go ranges over with `for v := range pkg.F()`: an exported function returning
/// `Iter<T>` is a Go function returning `iter.Seq[T]` (`iter.Seq2[T, error]` when it returns
/// `Result<Iter<T>, E>` or is `fallible`). Each `range` calls the Rust function again, and items
/// cross in chunks (one cgo call per 256 items), so iteration costs little more than a `Vec<T>`.
///
/// The iterator outlives the call that made it, so it must own its data (`'static`): clone or
/// move what it needs instead of borrowing `&self` or `&str` arguments.
///
/// ```
/// #[ferrogo::export]
/// pub fn countdown(from: u32) -> ferrogo::Iter<u32> {
///     ferrogo::Iter::new((0..=from).rev())
/// }
/// ```
pub struct Iter<T>(pub(crate) Mutex<Option<Box<dyn Iterator<Item = T> + Send>>>);

impl<T> Iter<T> {
    pub fn new(it: impl Iterator<Item = T> + Send + 'static) -> Iter<T> {
        Iter(Mutex::new(Some(Box::new(it))))
    }

    /// The next `max` items (fewer at the end), and the payload of a panic that stopped the
    /// chunk early. The items made before the panic are kept, so Go sees every item before it
    /// sees the panic; the iterator ends there.
    pub(crate) fn next_chunk(&self, max: usize) -> (Vec<T>, Option<Box<dyn Any + Send>>) {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut items = Vec::new();
        let Some(it) = slot.as_mut() else {
            return (items, None);
        };
        while items.len() < max {
            match catch_unwind(AssertUnwindSafe(|| it.next())) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => break,
                Err(payload) => {
                    // A panicked iterator may be in any state: never call it again.
                    *slot = None;
                    return (items, Some(payload));
                }
            }
        }
        (items, None)
    }
}

impl<T, I: Iterator<Item = T> + Send + 'static> From<I> for Iter<T> {
    fn from(it: I) -> Iter<T> {
        Iter::new(it)
    }
}

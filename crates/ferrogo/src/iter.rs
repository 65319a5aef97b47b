//! Iterators Go ranges over.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use crate::__private::convert::RepairedText;
use crate::__private::iterators::HeldObject;

/// An iterator Go ranges over with `for v := range pkg.F()`: an exported function returning
/// `Iter<T>` or `impl Iterator<Item = T>` is a Go function returning `iter.Seq[T]`
/// (`iter.Seq2[T, error]` when it returns a `Result` or is `fallible`). Each `range` calls the
/// Rust function again, and items cross in chunks (one cgo call per 256 items), so iteration
/// costs little more than a `Vec<T>`.
///
/// The iterator runs after the call that made it, as Go's loop asks for items. An
/// `impl Iterator<Item = T> + '_` (or `+ 'a`) may borrow the function's `&str`, `&[u8]`,
/// `&[T]` and `Vec<&str>` arguments and a `&self` method's object: Go keeps them alive and
/// unchanged until the loop ends (slices are copied for the loop first), and the loop holds the
/// object shared, so a `Close` meanwhile drops it when the loop ends, and `&mut self` calls wait
/// for that (ADR 0014). `Iter<T>` and `impl Iterator<Item = T> + 'static` own their data, so
/// Go lets the arguments go after the first call.
///
/// ```
/// #[ferrogo::export]
/// pub fn countdown(from: u32) -> ferrogo::Iter<u32> {
///     ferrogo::Iter::new((0..=from).rev())
/// }
///
/// /// Yields the words of `text` lazily: the Go loop keeps `text` until it ends.
/// #[ferrogo::export]
/// pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
///     text.split_whitespace().map(String::from)
/// }
/// ```
pub struct Iter<T> {
    items: Mutex<Option<Box<dyn Iterator<Item = T> + Send>>>,
    /// The object the iterator borrows (a `&self` method's), held until the iterator is gone:
    /// declared after `items`, so dropped after it.
    held: Option<Box<dyn HeldObject>>,
    /// Arguments the call repaired (invalid UTF-8 read as Go does), which the iterator may
    /// borrow: dropped after `items` too. Only kept, never read.
    #[allow(dead_code)]
    text: Option<RepairedText>,
}

impl<T> Iter<T> {
    pub fn new(it: impl Iterator<Item = T> + Send + 'static) -> Iter<T> {
        Iter {
            items: Mutex::new(Some(Box::new(it))),
            held: None,
            text: None,
        }
    }

    /// The iterator, keeping `held` (what it borrows) until it is dropped.
    pub(crate) fn holding(self, held: Box<dyn HeldObject>) -> Iter<T> {
        Iter {
            held: Some(held),
            ..self
        }
    }

    /// The iterator, keeping the text its call repaired (which it may borrow) until it is dropped.
    pub(crate) fn keeping_text(self, text: Option<RepairedText>) -> Iter<T> {
        Iter { text, ..self }
    }

    /// The next `max` items (fewer at the end), and the payload of a panic that stopped the
    /// chunk early. The items made before the panic are kept, so Go sees every item before it
    /// sees the panic; the iterator ends there.
    pub(crate) fn next_chunk(&self, max: usize) -> (Vec<T>, Option<Box<dyn Any + Send>>) {
        let mut slot = self.items.lock().unwrap_or_else(|e| e.into_inner());
        let mut items = Vec::new();
        let Some(it) = slot.as_mut() else {
            return (items, None);
        };
        while items.len() < max {
            match catch_unwind(AssertUnwindSafe(|| it.next())) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => break,
                Err(payload) => {
                    // A panicked iterator may be in any state: never call it again. It ran on
                    // the object it borrows, which a panic poisons as in a method call.
                    *slot = None;
                    if let Some(held) = &self.held {
                        held.poison();
                    }
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

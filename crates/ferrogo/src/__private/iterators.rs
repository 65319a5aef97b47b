//! Support for `ferrogo::Iter<T>` results: iterators live in a per-function handle registry
//! between the calls that fetch their chunks. An iterator of a `&self` method may borrow its
//! object, which it holds until it is dropped (ADR 0014).

use crate::__private::convert::{Lower, Utf8Scope};
use crate::__private::error::CallError;
use crate::__private::object::{self, Object};
use crate::__private::panic::panic_error;
use crate::__private::registry::{Held, Registry};
use crate::__private::trampoline::guarded;
use crate::abi::{FfiVec, Ret};
use crate::Iter;

/// Stores a new iterator and returns its handle.
pub fn open<T: Send + 'static>(registry: &'static Registry<Iter<T>>, it: Iter<T>) -> u64 {
    registry.insert(it)
}

/// A lazy iterator that may borrow its call's arguments, with the text the call repaired (read
/// as Go reads invalid UTF-8, ADR 0016): the arguments point into it, so it goes with the
/// iterator instead of ending with the call.
pub fn keeping_text<T>(it: Iter<T>, scope: Utf8Scope) -> Iter<T> {
    it.keeping_text(scope.into_repaired())
}

/// An object a lazy iterator can borrow: the loop holds it shared from whichever thread
/// fetches a chunk, so it must be `Sync`.
#[diagnostic::on_unimplemented(
    message = "a lazy iterator cannot borrow `{Self}`: the Go loop holds the value it borrows shared, which needs a `#[ferrogo::object]` that is `Sync`",
    label = "its `&self` method returns an iterator that may borrow it",
    note = "return an iterator that owns its data (`impl Iterator<Item = T> + 'static`, over a clone of what it reads), or make the object `Sync` (a `Mutex` instead of a `RefCell`); a record's methods get a copy of it, so their iterators must own what they read"
)]
pub trait Borrowable: Object + Sync {}

impl<T: Object + Sync> Borrowable for T {}

/// Holds the object of a `&self` method whose iterator may borrow it, until the iterator is
/// dropped (Go's loop ended): exclusive calls wait for the hold, and a `Close` meanwhile drops
/// the object when the hold goes. A closed or poisoned object fails as in a method call.
pub fn hold<T: Borrowable>(handle: u64) -> Result<Held<T>, CallError> {
    object::hold::<T>(handle)
}

/// The object `held` holds, as long as the iterator that borrows it.
///
/// # Safety
/// The reference must not outlive `held`: the caller passes both to [`open_holding`], whose
/// `Iter` drops the iterator (and with it the reference) before the hold.
pub unsafe fn held_value<T: Send + 'static>(held: &Held<T>) -> &'static T {
    // SAFETY: the hold keeps the entry allocated and exclusive calls away while it exists; the
    // caller keeps the reference within its life.
    unsafe { &*(held.value() as *const T) }
}

/// Stores a new iterator that borrows the object `held` holds, which it keeps until the
/// iterator is dropped, and returns its handle.
pub fn open_holding<T: Send + 'static, O: Borrowable>(
    registry: &'static Registry<Iter<T>>,
    it: Iter<T>,
    held: Held<O>,
) -> u64 {
    registry.insert(it.holding(Box::new(held)))
}

/// A held object kept by the iterator that borrows it (see [`Iter`]).
pub trait HeldObject: Send + Sync {
    /// Poisons the object (its iterator panicked) when its type asks for that.
    fn poison(&self);
}

impl<T: Borrowable> HeldObject for Held<T> {
    fn poison(&self) {
        if T::POISON {
            Held::poison(self);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// An object whose drop, and its iterators', are logged.
    struct Book {
        words: Vec<String>,
        log: &'static Mutex<Vec<&'static str>>,
    }

    impl Drop for Book {
        fn drop(&mut self) {
            self.log.lock().unwrap().push("book");
        }
    }

    impl Object for Book {
        const NAME: &'static str = "Book";
        const POISON: bool = true;
        const EXCLUSIVE: bool = false;
        fn registry() -> &'static Registry<Book> {
            static BOOKS: Registry<Book> = Registry::new();
            &BOOKS
        }
    }

    struct Logged<I>(I, &'static Mutex<Vec<&'static str>>);

    impl<I: Iterator> Iterator for Logged<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            self.0.next()
        }
    }

    impl<I> Drop for Logged<I> {
        fn drop(&mut self) {
            self.1.lock().unwrap().push("iterator");
        }
    }

    static ITERS: Registry<Iter<String>> = Registry::new();

    /// Opens an iterator over a new book's words that borrows the book, as the shim of a
    /// `&self` method returning `impl Iterator + '_` does. Returns the book's handle and the
    /// iterator's.
    fn open_book(log: &'static Mutex<Vec<&'static str>>, panic_at: Option<usize>) -> (u64, u64) {
        let words = (0..5).map(|i| format!("w{i}")).collect();
        let book = Book::registry().insert(Book { words, log });
        let held = hold::<Book>(book).ok().unwrap();
        // SAFETY: passed to `open_holding` with the hold.
        let this = unsafe { held_value(&held) };
        let items = this.words.iter().enumerate().map(move |(i, w)| {
            assert_ne!(Some(i), panic_at, "the iterator panicked");
            w.clone()
        });
        (book, open_holding(&ITERS, Iter::new(Logged(items, log)), held))
    }

    /// A `Close` while Go's loop runs leaves the book to the iterator, which reads it to the end
    /// and is dropped before it.
    #[test]
    fn an_iterator_keeps_the_object_it_borrows_and_goes_first() {
        static LOG: Mutex<Vec<&str>> = Mutex::new(Vec::new());
        let (book, it) = open_book(&LOG, None);
        assert!(Book::registry().release(book), "Close");
        assert!(LOG.lock().unwrap().is_empty(), "dropped while the loop runs");
        assert!(
            hold::<Book>(book).is_err(),
            "a closed book is closed for new calls"
        );
        let (items, panic) = ITERS.pin(it).ok().unwrap().value().next_chunk(10);
        assert!(panic.is_none());
        assert_eq!(items, ["w0", "w1", "w2", "w3", "w4"]);
        close(&ITERS, it);
        assert_eq!(*LOG.lock().unwrap(), ["iterator", "book"]);
    }

    /// A panic in the iterator poisons the object it borrows, as one in a method would.
    #[test]
    fn a_panicking_iterator_poisons_the_object_it_borrows() {
        static LOG: Mutex<Vec<&str>> = Mutex::new(Vec::new());
        let (book, it) = open_book(&LOG, Some(2));
        let (items, panic) = ITERS.pin(it).ok().unwrap().value().next_chunk(10);
        assert_eq!(items, ["w0", "w1"]);
        assert!(panic.is_some());
        assert_eq!(
            *LOG.lock().unwrap(),
            ["iterator"],
            "the panicked iterator is dropped"
        );
        close(&ITERS, it);
        assert!(matches!(hold::<Book>(book), Err(CallError::Poisoned("Book"))));
        assert!(Book::registry().release(book));
        assert_eq!(*LOG.lock().unwrap(), ["iterator", "book"]);
    }
}

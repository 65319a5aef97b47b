//! Where an error handed to Go lives until Go has copied it. Go does not call back to free it:
//! that would be a second cgo crossing on the error path, which Go code uses as control flow
//! (`ErrNotFound` from a lookup). Go marks the error done (an atomic store into its header), and
//! the thread that built it frees it, or reuses it and its payload buffer, when it builds a later
//! error. So a thread's steady error path allocates nothing in Rust.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::abi::{ErrorKind, FfiError, Owned};

/// How many handed-out errors one build looks at: a build stays O(1) when many errors are out
/// at once (async calls failing together), and each is looked at again within a few builds.
const SCAN: usize = 4;

/// A payload buffer up to this capacity is kept for the next error; a larger one is freed.
const KEEP_CAPACITY: usize = 4096;

/// An error as Rust owns it: the header Go reads, then what it points at.
#[repr(C)]
struct ErrorBox {
    header: FfiError,
    payload: Vec<u8>,
    /// Values the payload points at (lowered error fields Go reads in place), freed with it.
    owned: Vec<Owned>,
}

impl ErrorBox {
    fn empty() -> Box<ErrorBox> {
        Box::new(ErrorBox {
            header: FfiError {
                kind: 0,
                variant: 0,
                data: std::ptr::null(),
                len: 0,
                done: AtomicU32::new(1),
            },
            payload: Vec::new(),
            owned: Vec::new(),
        })
    }

    fn is_done(&self) -> bool {
        // Acquire: pairs with Go's store after its last read of the payload.
        self.header.done.load(Ordering::Acquire) != 0
    }

    /// Frees what the last error pointed at; the payload keeps its capacity.
    fn clear(&mut self) {
        for owned in self.owned.drain(..) {
            owned.run();
        }
        self.payload.clear();
    }
}

impl Drop for ErrorBox {
    fn drop(&mut self) {
        self.clear();
    }
}

/// One thread's errors.
#[derive(Default)]
struct Pool {
    /// Errors handed out, oldest first; some may be done already.
    out: VecDeque<Box<ErrorBox>>,
    /// A done error kept for the next build.
    spare: Option<Box<ErrorBox>>,
}

impl Pool {
    /// Frees the done errors among the oldest few (keeping one as the spare); the others go to the
    /// back, to be looked at again.
    fn collect(&mut self) {
        for _ in 0..SCAN.min(self.out.len()) {
            let Some(mut front) = self.out.pop_front() else {
                break;
            };
            if !front.is_done() {
                self.out.push_back(front);
                continue;
            }
            front.clear();
            if self.spare.is_none() && front.payload.capacity() <= KEEP_CAPACITY {
                self.spare = Some(front);
            }
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // The thread is exiting. An error Go has not marked done may still be read by a goroutine
        // that moved to another thread: leave it allocated rather than free it under the reader.
        for b in self.out.drain(..) {
            if !b.is_done() {
                Box::leak(b);
            }
        }
    }
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

/// An empty buffer for an error's payload: the spare error's, if this thread has one.
pub fn buffer() -> Vec<u8> {
    POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        p.collect();
        p.spare.as_mut().map(|b| std::mem::take(&mut b.payload))
    })
    .ok()
    .flatten()
    .unwrap_or_else(|| Vec::with_capacity(64))
}

/// Hands an error to Go: valid until Go (or [`release`]) marks it done.
pub fn publish(kind: ErrorKind, variant: u32, payload: Vec<u8>, owned: Vec<Owned>) -> *mut FfiError {
    let spare = POOL.try_with(|p| p.borrow_mut().spare.take()).ok().flatten();
    let mut b = spare.unwrap_or_else(ErrorBox::empty);
    b.payload = payload;
    b.owned = owned;
    b.header.kind = kind as u32;
    b.header.variant = variant;
    b.header.data = b.payload.as_ptr();
    b.header.len = b.payload.len();
    // Relaxed: the call's return to Go publishes the whole header.
    b.header.done.store(0, Ordering::Relaxed);
    let header: *mut FfiError = &mut b.header;
    let mut slot = Some(b);
    let _ = POOL.try_with(|p| p.borrow_mut().out.push_back(slot.take().expect("once")));
    if let Some(b) = slot {
        // This thread is exiting and its pool is gone: nobody would free the error after Go.
        Box::leak(b);
    }
    header
}

/// Marks `e` done, as Go does once it has copied it (Rust callers of the shims: tests, async
/// results never taken).
///
/// # Safety
/// `e` came from [`publish`] or is static, and is not read after this.
pub unsafe fn release(e: *mut FfiError) {
    // SAFETY: `e` is alive until marked done (forwarded from the caller).
    let done = unsafe { &(*e).done };
    if done.load(Ordering::Relaxed) == 0 {
        done.store(1, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_errors_are_reused_and_pending_ones_kept() {
        let a = publish(ErrorKind::User, 1, b"first".to_vec(), Vec::new());
        let b = publish(ErrorKind::User, 2, b"second".to_vec(), Vec::new());
        // SAFETY: `a` is pending: still readable.
        assert_eq!(unsafe { (*a).variant }, 1);
        // SAFETY: both came from `publish`; released once.
        unsafe { release(a) };
        let buf = buffer();
        assert!(
            buf.is_empty() && buf.capacity() >= 5,
            "the done error's buffer is reused"
        );
        let c = publish(ErrorKind::User, 3, buf, Vec::new());
        assert_eq!(c, a, "the done error's box is reused");
        let kept = POOL.with(|p| p.borrow().out.iter().any(|e| std::ptr::eq(&e.header, b)));
        assert!(kept, "an error Go has not marked done stays allocated");
        // SAFETY: `b` was never released: its payload is intact.
        let second = unsafe { std::slice::from_raw_parts((*b).data, (*b).len) };
        assert_eq!(second, b"second");
        // SAFETY: as above.
        unsafe {
            release(b);
            release(c);
        }
    }

    #[test]
    fn owned_values_are_freed_when_the_error_is_reused() {
        let freed = std::sync::Arc::new(AtomicU32::new(0));
        let f = freed.clone();
        let e = publish(
            ErrorKind::User,
            0,
            Vec::new(),
            vec![Owned::new(move || {
                f.fetch_add(1, Ordering::Relaxed);
            })],
        );
        // SAFETY: from `publish`, released once.
        unsafe { release(e) };
        assert_eq!(
            freed.load(Ordering::Relaxed),
            0,
            "freed only when the pool collects it"
        );
        drop(buffer());
        assert_eq!(freed.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn many_pending_errors_are_all_collected_eventually() {
        let errors: Vec<_> = (0..100)
            .map(|i| publish(ErrorKind::User, i, vec![0; 8], Vec::new()))
            .collect();
        for &e in &errors {
            // SAFETY: each from `publish`, released once.
            unsafe { release(e) };
        }
        for _ in 0..100 {
            let e = publish(ErrorKind::User, 0, buffer(), Vec::new());
            // SAFETY: as above.
            unsafe { release(e) };
        }
        POOL.with(|p| {
            assert!(
                p.borrow().out.len() <= SCAN,
                "{} errors still out",
                p.borrow().out.len()
            )
        });
    }
}

//! The shims `#[ferrogo::export]` writes, called as Go calls them, with an allocator that counts:
//! valid text is borrowed (no allocation in the call), invalid text is repaired only by a
//! function without an error result, and the repair is freed when the call returns.

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::cell::Cell;

use ferrogo::__private::{FfiList, FfiOption, FfiSlice, Ret};

thread_local! {
    /// Allocations and frees on this thread (tests run on threads of their own).
    static COUNTS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

struct Counting;

// SAFETY: forwards to the system allocator; the counters are plain thread-locals without
// destructors, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNTS.with(|c| c.set((c.get().0 + 1, c.get().1)));
        // SAFETY: forwarded from the caller.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        COUNTS.with(|c| c.set((c.get().0, c.get().1 + 1)));
        // SAFETY: forwarded from the caller.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the allocations and frees it made on this thread.
fn counted<R>(f: impl FnOnce() -> R) -> (R, usize, usize) {
    let before = COUNTS.with(Cell::get);
    let r = f();
    let after = COUNTS.with(Cell::get);
    (r, after.0 - before.0, after.1 - before.1)
}

/// Counts the `a`s of s.
#[ferrogo::export]
pub fn count_a(s: &str) -> u64 {
    s.matches('a').count() as u64
}

/// Counts the `a`s of every text.
#[ferrogo::export]
pub fn count_a_all(s: Cow<str>, opt: Option<&str>, items: Vec<&str>) -> u64 {
    let all = std::iter::once(&*s).chain(opt).chain(items);
    all.map(count_a).sum()
}

/// Counts the `a`s of s; invalid UTF-8 is an error.
#[ferrogo::export(strict_utf8)]
pub fn count_a_strict(s: &str) -> u64 {
    count_a(s)
}

extern "C" {
    // The shims the attributes above generated (Go declares them the same way).
    fn ferrogo_utf8_shims_fn_count_a(s: FfiSlice) -> Ret<u64>;
    fn ferrogo_utf8_shims_fn_count_a_all(s: FfiSlice, opt: FfiOption<FfiSlice>, items: FfiList) -> Ret<u64>;
    fn ferrogo_utf8_shims_fn_count_a_strict(s: FfiSlice) -> Ret<u64>;
}

/// `count_a`, as Go calls it.
fn count_a_shim(text: &[u8]) -> Ret<u64> {
    // SAFETY: the slice describes live memory for the call; the shim catches panics.
    unsafe { ferrogo_utf8_shims_fn_count_a(slice(text)) }
}

/// `count_a_strict`, as Go calls it.
fn count_a_strict_shim(text: &[u8]) -> Ret<u64> {
    // SAFETY: as above.
    unsafe { ferrogo_utf8_shims_fn_count_a_strict(slice(text)) }
}

fn slice(b: &[u8]) -> FfiSlice {
    FfiSlice {
        ptr: b.as_ptr(),
        len: b.len(),
    }
}

fn value(r: Ret<u64>) -> u64 {
    assert!(r.err.is_null(), "the call failed");
    // SAFETY: `value` is initialized when `err` is null.
    unsafe { r.value.assume_init() }
}

/// Calls `count_a_all` with `text` as each of its arguments (and as one list element).
fn count_all(text: &[u8]) -> Ret<u64> {
    let items = [slice(b"a"), slice(text)];
    let opt = FfiOption {
        is_some: 1,
        value: std::mem::MaybeUninit::new(slice(text)),
    };
    let list = FfiList {
        items: items.as_ptr() as usize,
        n: items.len(),
        size: 1 + text.len(),
    };
    // SAFETY: `text` and `items` are alive for the call, `list` holds string headers as Go's
    // []string does.
    unsafe { ferrogo_utf8_shims_fn_count_a_all(slice(text), opt, list) }
}

#[test]
fn valid_text_is_borrowed_without_an_allocation() {
    let text = "banana, grüße".as_bytes();
    // The first call on a thread allocates its statistics counters.
    value(count_a_shim(text));
    value(count_all(text));
    let (n, allocs, _) = counted(|| value(count_a_shim(text)));
    assert_eq!((n, allocs), (3, 0), "a &str argument");
    let (n, allocs, _) = counted(|| value(count_a_strict_shim(text)));
    assert_eq!((n, allocs), (3, 0), "a strict &str argument");
    let (n, allocs, _) = counted(|| value(count_all(text)));
    assert_eq!(n, 10);
    assert_eq!(
        allocs, 1,
        "Cow, Option<&str> and list elements: only the Vec<&str> itself"
    );
}

#[test]
fn invalid_text_is_repaired_and_freed_by_the_call() {
    let text = b"ba\xffna\xed\xa0\x80na";
    value(count_a_shim(b"warm up"));
    let (n, allocs, frees) = counted(|| value(count_a_shim(text)));
    assert_eq!(n, 3);
    assert!(
        allocs > 0 && allocs == frees,
        "{allocs} allocations, {frees} frees"
    );
    let (n, allocs, frees) = counted(|| value(count_all(text)));
    assert_eq!(n, 10);
    assert_eq!(allocs, frees, "every repair is freed when the call returns");

    // A strict function reports it instead, and runs nothing.
    let r = count_a_strict_shim(text);
    assert!(!r.err.is_null(), "invalid UTF-8 in a strict function is an error");
    r.discard();
}

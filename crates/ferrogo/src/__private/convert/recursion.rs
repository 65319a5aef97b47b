//! Recursive values (ADR 0015): `Box<T>`, the indirection a recursive type crosses through, and
//! the depth limit every conversion of a record or enum that can hold itself obeys.
//!
//! A `Box<T>` crosses as a pointer to `T`'s C representation, so a type holding itself through a
//! box has a finite C mirror: Go builds the pointee in its own memory for arguments (passing its
//! address as an integer, kept alive by the call's `rt.Keep`, as lists are), Rust allocates it for
//! results and frees it with the rest of the value.
//!
//! Conversions recurse, and run on whatever thread cgo gives them, whose stack Rust cannot grow
//! (2 MiB, or 8 MiB with the usual `ulimit -s`; docs/CONTRACTS.md, Stacks). A value nested deeper
//! than [`MAX_DEPTH`] levels is therefore an error, named like any other argument error, instead
//! of a stack overflow that would kill the Go process.

use std::cell::Cell;
use std::marker::PhantomData;

use super::lists::ListElem;
use super::{Lift, Lower};
use crate::__private::error::LiftError;

/// How many levels a recursive value may nest: a level is a list, map or box of records or
/// enums inside a record or enum (see `Nested`), so `[[1]]` of a JSON-like value is two. A
/// level costs up to about 770 bytes of stack in a release build (measured for the `recursive`
/// fixture's types; docs/PERFORMANCE.md), so the limit fits a 2 MiB stack with room to spare; a
/// debug build needs about four times as much.
pub const MAX_DEPTH: u32 = 1024;

/// From this depth on, each level first checks that the thread's stack has [`STACK_RESERVE`]
/// bytes left, so that a larger type, a debug build or a small stack (musl's 128 KiB) makes a
/// deep value an error instead of a stack overflow. Shallower values never ask.
const CHECK_STACK_FROM: u32 = 16;

/// What a level must leave of the thread's stack: more than a level and the conversions below
/// the deepest one use, also in a debug build.
const STACK_RESERVE: usize = 128 << 10;

thread_local! {
    /// Levels of recursive values being converted on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The lowest stack address a level may reach (the stack's end plus [`STACK_RESERVE`]),
    /// found when a value first nests [`CHECK_STACK_FROM`] levels on this thread: 0 until then,
    /// 1 where the platform cannot say (only the depth limit holds there).
    static STACK_FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// One level of a recursive value, entered where a record or enum converts a field holding
/// records or enums in a `Vec`, a map or a `Box` (every cycle of types passes through such a
/// field, so every level of every recursive value passes through one), left when dropped.
/// Conversions never outlive a call, so the count is per thread.
struct Nested {
    /// Left on the thread that entered it.
    _not_send: PhantomData<*const ()>,
}

impl Nested {
    /// Enters a level: inline while shallow, the limits out of line.
    #[inline]
    fn enter() -> Result<Nested, String> {
        let n = DEPTH.get();
        if n >= CHECK_STACK_FROM {
            return Nested::enter_deep(n);
        }
        DEPTH.set(n + 1);
        Ok(Nested {
            _not_send: PhantomData,
        })
    }

    /// Level `n` (from [`CHECK_STACK_FROM`] on): within the limit, and with stack to spare.
    #[inline(never)]
    fn enter_deep(n: u32) -> Result<Nested, String> {
        if n >= MAX_DEPTH {
            return Err(format!(
                "nested deeper than {MAX_DEPTH} levels (ferrogo's limit for recursive values)"
            ));
        }
        if stack_left() == Some(0) {
            return Err(format!(
                "nested too deeply for this thread's stack ({n} levels, less than {} KiB left)",
                STACK_RESERVE >> 10
            ));
        }
        DEPTH.set(n + 1);
        Ok(Nested {
            _not_send: PhantomData,
        })
    }
}

impl Drop for Nested {
    #[inline]
    fn drop(&mut self) {
        DEPTH.set(DEPTH.get() - 1);
    }
}

/// Lifts a field that nests (see `Nested`) one level down: beyond the limit an error, which
/// names the argument down to the value that is too deep.
#[inline]
pub fn nested_lift<T>(lift: impl FnOnce() -> Result<T, LiftError>) -> Result<T, LiftError> {
    let _level = Nested::enter().map_err(LiftError::Invalid)?;
    lift()
}

/// Checks a field that nests one level down, before the result is lowered
/// ([`Lower::check`]): beyond the limit the function's result is an error.
#[inline]
pub fn nested_check(check: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    let _level = Nested::enter()?;
    check()
}

/// Lowers a field that nests one level down. Results are checked first, so this limit is only
/// reached where Rust hands Go a value it cannot refuse with an error (an iterator's item, a
/// callback's argument, an error's field): it panics there, which every such place turns into a
/// Go panic or error, instead of overflowing the stack.
#[inline]
pub fn nested_lower<A>(lower: impl FnOnce() -> A) -> A {
    let _level = Nested::enter().unwrap_or_else(|e| panic!("a value returned to Go is {e}"));
    lower()
}

/// How far the stack pointer is above the floor (0 at or below it), or `None` where the
/// platform cannot say.
fn stack_left() -> Option<usize> {
    let floor = match STACK_FLOOR.get() {
        0 => {
            let floor = stack_end().map_or(1, |end| end + STACK_RESERVE);
            STACK_FLOOR.set(floor);
            floor
        }
        floor => floor,
    };
    if floor == 1 {
        return None;
    }
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    Some(here.saturating_sub(floor))
}

/// The lowest address of the current thread's stack (stacks grow down on every platform Go
/// links ferrogo on).
#[cfg(target_os = "linux")]
fn stack_end() -> Option<usize> {
    use std::ffi::{c_int, c_void};
    use std::mem::MaybeUninit;
    /// Room for a `pthread_attr_t` (56 or 64 bytes with glibc and musl).
    #[repr(C, align(16))]
    struct Attr([u8; 128]);
    extern "C" {
        fn pthread_self() -> usize;
        fn pthread_getattr_np(thread: usize, attr: *mut Attr) -> c_int;
        fn pthread_attr_getstack(attr: *const Attr, addr: *mut *mut c_void, size: *mut usize) -> c_int;
        fn pthread_attr_destroy(attr: *mut Attr) -> c_int;
    }
    let mut attr = MaybeUninit::<Attr>::uninit();
    // SAFETY: `attr` has room for a `pthread_attr_t`, which `pthread_getattr_np` initializes
    // (on success) for the calling thread; it is destroyed once after reading the stack.
    unsafe {
        if pthread_getattr_np(pthread_self(), attr.as_mut_ptr()) != 0 {
            return None;
        }
        let (mut addr, mut size) = (std::ptr::null_mut(), 0);
        let found = pthread_attr_getstack(attr.as_ptr(), &mut addr, &mut size) == 0;
        pthread_attr_destroy(attr.as_mut_ptr());
        (found && !addr.is_null()).then_some(addr as usize)
    }
}

#[cfg(target_os = "macos")]
fn stack_end() -> Option<usize> {
    use std::ffi::c_void;
    extern "C" {
        fn pthread_self() -> usize;
        fn pthread_get_stackaddr_np(thread: usize) -> *mut c_void;
        fn pthread_get_stacksize_np(thread: usize) -> usize;
    }
    // SAFETY: both ask about the calling thread, which is alive; `stackaddr` is the stack's top.
    let (top, size) = unsafe {
        let me = pthread_self();
        (
            pthread_get_stackaddr_np(me) as usize,
            pthread_get_stacksize_np(me),
        )
    };
    top.checked_sub(size).filter(|_| top != 0)
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn stack_end() -> Option<usize> {
    None
}

// SAFETY: reads the `T::Abi` Go built at the address it passed (checked for null and
// alignment), which Go keeps alive for the call; `T` lifts it.
unsafe impl<T: Lift> Lift for Box<T> {
    type Abi = usize;
    unsafe fn lift(abi: usize) -> Result<Box<T>, LiftError> {
        if abi == 0 || !abi.is_multiple_of(std::mem::align_of::<T::Abi>()) {
            return Err(LiftError::Invalid("misaligned or null box".into()));
        }
        // SAFETY: see the impl.
        let inner = unsafe { std::ptr::read(abi as *const T::Abi) };
        // SAFETY: forwarded from the caller.
        unsafe { T::lift(inner) }.map(Box::new)
    }
}

// SAFETY: `free` frees the pointee as `T::lower` allocated it, then the box `lower` allocated.
unsafe impl<T: Lower> Lower for Box<T> {
    type Abi = *mut T::Abi;
    fn lower(self) -> *mut T::Abi {
        Box::into_raw(Box::new((*self).lower()))
    }
    unsafe fn free(abi: *mut T::Abi) {
        if abi.is_null() {
            // A mirror's untagged variants are all zero.
            return;
        }
        // SAFETY: `abi` came from `Box::into_raw` in `lower` and is freed once.
        let inner = unsafe { Box::from_raw(abi) };
        // SAFETY: the pointee came from `T::lower`.
        unsafe { T::free(*inner) }
    }
    const CHECKED: bool = T::CHECKED;
    fn check(&self) -> Result<(), String> {
        (**self).check()
    }
}

// SAFETY: a box crosses as an address, a plain C value.
unsafe impl<T: Lift> ListElem for Box<T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::FfiSlice;

    /// Enters one level per call, each with a 4 KiB frame, until `levels` or an error.
    fn nest(levels: u32) -> Result<u32, String> {
        if levels == 0 {
            return Ok(0);
        }
        let mut inner = 0;
        nested_check(|| {
            std::hint::black_box(&mut [0u8; 4096]);
            inner = nest(levels - 1)?;
            Ok(())
        })?;
        Ok(inner + 1)
    }

    fn on_thread<R: Send + 'static>(stack: usize, f: impl FnOnce() -> R + Send + 'static) -> R {
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn values_nest_to_the_limit_and_not_one_level_more() {
        on_thread(64 << 20, || {
            assert_eq!(nest(MAX_DEPTH), Ok(MAX_DEPTH));
            let err = nest(MAX_DEPTH + 1).unwrap_err();
            assert!(err.contains("deeper than 1024 levels"), "{err}");
            // Every level was left, also on the error path.
            assert_eq!(DEPTH.get(), 0);
            assert_eq!(nest(MAX_DEPTH), Ok(MAX_DEPTH));
        });
    }

    #[test]
    fn a_small_stack_makes_deep_values_an_error_not_an_overflow() {
        // 4 KiB a level on a 512 KiB stack: it ends long before the depth limit.
        let err = on_thread(512 << 10, || nest(MAX_DEPTH)).unwrap_err();
        if cfg!(any(target_os = "linux", target_os = "macos")) {
            assert!(err.contains("too deeply for this thread's stack"), "{err}");
        }
    }

    #[test]
    fn a_panic_leaves_its_levels() {
        on_thread(8 << 20, || {
            let caught =
                std::panic::catch_unwind(|| nested_lower(|| nested_lower(|| panic!("in a conversion"))));
            assert!(caught.is_err());
            assert_eq!(DEPTH.get(), 0);
        });
    }

    #[test]
    fn boxes_cross_as_pointers() {
        // A result: Rust allocates the pointee and frees it with its contents (valgrind checks).
        let abi = Box::new(Box::new(vec!["a".to_string(), "é".repeat(300)])).lower();
        assert!(!abi.is_null());
        // SAFETY: `abi` came from `lower` and is freed once.
        unsafe { <Box<Box<Vec<String>>>>::free(abi) };
        // SAFETY: a null box (an untagged variant's zeroed field) frees nothing.
        unsafe { <Box<String>>::free(std::ptr::null_mut()) };

        // An argument: the address of the pointee Go built.
        let text = b"boxed";
        let pointee = FfiSlice {
            ptr: text.as_ptr(),
            len: text.len(),
        };
        let addr = &pointee as *const FfiSlice as usize;
        // SAFETY: `addr` is the address of a live `FfiSlice` describing live memory.
        assert_eq!(*unsafe { <Box<String>>::lift(addr) }.unwrap(), "boxed");
        for bad in [0, addr + 1] {
            // SAFETY: refused before anything is read.
            let err = unsafe { <Box<String>>::lift(bad) }.unwrap_err();
            assert!(matches!(err, LiftError::Invalid(_)));
        }
    }
}

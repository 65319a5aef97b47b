//! `Lift` (Go -> Rust, arguments) and `Lower` (Rust -> Go, returns): how each type crosses.
//! Records, enums and objects get their impls from their own attribute, so a shim that names a
//! type without one fails to compile with the `on_unimplemented` message below.

use std::mem::MaybeUninit;

use crate::__private::error::LiftError;
use crate::abi::{FfiOption, FfiSlice, FfiVec};

mod lists;
mod maps;
mod ranges;
mod recursion;
mod refs;
mod std_types;
mod text;
mod tuples;

pub use lists::ListElem;
pub use recursion::{nested_check, nested_lift, nested_lower, MAX_DEPTH};
pub use refs::{lift_record_ref, lift_ref_opt, lift_ref_vec, LiftRef};
pub(crate) use text::outside_scope;
pub use text::{Lossy, RepairedText, Utf8Scope};

/// Converts an argument from its C representation.
///
/// # Safety
/// Implementors must only read memory that `abi` describes. Callers guarantee that pointers in `abi`
/// are valid for the duration of the call and that the result does not outlive it, nor the
/// [`Utf8Scope`] entered while it was lifted (which owns repaired text it may borrow).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be passed from Go",
    label = "not a ferrogo type",
    note = "add `#[ferrogo::record]` to `{Self}` (plain data copied by value), or `#[ferrogo::object]` to pass it by handle; for a type of another crate, wrap it in one of yours or convert it"
)]
pub unsafe trait Lift: Sized {
    type Abi: Copy;
    /// # Safety
    /// See the trait: `abi` describes memory valid for the call.
    unsafe fn lift(abi: Self::Abi) -> Result<Self, LiftError>;
    /// Bytes this argument carries, for call statistics (0 for fixed-size values).
    fn byte_len(_abi: &Self::Abi) -> usize {
        0
    }
    /// The bytes Go passed for `value` when lifting changed them (invalid UTF-8 read as U+FFFD),
    /// so that a map can tell keys apart that became equal (see `maps.rs`).
    ///
    /// # Safety
    /// As for [`Lift::lift`], with the `abi` that `value` was lifted from.
    unsafe fn repaired_from<'a>(_abi: &Self::Abi, _value: &Self) -> Option<&'a [u8]> {
        None
    }
}

/// Converts a return value to its C representation.
///
/// # Safety
/// `free` must release exactly what `lower` allocated.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to Go",
    label = "not a ferrogo type",
    note = "add `#[ferrogo::record]` (plain data) or `#[ferrogo::object]` (a handle Go holds) to `{Self}`"
)]
pub unsafe trait Lower: Sized {
    type Abi: Copy;
    fn lower(self) -> Self::Abi;
    /// Bytes this result carries, for call statistics (0 for fixed-size values).
    fn byte_len(_abi: &Self::Abi) -> usize {
        0
    }
    /// Releases what `lower` allocated, after Go copied it.
    ///
    /// # Safety
    /// `abi` came from `lower` and is freed once.
    unsafe fn free(_abi: Self::Abi) {}
    /// Whether [`Lower::check`] can fail for this type, so containers skip the walk when not.
    const CHECKED: bool = false;
    /// Refuses a value Go cannot represent (a `Duration` beyond `time.Duration`, a path that is
    /// not UTF-8 off Unix) before anything is lowered: such values are errors, never wrapped silently.
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

/// Checks a result before it is lowered (see [`Lower::check`]).
#[inline]
pub fn check_result<T: Lower>(value: &T) -> Result<(), crate::__private::error::CallError> {
    if T::CHECKED {
        value
            .check()
            .map_err(crate::__private::error::CallError::InvalidResult)?;
    }
    Ok(())
}

macro_rules! scalar {
    ($($t:ty),*) => {$(
        // SAFETY: plain values; nothing is read through pointers.
        unsafe impl Lift for $t {
            type Abi = $t;
            unsafe fn lift(abi: $t) -> Result<$t, LiftError> { Ok(abi) }
        }
        // SAFETY: nothing is allocated.
        unsafe impl Lower for $t {
            type Abi = $t;
            fn lower(self) -> $t { self }
        }
    )*};
}
scalar!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

// `bool` crosses as a byte so that a stray value from C can never be an invalid Rust bool.
// SAFETY: plain value.
unsafe impl Lift for bool {
    type Abi = u8;
    unsafe fn lift(abi: u8) -> Result<bool, LiftError> {
        Ok(abi != 0)
    }
}
// SAFETY: nothing is allocated.
unsafe impl Lower for bool {
    type Abi = u8;
    fn lower(self) -> u8 {
        u8::from(self)
    }
}

// SAFETY: nothing is allocated.
unsafe impl Lower for () {
    type Abi = u8;
    fn lower(self) -> u8 {
        0
    }
}

/// # Safety
/// `s` describes Go memory valid for `'a`.
#[inline]
pub(crate) unsafe fn bytes<'a>(s: FfiSlice) -> &'a [u8] {
    if s.len == 0 || s.ptr.is_null() {
        &[]
    } else {
        // SAFETY: Go passed pointer+len of memory it keeps alive (and unmodified) during the call.
        unsafe { std::slice::from_raw_parts(s.ptr, s.len) }
    }
}

// SAFETY: reads exactly `len` bytes at `ptr`, which the caller guarantees valid.
unsafe impl<'a> Lift for &'a [u8] {
    type Abi = FfiSlice;
    fn byte_len(abi: &FfiSlice) -> usize {
        abi.len
    }
    unsafe fn lift(abi: FfiSlice) -> Result<&'a [u8], LiftError> {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { bytes(abi) })
    }
}

/// The bytes of a text argument when its text is not them (see [`Lift::repaired_from`]).
///
/// # Safety
/// As for [`bytes`].
unsafe fn repaired_from<'a>(abi: FfiSlice, text: &str) -> Option<&'a [u8]> {
    // SAFETY: forwarded from the caller.
    let b = unsafe { bytes(abi) };
    text::was_repaired(b, text).then_some(b)
}

// SAFETY: as for `&[u8]`, plus UTF-8 validation (or repair, see `text`) before the `&str` exists.
unsafe impl<'a> Lift for &'a str {
    type Abi = FfiSlice;
    fn byte_len(abi: &FfiSlice) -> usize {
        abi.len
    }
    #[inline]
    unsafe fn lift(abi: FfiSlice) -> Result<&'a str, LiftError> {
        // SAFETY: forwarded from the caller.
        text::str(unsafe { bytes(abi) })
    }
    unsafe fn repaired_from<'b>(abi: &FfiSlice, value: &Self) -> Option<&'b [u8]> {
        // SAFETY: forwarded from the caller.
        unsafe { repaired_from(*abi, value) }
    }
}

// SAFETY: copies out of the borrowed slice.
unsafe impl Lift for String {
    type Abi = FfiSlice;
    fn byte_len(abi: &FfiSlice) -> usize {
        abi.len
    }
    #[inline]
    unsafe fn lift(abi: FfiSlice) -> Result<String, LiftError> {
        // SAFETY: forwarded from the caller.
        text::string(unsafe { bytes(abi) })
    }
    unsafe fn repaired_from<'a>(abi: &FfiSlice, value: &Self) -> Option<&'a [u8]> {
        // SAFETY: forwarded from the caller.
        unsafe { repaired_from(*abi, value) }
    }
}

// SAFETY: copies out of the borrowed slice.
unsafe impl Lift for Vec<u8> {
    type Abi = FfiSlice;
    fn byte_len(abi: &FfiSlice) -> usize {
        abi.len
    }
    unsafe fn lift(abi: FfiSlice) -> Result<Vec<u8>, LiftError> {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { bytes(abi) }.to_vec())
    }
}

// SAFETY: Go passes null or a pointer to a 4-byte-aligned atomic flag in Go memory that it keeps
// alive for the call and only ever writes atomically (`atomic.Uint32`).
unsafe impl Lift for &crate::Cancel {
    type Abi = *const u32;
    unsafe fn lift(abi: *const u32) -> Result<Self, LiftError> {
        if abi.is_null() {
            return Ok(crate::Cancel::never());
        }
        if !(abi as usize).is_multiple_of(std::mem::align_of::<u32>()) {
            return Err(LiftError::Invalid("misaligned cancel flag".into()));
        }
        // SAFETY: see the impl; `Cancel` is a transparent `AtomicU32`, which has u32's layout.
        Ok(unsafe { &*abi.cast::<crate::Cancel>() })
    }
}

// SAFETY: `free` rebuilds the Vec<u8> that `lower` leaked.
unsafe impl Lower for String {
    type Abi = FfiVec;
    fn byte_len(abi: &FfiVec) -> usize {
        abi.len
    }
    fn lower(self) -> FfiVec {
        FfiVec::from_vec(self.into_bytes())
    }
    unsafe fn free(abi: FfiVec) {
        // SAFETY: `abi` came from `lower` (a Vec<u8>).
        drop(unsafe { abi.into_vec::<u8>() });
    }
}

/// `Vec<T>` returns are arrays of `T`'s C representation (`Vec<u8>` is plain bytes).
// SAFETY: `free` frees each element, then the array, exactly as `lower` built them.
unsafe impl<T: Lower> Lower for Vec<T> {
    type Abi = FfiVec;
    fn byte_len(abi: &FfiVec) -> usize {
        abi.len * std::mem::size_of::<T::Abi>()
    }
    fn lower(self) -> FfiVec {
        FfiVec::from_vec(self.into_iter().map(T::lower).collect::<Vec<T::Abi>>())
    }
    const CHECKED: bool = T::CHECKED;
    fn check(&self) -> Result<(), String> {
        for (i, item) in self.iter().enumerate() {
            item.check().map_err(|e| format!("[{i}]: {e}"))?;
        }
        Ok(())
    }
    unsafe fn free(abi: FfiVec) {
        // SAFETY: `abi` came from `lower` (a Vec<T::Abi>).
        for item in unsafe { abi.into_vec::<T::Abi>() } {
            // SAFETY: each element came from `T::lower`.
            unsafe { T::free(item) };
        }
    }
}

// SAFETY: the value is only read when `is_some` is set.
unsafe impl<T: Lift> Lift for Option<T> {
    type Abi = FfiOption<T::Abi>;
    fn byte_len(abi: &FfiOption<T::Abi>) -> usize {
        if abi.is_some == 0 {
            return 0;
        }
        // SAFETY: Go sets `is_some` only together with an initialized value.
        T::byte_len(unsafe { abi.value.assume_init_ref() })
    }
    unsafe fn lift(abi: FfiOption<T::Abi>) -> Result<Option<T>, LiftError> {
        if abi.is_some == 0 {
            return Ok(None);
        }
        // SAFETY: Go sets `is_some` only together with an initialized value.
        unsafe { T::lift(abi.value.assume_init()) }.map(Some)
    }
}

// SAFETY: `free` frees the value only when `lower` produced one.
unsafe impl<T: Lower> Lower for Option<T> {
    type Abi = FfiOption<T::Abi>;
    fn byte_len(abi: &FfiOption<T::Abi>) -> usize {
        if abi.is_some == 0 {
            return 0;
        }
        // SAFETY: `lower` sets `is_some` only together with a value.
        T::byte_len(unsafe { abi.value.assume_init_ref() })
    }
    fn lower(self) -> FfiOption<T::Abi> {
        match self {
            Some(v) => FfiOption {
                is_some: 1,
                value: MaybeUninit::new(v.lower()),
            },
            None => FfiOption {
                is_some: 0,
                value: MaybeUninit::zeroed(),
            },
        }
    }
    unsafe fn free(abi: FfiOption<T::Abi>) {
        if abi.is_some != 0 {
            // SAFETY: set together with the value by `lower`.
            unsafe { T::free(abi.value.assume_init()) };
        }
    }
    const CHECKED: bool = T::CHECKED;
    fn check(&self) -> Result<(), String> {
        self.as_ref().map_or(Ok(()), T::check)
    }
}

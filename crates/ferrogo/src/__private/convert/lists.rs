//! `Vec<T>` arguments: lists Go passes in one crossing, read in place for the call.
//!
//! Strings and byte slices are read straight from the Go slice's headers (ADR 0007), numbers
//! straight from its backing array. Every other element type (records, enums, nested lists,
//! options, maps, bools, chars) is a [`ListElem`]: Go builds an array of the element's C
//! representation, keeps it alive for the call, and passes its address.

use super::{bytes, text, Lift};
use crate::__private::error::LiftError;
use crate::abi::{FfiList, FfiSlice, GoSlice};

/// A type whose `Vec` crosses as an array of its C representation (`Self::Abi`) that Go builds
/// and keeps alive for the call. Implemented by `#[ferrogo::record]` types and by the
/// containers and scalars below; strings, bytes and numbers have lists of their own.
///
/// # Safety
/// `Self::Abi` must be a plain C value (no Rust-owned memory): Rust reads it from Go memory.
pub unsafe trait ListElem: Lift {}

/// The elements of a list: Go string headers ([`FfiSlice`]), Go slice headers ([`GoSlice`]),
/// numbers, or the C representations Go built for a [`ListElem`] list.
///
/// # Safety
/// `list` describes Go memory valid for `'a`: `n` headers of type `H` at `items`, each
/// describing memory valid as for [`bytes`].
unsafe fn list_headers<'a, H>(list: FfiList) -> &'a [H] {
    if list.n == 0 || list.items == 0 {
        return &[];
    }
    // SAFETY: Go passes the address of `n` headers it keeps alive for the call, aligned as Go
    // aligns an array of them (which `ListElem` lists check first).
    unsafe { std::slice::from_raw_parts(list.items as *const H, list.n) }
}

/// # Safety
/// As for [`list_headers`], with Go slice headers.
unsafe fn list_items<'a>(list: FfiList) -> Vec<&'a [u8]> {
    // SAFETY: forwarded from the caller.
    let headers = unsafe { list_headers::<GoSlice>(list) };
    headers
        .iter()
        // SAFETY: each header describes one element's memory, valid as the caller guarantees.
        .map(|h| unsafe {
            bytes(FfiSlice {
                ptr: h.ptr,
                len: h.len,
            })
        })
        .collect()
}

/// Each element of a `[]string` as text (`text::str` or `text::string`); an error names the
/// element.
///
/// # Safety
/// As for [`list_headers`], with Go string headers.
unsafe fn list_texts<'a, T>(
    list: FfiList,
    text: impl Fn(&'a [u8]) -> Result<T, LiftError>,
) -> Result<Vec<T>, LiftError> {
    // SAFETY: forwarded from the caller.
    let spans = unsafe { list_headers::<FfiSlice>(list) };
    let mut items = Vec::with_capacity(spans.len());
    for (index, &span) in spans.iter().enumerate() {
        // SAFETY: forwarded from the caller; each span is one element's memory.
        match text(unsafe { bytes(span) }) {
            Ok(item) => items.push(item),
            Err(LiftError::InvalidUtf8 { valid_up_to }) => {
                return Err(LiftError::InvalidUtf8InList { index, valid_up_to })
            }
            Err(e) => return Err(e.in_element(index)),
        }
    }
    Ok(items)
}

// SAFETY: reads the list Go described; see `list_items`.
unsafe impl Lift for Vec<&[u8]> {
    type Abi = FfiList;
    fn byte_len(abi: &FfiList) -> usize {
        abi.size
    }
    unsafe fn lift(abi: FfiList) -> Result<Self, LiftError> {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { list_items(abi) })
    }
}

// SAFETY: copies out of the list Go described.
unsafe impl Lift for Vec<Vec<u8>> {
    type Abi = FfiList;
    fn byte_len(abi: &FfiList) -> usize {
        abi.size
    }
    unsafe fn lift(abi: FfiList) -> Result<Self, LiftError> {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { list_items(abi) }
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect())
    }
}

// SAFETY: reads the list Go described, each element checked (or repaired) as UTF-8.
unsafe impl Lift for Vec<&str> {
    type Abi = FfiList;
    fn byte_len(abi: &FfiList) -> usize {
        abi.size
    }
    unsafe fn lift(abi: FfiList) -> Result<Self, LiftError> {
        // SAFETY: forwarded from the caller.
        unsafe { list_texts(abi, text::str) }
    }
}

// SAFETY: copies out of the list Go described, each element checked (or repaired) as UTF-8.
unsafe impl Lift for Vec<String> {
    type Abi = FfiList;
    fn byte_len(abi: &FfiList) -> usize {
        abi.size
    }
    unsafe fn lift(abi: FfiList) -> Result<Self, LiftError> {
        // SAFETY: forwarded from the caller.
        unsafe { list_texts(abi, text::string) }
    }
}

macro_rules! number_slice {
    ($($t:ty),*) => {$(
        // SAFETY: reads `len` elements of Go memory, checking alignment first.
        unsafe impl<'a> Lift for &'a [$t] {
            type Abi = FfiSlice;
            unsafe fn lift(abi: FfiSlice) -> Result<Self, LiftError> {
                if abi.len == 0 || abi.ptr.is_null() {
                    return Ok(&[]);
                }
                if !(abi.ptr as usize).is_multiple_of(std::mem::align_of::<$t>()) {
                    return Err(LiftError::Invalid("misaligned slice".into()));
                }
                // SAFETY: Go passed pointer and element count of a []T it keeps alive for the call,
                // and the alignment was checked; Go and Rust number types share their layout.
                Ok(unsafe { std::slice::from_raw_parts(abi.ptr.cast::<$t>(), abi.len) })
            }
        }
        // SAFETY: copies out of the borrowed slice.
        unsafe impl Lift for Vec<$t> {
            type Abi = FfiSlice;
            unsafe fn lift(abi: FfiSlice) -> Result<Self, LiftError> {
                // SAFETY: forwarded from the caller.
                Ok(unsafe { <&[$t]>::lift(abi) }?.to_vec())
            }
        }
        // SAFETY: an inner list of numbers is a pointer and a length.
        unsafe impl ListElem for Vec<$t> {}
    )*};
}
number_slice!(i8, i16, i32, i64, isize, u16, u32, u64, usize, f32, f64);

/// The `n` C values Go built for a list (after checking their alignment).
///
/// # Safety
/// `abi` describes an array of `n` values of type `A` in Go memory kept alive for the call.
pub(super) unsafe fn read_list<'a, A>(abi: FfiList) -> Result<&'a [A], LiftError> {
    if !abi.items.is_multiple_of(std::mem::align_of::<A>()) {
        return Err(LiftError::Invalid("misaligned list".into()));
    }
    // SAFETY: forwarded from the caller.
    Ok(unsafe { list_headers::<A>(abi) })
}

// SAFETY: reads `n` element representations Go built (alignment checked), lifting each.
unsafe impl<T: ListElem> Lift for Vec<T> {
    type Abi = FfiList;
    fn byte_len(abi: &FfiList) -> usize {
        abi.size
    }
    unsafe fn lift(abi: FfiList) -> Result<Self, LiftError> {
        // SAFETY: forwarded from the caller: Go's array of `n` element representations.
        let items = unsafe { read_list::<T::Abi>(abi) }?;
        // A plain loop: `collect` through `Result` costs a recursive value twice the stack per
        // level (measured: 1,053 -> 574 bytes for a list of lists in a release build).
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            // SAFETY: each element is a representation Go built for `T`.
            out.push(unsafe { T::lift(*item) }.map_err(|e| e.in_element(i))?);
        }
        Ok(out)
    }
}

// SAFETY: lists of lists: the inner lists' representations are plain C values.
unsafe impl<T: ListElem> ListElem for Vec<T> {}
// SAFETY: as above; these inner lists are read in place from Go's headers.
unsafe impl ListElem for Vec<String> {}
// SAFETY: as above.
unsafe impl ListElem for Vec<Vec<u8>> {}
// SAFETY: an option is a flag and a plain value.
unsafe impl<T: Lift> ListElem for Option<T> where T::Abi: Copy {}
// SAFETY: a byte (Go's `bool` has the same layout, so `[]bool` is read in place).
unsafe impl ListElem for bool {}

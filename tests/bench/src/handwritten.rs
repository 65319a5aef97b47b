//! The style of existing hand-written cgo wrappers: NUL-terminated `char*` in (Go copies with
//! `C.CString`), `char*` results allocated here and freed by a second call, errors as a message
//! through a `char**` out-parameter, objects as raw pointers with a Go finalizer.

use std::ffi::{c_char, CStr, CString};

use crate::raw::RawRect;
use crate::{work, Acc};

/// Reads a C string as UTF-8, or stores a message in `*err`.
///
/// # Safety
/// `s` is a valid NUL-terminated string; `err` is writable.
unsafe fn c_str<'a>(s: *const c_char, err: *mut *mut c_char) -> Option<&'a str> {
    // SAFETY: forwarded from the caller.
    match unsafe { CStr::from_ptr(s) }.to_str() {
        Ok(s) => Some(s),
        Err(e) => {
            // SAFETY: forwarded from the caller.
            unsafe { set_err(err, e.to_string()) };
            None
        }
    }
}

/// # Safety
/// `err` is writable.
unsafe fn set_err(err: *mut *mut c_char, msg: String) {
    let msg = CString::new(msg).unwrap_or_default();
    // SAFETY: forwarded from the caller; Go frees the message with `benchhw_free_string`.
    unsafe { *err = msg.into_raw() };
}

#[no_mangle]
pub extern "C" fn benchhw_add(a: i64, b: i64) -> i64 {
    work::add(a, b)
}

#[no_mangle]
pub extern "C" fn benchhw_acc_new(base: i64) -> *mut Acc {
    Box::into_raw(Box::new(Acc::new(base)))
}

/// # Safety
/// `acc` came from `benchhw_acc_new` and was not freed.
#[no_mangle]
pub unsafe extern "C" fn benchhw_acc_offset(acc: *const Acc, x: i64) -> i64 {
    // SAFETY: the Go wrapper keeps the object alive (KeepAlive) for the call.
    unsafe { &*acc }.offset(x)
}

/// # Safety
/// `acc` came from `benchhw_acc_new` and is freed once (by the Go finalizer).
#[no_mangle]
pub unsafe extern "C" fn benchhw_acc_free(acc: *mut Acc) {
    // SAFETY: the caller passes a pointer from `Box::into_raw`, once.
    drop(unsafe { Box::from_raw(acc) });
}

/// # Safety
/// `s` is a valid NUL-terminated string; `err` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchhw_count_byte(s: *const c_char, b: u8, err: *mut *mut c_char) -> u64 {
    // SAFETY: forwarded from the caller.
    match unsafe { c_str(s, err) } {
        Some(s) => work::count_byte(s, b),
        None => 0,
    }
}

/// # Safety
/// `ptr` is valid for reads of `len` bytes (or `len` is 0).
#[no_mangle]
pub unsafe extern "C" fn benchhw_byte_sum(ptr: *const u8, len: usize) -> u64 {
    if len == 0 {
        return 0;
    }
    // SAFETY: forwarded from the caller.
    work::byte_sum(unsafe { std::slice::from_raw_parts(ptr, len) })
}

#[no_mangle]
pub extern "C" fn benchhw_make_string(n: usize) -> *mut c_char {
    // The alphabet has no NUL.
    CString::new(work::make_string(n)).unwrap_or_default().into_raw()
}

/// # Safety
/// `s` came from a `benchhw_*` function returning a string, and is freed once.
#[no_mangle]
pub unsafe extern "C" fn benchhw_free_string(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: `s` came from `CString::into_raw`.
        drop(unsafe { CString::from_raw(s) });
    }
}

#[no_mangle]
pub extern "C" fn benchhw_scale(r: RawRect, k: f64) -> RawRect {
    work::scale(r.into(), k).into()
}

/// Returns a malloc'd-style array of n rectangles; its length goes to `*len`.
///
/// # Safety
/// `len` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchhw_grid(n: u32, len: *mut usize) -> *mut RawRect {
    let v: Box<[RawRect]> = work::grid(n).into_iter().map(RawRect::from).collect();
    // SAFETY: forwarded from the caller.
    unsafe { *len = v.len() };
    Box::into_raw(v).cast()
}

/// # Safety
/// `p` and `len` came from `benchhw_grid`, freed once.
#[no_mangle]
pub unsafe extern "C" fn benchhw_free_rects(p: *mut RawRect, len: usize) {
    // SAFETY: `p` is a leaked `Box<[RawRect]>` of `len` elements.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(p, len)) });
}

/// Returns 0 and stores the value in `*out`, or -1 with a message in `*err`.
///
/// # Safety
/// `s` is a valid NUL-terminated string; `out` and `err` are writable.
#[no_mangle]
pub unsafe extern "C" fn benchhw_parse_digits(s: *const c_char, out: *mut u64, err: *mut *mut c_char) -> i32 {
    // SAFETY: forwarded from the caller.
    let Some(s) = (unsafe { c_str(s, err) }) else {
        return -1;
    };
    match work::parse_digits(s) {
        Ok(v) => {
            // SAFETY: forwarded from the caller.
            unsafe { *out = v };
            0
        }
        Err(at) => {
            // SAFETY: forwarded from the caller.
            unsafe { set_err(err, format!("not a digit at {at}")) };
            -1
        }
    }
}

/// Hashes a C array of `n` C strings into `out`.
///
/// # Safety
/// `items` holds `n` valid NUL-terminated strings; `out` is writable for `n` values; `err` too.
#[no_mangle]
pub unsafe extern "C" fn benchhw_hash_all(
    items: *const *const c_char,
    n: usize,
    out: *mut u64,
    err: *mut *mut c_char,
) -> i32 {
    if n == 0 {
        return 0;
    }
    // SAFETY: forwarded from the caller.
    let (items, out) = unsafe {
        (
            std::slice::from_raw_parts(items, n),
            std::slice::from_raw_parts_mut(out, n),
        )
    };
    for (&item, o) in items.iter().zip(out) {
        // SAFETY: forwarded from the caller.
        let Some(s) = (unsafe { c_str(item, err) }) else {
            return -1;
        };
        *o = work::hash(s);
    }
    0
}

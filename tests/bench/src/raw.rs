//! The floor: plain `extern "C"` functions as a careful hand-written binding would declare them
//! (pointer+len in, values out, no panic handling, no statistics). Strings are still UTF-8 checked,
//! so the string case compares like with like.

use std::ffi::c_void;

use crate::{work, Acc, Batch, Item, Rect};

/// `Rect` as C lays it out (Go's `Rect` has the same layout).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawRect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl From<RawRect> for Rect {
    fn from(r: RawRect) -> Rect {
        Rect {
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
        }
    }
}

impl From<Rect> for RawRect {
    fn from(r: Rect) -> RawRect {
        RawRect {
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
        }
    }
}

/// A Rust-owned buffer: Go copies it, then calls `benchraw_free`.
#[repr(C)]
pub struct RawVec {
    pub ptr: *mut c_void,
    pub len: usize,
    pub cap: usize,
}

impl RawVec {
    fn new<T>(v: Vec<T>) -> RawVec {
        let mut v = std::mem::ManuallyDrop::new(v);
        RawVec {
            ptr: v.as_mut_ptr().cast(),
            len: v.len(),
            cap: v.capacity(),
        }
    }
}

/// A value, or none (`found` is 0).
#[repr(C)]
pub struct RawLookup {
    pub value: u64,
    pub found: u8,
}

#[no_mangle]
pub extern "C" fn benchraw_lookup(key: u64) -> RawLookup {
    match work::lookup(key) {
        Some(value) => RawLookup { value, found: 1 },
        None => RawLookup { value: 0, found: 0 },
    }
}

/// An integer result or the index where parsing failed.
#[repr(C)]
pub struct RawParse {
    pub value: u64,
    pub failed: u8,
    pub at: u32,
}

/// Borrows Go memory for the call.
///
/// # Safety
/// `ptr` is null with `len` 0, or valid for reads of `len` bytes for the call.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    // SAFETY: forwarded from the caller.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

#[no_mangle]
pub extern "C" fn benchraw_add(a: i64, b: i64) -> i64 {
    work::add(a, b)
}

#[no_mangle]
pub extern "C" fn benchraw_acc_new(base: i64) -> *mut Acc {
    Box::into_raw(Box::new(Acc::new(base)))
}

/// # Safety
/// `acc` came from `benchraw_acc_new` and was not freed.
#[no_mangle]
pub unsafe extern "C" fn benchraw_acc_offset(acc: *const Acc, x: i64) -> i64 {
    // SAFETY: the caller keeps the object alive for the call.
    unsafe { &*acc }.offset(x)
}

/// # Safety
/// `acc` came from `benchraw_acc_new` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn benchraw_acc_free(acc: *mut Acc) {
    // SAFETY: the caller passes a pointer from `Box::into_raw`, once.
    drop(unsafe { Box::from_raw(acc) });
}

/// Returns u64::MAX for invalid UTF-8.
///
/// # Safety
/// As for [`bytes`].
#[no_mangle]
pub unsafe extern "C" fn benchraw_count_byte(ptr: *const u8, len: usize, b: u8) -> u64 {
    // SAFETY: Go passes its string's data and length, borrowed for the call.
    match std::str::from_utf8(unsafe { bytes(ptr, len) }) {
        Ok(s) => work::count_byte(s, b),
        Err(_) => u64::MAX,
    }
}

/// # Safety
/// As for [`bytes`].
#[no_mangle]
pub unsafe extern "C" fn benchraw_byte_sum(ptr: *const u8, len: usize) -> u64 {
    // SAFETY: Go passes its slice's data and length, borrowed for the call.
    work::byte_sum(unsafe { bytes(ptr, len) })
}

#[no_mangle]
pub extern "C" fn benchraw_make_string(n: usize) -> RawVec {
    RawVec::new(work::make_string(n).into_bytes())
}

/// Frees a byte buffer returned by `benchraw_make_string`.
///
/// # Safety
/// `v` came from a `benchraw_*` function returning bytes, and is freed once.
#[no_mangle]
pub unsafe extern "C" fn benchraw_free_bytes(v: RawVec) {
    // SAFETY: `v` describes a Vec<u8> we leaked in `RawVec::new`.
    drop(unsafe { Vec::from_raw_parts(v.ptr.cast::<u8>(), v.len, v.cap) });
}

#[no_mangle]
pub extern "C" fn benchraw_scale(r: RawRect, k: f64) -> RawRect {
    work::scale(r.into(), k).into()
}

#[no_mangle]
pub extern "C" fn benchraw_grid(n: u32) -> RawVec {
    let v: Vec<RawRect> = work::grid(n).into_iter().map(RawRect::from).collect();
    RawVec::new(v)
}

/// # Safety
/// `v` came from `benchraw_grid`, and is freed once.
#[no_mangle]
pub unsafe extern "C" fn benchraw_free_rects(v: RawVec) {
    // SAFETY: `v` describes a Vec<RawRect> we leaked in `RawVec::new`.
    drop(unsafe { Vec::from_raw_parts(v.ptr.cast::<RawRect>(), v.len, v.cap) });
}

/// # Safety
/// As for [`bytes`].
#[no_mangle]
pub unsafe extern "C" fn benchraw_parse_digits(ptr: *const u8, len: usize) -> RawParse {
    // SAFETY: Go passes its string's data and length, borrowed for the call.
    let parsed = match std::str::from_utf8(unsafe { bytes(ptr, len) }) {
        Ok(s) => work::parse_digits(s),
        Err(e) => Err(e.valid_up_to() as u32),
    };
    match parsed {
        Ok(value) => RawParse {
            value,
            failed: 0,
            at: 0,
        },
        Err(at) => RawParse {
            value: 0,
            failed: 1,
            at,
        },
    }
}

/// Hashes `n` strings laid out as one buffer plus lengths, writing into `out`. Returns false if an
/// item is not UTF-8.
///
/// # Safety
/// `data` is valid for the sum of `lens`; `lens` and `out` for `n` elements; all for the call.
#[no_mangle]
pub unsafe extern "C" fn benchraw_hash_all(
    data: *const u8,
    lens: *const usize,
    n: usize,
    out: *mut u64,
) -> bool {
    if n == 0 {
        return true;
    }
    // SAFETY: forwarded from the caller; `out` is Go memory nothing else touches during the call.
    let (lens, out) = unsafe {
        (
            std::slice::from_raw_parts(lens, n),
            std::slice::from_raw_parts_mut(out, n),
        )
    };
    let total = lens.iter().sum();
    // SAFETY: forwarded from the caller.
    let mut rest = unsafe { bytes(data, total) };
    for (len, o) in lens.iter().zip(out) {
        let (item, tail) = rest.split_at(*len);
        rest = tail;
        match std::str::from_utf8(item) {
            Ok(s) => *o = work::hash(s),
            Err(_) => return false,
        }
    }
    true
}

/// An item as a hand-written binding passes it in: the label as Go's pointer and length.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawItemIn {
    pub id: u64,
    pub label: *const u8,
    pub label_len: usize,
    pub score: f64,
}

/// An item coming back: the label as a Rust-owned buffer.
#[repr(C)]
pub struct RawItemOut {
    pub id: u64,
    pub label: RawVec,
    pub score: f64,
}

/// A batch coming back.
#[repr(C)]
pub struct RawBatch {
    pub name: RawVec,
    pub items: RawVec,
}

fn raw_string(s: String) -> RawVec {
    RawVec::new(s.into_bytes())
}

/// The nested round trip, written by hand: lift the C array into Rust values, do the work,
/// lower them into C structs with Rust-owned strings.
///
/// # Safety
/// `name`/`name_len` and `items`/`n` describe Go memory valid for the call.
#[no_mangle]
pub unsafe extern "C" fn benchraw_rescore(
    name: *const u8,
    name_len: usize,
    items: *const RawItemIn,
    n: usize,
) -> RawBatch {
    let text = |p: *const u8, len: usize| {
        // SAFETY: Go passes pointer+length of a string it keeps alive for the call.
        String::from_utf8_lossy(unsafe { bytes(p, len) }).into_owned()
    };
    let items: &[RawItemIn] = if n == 0 {
        &[]
    } else {
        // SAFETY: Go passes its array of n items, alive for the call.
        unsafe { std::slice::from_raw_parts(items, n) }
    };
    let batch = Batch {
        name: text(name, name_len),
        items: items
            .iter()
            .map(|i| Item {
                id: i.id,
                label: text(i.label, i.label_len),
                score: i.score,
            })
            .collect(),
    };
    let out = work::rescore(batch);
    RawBatch {
        name: raw_string(out.name),
        items: RawVec::new(
            out.items
                .into_iter()
                .map(|i| RawItemOut {
                    id: i.id,
                    label: raw_string(i.label),
                    score: i.score,
                })
                .collect(),
        ),
    }
}

/// # Safety
/// `b` came from `benchraw_rescore`, freed once.
#[no_mangle]
pub unsafe extern "C" fn benchraw_free_batch(b: RawBatch) {
    // SAFETY: each buffer was leaked by `RawVec::new` in `benchraw_rescore`.
    unsafe {
        drop(Vec::from_raw_parts(
            b.name.ptr.cast::<u8>(),
            b.name.len,
            b.name.cap,
        ));
        for item in Vec::from_raw_parts(b.items.ptr.cast::<RawItemOut>(), b.items.len, b.items.cap) {
            drop(Vec::from_raw_parts(
                item.label.ptr.cast::<u8>(),
                item.label.len,
                item.label.cap,
            ));
        }
    }
}

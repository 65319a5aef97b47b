//! The style of serializing generators (UniFFI's scaffolding): compound arguments and results
//! travel as big-endian serialized `RustBuffer`s, Go first copies each argument into a Rust buffer
//! with `benchser_rustbuffer_from_bytes` and frees each result with `benchser_rustbuffer_free`,
//! errors come back through a `RustCallStatus` out-parameter, and objects are `Arc`s cloned through
//! a call before each method call.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::{work, Acc, Rect};

#[repr(C)]
pub struct RustBuffer {
    pub capacity: u64,
    pub len: u64,
    pub data: *mut u8,
}

impl RustBuffer {
    fn from_vec(v: Vec<u8>) -> RustBuffer {
        let mut v = std::mem::ManuallyDrop::new(v);
        RustBuffer {
            capacity: v.capacity() as u64,
            len: v.len() as u64,
            data: v.as_mut_ptr(),
        }
    }

    fn empty() -> RustBuffer {
        RustBuffer::from_vec(Vec::new())
    }

    /// # Safety
    /// `self` came from `from_vec` (here or through `benchser_rustbuffer_from_bytes`), consumed once.
    unsafe fn into_vec(self) -> Vec<u8> {
        // SAFETY: forwarded from the caller.
        unsafe { Vec::from_raw_parts(self.data, self.len as usize, self.capacity as usize) }
    }
}

#[repr(C)]
pub struct ForeignBytes {
    pub len: i32,
    pub data: *const u8,
}

#[repr(C)]
pub struct RustCallStatus {
    pub code: i8,
    pub error_buf: RustBuffer,
}

const CALL_ERROR: i8 = 1;
const CALL_PANIC: i8 = 2;

/// Runs `f` as UniFFI's `rust_call` does: panics and errors go to `status`.
///
/// # Safety
/// `status` is writable.
unsafe fn call<R: Default>(status: *mut RustCallStatus, f: impl FnOnce() -> Result<R, Vec<u8>>) -> R {
    let (code, buf) = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => return v,
        Ok(Err(e)) => (CALL_ERROR, e),
        Err(_) => (CALL_PANIC, b"panic".to_vec()),
    };
    // SAFETY: forwarded from the caller.
    unsafe {
        (*status).code = code;
        (*status).error_buf = RustBuffer::from_vec(buf);
    }
    R::default()
}

/// A big-endian reader over a lifted buffer.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> &[u8] {
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        head
    }
    fn i32(&mut self) -> i32 {
        i32::from_be_bytes(self.take(4).try_into().unwrap())
    }
    fn f64(&mut self) -> f64 {
        f64::from_be_bytes(self.take(8).try_into().unwrap())
    }
    fn string(&mut self) -> String {
        let n = self.i32() as usize;
        String::from_utf8(self.take(n).to_vec()).expect("invalid UTF-8")
    }
    fn rect(&mut self) -> Rect {
        Rect {
            x: self.f64(),
            y: self.f64(),
            w: self.f64(),
            h: self.f64(),
        }
    }
}

fn write_rect(out: &mut Vec<u8>, r: &Rect) {
    for f in [r.x, r.y, r.w, r.h] {
        out.extend_from_slice(&f.to_be_bytes());
    }
}

/// # Safety
/// `bytes.data` is valid for `bytes.len` bytes; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_rustbuffer_from_bytes(
    bytes: ForeignBytes,
    status: *mut RustCallStatus,
) -> RustBuffer {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            let len = usize::try_from(bytes.len).unwrap_or(0);
            if len == 0 {
                return Ok(RustBuffer::empty());
            }
            // SAFETY: forwarded from the caller; the bytes are copied before returning.
            let src = std::slice::from_raw_parts(bytes.data, len);
            Ok(RustBuffer::from_vec(src.to_vec()))
        })
    }
}

impl Default for RustBuffer {
    fn default() -> Self {
        RustBuffer::empty()
    }
}

/// # Safety
/// `buf` came from a `benchser_*` function and is freed once; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_rustbuffer_free(buf: RustBuffer, status: *mut RustCallStatus) {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            drop(buf.into_vec());
            Ok(())
        })
    }
}

/// # Safety
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_add(a: i64, b: i64, status: *mut RustCallStatus) -> i64 {
    // SAFETY: forwarded from the caller.
    unsafe { call(status, || Ok(work::add(a, b))) }
}

/// # Safety
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_acc_new(base: i64, status: *mut RustCallStatus) -> *const c_void {
    // SAFETY: forwarded from the caller.
    unsafe { call(status, || Ok(Arc::into_raw(Arc::new(Acc::new(base))).cast())) }
}

/// Gives the caller another reference, which the method call then consumes.
///
/// # Safety
/// `p` is a live pointer from `benchser_acc_new`; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_acc_clone(p: *const c_void, status: *mut RustCallStatus) -> *const c_void {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: `p` is a live `Arc<Acc>` pointer.
            Arc::increment_strong_count(p.cast::<Acc>());
            Ok(p)
        })
    }
}

/// Consumes the reference `p` (from `benchser_acc_clone`).
///
/// # Safety
/// `p` is a reference from `benchser_acc_clone`; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_acc_offset(p: *const c_void, x: i64, status: *mut RustCallStatus) -> i64 {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: the caller hands over one strong reference.
            let acc = Arc::from_raw(p.cast::<Acc>());
            Ok(acc.offset(x))
        })
    }
}

/// # Safety
/// `p` is the reference from `benchser_acc_new`, freed once; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_acc_free(p: *const c_void, status: *mut RustCallStatus) {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: the caller hands over the last Go-held reference.
            drop(Arc::from_raw(p.cast::<Acc>()));
            Ok(())
        })
    }
}

/// # Safety
/// `s` came from `benchser_rustbuffer_from_bytes`; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_count_byte(s: RustBuffer, b: u8, status: *mut RustCallStatus) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: the buffer is handed over to us.
            let s = String::from_utf8(s.into_vec()).expect("invalid UTF-8");
            Ok(work::count_byte(&s, b))
        })
    }
}

/// # Safety
/// `b` came from `benchser_rustbuffer_from_bytes` (i32 length + bytes); `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_byte_sum(b: RustBuffer, status: *mut RustCallStatus) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: the buffer is handed over to us.
            let buf = b.into_vec();
            let mut r = Reader(&buf);
            let n = r.i32() as usize;
            let bytes = r.take(n).to_vec();
            Ok(work::byte_sum(&bytes))
        })
    }
}

/// # Safety
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_make_string(n: usize, status: *mut RustCallStatus) -> RustBuffer {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            Ok(RustBuffer::from_vec(work::make_string(n).into_bytes()))
        })
    }
}

/// # Safety
/// `r` came from `benchser_rustbuffer_from_bytes`; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_scale(r: RustBuffer, k: f64, status: *mut RustCallStatus) -> RustBuffer {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: the buffer is handed over to us.
            let buf = r.into_vec();
            let rect = Reader(&buf).rect();
            let mut out = Vec::new();
            write_rect(&mut out, &work::scale(rect, k));
            Ok(RustBuffer::from_vec(out))
        })
    }
}

/// # Safety
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_grid(n: u32, status: *mut RustCallStatus) -> RustBuffer {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            let rects = work::grid(n);
            let mut out = Vec::new();
            out.extend_from_slice(&(rects.len() as i32).to_be_bytes());
            for r in &rects {
                write_rect(&mut out, r);
            }
            Ok(RustBuffer::from_vec(out))
        })
    }
}

/// Records with optional fields, serialized as UniFFI does: an `Option` is a 0/1 byte, then the
/// value when present.
///
/// # Safety
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_line_changes(n: u32, status: *mut RustCallStatus) -> RustBuffer {
    fn opt(out: &mut Vec<u8>, v: Option<usize>) {
        match v {
            Some(v) => {
                out.push(1);
                out.extend_from_slice(&(v as u64).to_be_bytes());
            }
            None => out.push(0),
        }
    }
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            let changes = work::line_changes(n);
            let mut out = Vec::with_capacity(4 + changes.len() * 19);
            out.extend_from_slice(&(changes.len() as i32).to_be_bytes());
            for c in &changes {
                out.push(c.tag);
                opt(&mut out, c.old_index);
                opt(&mut out, c.new_index);
            }
            Ok(RustBuffer::from_vec(out))
        })
    }
}

/// A unit error variant, serialized as UniFFI does: its 1-based index and nothing else.
///
/// # Safety
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_lookup(key: u64, status: *mut RustCallStatus) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            work::lookup(key).ok_or_else(|| 1i32.to_be_bytes().to_vec())
        })
    }
}

/// The error is serialized as UniFFI does: variant index (1-based), then the fields.
///
/// # Safety
/// `s` came from `benchser_rustbuffer_from_bytes`; `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_parse_digits(s: RustBuffer, status: *mut RustCallStatus) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: the buffer is handed over to us.
            let s = String::from_utf8(s.into_vec()).expect("invalid UTF-8");
            work::parse_digits(&s).map_err(|at| {
                let mut e = 1i32.to_be_bytes().to_vec();
                e.extend_from_slice(&at.to_be_bytes());
                e
            })
        })
    }
}

/// # Safety
/// `items` came from `benchser_rustbuffer_from_bytes` (i32 count, then i32 length + bytes each);
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_hash_all(items: RustBuffer, status: *mut RustCallStatus) -> RustBuffer {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            // SAFETY: the buffer is handed over to us.
            let buf = items.into_vec();
            let mut r = Reader(&buf);
            let n = r.i32() as usize;
            let items: Vec<String> = (0..n).map(|_| r.string()).collect();
            let mut out = Vec::with_capacity(4 + 8 * n);
            out.extend_from_slice(&(n as i32).to_be_bytes());
            for s in &items {
                out.extend_from_slice(&work::hash(s).to_be_bytes());
            }
            Ok(RustBuffer::from_vec(out))
        })
    }
}

/// Sum types as UniFFI serializes enums: i32 count, then per value its 1-based variant index
/// (i32) and its fields, big-endian.
///
/// # Safety
/// `status` is writable.
#[no_mangle]
pub unsafe extern "C" fn benchser_ops(n: u32, status: *mut RustCallStatus) -> RustBuffer {
    // SAFETY: forwarded from the caller.
    unsafe {
        call(status, || {
            let ops = work::ops(n);
            let mut out = Vec::with_capacity(4 + ops.len() * 20);
            out.extend_from_slice(&(ops.len() as i32).to_be_bytes());
            for op in &ops {
                match *op {
                    crate::Op::Insert(v) => {
                        out.extend_from_slice(&1i32.to_be_bytes());
                        out.extend_from_slice(&v.to_be_bytes());
                    }
                    crate::Op::Delete { at, len } => {
                        out.extend_from_slice(&2i32.to_be_bytes());
                        out.extend_from_slice(&at.to_be_bytes());
                        out.extend_from_slice(&len.to_be_bytes());
                    }
                    crate::Op::Reset => out.extend_from_slice(&3i32.to_be_bytes()),
                }
            }
            Ok(RustBuffer::from_vec(out))
        })
    }
}

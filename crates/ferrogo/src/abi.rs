//! The C-level types that cross the boundary. Their C mirrors are written by `ferrogo-gen`
//! (`crates/ferrogo-gen/src/preamble.rs`); both follow `docs/ARCHITECTURE.md#abi`.

use std::mem::MaybeUninit;

/// Borrowed Go memory (`string` or `[]byte` data), valid only during the call. An empty value may
/// have a null pointer.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiSlice {
    pub ptr: *const u8,
    pub len: usize,
}

/// A list of strings or byte strings from Go, read in place in one crossing: `items` is the
/// address of the Go slice's backing array, `n` Go string headers (`{ptr, len}`, read as
/// [`FfiSlice`]) or Go slice headers (`{ptr, len, cap}`, read as [`GoSlice`]). The address is an
/// integer because that array holds Go pointers, which cgo refuses in Go memory passed to C; Go
/// keeps the list on the heap (which never moves) and alive for the call (ADR 0007). Valid only
/// during the call.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiList {
    pub items: usize,
    pub n: usize,
    /// Bytes in all elements, for call statistics only (Rust reads what the headers describe).
    pub size: usize,
}

/// A Go slice header, as a `[][]byte` list holds them.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct GoSlice {
    pub ptr: *const u8,
    pub len: usize,
    pub cap: usize,
}

/// A Rust-owned buffer handed to Go, which copies it and then calls the function's free shim.
/// Empty buffers are `{null, 0, 0}`: Go never sees Rust's dangling pointer for empty vectors.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiVec {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
}

impl FfiVec {
    pub const EMPTY: FfiVec = FfiVec {
        ptr: std::ptr::null_mut(),
        len: 0,
        cap: 0,
    };

    pub fn from_vec<T>(v: Vec<T>) -> FfiVec {
        if v.is_empty() {
            return FfiVec::EMPTY;
        }
        let mut v = std::mem::ManuallyDrop::new(v);
        FfiVec {
            ptr: v.as_mut_ptr().cast(),
            len: v.len(),
            cap: v.capacity(),
        }
    }

    /// Moves a byte vector into Go's scratch buffer when it fits, freeing the Rust allocation
    /// now: the result then points at `scratch`, and Go skips the free crossing.
    ///
    /// # Safety
    /// `self` came from `FfiVec::from_vec::<u8>`; `scratch` is null or writable for `cap` bytes.
    pub unsafe fn into_scratch(self, scratch: *mut u8, cap: usize) -> FfiVec {
        if self.ptr.is_null() || scratch.is_null() || self.len > cap {
            return self;
        }
        // SAFETY: both regions are valid for `len` bytes (ours by construction, Go's by the
        // caller) and cannot overlap: one is a Rust allocation, the other Go memory.
        unsafe { std::ptr::copy_nonoverlapping(self.ptr, scratch, self.len) };
        let len = self.len;
        // SAFETY: forwarded from the caller: this is a Vec<u8> we own.
        drop(unsafe { self.into_vec::<u8>() });
        FfiVec {
            ptr: scratch,
            len,
            cap: 0,
        }
    }

    /// # Safety
    /// `self` came from [`FfiVec::from_vec::<T>`] and is consumed once.
    pub unsafe fn into_vec<T>(self) -> Vec<T> {
        if self.ptr.is_null() {
            return Vec::new();
        }
        // SAFETY: the caller guarantees ptr/len/cap describe a Vec<T> that we own.
        unsafe { Vec::from_raw_parts(self.ptr.cast(), self.len, self.cap) }
    }
}

/// `Option<T>` by value: `value` is only meaningful when `is_some` is 1.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiOption<T: Copy> {
    pub is_some: u8,
    pub value: MaybeUninit<T>,
}

/// Two values side by side: a map entry (key, value) or a 2-tuple result. `FfiTuple3` and
/// `FfiTuple4` hold longer tuples.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiTuple2<A: Copy, B: Copy> {
    pub f0: A,
    pub f1: B,
}

/// See [`FfiTuple2`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiTuple3<A: Copy, B: Copy, C: Copy> {
    pub f0: A,
    pub f1: B,
    pub f2: C,
}

/// See [`FfiTuple2`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiTuple4<A: Copy, B: Copy, C: Copy, D: Copy> {
    pub f0: A,
    pub f1: B,
    pub f2: C,
    pub f3: D,
}

/// A point in time as Go's `time.Unix(secs, nanos)` takes it: `nanos` in `0..1e9`, `secs`
/// negative before 1970.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiTime {
    pub secs: i64,
    pub nanos: u32,
}

/// A `Range<T>` or `RangeInclusive<T>` of an integer `T`: its two bounds, as Go's
/// `ferrogo.Range[T]` holds them.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiRange<T: Copy> {
    pub start: T,
    pub end: T,
}

/// What every shim returns, by value: the result, or a non-null error. Returning by value (not
/// through an out-pointer to Go memory) keeps Go callers free of heap escapes.
#[repr(C)]
pub struct Ret<T: Copy> {
    pub value: MaybeUninit<T>,
    pub err: *mut FfiError,
}

impl<T: Copy> Ret<T> {
    pub fn ok(value: T) -> Ret<T> {
        Ret {
            value: MaybeUninit::new(value),
            err: std::ptr::null_mut(),
        }
    }

    pub fn err(err: *mut FfiError) -> Ret<T> {
        // Zeroed, not uninit: Go does not read it, but C tools (valgrind) should see defined bytes.
        Ret {
            value: MaybeUninit::zeroed(),
            err,
        }
    }
}

/// An error on its way to Go: a header Go reads, pointing at the encoded payload. Go copies it
/// and marks it `done`; the thread that built it frees or reuses it later (see `error_pool`), so
/// the error path has no second crossing. A static error (a unit variant's, see `UnitCache`) is
/// done from the start.
#[repr(C)]
pub struct FfiError {
    pub kind: u32,
    pub variant: u32,
    pub data: *const u8,
    pub len: usize,
    /// 0 while Go may read the error; Go stores 1 once it has copied it.
    pub done: std::sync::atomic::AtomicU32,
}

/// Frees a value an error's payload points at, when the error is freed.
pub struct Owned(Box<dyn FnOnce()>);

impl Owned {
    pub fn new(free: impl FnOnce() + 'static) -> Owned {
        Owned(Box::new(free))
    }

    pub(crate) fn run(self) {
        (self.0)()
    }
}

impl std::fmt::Debug for Owned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Owned(..)")
    }
}

/// What went wrong, as Go's decoder (`go/rt/error.go`) expects it.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A `#[ferrogo::error]` variant: `variant` is its index; payload = message, then fields.
    User = 0,
    /// A caught panic: message, file, line, column, backtrace.
    Panic = 1,
    /// Invalid UTF-8 in a string argument: argument name, valid_up_to.
    InvalidUtf8 = 2,
    /// A closed, stale or forged handle: object type name, then the argument naming it ("" for
    /// the receiver).
    Closed = 3,
    /// An object whose earlier call panicked: object type name, then the argument ("" for the
    /// receiver).
    Poisoned = 4,
    /// An argument Rust cannot accept (e.g. an unknown enum value): argument name, message.
    InvalidArgument = 5,
    /// The call saw its `ferrogo::Cancel` token fire.
    Canceled = 6,
    /// A result Go cannot represent: detail.
    InvalidResult = 7,
    /// A panic of Go code the call called (a callback method or func that cannot fail), raised
    /// again in Rust: the Go code's name, the panic value, the goroutine's stack.
    GoPanic = 8,
    /// An object the call needs is in use by an enclosing call of the same thread (reached
    /// through a callback) or by the call itself, in a way that excludes this use: object type
    /// name, then the argument naming it ("" for the receiver). Waiting would never end.
    Reentrant = 9,
    /// Not an error: the receiver is held by an exclusive call of another thread, and the Go
    /// caller parks its goroutine and calls again (ADR 0012). A static error, always done.
    Busy = 10,
}

/// What Go's `ferrogo.ErrReentrant` says, as Go prints a re-entrant failure raised as a panic
/// through Go code: a Go panic carrying it is not the object's fault (see `panic::reentrant`).
pub const REENTRANT_MARK: &str = "(re-entrant use)";

impl FfiError {
    pub fn new(kind: ErrorKind, variant: u32, payload: Vec<u8>) -> *mut FfiError {
        FfiError::with_owned(kind, variant, payload, Vec::new())
    }

    /// An error whose payload points at `owned` values (freed with the error).
    pub fn with_owned(kind: ErrorKind, variant: u32, payload: Vec<u8>, owned: Vec<Owned>) -> *mut FfiError {
        crate::error_pool::publish(kind, variant, payload, owned)
    }

    /// A static error: built once, never freed, done from the start.
    pub fn leaked(kind: ErrorKind, variant: u32, payload: Vec<u8>) -> *mut FfiError {
        let payload: &'static [u8] = Vec::leak(payload);
        Box::into_raw(Box::new(FfiError {
            kind: kind as u32,
            variant,
            data: payload.as_ptr(),
            len: payload.len(),
            done: std::sync::atomic::AtomicU32::new(1),
        }))
    }

    /// Marks `e` done, as Go does: its memory goes back to the thread that built it.
    ///
    /// # Safety
    /// `e` came from this module, and is not read after this.
    pub unsafe fn free(e: *mut FfiError) {
        // SAFETY: forwarded from the caller.
        unsafe { crate::error_pool::release(e) }
    }
}

/// Little-endian encoder of error payloads (strings are u32 length + bytes). Fields of other
/// types are lowered to their C representation, which the payload points at and the error owns.
#[derive(Default)]
pub struct Encoder(pub Vec<u8>, pub Vec<Owned>);

impl Encoder {
    /// An encoder for an error's payload, writing into a buffer this thread's last error freed.
    pub fn for_error() -> Encoder {
        Encoder(crate::error_pool::buffer(), Vec::new())
    }

    /// Writes `v`'s `Display` text as a string, formatted in place.
    pub fn display(&mut self, v: &dyn std::fmt::Display) -> &mut Self {
        struct Bytes<'a>(&'a mut Vec<u8>);
        impl std::fmt::Write for Bytes<'_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                self.0.extend_from_slice(s.as_bytes());
                Ok(())
            }
        }
        let at = self.0.len();
        self.0.extend_from_slice(&[0; 4]);
        // Fails only if `Display` does; the text written up to there is kept.
        let _ = std::fmt::write(&mut Bytes(&mut self.0), format_args!("{v}"));
        let len = u32::try_from(self.0.len() - at - 4).unwrap_or(u32::MAX);
        self.0[at..at + 4].copy_from_slice(&len.to_le_bytes());
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
        self.0.extend_from_slice(&len.to_le_bytes());
        self.0.extend_from_slice(&s.as_bytes()[..len as usize]);
        self
    }
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Lowers `value` and writes the address of its C representation, which the error frees.
    pub fn lowered<T: crate::__private::Lower + 'static>(&mut self, value: T) -> &mut Self {
        let abi = Box::into_raw(Box::new(value.lower()));
        self.u64(abi as u64);
        self.1.push(Owned::new(move || {
            // SAFETY: `abi` came from `Box::into_raw` above and `lower`, and is freed once, with
            // the error, after Go copied it.
            let abi = unsafe { Box::from_raw(abi) };
            // SAFETY: as above.
            unsafe { T::free(*abi) };
        }));
        self
    }
}

/// A value that can be a field of an error variant.
pub trait EncodeField {
    fn encode_field(&self, enc: &mut Encoder);
}

impl EncodeField for String {
    fn encode_field(&self, enc: &mut Encoder) {
        enc.str(self);
    }
}
impl EncodeField for bool {
    fn encode_field(&self, enc: &mut Encoder) {
        enc.0.push(u8::from(*self));
    }
}
impl EncodeField for f32 {
    fn encode_field(&self, enc: &mut Encoder) {
        enc.u64(f64::from(*self).to_bits());
    }
}
impl EncodeField for f64 {
    fn encode_field(&self, enc: &mut Encoder) {
        enc.u64(self.to_bits());
    }
}
macro_rules! encode_int {
    ($($t:ty),*) => {$(
        impl EncodeField for $t {
            fn encode_field(&self, enc: &mut Encoder) {
                // Sign-extended to 64 bits; Go converts back to the field's own type.
                enc.u64(*self as i64 as u64);
            }
        }
    )*};
}
encode_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_results_move_into_scratch_and_large_ones_stay() {
        let mut scratch = [0u8; 8];
        let small = FfiVec::from_vec(b"hello".to_vec());
        // SAFETY: `small` is a Vec<u8> from `from_vec`; `scratch` is writable for 8 bytes.
        let moved = unsafe { small.into_scratch(scratch.as_mut_ptr(), scratch.len()) };
        assert_eq!((moved.ptr, moved.len, moved.cap), (scratch.as_mut_ptr(), 5, 0));
        assert_eq!(&scratch[..5], b"hello");

        let large = FfiVec::from_vec(vec![7u8; 9]);
        // SAFETY: as above.
        let kept = unsafe { large.into_scratch(scratch.as_mut_ptr(), scratch.len()) };
        assert_ne!(kept.ptr, scratch.as_mut_ptr());
        // SAFETY: `kept` is still the Vec<u8> we own.
        assert_eq!(unsafe { kept.into_vec::<u8>() }, vec![7u8; 9]);

        // SAFETY: an empty vector is `EMPTY` and stays so.
        let empty = unsafe { FfiVec::from_vec(Vec::<u8>::new()).into_scratch(scratch.as_mut_ptr(), 8) };
        assert!(empty.ptr.is_null() && empty.len == 0);
    }
}

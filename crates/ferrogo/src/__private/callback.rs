//! Calls from Rust into Go: methods of `#[ferrogo::callback]` traits that Go implements, and Go
//! funcs passed as closures. Rust calls an `//export`ed Go function through a function pointer Go
//! registered at package init (no link-time dependency on Go, and no symbol per crate: ADR 0001),
//! with the Go value's handle, the lowered arguments and a [`FfiCallOut`] through which Go
//! reports what happened. A Go panic is recovered in Go before it can unwind into Rust frames.
//!
//! Arguments cross as results do (`Lower`: Rust memory Go copies, freed after the call; `&str`
//! and `&[u8]` are lent). Numbers and bools come back as the Go function's C result; other
//! results are *delivered*: before returning, Go calls `deliver` with the value lowered as an
//! argument (Go memory, valid during that call), which Rust lifts (copies) into the call's state.

use std::ffi::c_void;
use std::fmt;

use crate::__private::convert::{outside_scope, Lift, Lower, Utf8Scope};
use crate::__private::error::{ErrorEnum, LiftError};
use crate::abi::FfiSlice;

/// The Go code returned normally.
pub const STATUS_OK: u32 = 0;
/// The Go method returned a non-nil `error`.
pub const STATUS_ERROR: u32 = 1;
/// The Go code panicked (recovered in Go).
pub const STATUS_PANIC: u32 = 2;
/// The handle was released: a Go func called after the call it was passed to returned.
pub const STATUS_RELEASED: u32 = 3;

/// Shared with Go for one call (Rust memory; Go writes only through the two functions).
#[repr(C)]
pub struct FfiCallOut {
    /// Copies Go's status, error variant and message into Rust.
    pub report: unsafe extern "C" fn(*mut FfiCallOut, u32, i32, FfiSlice),
    /// Lifts a delivered result (a pointer to its argument representation) into Rust.
    pub deliver: unsafe extern "C" fn(*mut FfiCallOut, *const c_void),
    /// The Rust call's [`State`].
    pub state: *mut c_void,
}

/// What a call into Go produced, besides a direct result.
struct State<T> {
    status: u32,
    variant: i32,
    message: String,
    value: Option<Result<T, LiftError>>,
}

/// Why Go code did not return a value to Rust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackErrorKind {
    /// The Go method returned an error that is not a unit variant of the Rust error type (its
    /// `Error()` text is the message).
    Failed,
    /// The Go code panicked; the message holds the panic value and the goroutine's stack.
    Panicked,
    /// The Go value was released: a Go func kept and called after the call it was passed to.
    Released,
    /// Go returned a value Rust cannot represent (invalid UTF-8 in a `String`, say).
    InvalidResult,
}

/// A call into Go code that did not return a value: a `#[ferrogo::callback]` method whose Rust
/// signature returns `Result<T, E>` gets `E::from(CallbackError)` (so `E` must implement
/// `From<ferrogo::CallbackError>`), unless Go returned the sentinel of one of `E`'s unit
/// variants, which comes back as that variant. An infallible method panics with it instead,
/// which reaches the Go caller of the exported function as a `*ferrogo.PanicError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackError {
    kind: CallbackErrorKind,
    callee: &'static str,
    message: String,
    /// The unit variant of the method's error type that Go's error matched (`errors.Is`).
    variant: Option<u32>,
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let callee = self.callee;
        match self.kind {
            CallbackErrorKind::Failed => write!(f, "Go {callee}: {}", self.message),
            CallbackErrorKind::Panicked => write!(f, "Go {callee} panicked: {}", self.message),
            CallbackErrorKind::Released => write!(
                f,
                "Go {callee} was called after the call it was passed to returned (a Go func is valid only during that call)"
            ),
            CallbackErrorKind::InvalidResult => write!(f, "Go {callee} returned an invalid value: {}", self.message),
        }
    }
}

impl std::error::Error for CallbackError {}

impl CallbackError {
    pub fn kind(&self) -> &CallbackErrorKind {
        &self.kind
    }

    /// Which Go code: `Progress.OnProgress`, or `the func argument visit of Walk`.
    pub fn callee(&self) -> &str {
        self.callee
    }

    /// Go's `Error()` text, or the panic value and stack.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Panics with this error (infallible callback methods): the panic reaches the Go caller of
    /// the exported function as a `*ferrogo.PanicError`.
    #[track_caller]
    pub fn raise(self) -> ! {
        panic!("{self}")
    }
}

/// Argument types Rust passes to Go code.
///
/// # Safety
/// `free_cb` releases exactly what `lower_cb` allocated.
pub unsafe trait CbArg {
    type Abi: Copy;
    fn lower_cb(self) -> Self::Abi;
    /// # Safety
    /// `abi` came from `lower_cb` and the Go call using it has returned.
    unsafe fn free_cb(_abi: Self::Abi) {}
}

// SAFETY: forwards to `Lower`, whose `free` releases what `lower` allocated.
unsafe impl<T: Lower> CbArg for T {
    type Abi = T::Abi;
    fn lower_cb(self) -> T::Abi {
        self.lower()
    }
    unsafe fn free_cb(abi: T::Abi) {
        // SAFETY: forwarded from the caller.
        unsafe { T::free(abi) }
    }
}

// SAFETY: lends the string for the call; nothing is allocated.
unsafe impl CbArg for &str {
    type Abi = FfiSlice;
    fn lower_cb(self) -> FfiSlice {
        FfiSlice {
            ptr: self.as_ptr(),
            len: self.len(),
        }
    }
}

// SAFETY: lends the bytes for the call; nothing is allocated.
unsafe impl CbArg for &[u8] {
    type Abi = FfiSlice;
    fn lower_cb(self) -> FfiSlice {
        FfiSlice {
            ptr: self.as_ptr(),
            len: self.len(),
        }
    }
}

unsafe extern "C" fn report<T>(out: *mut FfiCallOut, status: u32, variant: i32, message: FfiSlice) {
    // SAFETY: Go passes back the `out` Rust gave it, whose state is a live `State<T>` (the call
    // is still running); `message` is Go memory valid during this call.
    unsafe {
        let state = &mut *((*out).state as *mut State<T>);
        state.status = status;
        state.variant = variant;
        let bytes = crate::__private::convert::bytes(message);
        state.message = String::from_utf8_lossy(bytes).into_owned();
    }
}

/// `LOSSY`: the Rust method cannot report an error, so invalid UTF-8 in the result is read as
/// Go reads it (U+FFFD) instead of failing the call (ADR 0016).
unsafe extern "C" fn deliver<T: Lift, const LOSSY: bool>(out: *mut FfiCallOut, abi: *const c_void) {
    // SAFETY: as in `report`; `abi` points at `T`'s argument representation, built by Go for
    // this call (the generated code delivers the method's declared result type).
    unsafe {
        let state = &mut *((*out).state as *mut State<T>);
        let lift = || T::lift(std::ptr::read(abi as *const T::Abi));
        // The result is owned (a callback returns no borrows), so the scope may end here.
        let value = if LOSSY {
            let scope = Utf8Scope::new();
            let _lossy = scope.enter();
            lift()
        } else {
            lift()
        };
        state.value = Some(value);
    }
}

unsafe extern "C" fn deliver_nothing(_out: *mut FfiCallOut, _abi: *const c_void) {}

/// Runs one call into Go: `go` calls the registered function with the `FfiCallOut` and returns
/// its C result. The outcome is the direct result, if Go returned normally.
fn run<T, R>(
    callee: &'static str,
    deliver: unsafe extern "C" fn(*mut FfiCallOut, *const c_void),
    go: impl FnOnce(*mut FfiCallOut) -> R,
) -> (Result<R, CallbackError>, Option<Result<T, LiftError>>) {
    let mut state = State::<T> {
        status: STATUS_OK,
        variant: -1,
        message: String::new(),
        value: None,
    };
    let mut out = FfiCallOut {
        report: report::<T>,
        deliver,
        state: &mut state as *mut State<T> as *mut c_void,
    };
    // Go code may call exported functions, which choose their own reading of UTF-8.
    let direct = outside_scope(|| go(&mut out));
    let kind = match state.status {
        STATUS_OK => return (Ok(direct), state.value),
        STATUS_ERROR => CallbackErrorKind::Failed,
        STATUS_RELEASED => CallbackErrorKind::Released,
        _ => CallbackErrorKind::Panicked,
    };
    let err = CallbackError {
        kind,
        callee,
        message: state.message,
        variant: u32::try_from(state.variant).ok(),
    };
    (Err(err), None)
}

/// A call whose Go function returns nothing (unit results).
pub fn call_unit(callee: &'static str, go: impl FnOnce(*mut FfiCallOut)) -> Result<(), CallbackError> {
    run::<(), ()>(callee, deliver_nothing, go).0
}

/// A call whose Go function returns a number or bool as its C result.
pub fn call_direct<T: Lift>(
    callee: &'static str,
    go: impl FnOnce(*mut FfiCallOut) -> T::Abi,
) -> Result<T, CallbackError> {
    let abi = run::<T, T::Abi>(callee, deliver_nothing, go).0?;
    // SAFETY: a scalar's representation holds no pointers.
    unsafe { T::lift(abi) }.map_err(|e| invalid(callee, e))
}

/// A call whose Go function delivers its result before returning; `LOSSY` reads invalid UTF-8
/// in it as Go does (for methods that cannot return an error), else it is an `InvalidResult`.
pub fn call_delivered<T: Lift, const LOSSY: bool>(
    callee: &'static str,
    go: impl FnOnce(*mut FfiCallOut),
) -> Result<T, CallbackError> {
    let (ret, value) = run::<T, ()>(callee, deliver::<T, LOSSY>, go);
    ret?;
    match value {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(invalid(callee, e)),
        None => Err(CallbackError {
            kind: CallbackErrorKind::InvalidResult,
            callee,
            message: "no result was delivered".into(),
            variant: None,
        }),
    }
}

fn invalid(callee: &'static str, e: LiftError) -> CallbackError {
    CallbackError {
        kind: CallbackErrorKind::InvalidResult,
        callee,
        message: e.to_string(),
        variant: None,
    }
}

/// The error a `Result`-returning callback method returns for `err`: the unit variant Go
/// matched, or `E::from(err)`.
pub fn user_error<E: ErrorEnum + From<CallbackError>>(err: CallbackError) -> E {
    match err.variant.and_then(E::unit_variant) {
        Some(e) => e,
        None => E::from(err),
    }
}

/// Frees an argument after the Go call returned.
///
/// # Safety
/// `abi` came from `A::lower_cb` and is freed once.
pub unsafe fn free_arg<A: CbArg>(abi: A::Abi) {
    // SAFETY: forwarded from the caller.
    unsafe { A::free_cb(abi) }
}

/// A Go value's handle that Rust holds: released (in Go) when dropped.
pub struct GoHandle {
    handle: u64,
    release: unsafe extern "C" fn(u64),
}

impl GoHandle {
    pub fn new(handle: u64, release: unsafe extern "C" fn(u64)) -> GoHandle {
        GoHandle { handle, release }
    }

    pub fn get(&self) -> u64 {
        self.handle
    }
}

impl Drop for GoHandle {
    fn drop(&mut self) {
        // SAFETY: `release` is the Go package's release function for this handle's table,
        // registered at init; each handle is released once (here).
        unsafe { (self.release)(self.handle) }
    }
}

/// Implemented by the macro for `dyn Trait` of each `#[ferrogo::callback]` trait: the proxy that
/// calls the Go value behind a handle.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a trait Go code can implement",
    label = "not a `#[ferrogo::callback]` trait",
    note = "add `#[ferrogo::callback]` to the trait (it must be `Send + Sync`): Go implements it as an interface"
)]
pub trait CallbackTrait {
    type Proxy: Send + Sync + 'static;
    /// Takes ownership of `handle` (the proxy releases it when dropped).
    fn from_handle(handle: u64) -> Self::Proxy;
}

/// The function table a Go package registered at init for one trait or func argument.
pub struct Registered<T>(std::sync::OnceLock<T>);

impl<T> Registered<T> {
    pub const fn new() -> Self {
        Registered(std::sync::OnceLock::new())
    }

    /// Called by the registration shim (once, from the Go package's init).
    pub fn set(&self, table: T) {
        let _ = self.0.set(table);
    }

    pub fn get(&self, what: &str) -> &T {
        self.0.get().unwrap_or_else(|| {
            panic!("the Go package did not register {what}: it must be initialized before Rust calls into Go (a Go package generated by the same ferrogo build)")
        })
    }
}

impl<T> Default for Registered<T> {
    fn default() -> Self {
        Self::new()
    }
}

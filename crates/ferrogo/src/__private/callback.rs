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
//! An error Go returns is reported (its text); when it matches a variant of the method's Rust
//! error type (`errors.Is` with a sentinel, `errors.As` with a variant's struct), Go delivers
//! that variant too, as the error enum's mirror, and Rust gets the variant with its fields.

use std::convert::Infallible;
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
    /// Copies Go's status and message (an error's text, or a panic's value) and, for a panic,
    /// the goroutine's stack into Rust.
    pub report: unsafe extern "C" fn(*mut FfiCallOut, u32, FfiSlice, FfiSlice),
    /// Lifts a delivered value into Rust: the result (a pointer to its argument
    /// representation), or, after Go reported an error, the variant of the method's error type
    /// it matched (a pointer to the error enum's mirror).
    pub deliver: unsafe extern "C" fn(*mut FfiCallOut, *const c_void),
    /// The Rust call's [`State`].
    pub state: *mut c_void,
}

/// What a call into Go produced, besides a direct result: `T` is a delivered result, `E` the
/// method's error type.
struct State<T, E> {
    status: u32,
    message: String,
    stack: String,
    value: Option<Result<T, LiftError>>,
    error: Option<Result<E, LiftError>>,
}

/// Why Go code did not return a value to Rust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackErrorKind {
    /// The Go method returned an error that matches no variant of the Rust error type (its
    /// `Error()` text is the message).
    Failed,
    /// The Go code panicked; the message is the panic value, and the goroutine's stack is kept.
    Panicked,
    /// The Go value was released: a Go func kept and called after the call it was passed to.
    Released,
    /// Go returned a value Rust cannot represent (invalid UTF-8 in a `String`, say), or an
    /// error of the method's error type whose fields Rust cannot represent.
    InvalidResult,
}

/// A call into Go code that did not return a value: a `#[ferrogo::callback]` method whose Rust
/// signature returns `Result<T, E>` gets `E::from(CallbackError)` (so `E` must implement
/// `From<ferrogo::CallbackError>`), unless Go returned an error of `E`'s Go type (a unit
/// variant's sentinel, or a data variant's struct, also wrapped: `errors.Is`/`errors.As`),
/// which comes back as that variant with its fields. An infallible method panics with it
/// instead, which reaches the Go caller of the exported function as a `*ferrogo.PanicError`
/// (for a Go panic, one that says so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackError {
    kind: CallbackErrorKind,
    callee: &'static str,
    message: String,
    /// The goroutine's stack, for a panic.
    stack: String,
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let callee = self.callee;
        match self.kind {
            CallbackErrorKind::Failed => write!(f, "Go {callee}: {}", self.message),
            CallbackErrorKind::Panicked => write!(f, "Go {callee} panicked: {}\n\n{}", self.message, self.stack),
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

    /// Go's `Error()` text, or the panic value (as Go's `%v` prints it).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The stack of the goroutine that panicked (empty unless the Go code panicked).
    pub fn stack(&self) -> &str {
        &self.stack
    }

    /// Panics with this error (infallible callback methods): the panic reaches the Go caller of
    /// the exported function as a `*ferrogo.PanicError`, which for a Go panic names the Go code
    /// and carries its value and stack.
    #[track_caller]
    pub fn raise(self) -> ! {
        let message = self.to_string();
        if self.kind == CallbackErrorKind::Panicked {
            crate::__private::panic::raising_go_panic(self.callee, self.message, self.stack, &message);
        }
        panic!("{message}")
    }
}

/// Why a call into Go returned no value, for a method whose Rust error type is `E`
/// (`Infallible` for methods and funcs that cannot fail).
#[derive(Debug)]
pub enum Failure<E> {
    /// Go returned an error of `E`'s Go type: this variant, with its fields.
    Returned(E),
    /// Anything else: another error, a panic, a released func or an invalid result.
    Callback(CallbackError),
}

impl Failure<Infallible> {
    /// Panics with the error (infallible methods and funcs): see [`CallbackError::raise`].
    #[track_caller]
    pub fn raise(self) -> ! {
        match self {
            Failure::Returned(never) => match never {},
            Failure::Callback(e) => e.raise(),
        }
    }
}

/// The error type `E` of a call into Go: the `E` of a callback method returning `Result<T, E>`
/// (a `#[ferrogo::error]` enum, which Go delivers as its mirror), or `Infallible` for methods and
/// funcs that cannot fail.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a ferrogo error",
    label = "the error type of a callback method",
    note = "add `#[ferrogo::error]` to the enum `{Self}` (and implement `From<ferrogo::CallbackError>` for it)"
)]
pub trait GoError: Lift {}

impl<E: ErrorEnum + Lift> GoError for E {}

impl GoError for Infallible {}

// SAFETY: lifts nothing: Go delivers no result for a unit or direct result, and no error for
// Go code that cannot fail (the `T` and `E` such calls use).
unsafe impl Lift for Infallible {
    type Abi = u8;
    unsafe fn lift(_: u8) -> Result<Self, LiftError> {
        Err(LiftError::Invalid(
            "Go delivered a value where none was expected".into(),
        ))
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

unsafe extern "C" fn report<T, E>(out: *mut FfiCallOut, status: u32, message: FfiSlice, stack: FfiSlice) {
    // SAFETY: Go passes back the `out` Rust gave it, whose state is a live `State<T, E>` (the
    // call is still running); `message` and `stack` are Go memory valid during this call.
    unsafe {
        let state = &mut *((*out).state as *mut State<T, E>);
        state.status = status;
        let text = |s| String::from_utf8_lossy(crate::__private::convert::bytes(s)).into_owned();
        state.message = text(message);
        state.stack = text(stack);
    }
}

/// `LOSSY`: the Rust method cannot report an error, so invalid UTF-8 in the result is read as
/// Go reads it (U+FFFD) instead of failing the call (ADR 0016).
unsafe extern "C" fn deliver<T: Lift, E: GoError, const LOSSY: bool>(
    out: *mut FfiCallOut,
    abi: *const c_void,
) {
    // SAFETY: as in `report`; `abi` points at the argument representation of `T` (a result) or,
    // once Go reported an error, of `E` (the variant it matched), built by Go for this call:
    // the generated code delivers the method's declared result and error types.
    unsafe {
        let state = &mut *((*out).state as *mut State<T, E>);
        if state.status == STATUS_ERROR {
            state.error = Some(E::lift(std::ptr::read(abi as *const E::Abi)));
        } else {
            let lift = || T::lift(std::ptr::read(abi as *const T::Abi));
            // The result is owned (a callback returns no borrows), so the scope may end here.
            state.value = Some(if LOSSY {
                let scope = Utf8Scope::new();
                let _lossy = scope.enter();
                lift()
            } else {
                lift()
            });
        }
    }
}

/// A result Go delivered, lifted (or not), if it delivered one.
type Delivered<T> = Option<Result<T, LiftError>>;

/// Runs one call into Go: `go` calls the registered function with the `FfiCallOut` and returns
/// its C result. If Go returned normally, the outcome is the direct result and the delivered
/// one.
fn run<T: Lift, E: GoError, R, const LOSSY: bool>(
    callee: &'static str,
    go: impl FnOnce(*mut FfiCallOut) -> R,
) -> Result<(R, Delivered<T>), Failure<E>> {
    let mut state = State::<T, E> {
        status: STATUS_OK,
        message: String::new(),
        stack: String::new(),
        value: None,
        error: None,
    };
    let mut out = FfiCallOut {
        report: report::<T, E>,
        deliver: deliver::<T, E, LOSSY>,
        state: &mut state as *mut State<T, E> as *mut c_void,
    };
    // Go code may call exported functions, which choose their own reading of UTF-8.
    let direct = outside_scope(|| go(&mut out));
    let (kind, message) = match (state.status, state.error) {
        (STATUS_OK, _) => return Ok((direct, state.value)),
        (STATUS_ERROR, Some(Ok(e))) => return Err(Failure::Returned(e)),
        (STATUS_ERROR, Some(Err(e))) => (
            CallbackErrorKind::InvalidResult,
            format!(
                "an error whose fields Rust cannot represent ({}): {e}",
                state.message
            ),
        ),
        (STATUS_ERROR, None) => (CallbackErrorKind::Failed, state.message),
        (STATUS_RELEASED, _) => (CallbackErrorKind::Released, state.message),
        _ => (CallbackErrorKind::Panicked, state.message),
    };
    let err = CallbackError {
        kind,
        callee,
        message,
        stack: state.stack,
    };
    Err(Failure::Callback(err))
}

/// A call whose Go function returns nothing (unit results); `E` is the method's error type.
pub fn call_unit<E: GoError>(
    callee: &'static str,
    go: impl FnOnce(*mut FfiCallOut),
) -> Result<(), Failure<E>> {
    run::<Infallible, E, (), false>(callee, go).map(|_| ())
}

/// A call whose Go function returns a number or bool as its C result.
pub fn call_direct<T: Lift, E: GoError>(
    callee: &'static str,
    go: impl FnOnce(*mut FfiCallOut) -> T::Abi,
) -> Result<T, Failure<E>> {
    let (abi, _) = run::<Infallible, E, T::Abi, false>(callee, go)?;
    // SAFETY: a scalar's representation holds no pointers.
    unsafe { T::lift(abi) }.map_err(|e| invalid(callee, e.to_string()))
}

/// A call whose Go function delivers its result before returning; `LOSSY` reads invalid UTF-8
/// in it as Go does (for methods that cannot return an error), else it is an `InvalidResult`.
pub fn call_delivered<T: Lift, E: GoError, const LOSSY: bool>(
    callee: &'static str,
    go: impl FnOnce(*mut FfiCallOut),
) -> Result<T, Failure<E>> {
    let ((), value) = run::<T, E, (), LOSSY>(callee, go)?;
    match value {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(invalid(callee, e.to_string())),
        None => Err(invalid(callee, "no result was delivered".into())),
    }
}

fn invalid<E>(callee: &'static str, message: String) -> Failure<E> {
    Failure::Callback(CallbackError {
        kind: CallbackErrorKind::InvalidResult,
        callee,
        message,
        stack: String::new(),
    })
}

/// The error a `Result`-returning callback method returns: the variant Go returned, or
/// `E::from(CallbackError)`.
pub fn user_error<E: From<CallbackError>>(failure: Failure<E>) -> E {
    match failure {
        Failure::Returned(e) => e,
        Failure::Callback(err) => E::from(err),
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

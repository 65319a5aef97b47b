//! What `#[ferrogo::object]` implements for a type Go holds by handle, and how a call reaches
//! the value: shared (`&self`), exclusive (`&mut self`, or any method of an object that is not
//! `Sync`) or by value (`self`, which closes the handle).

use crate::__private::error::{CallError, LiftError};
use crate::__private::registry::{Entry, Registry, Unavailable};

#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a ferrogo object",
    label = "methods are exported for it",
    note = "add `#[ferrogo::object]` to the struct `{Self}`"
)]
pub trait Object: Send + Sized + 'static {
    /// The Rust type name, for `ErrClosed`/`ErrPoisoned` messages.
    const NAME: &'static str;
    /// Whether a panic in a method poisons the object.
    const POISON: bool;
    /// Whether every call needs the value to itself: the type is `Send` but not `Sync`, so even
    /// `&self` calls are serialized (a mutex rather than a read-write lock).
    const EXCLUSIVE: bool;
    fn registry() -> &'static Registry<Self>;
}

/// How a method reaches its receiver: an object through its handle, a record by value (Go
/// passes a copy). Implemented by `#[ferrogo::object]` and `#[ferrogo::record]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a ferrogo object or record",
    label = "methods are exported for it",
    note = "add `#[ferrogo::object]` to the struct `{Self}` (Go holds it by handle), or `#[ferrogo::record]` (Go copies it; its methods get a value receiver)"
)]
pub trait Receiver: Sized + 'static {
    /// What Go passes for the receiver.
    type Abi: Copy;
    /// Whether lifting the receiver reads strings from Go memory (a record's), so a method that
    /// reads invalid UTF-8 as Go does lifts it in its UTF-8 scope (`convert::text`).
    const MAY_HOLD_TEXT: bool = false;
    /// Runs a `&self` method.
    fn shared<R>(abi: Self::Abi, body: impl FnOnce(&Self) -> Result<R, CallError>) -> Result<R, CallError>;
    /// Runs a `self` method.
    fn owned<R>(abi: Self::Abi, body: impl FnOnce(Self) -> Result<R, CallError>) -> Result<R, CallError>;
    /// As [`shared`](Self::shared), but returns [`CallError::Busy`] at once instead of waiting
    /// for an exclusive call of another thread (the shim's Go caller parks and calls again).
    fn shared_or_busy<R>(
        abi: Self::Abi,
        body: impl FnOnce(&Self) -> Result<R, CallError>,
    ) -> Result<R, CallError> {
        Self::shared(abi, body)
    }
    /// As [`owned`](Self::owned), busy instead of waiting for another exclusive call.
    fn owned_or_busy<R>(
        abi: Self::Abi,
        body: impl FnOnce(Self) -> Result<R, CallError>,
    ) -> Result<R, CallError> {
        Self::owned(abi, body)
    }
}

/// Receivers a method may change in place (`&mut self`): objects, not records (Go passes a
/// record by value, so a change would be lost).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a record: its methods cannot take `&mut self`",
    label = "Go passes records by value",
    note = "take `&self` or `self` and return the changed value"
)]
pub trait ExclusiveReceiver: Receiver {
    fn exclusive<R>(
        abi: Self::Abi,
        body: impl FnOnce(&mut Self) -> Result<R, CallError>,
    ) -> Result<R, CallError>;
    /// As [`exclusive`](Self::exclusive), busy instead of waiting for another exclusive call.
    fn exclusive_or_busy<R>(
        abi: Self::Abi,
        body: impl FnOnce(&mut Self) -> Result<R, CallError>,
    ) -> Result<R, CallError> {
        Self::exclusive(abi, body)
    }
}

fn unavailable<T: Object>(handle: u64, why: Unavailable) -> CallError {
    match why {
        // Go's nil `*T` (handle 0, never valid) is not a closed object: an invalid receiver,
        // as a method of a nil `*os.File` returns `os.ErrInvalid`.
        _ if handle == 0 => LiftError::Invalid(format!("nil *{}", T::NAME)).for_arg("self"),
        Unavailable::Poisoned => CallError::Poisoned(T::NAME),
        Unavailable::Closed => CallError::Closed(T::NAME),
        Unavailable::Busy => CallError::Busy,
        // The receiver is pinned first, so an enclosing call (through a callback) holds it.
        Unavailable::InUse => CallError::Reentrant(T::NAME),
    }
}

/// `Receiver::shared` of an object: pins it (exclusively when it is not `Sync`), refuses a
/// poisoned one, and poisons it if the body unwinds. With `BUSY`, an exclusive call of another
/// thread on it is [`CallError::Busy`] rather than waited for.
#[inline]
pub fn shared<T: Object, R, const BUSY: bool>(
    handle: u64,
    body: impl FnOnce(&T) -> Result<R, CallError>,
) -> Result<R, CallError> {
    if T::EXCLUSIVE {
        return exclusive::<T, R, BUSY>(handle, |v: &mut T| body(v));
    }
    // Dropped last: a Close that overlapped this call drops the object when the pin goes.
    let pin = T::registry()
        .pin_in::<BUSY>(handle)
        .map_err(|why| unavailable::<T>(handle, why))?;
    let entry = pin.entry();
    if T::POISON && entry.is_poisoned() {
        return Err(CallError::Poisoned(T::NAME));
    }
    let poison_on_unwind = PoisonOnUnwind(entry);
    let result = body(pin.value());
    std::mem::forget(poison_on_unwind);
    result
}

/// `ExclusiveReceiver::exclusive` of an object: as [`shared`], holding the object alone.
pub fn exclusive<T: Object, R, const BUSY: bool>(
    handle: u64,
    body: impl FnOnce(&mut T) -> Result<R, CallError>,
) -> Result<R, CallError> {
    let mut pin = T::registry()
        .pin_exclusive_in::<BUSY>(handle)
        .map_err(|why| unavailable::<T>(handle, why))?;
    if T::POISON && pin.entry().is_poisoned() {
        return Err(CallError::Poisoned(T::NAME));
    }
    // SAFETY: the entry outlives `pin`; the guard only flags it, and is forgotten on success.
    let entry: &Entry<T> = unsafe { &*(pin.entry() as *const Entry<T>) };
    let poison_on_unwind = PoisonOnUnwind(entry);
    let result = body(pin.value_mut());
    std::mem::forget(poison_on_unwind);
    result
}

/// `Receiver::owned` of an object: takes the value out of the registry (closing the handle),
/// after calls in flight on it end.
pub fn owned<T: Object, R, const BUSY: bool>(
    handle: u64,
    body: impl FnOnce(T) -> Result<R, CallError>,
) -> Result<R, CallError> {
    let value = T::registry()
        .take_in::<BUSY>(handle, T::POISON)
        .map_err(|why| unavailable::<T>(handle, why))?;
    body(value)
}

/// The receiver of an async method: held (shared) until its future ends, on whichever thread
/// polls it. A `Close` meanwhile drops the value when the future ends.
pub fn hold<T: Object + Sync>(handle: u64) -> Result<crate::__private::registry::Held<T>, CallError> {
    let held = T::registry()
        .hold(handle)
        .map_err(|why| unavailable::<T>(handle, why))?;
    if T::POISON && held.is_poisoned() {
        return Err(CallError::Poisoned(T::NAME));
    }
    Ok(held)
}

/// Poisons a held object if the async method's future panics: dropped while unwinding (a
/// future dropped because its call was canceled does not poison).
pub struct PoisonHeldOnPanic<'a, T: Object>(pub &'a crate::__private::registry::Held<T>);

impl<T: Object> Drop for PoisonHeldOnPanic<'_, T> {
    fn drop(&mut self) {
        if T::POISON && std::thread::panicking() {
            self.0.poison();
        }
    }
}

/// Poisons the entry if dropped, which only happens while unwinding: the normal path forgets it.
struct PoisonOnUnwind<'a, T: Object>(&'a Entry<T>);

impl<T: Object> Drop for PoisonOnUnwind<'_, T> {
    fn drop(&mut self) {
        // A Go panic that only carries a refused re-entrant call (an infallible method called
        // from a callback) is not this object's fault, at whatever depth.
        if T::POISON && !crate::__private::panic::unwinding_reentrant() {
            self.0.poison();
        }
    }
}

/// An object argument's error, naming why it cannot be used.
fn arg_unavailable<T: Object>(handle: u64, why: Unavailable) -> LiftError {
    match why {
        _ if handle == 0 => LiftError::Invalid(format!("nil *{}", T::NAME)),
        Unavailable::Closed => LiftError::Closed(T::NAME),
        Unavailable::Poisoned => LiftError::Poisoned(T::NAME),
        // The receiver, another argument, or an enclosing call's object.
        Unavailable::InUse => LiftError::Reentrant(T::NAME),
        Unavailable::Busy => unreachable!("arguments are pinned waiting"),
    }
}

/// What an object argument borrowed for the call (`&Obj`) holds: the object, pinned.
pub enum ObjectRef<T: Object> {
    Shared(crate::__private::registry::Pin<'static, T>),
    Exclusive(crate::__private::registry::Exclusive<'static, T>),
}

impl<T: Object> ObjectRef<T> {
    /// Pins the object behind `handle` for the call; a nil, closed or poisoned one is an error
    /// naming the argument.
    pub fn pin(handle: u64) -> Result<ObjectRef<T>, LiftError> {
        let pinned = if T::EXCLUSIVE {
            T::registry().pin_exclusive(handle).map(ObjectRef::Exclusive)
        } else {
            T::registry().pin(handle).map(ObjectRef::Shared)
        }
        .map_err(|why| arg_unavailable::<T>(handle, why))?;
        if T::POISON && pinned.entry().is_poisoned() {
            return Err(LiftError::Poisoned(T::NAME));
        }
        Ok(pinned)
    }

    fn entry(&self) -> &Entry<T> {
        match self {
            ObjectRef::Shared(p) => p.entry(),
            ObjectRef::Exclusive(p) => p.entry(),
        }
    }

    pub fn get(&self) -> &T {
        match self {
            ObjectRef::Shared(p) => p.value(),
            ObjectRef::Exclusive(p) => p.value(),
        }
    }
}

/// An object passed by value: taken out of the registry (its Go handle is closed).
pub fn take_arg<T: Object>(handle: u64) -> Result<T, LiftError> {
    T::registry()
        .take(handle, T::POISON)
        .map_err(|why| arg_unavailable::<T>(handle, why))
}

/// Fails to compile (with the standard "cannot be sent between threads" message) for objects
/// that are not `Send`: Go calls objects from many goroutines, hence many threads.
pub const fn assert_object_is_send<T: Send + 'static>() {}

/// Whether `T` is `Sync`, decided at compile time for a concrete type (the macro writes
/// `Probe::<T>::SYNC`): the inherent constant applies when `T: Sync`, the trait's otherwise.
pub struct Probe<T>(std::marker::PhantomData<T>);

pub trait NotSync {
    const SYNC: bool = false;
}

impl<T> NotSync for Probe<T> {}

impl<T: Sync> Probe<T> {
    pub const SYNC: bool = true;
}

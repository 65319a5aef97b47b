//! What `#[ferrogo::object]` implements for a type Go holds by handle.

use crate::__private::registry::Registry;

#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a ferrogo object",
    label = "methods are exported for it",
    note = "add `#[ferrogo::object]` to the struct `{Self}`"
)]
pub trait Object: Send + Sync + Sized + 'static {
    /// The Rust type name, for `ErrClosed`/`ErrPoisoned` messages.
    const NAME: &'static str;
    /// Whether a panic in a method poisons the object.
    const POISON: bool;
    fn registry() -> &'static Registry<Self>;
}

/// Fails to compile (with the standard "cannot be sent/shared between threads" message) for objects
/// that are not `Send + Sync`: Go calls objects from many goroutines, hence many threads.
pub const fn assert_object_is_send_sync<T: Send + Sync + 'static>() {}

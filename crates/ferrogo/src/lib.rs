//! ferrogo: use a Rust library from Go as if it were written for Go.
//!
//! Annotate plain, safe Rust; `ferrogo build` writes the Go package:
//!
//! ```ignore
//! #[ferrogo::export]
//! pub fn add(a: i64, b: i64) -> i64 { a + b }        // Go: func Add(a, b int64) int64
//!
//! #[ferrogo::object]
//! pub struct Counter { n: std::sync::atomic::AtomicI64 }
//!
//! #[ferrogo::export]
//! impl Counter {
//!     #[ferrogo::constructor]
//!     pub fn new(start: i64) -> Self { Counter { n: start.into() } }   // Go: NewCounter(start int64) *Counter
//!     pub fn incr(&self, by: i64) -> i64 { /* ... */ 0 }            // Go: (*Counter).Incr(by int64) int64
//! }
//! ```
//!
//! Panics never cross into Go (they become `*ferrogo.PanicError`), objects are reached through
//! generational handles (closed handles give `ErrClosed`), and string arguments are UTF-8 checked.
//! Rust code runs on whichever OS thread cgo uses for the call: keep no per-call state in
//! thread-locals. See the guide in `docs/GUIDE.md`.

// WebAssembly has no unwinding here: a panic traps the instance, which the Go side turns into the
// same PanicError and replaces (ADR 0018). Everywhere else an abort would kill the Go process.
#[cfg(all(panic = "abort", not(target_family = "wasm")))]
compile_error!(
    "ferrogo needs `panic = \"unwind\"`: with `panic = \"abort\"` a Rust panic would kill the Go process. Remove `panic = \"abort\"` from your Cargo profile."
);

mod abi;
mod cancel;
mod error_pool;
mod iter;
#[cfg(target_family = "wasm")]
mod wasm;

pub use __private::callback::{CallbackError, CallbackErrorKind};
pub use cancel::Cancel;
pub use iter::Iter;

pub use ferrogo_macros::{callback, constructor, custom, error, export, object, record};

#[doc(hidden)]
pub mod __private;

/// Runs this crate's async functions on `handle`'s runtime instead of the one ferrogo starts
/// (a tokio multi-thread runtime with `ferrogo.Config.AsyncThreads` workers). Call it before the
/// first async call; returns false if a runtime was registered already.
#[cfg(feature = "async")]
pub fn use_tokio_runtime(handle: tokio::runtime::Handle) -> bool {
    __private::asyncs::use_runtime(handle)
}

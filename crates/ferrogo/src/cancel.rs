//! Cancellation from Go's `context.Context`.

use std::sync::atomic::{AtomicU32, Ordering};

/// A cancellation token. An exported function that takes `&ferrogo::Cancel` is a Go function that
/// takes a `context.Context` first and returns an `error`: when the context is canceled or its
/// deadline passes during the call, the token flips, and the Go function returns `ctx.Err()`
/// whatever the Rust function returned. Long-running Rust code polls [`Cancel::is_canceled`] at
/// convenient points (every few thousand iterations) and returns early.
///
/// ```
/// #[ferrogo::export]
/// pub fn count_primes(cancel: &ferrogo::Cancel, limit: u64) -> u64 {
///     let mut n = 0;
///     for i in 2..limit {
///         if i % 4096 == 0 && cancel.is_canceled() {
///             return n; // Go returns ctx.Err() instead of this partial count
///         }
///         if (2..i).take_while(|d| d * d <= i).all(|d| i % d != 0) {
///             n += 1;
///         }
///     }
///     n
/// }
/// ```
#[repr(transparent)]
pub struct Cancel(AtomicU32);

impl Cancel {
    /// A token that is never canceled (Go passes none for contexts that cannot be canceled).
    pub fn never() -> &'static Cancel {
        static NEVER: Cancel = Cancel(AtomicU32::new(0));
        &NEVER
    }

    /// Whether the Go context was canceled (or its deadline passed) since the call started.
    #[inline]
    pub fn is_canceled(&self) -> bool {
        self.0.load(Ordering::Acquire) != 0
    }
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cancel")
            .field("canceled", &self.is_canceled())
            .finish()
    }
}

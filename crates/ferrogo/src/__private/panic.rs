//! Panic capture: a process-wide hook records the message and location of panics raised inside
//! ferrogo calls (on the calling thread), instead of printing to the Go service's stderr. Panics
//! outside calls (a library's own threads) go to the previous hook as before.

use std::any::Any;
use std::backtrace::{Backtrace, BacktraceStatus};
use std::cell::{Cell, RefCell};
use std::panic::PanicHookInfo;
use std::sync::Once;

use crate::abi::{Encoder, ErrorKind, FfiError};

thread_local! {
    /// Depth of ferrogo calls on this thread (a call can re-enter through nested shims).
    static IN_CALL: Cell<u32> = const { Cell::new(0) };
    /// The last panic captured on this thread, taken by the trampoline that catches it.
    static CAPTURED: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

struct Captured {
    file: String,
    line: u32,
    column: u32,
    backtrace: String,
}

static HOOK: Once = Once::new();

/// Installs the hook once per process.
#[inline]
pub fn ensure_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        // Go's ferrogo.Config.PrintRustPanics sets this: print panics as well as returning them.
        let chain = std::env::var("FERROGO_PANIC_HOOK").is_ok_and(|v| v == "chain");
        std::panic::set_hook(Box::new(move |info| {
            if IN_CALL.with(Cell::get) > 0 {
                capture(info);
                if chain {
                    previous(info);
                }
            } else {
                previous(info);
            }
        }));
    });
}

fn capture(info: &PanicHookInfo<'_>) {
    let (file, line, column) = info
        .location()
        .map(|l| (l.file().to_string(), l.line(), l.column()))
        .unwrap_or_default();
    let bt = Backtrace::capture();
    let backtrace = match bt.status() {
        BacktraceStatus::Captured => bt.to_string(),
        _ => String::new(),
    };
    CAPTURED.with(|c| {
        *c.borrow_mut() = Some(Captured {
            file,
            line,
            column,
            backtrace,
        })
    });
}

/// Marks this thread as inside a ferrogo call for the guard's lifetime.
pub struct InCall(());

impl InCall {
    #[inline]
    pub fn enter() -> InCall {
        IN_CALL.with(|c| c.set(c.get() + 1));
        InCall(())
    }
}

impl Drop for InCall {
    #[inline]
    fn drop(&mut self) {
        IN_CALL.with(|c| c.set(c.get() - 1));
    }
}

/// Turns a caught panic payload into the error Go receives.
pub fn panic_error(payload: Box<dyn Any + Send>) -> *mut FfiError {
    let message = payload_message(&*payload);
    // Taken before the payload is dropped: a panic in its `Drop` would overwrite the location.
    let captured = CAPTURED.with(|c| c.borrow_mut().take());
    drop_payload(payload);
    // Forget what those panics captured, so it cannot be reported for a later panic.
    CAPTURED.with(|c| c.borrow_mut().take());
    let mut enc = Encoder::default();
    enc.str(&message);
    match captured {
        Some(c) => enc.str(&c.file).u32(c.line).u32(c.column).str(&c.backtrace),
        None => enc.str("").u32(0).u32(0).str(""),
    };
    FfiError::new(ErrorKind::Panic, 0, enc.0)
}

fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "Box<dyn Any> (a panic payload that is not a string)".to_string()
    }
}

/// Drops a panic payload without letting a panic in its `Drop` unwind into Go (which would
/// abort the process): the new payload is dropped the same way, and only a chain of payloads
/// whose drops keep panicking is cut short by leaking the last one.
pub(crate) fn drop_payload(mut payload: Box<dyn Any + Send>) {
    for _ in 0..8 {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(payload))) {
            Ok(()) => return,
            Err(next) => payload = next,
        }
    }
    std::mem::forget(payload);
}

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
    /// The one captured before it: the panic being unwound when a destructor panicked.
    static PREVIOUS: RefCell<Option<Captured>> = const { RefCell::new(None) };
    /// The Go panic this thread is raising again (a callback that cannot fail panicked in
    /// Go), taken by the trampoline that catches it, so Go hears of a Go panic, not a Rust one.
    static GO_PANIC: RefCell<Option<GoPanic>> = const { RefCell::new(None) };
}

/// A Go panic raised again in Rust, and the message of the Rust panic carrying it.
struct GoPanic {
    callee: &'static str,
    value: String,
    stack: String,
    message: String,
}

/// Notes that this thread is about to panic with `message` because the Go code `callee`
/// panicked with `value` (see [`crate::CallbackError::raise`]).
pub fn raising_go_panic(callee: &'static str, value: String, stack: String, message: &str) {
    let panic = GoPanic {
        callee,
        value,
        stack,
        message: message.to_string(),
    };
    GO_PANIC.with(|g| *g.borrow_mut() = Some(panic));
}

/// Whether this thread is unwinding a Go panic whose value is a refused re-entrant call
/// (`ferrogo.ErrReentrant` raised by a method without an error result, in Go code called back):
/// the objects the unwinding calls hold are not poisoned by it, since nothing ran on the object
/// the refused call named and the enclosing methods were interrupted by Go, not by their own bug.
pub fn unwinding_reentrant() -> bool {
    GO_PANIC.with(|g| {
        g.borrow()
            .as_ref()
            .is_some_and(|p| p.value.contains(crate::abi::REENTRANT_MARK))
    })
}

/// What Rust's core library panics with when it must abort instead of unwinding: a destructor
/// that panicked while another panic unwound, or a panic in a function that cannot unwind.
const ABORTING: [&str; 2] = [
    "panic in a destructor during cleanup",
    "panic in a function that cannot unwind",
];

struct Captured {
    /// The payload's message, to tell this panic from a payload re-raised later without the
    /// hook (`resume_unwind`).
    message: String,
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
                if info.payload_as_str().is_some_and(|m| ABORTING.contains(&m)) {
                    // The process is about to abort: say why while we still can.
                    print_abort(info);
                    return;
                }
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
    let message = info
        .payload_as_str()
        .map_or_else(|| payload_message(info.payload()), str::to_string);
    let (file, line, column) = info
        .location()
        .map(|l| (l.file().to_string(), l.line(), l.column()))
        .unwrap_or_default();
    let bt = Backtrace::capture();
    let backtrace = match bt.status() {
        BacktraceStatus::Captured => bt.to_string(),
        _ => String::new(),
    };
    #[cfg(target_family = "wasm")]
    crate::wasm::publish_panic(&message, &file, line, column);
    let previous = CAPTURED.with(|c| {
        c.borrow_mut().replace(Captured {
            message,
            file,
            line,
            column,
            backtrace,
        })
    });
    PREVIOUS.with(|p| *p.borrow_mut() = previous);
}

/// Prints the panics that led to an abort, which the capturing hook would otherwise keep to
/// itself: the process dies without returning them to Go.
fn print_abort(info: &PanicHookInfo<'_>) {
    let describe = |c: Option<Captured>| match c {
        Some(c) => format!("'{}' at {}:{}:{}", c.message, c.file, c.line, c.column),
        None => "(not recorded)".to_string(),
    };
    let unwinding = PREVIOUS.with(|p| p.borrow_mut().take());
    let latest = CAPTURED.with(|c| c.borrow_mut().take());
    let reason = info.payload_as_str().unwrap_or_default();
    eprintln!(
        "ferrogo: Rust is aborting the process ({reason}): a panic cannot unwind here, so it cannot become a Go error.\n  panic being unwound: {}\n  panic that aborts:   {}",
        describe(unwinding),
        describe(latest),
    );
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

/// Runs `f` as ferrogo runs Rust code for Go: with the hook installed and the in-call flag set,
/// a panic caught and turned into the error Go receives (shims, and each poll of an async call's
/// future).
#[inline]
pub fn catching<R>(f: impl FnOnce() -> R) -> Result<R, *mut FfiError> {
    ensure_hook();
    let _in_call = InCall::enter();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(panic_error)
}

/// Turns a caught panic payload into the error Go receives.
pub fn panic_error(payload: Box<dyn Any + Send>) -> *mut FfiError {
    let message = payload_message(&*payload);
    // Taken before the payload is dropped: a panic in its `Drop` would overwrite the location.
    // A payload re-raised with `resume_unwind` runs no hook: what was captured then belongs to
    // an earlier panic (one the library caught) unless the messages match.
    let captured = CAPTURED
        .with(|c| c.borrow_mut().take())
        .filter(|c| c.message == message);
    // Likewise, a Go panic is this one only if the messages match.
    let go = GO_PANIC
        .with(|g| g.borrow_mut().take())
        .filter(|g| g.message == message);
    drop_payload(payload);
    // Forget what those panics captured, so it cannot be reported for a later panic.
    CAPTURED.with(|c| c.borrow_mut().take());
    PREVIOUS.with(|p| p.borrow_mut().take());
    let mut enc = Encoder::for_error();
    if let Some(go) = go {
        enc.str(go.callee).str(&go.value).str(&go.stack);
        return FfiError::new(ErrorKind::GoPanic, 0, enc.0);
    }
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

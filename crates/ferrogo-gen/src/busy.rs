//! The call of an object method whose receiver may be busy (ADR 0012): Rust answers at once
//! when an exclusive call of another goroutine holds the object, and the Go method parks its
//! goroutine (`rt.Busy`) and calls again, instead of Rust holding the OS thread while it waits.
//! Every object method's return wakes the goroutines waiting for its object (`rt.Left`).

use ferrogo_syntax::Function;

use crate::writer::Writer;

/// Writes `r := C.<symbol>(<args>)`, retried while the receiver is busy when the shim may say
/// so. `handle` is the Go expression of the receiver's handle, for object methods.
pub fn emit_call(f: &Function, handle: Option<&str>, symbol: &str, args: &[String], w: &mut Writer) {
    let call = format!("C.{symbol}({})", args.join(", "));
    w.line(format!("r := {call}"));
    let Some(handle) = handle else {
        return;
    };
    if f.may_report_busy() {
        w.line("if r.err != nil && r.err.kind == rt.KindBusy {");
        w.line("var busy rt.Busy");
        w.line("for r.err != nil && r.err.kind == rt.KindBusy {");
        w.line(format!("busy.Wait(uint64({handle}))"));
        w.line(format!("r = {call}"));
        w.line("}");
        w.line("busy.Done()");
        w.line("}");
    }
    w.line(format!("rt.Left(uint64({handle}))"));
}

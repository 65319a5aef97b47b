//! The steps before the call: a done context, the cancellation flag, the scratch buffer, a
//! slot among blocking calls.

use super::Walk;
use crate::signature::with_err;
use crate::types::Helpers;
use crate::writer::Writer;

/// An async call's done context fails before Rust runs.
pub fn check_context(walk: &Walk, w: &mut Writer) {
    w.line("if err := ctx.Err(); err != nil {");
    w.line(format!("return {}", with_err(&walk.zeros, "err")));
    w.line("}");
}

/// Fail fast on a done context, and arm a flag Rust polls (none, and no allocation, for
/// contexts that cannot be canceled).
pub fn arm_cancel(walk: &Walk, w: &mut Writer) {
    check_context(walk, w);
    w.line("var canceled *atomic.Uint32");
    w.line("var stop func() bool");
    w.line("if ctx.Done() != nil {");
    w.line("canceled = new(atomic.Uint32)");
    w.line("stop = context.AfterFunc(ctx, func() { canceled.Store(1) })");
    w.line("}");
}

/// Small results land here (on the stack: the shim is `noescape`), saving a free crossing.
pub fn declare_scratch(w: &mut Writer, h: &mut Helpers) {
    w.line("var scratch [scratchSize]byte");
    h.func("scratchSize", |_| {
        "// scratchSize is the stack buffer Rust copies small string and byte results into.\nconst scratchSize = 256\n\n// ownedByRust reports whether a returned buffer is a Rust allocation Go must free (not empty, not\n// in scratch).\nfunc ownedByRust(v C.fg_vec, scratch *[scratchSize]byte) bool {\n\tp := unsafe.Pointer(v.ptr)\n\treturn p != nil && p != unsafe.Pointer(scratch)\n}".into()
    });
}

/// Wait for a slot (Config.BlockingCalls), or for the context to end.
pub fn enter_blocking(walk: &Walk, cancelable: bool, w: &mut Writer) {
    if !cancelable {
        w.line("gate, _ := rt.EnterBlocking(nil)");
        return;
    }
    w.line("gate, err := rt.EnterBlocking(ctx)");
    w.line("if err != nil {");
    w.line("if stop != nil {");
    w.line("stop()");
    w.line("}");
    w.line(format!("return {}", with_err(&walk.zeros, "err")));
    w.line("}");
}

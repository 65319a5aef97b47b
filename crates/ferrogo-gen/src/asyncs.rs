//! What the Go package needs once for Rust `async fn`s: the table of goroutines waiting for
//! async calls and the wake function Rust's runtime calls. The calls themselves (start, park
//! the goroutine until woken, take the result; a context that ends first cancels) are the call
//! plan's `Call` and `Await` steps (`call/`). No OS thread waits for a future.

use ferrogo_syntax::ir::Function;
use ferrogo_syntax::mangle;

use crate::exports::Export;
use crate::go_names::WAITERS;
use crate::writer::Writer;
use crate::Context;

/// The waiters' table and the wake function Rust calls (once per waiting call), if the crate
/// has async functions; returns its export and the registrations.
pub fn emit_support(cx: &Context, w: &mut Writer) -> Option<(Export, Vec<String>)> {
    let krate = cx.krate;
    let asyncs: Vec<&Function> = krate.functions().filter(|f| f.is_async).collect();
    if asyncs.is_empty() {
        return None;
    }
    let symbol = format!("ferrogo_{}_go_async_wake", krate.name);
    w.comment(&[format!(
        "{WAITERS} holds the goroutines waiting for async Rust calls; Rust's runtime wakes them."
    )]);
    w.line(format!("var {WAITERS} rt.Handles[*rt.Waiter]"));
    w.blank();
    w.line("func asyncWake(h C.uint64_t) {");
    w.line(format!("if waiter, ok := {WAITERS}.Get(uint64(h)); ok {{"));
    w.line("waiter.Wake()");
    w.line("}");
    w.line("}");
    w.blank();
    let registrations = asyncs
        .iter()
        .map(|f| {
            format!(
                "C.{}__async_register(C.fg_async_wake{{wake: unsafe.Pointer(C.{symbol})}})",
                mangle::function(&krate.name, f)
            )
        })
        .collect();
    let export = Export {
        symbol,
        params: vec![("h".into(), "C.uint64_t".into())],
        result: None,
        handler: "asyncWake".into(),
    };
    Some((export, registrations))
}

//! Go functions for Rust `async fn`s: start the call (a future ready at once returns there),
//! else park the goroutine on a channel Rust's runtime closes through the package's wake
//! function, then take the result; a context that ends first cancels the call. No OS thread
//! waits for the future.

use ferrogo_syntax::ir::Function;
use ferrogo_syntax::mangle;

use crate::callbacks::Export;
use crate::functions::with_err;
use crate::types::Helpers;
use crate::writer::Writer;
use crate::Context;

/// The table of waiting goroutines, woken by Rust.
pub const WAITERS: &str = "asyncWaiters";

/// C declarations of an async function's shims.
pub fn prototypes(symbol: &str, ok_c: &str, params: &str, h: &mut Helpers) -> Vec<String> {
    h.typedef_once("fg_async_wake", "typedef struct { void *wake; } fg_async_wake;");
    vec![
        format!("typedef struct {{ uint64_t pending; {ok_c} value; }} {symbol}_poll;"),
        format!("typedef struct {{ {symbol}_poll value; fg_error *err; }} {symbol}_ret;"),
        format!("{symbol}_ret {symbol}({params});"),
        format!("typedef struct {{ {ok_c} value; fg_error *err; }} {symbol}_take_ret;"),
        format!("uint8_t {symbol}__wait(uint64_t id, uint64_t token);"),
        format!("{symbol}_take_ret {symbol}__take(uint64_t id);"),
        format!("void {symbol}__cancel(uint64_t id);"),
        format!("void {symbol}__async_register(fg_async_wake table);"),
    ]
}

/// The shims Go calls besides `start`.
pub fn symbols(symbol: &str) -> Vec<String> {
    ["wait", "take", "cancel"]
        .iter()
        .map(|s| format!("{symbol}__{s}"))
        .collect()
}

/// The call: `r` ends up holding the result as a sync call's would.
pub fn emit_call(
    cx: &Context,
    f: &Function,
    call_args: &[String],
    keep_alive: &[String],
    ok_zeros: &[String],
    w: &mut Writer,
    h: &mut Helpers,
) {
    let symbol = mangle::function(&cx.krate.name, f);
    w.line(format!("p := C.{symbol}({})", call_args.join(", ")));
    for k in keep_alive {
        w.line(format!("runtime.KeepAlive({k})"));
        h.imports.insert("runtime");
    }
    w.line(format!(
        "r := C.{symbol}_take_ret{{value: p.value.value, err: p.err}}"
    ));
    w.line("if id := p.value.pending; p.err == nil && id != 0 {");
    w.line("waiter := rt.NewWaiter()");
    w.line(format!("token := {WAITERS}.Add(waiter)"));
    w.line(format!("if C.{symbol}__wait(id, C.uint64_t(token)) != 0 {{"));
    w.line("select {");
    w.line("case <-waiter.Done():");
    w.line("case <-ctx.Done():");
    w.line(format!("C.{symbol}__cancel(id)"));
    w.line(format!("{WAITERS}.Release(token)"));
    w.line(format!("return {}", with_err(ok_zeros, "ctx.Err()")));
    w.line("}");
    w.line("}");
    w.line(format!("{WAITERS}.Release(token)"));
    w.line(format!("r = C.{symbol}__take(id)"));
    w.line("}");
}

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

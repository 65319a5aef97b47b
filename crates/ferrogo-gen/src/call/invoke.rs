//! The call into Rust, an async call's wait, and the keep-alives after it.

use super::Walk;
use crate::go_names::WAITERS;
use crate::lower::lower;
use crate::plan::{Alive, Call, CallKind};
use crate::signature::with_err;
use crate::types::Helpers;
use crate::writer::Writer;

/// The arrays the arguments' conversions build go into the call's `keep`.
const KEEP: &str = "&keep";

/// `r := C.<sym>(args)`; an async call's start is `p` (the poll), which `wait` turns into `r`.
pub fn call(walk: &Walk, call: &Call, w: &mut Writer, h: &mut Helpers) {
    let mut args: Vec<String> = call
        .args
        .iter()
        .map(|a| lower(walk.cx.krate, &a.lower, &a.local, KEEP, h))
        .collect();
    if call.scratch {
        args.push("(*C.uint8_t)(unsafe.Pointer(&scratch)), scratchSize".into());
    }
    let result = match call.kind {
        CallKind::Sync | CallKind::Iterator => "r",
        CallKind::Async => "p",
    };
    w.line(format!("{result} := C.{}({})", walk.symbol, args.join(", ")));
}

/// An async call: a future ready at once returned its result; else the goroutine parks until
/// Rust's runtime wakes it, then takes the result. A context that ends first cancels the call.
/// `r` ends up holding the result as a sync call's would.
pub fn wait(walk: &Walk, w: &mut Writer) {
    let symbol = walk.symbol;
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
    w.line(format!("return {}", with_err(&walk.zeros, "ctx.Err()")));
    w.line("}");
    w.line("}");
    w.line(format!("{WAITERS}.Release(token)"));
    w.line(format!("r = C.{symbol}__take(id)"));
    w.line("}");
}

pub fn keep_alive(alive: &[Alive], w: &mut Writer, h: &mut Helpers) {
    for a in alive {
        let value = match a {
            Alive::Local(local) => local.as_str(),
            Alive::Keep => KEEP,
        };
        w.line(format!("runtime.KeepAlive({value})"));
        h.imports.insert("runtime");
    }
}

//! The steps after the call: a context that ended during it, an error from Rust, and the
//! results converted to Go values with Rust's copy freed.

use ferrogo_syntax::mangle;

use super::Walk;
use crate::lift::lift;
use crate::plan::{CheckError, ErrorTo, Free, Lifted, Returned, Shape};
use crate::signature::with_err;
use crate::types::{go_zero, Helpers};
use crate::writer::Writer;

/// The Go function decoding the function's own error enum, or `nil`.
fn decoder(error_enum: Option<&str>) -> String {
    error_enum
        .map(|e| format!("decode{e}"))
        .unwrap_or_else(|| "nil".into())
}

/// `C.<sym>__free(r.value)`.
fn free_result(walk: &Walk) -> String {
    format!("C.{}(r.value)", mangle::free_return(&walk.cx.krate.name, walk.f))
}

/// If the context ended during the call, drop the Rust result and return ctx.Err() (joined
/// with a panic the call raised, which the caller must still see).
pub fn check_canceled(walk: &Walk, free: &Free, error_enum: Option<&str>, w: &mut Writer) {
    w.line("if stop != nil && !stop() && canceled.Load() != 0 {");
    w.line("if r.err != nil {");
    // A panic during the call poisoned its object: report it with the cancellation.
    let take = walk.take_error("r.err", &decoder(error_enum));
    w.line(format!(
        "return {}",
        with_err(&walk.zeros, &format!("rt.AfterCancel(ctx.Err(), {take})"))
    ));
    match free {
        Free::Nothing => {}
        Free::ResultUnlessScratch => {
            w.line("} else if ownedByRust(r.value, &scratch) {");
            w.line(free_result(walk));
        }
        Free::Result => {
            w.line("} else {");
            w.line(free_result(walk));
        }
        Free::Object(n) => {
            w.line("} else {");
            w.line(format!(
                "C.{}(r.value)",
                mangle::object_release(&walk.cx.krate.name, n)
            ));
        }
    }
    w.line("}");
    w.line(format!("return {}", with_err(&walk.zeros, "ctx.Err()")));
    w.line("}");
}

/// `if r.err != nil { ... }`: the error returned, raised, or ending the sequence.
pub fn check_error(walk: &Walk, check: &CheckError, w: &mut Writer) {
    w.line("if r.err != nil {");
    let take = walk.take_error("r.err", &decoder(check.error_enum));
    fail(walk, check.to, take, w);
    w.line("}");
}

/// Reports the Go error `err` as `to` says.
pub fn fail(walk: &Walk, to: ErrorTo, err: String, w: &mut Writer) {
    match to {
        ErrorTo::Result => w.line(format!("return {}", with_err(&walk.zeros, &err))),
        ErrorTo::Panic => w.line(format!("ferrogo.Raise({err})")),
        ErrorTo::Yield => {
            let zero = walk.item.map(|t| go_zero(walk.cx.krate, t)).unwrap_or_default();
            w.line(format!("yield({zero}, {err})"));
            w.line("return");
        }
        ErrorTo::LoopPanic => {
            w.line(format!("ferrogo.Raise({err})"));
            w.line("return");
        }
    }
}

/// The success path: the Go results (with a nil error), Rust's copy freed after copying.
pub fn results(walk: &Walk, returned: &Returned, w: &mut Writer, h: &mut Helpers) {
    let krate = walk.cx.krate;
    let err_nil = if returned.with_error { ", nil" } else { "" };
    let (src, found) = match &returned.shape {
        Shape::Unit => {
            if returned.with_error {
                w.line("return nil");
            }
            return;
        }
        Shape::Tuple(items) => return tuple(walk, items, "r.value", "", returned, w, h),
        Shape::OptionalTuple(items) => {
            let zeros: Vec<String> = items.iter().map(|l| go_zero(krate, l.ty)).collect();
            w.line("if r.value.is_some == 0 {");
            w.line(format!("return {}, false{err_nil}", zeros.join(", ")));
            w.line("}");
            return tuple(walk, items, "r.value.value", ", true", returned, w, h);
        }
        // An Option returns (value, true); None allocated nothing in Rust.
        Shape::Optional(value) => {
            w.line("if r.value.is_some == 0 {");
            w.line(format!("return {}, false{err_nil}", go_zero(krate, value.ty)));
            w.line("}");
            (lift(krate, &value.lift, "r.value.value", h), ", true")
        }
        Shape::Value(value) => (lift(krate, &value.lift, "r.value", h), ""),
    };
    match returned.free {
        Free::ResultUnlessScratch => {
            w.line(format!("v := {src}"));
            w.line("if ownedByRust(r.value, &scratch) {");
            w.line(free_result(walk));
            w.line("}");
            w.line(format!("return v{found}{err_nil}"));
        }
        Free::Result => {
            w.line(format!("v := {src}"));
            w.line(free_result(walk));
            w.line(format!("return v{found}{err_nil}"));
        }
        Free::Nothing | Free::Object(_) => w.line(format!("return {src}{found}{err_nil}")),
    }
}

/// Returns each element of a tuple result (`r.value.f0`, ...), freeing the Rust side after.
fn tuple(
    walk: &Walk,
    items: &[Lifted],
    src: &str,
    found: &str,
    returned: &Returned,
    w: &mut Writer,
    h: &mut Helpers,
) {
    let err_nil = if returned.with_error { ", nil" } else { "" };
    let values: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, l)| lift(walk.cx.krate, &l.lift, &format!("{src}.f{i}"), h))
        .collect();
    if returned.free == Free::Nothing {
        w.line(format!("return {}{found}{err_nil}", values.join(", ")));
        return;
    }
    let names: Vec<String> = (0..items.len()).map(|i| format!("v{i}")).collect();
    w.line(format!("{} := {}", names.join(", "), values.join(", ")));
    w.line(free_result(walk));
    w.line(format!("return {}{found}{err_nil}", names.join(", ")));
}

//! Go handle types for `#[ferrogo::object]`: `*T` with `Close() error` (io.Closer), freed by
//! `runtime.AddCleanup` when never closed (counted as a leak).

use ferrogo_syntax::ir::{Crate, Object};
use ferrogo_syntax::{mangle, names};

use crate::docs::{godoc, DocKind};
use crate::functions;
use crate::types::Helpers;
use crate::writer::Writer;
use crate::Context;

pub fn prototypes(cx: &Context, o: &Object) -> Vec<String> {
    vec![
        format!(
            "uint8_t {}(uint64_t handle);",
            mangle::object_release(&cx.krate.name, &o.name)
        ),
        format!("uint64_t {}(void);", mangle::object_live(&cx.krate.name, &o.name)),
    ]
}

pub fn symbols(cx: &Context, o: &Object) -> Vec<String> {
    vec![
        mangle::object_release(&cx.krate.name, &o.name),
        mangle::object_live(&cx.krate.name, &o.name),
    ]
}

/// The receiver name of an object's (or a record's) methods: short, and clashing with no
/// parameter of any of them nor with a name generated code uses.
pub fn receiver(krate: &Crate, object: &str) -> String {
    let go = match (krate.object(object), krate.record(object)) {
        (Some(o), _) => o.go_name.as_str(),
        (_, Some(r)) => r.go_name.as_str(),
        _ => object,
    };
    let params: Vec<String> = krate
        .functions()
        .filter(|f| f.object() == Some(object))
        .flat_map(|f| f.args.iter().map(move |a| functions::param_name(f, &a.name)))
        .collect();
    names::go_receiver(go, |n| {
        names::BODY_LOCALS.contains(&n) || params.iter().any(|p| p == n)
    })
}

pub fn emit(cx: &Context, o: &Object, w: &mut Writer, h: &mut Helpers) {
    let go = &o.go_name;
    let recv = receiver(cx.krate, &o.name);
    let release = mangle::object_release(&cx.krate.name, &o.name);
    let leaks = format!("{}Leaks", ferrogo_syntax::names::go_unexported(go));
    h.imports.insert("runtime");
    h.imports.insert("sync/atomic");

    let fallback = format!("{go} is a handle to the Rust value {}.", o.name);
    let mut contract = vec![format!(
        "It is safe for concurrent use by multiple goroutines. Close frees the Rust value; a value that is never closed is freed when the garbage collector finds it unreachable (and counted as leaked). Use it by pointer: a copied {go} stops working when the original is collected, and go vet reports copies."
    )];
    if o.poison {
        contract.push(
            "If a method panics in Rust, the object is poisoned: later calls fail with ferrogo.ErrPoisoned."
                .into(),
        );
    }
    w.comment(&godoc(go, DocKind::Type, &o.docs, &fallback, &contract));
    w.line(format!("type {go} struct {{"));
    w.line("_ rt.NoCopy // go vet reports copies: a copy is closed when the original is collected");
    w.line("handle uint64");
    w.line("cleanup runtime.Cleanup");
    w.line("}");
    w.blank();
    w.line(format!("var {leaks} atomic.Uint64"));
    w.blank();
    w.line(format!("func new{go}(handle uint64) *{go} {{"));
    w.line(format!("{recv} := &{go}{{handle: handle}}"));
    w.line(format!(
        "{recv}.cleanup = runtime.AddCleanup({recv}, release{go}Leak, rt.Handle{{ID: handle, Stack: ferrogo.CreationStack()}})"
    ));
    w.line(format!("return {recv}"));
    w.line("}");
    w.blank();
    w.line(format!("func release{go}Leak(h rt.Handle) {{"));
    w.line(format!("if C.{release}(C.uint64_t(h.ID)) != 0 {{"));
    w.line(format!("{leaks}.Add(1)"));
    w.line(format!(
        "ferrogo.ReportLeak(\"{}\", \"{go}\", h.Stack)",
        cx.package
    ));
    w.line("}");
    w.line("}");
    w.blank();
    w.comment(&[format!(
        "cHandle returns the handle for a call; a nil *{go} has handle 0, which Rust reports as closed."
    )]);
    w.line(format!("func ({recv} *{go}) cHandle() C.uint64_t {{"));
    w.line(format!("if {recv} == nil {{"));
    w.line("return 0");
    w.line("}");
    w.line(format!("return C.uint64_t({recv}.handle)"));
    w.line("}");
    w.blank();
    w.comment(&[
        "Close frees the Rust value. It returns nil, also when called again or on a nil pointer.".to_string(),
        "With no call running on this object, the Rust value is dropped before Close returns. Close does not wait for calls running on other goroutines: they finish normally, and the value is dropped when the last of them returns. Later calls fail with ferrogo.ErrClosed."
            .to_string(),
    ]);
    w.line(format!("func ({recv} *{go}) Close() error {{"));
    w.line(format!("if {recv} == nil {{"));
    w.line("return nil");
    w.line("}");
    w.line(format!("{recv}.cleanup.Stop()"));
    w.line(format!("C.{release}(C.uint64_t({recv}.handle))"));
    w.line("return nil");
    w.line("}");
    w.blank();
}

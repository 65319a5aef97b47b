//! Go handle types for `#[ferrogo::object]`: `*T` with `Close() error` (io.Closer), freed by
//! `runtime.AddCleanup` when never closed (counted as a leak).

use ferrogo_syntax::ir::Object;
use ferrogo_syntax::mangle;

use crate::docs::{godoc, DocKind};
use crate::go_names::receiver;
use crate::types::Helpers;
use crate::writer::Writer;
use crate::Context;

pub fn prototypes(cx: &Context, o: &Object) -> Vec<String> {
    vec![
        format!(
            "uint8_t {}(uint64_t handle);",
            mangle::object_release(&cx.krate.name, &o.name)
        ),
        format!(
            "void {}(const uint64_t *handles, uint8_t *released, size_t n);",
            mangle::object_release_many(&cx.krate.name, &o.name)
        ),
        format!("uint64_t {}(void);", mangle::object_live(&cx.krate.name, &o.name)),
    ]
}

pub fn symbols(cx: &Context, o: &Object) -> Vec<String> {
    vec![
        mangle::object_release(&cx.krate.name, &o.name),
        mangle::object_release_many(&cx.krate.name, &o.name),
        mangle::object_live(&cx.krate.name, &o.name),
    ]
}

pub fn emit(cx: &Context, o: &Object, w: &mut Writer, h: &mut Helpers) {
    let go = &o.go_name;
    let recv = receiver(cx.krate, &o.name);
    let release = mangle::object_release(&cx.krate.name, &o.name);
    let release_many = mangle::object_release_many(&cx.krate.name, &o.name);
    let leaks = format!("{}Leaks", ferrogo_syntax::names::go_unexported(go));
    let cleanups = format!("{}Cleanups", ferrogo_syntax::names::go_unexported(go));
    h.imports.insert("unsafe");
    h.imports.insert("runtime");
    h.imports.insert("sync/atomic");

    let fallback = format!("{go} is a handle to the Rust value {}.", o.name);
    let mut contract = vec![format!(
        "It is safe for concurrent use by multiple goroutines. Close frees the Rust value; a value that is never closed is freed when the garbage collector finds it unreachable (and counted as leaked). Use it by pointer: a copied {go} stops working when the original is collected, and go vet reports copies."
    )];
    if o.poison {
        contract.push(
            "If a method panics in Rust, the object is poisoned: later calls fail with ferrogo.ErrPoisoned (#[ferrogo::object(no_poison)] on the Rust type keeps it usable)."
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
    w.comment(&[format!(
        "{cleanups} batches the garbage collector's releases of never-closed {go}s (see rt.ReleaseBatch)."
    )]);
    w.line(format!("var {cleanups} rt.ReleaseBatch"));
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
    w.line(format!("{cleanups}.Add(h, release{go}Leaks)"));
    w.line("}");
    w.blank();
    w.comment(&[format!(
        "release{go}Leaks releases a batch of never-closed {go}s in one call, and counts those that were still open as leaked."
    )]);
    w.line(format!("func release{go}Leaks(batch []rt.Handle) {{"));
    w.line("ids := make([]uint64, len(batch))");
    w.line("for i, h := range batch {");
    w.line("ids[i] = h.ID");
    w.line("}");
    w.line("released := make([]uint8, len(batch))");
    w.line(format!(
        "C.{release_many}((*C.uint64_t)(unsafe.Pointer(unsafe.SliceData(ids))), (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(released))), C.size_t(len(ids)))"
    ));
    w.line("for i, h := range batch {");
    w.line("if released[i] != 0 {");
    w.line(format!("{leaks}.Add(1)"));
    w.line(format!(
        "ferrogo.ReportLeak(\"{}\", \"{go}\", h.Stack)",
        cx.package
    ));
    w.line("}");
    w.line("}");
    w.line("}");
    w.blank();
    w.comment(&[format!(
        "cHandle returns the handle for a call; a nil *{go} has handle 0, which Rust rejects as an invalid receiver."
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

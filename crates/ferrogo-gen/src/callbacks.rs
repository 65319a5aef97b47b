//! Go interfaces for `#[ferrogo::callback]` traits: the interface, the table of Go values Rust
//! holds, and a handler per method (`handlers`), called through its `//export`ed function
//! (`exports`). The Go package registers their addresses with Rust at init.

use ferrogo_syntax::ir::{Arg, Callback, Crate, Return, Type};
use ferrogo_syntax::{mangle, names};

use crate::docs::{godoc, DocKind};
use crate::exports::Export;
use crate::go_names::callback_values;
use crate::handlers::{emit_handler, Target};
use crate::types::{go_type, Helpers};
use crate::writer::Writer;
use crate::Context;

/// Emits a callback trait: the Go interface, its table and a handler per method (plus the one
/// releasing values Rust dropped). Returns the exports and the init-time registration.
pub fn emit(cx: &Context, c: &Callback, w: &mut Writer, h: &mut Helpers) -> (Vec<Export>, Vec<String>) {
    let krate = cx.krate;
    let go = &c.go_name;
    let mut contract = vec![format!(
        "Pass a value implementing {go} where the Rust API takes one: Rust may keep it and call its methods later, from any goroutine and concurrently, until it drops it. A panic in a method is recovered and reported to Rust (as an error, or as a panic of the Rust call, which reaches its Go caller as a *ferrogo.PanicError)."
    )];
    if c.methods.iter().any(|m| m.ret.err.is_some()) {
        contract.push("An error a method returns reaches Rust as the variant of the Rust error type that it matches, fields included (errors.Is with a sentinel, errors.As with a variant's error struct, so wrapped errors count); any other error reaches Rust as its text.".into());
    }
    let fallback = format!("{go} mirrors the Rust trait {}, implemented in Go.", c.name);
    w.comment(&godoc(go, DocKind::Type, &c.docs, &fallback, &contract));
    w.line(format!("type {go} interface {{"));
    for m in &c.methods {
        let fallback = format!("{} implements the Rust method {}::{}.", m.go_name, c.name, m.name);
        w.comment(&godoc(&m.go_name, DocKind::Func, &m.docs, &fallback, &[]));
        w.line(format!(
            "{}({}){}",
            m.go_name,
            go_params(krate, &m.args),
            go_results(krate, &m.ret)
        ));
    }
    w.line("}");
    w.blank();
    let table = callback_values(c);
    w.comment(&[format!("{table} holds the {go} values Rust holds, by handle.")]);
    w.line(format!("var {table} rt.Handles[{go}]"));
    w.blank();

    let mut exports = Vec::new();
    let mut fields = vec![format!(
        "release: unsafe.Pointer(C.{})",
        mangle::callback_release(&krate.name, &c.name)
    )];
    let release = format!("cb{}Release", names::go_exported(go));
    w.line(format!("func {release}(h C.uint64_t) {{"));
    w.line(format!("{table}.Release(uint64(h))"));
    w.line("}");
    w.blank();
    exports.push(Export {
        symbol: mangle::callback_release(&krate.name, &c.name),
        params: vec![("h".into(), "C.uint64_t".into())],
        result: None,
        handler: release,
    });
    for m in &c.methods {
        let symbol = mangle::callback_method(&krate.name, &c.name, &m.name);
        let name = format!("cb{}{}", names::go_exported(go), names::go_exported(&m.go_name));
        let target = Target {
            call: format!("v.{}", m.go_name),
            args: &m.args,
            ret: &m.ret,
        };
        exports.push(emit_handler(cx, &name, symbol.clone(), &table, &target, w, h));
        fields.push(format!("m_{}: unsafe.Pointer(C.{symbol})", m.name));
    }
    let ty = format!("fg_go_{}", c.name);
    let c_fields: Vec<String> = std::iter::once("void *release;".to_string())
        .chain(c.methods.iter().map(|m| format!("void *m_{};", m.name)))
        .collect();
    h.typedef_once(&ty, &format!("typedef struct {{ {} }} {ty};", c_fields.join(" ")));
    let register = mangle::callback_register(&krate.name, &c.name);
    h.c_helper(&register, format!("void {register}({ty} table);"));
    let init = format!("C.{register}(C.{ty}{{{}}})", fields.join(", "));
    (exports, vec![init])
}

/// `done uint64, total uint64` of a Go method or func.
pub fn go_params(krate: &Crate, args: &[Arg]) -> String {
    args.iter()
        .map(|a| format!("{} {}", names::go_local(&a.name), go_type(krate, &a.ty)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` string`, ` error`, ` (string, error)` or nothing.
pub fn go_results(krate: &Crate, ret: &Return) -> String {
    match (&ret.ok, &ret.err) {
        (Type::Unit, None) => String::new(),
        (Type::Unit, Some(_)) => " error".into(),
        (t, None) => format!(" {}", go_type(krate, t)),
        (t, Some(_)) => format!(" ({}, error)", go_type(krate, t)),
    }
}

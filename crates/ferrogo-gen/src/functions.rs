//! Go functions and methods for exported Rust functions: the doc comment and signature, then
//! the body the cgo emitter (`call/`) writes from the function's call plan (`plan/`).

use ferrogo_syntax::ir::Function;

use crate::call::emit_body;
use crate::contract::contract;
use crate::docs::{godoc, DocKind};
use crate::go_names::{method_of, receiver, Owner};
use crate::plan::plan;
use crate::signature::{go_signature, join_params, GoSignature};
use crate::types::{uses_time, Helpers};
use crate::writer::Writer;
use crate::Context;

pub fn emit(cx: &Context, f: &Function, w: &mut Writer, h: &mut Helpers) {
    emit_header(cx, f, w, h);
    emit_body(cx, f, &plan(cx.krate, f), w, h);
    w.line("}");
    w.blank();
}

/// The doc comment and the signature line of `f`'s Go function, up to its body: the same for
/// every target's emitter.
pub fn emit_header(cx: &Context, f: &Function, w: &mut Writer, h: &mut Helpers) {
    let krate = cx.krate;
    // The Go receiver: `(x *T)` of an object, `(v T)` of a record.
    let receiver = method_of(krate, f).map(|o| match o {
        Owner::Object(go) => (receiver(krate, f.object().unwrap_or_default()), format!("*{go}")),
        Owner::Record(r) => (receiver(krate, &r.name), r.go_name.clone()),
    });
    let GoSignature { params, results } = go_signature(krate, f);
    // The packages the signature names (and the cancellation flag uses).
    if f.cancelable() {
        h.imports.insert("context");
        h.imports.insert("sync/atomic");
    }
    if f.is_async {
        h.imports.insert("context");
    }
    if f.args.iter().any(|a| uses_time(&a.ty)) || uses_time(&f.ret.ok) {
        h.imports.insert("time");
    }
    let sig_params = join_params(&params);
    let sig_results = match results.len() {
        0 => String::new(),
        1 => format!(" {}", results[0]),
        _ => format!(" ({})", results.join(", ")),
    };

    // Doc comment with the contract.
    let contract = contract(cx, f);
    let fallback = format!("{} calls the Rust function {}.", f.go_name, f.name);
    w.comment(&godoc(&f.go_name, DocKind::Func, &f.docs, &fallback, &contract));
    match &receiver {
        Some((recv, go)) => w.line(format!(
            "func ({recv} {go}) {}({sig_params}){sig_results} {{",
            f.go_name
        )),
        None => w.line(format!("func {}({sig_params}){sig_results} {{", f.go_name)),
    }
}

//! Go funcs passed as arguments (`impl Fn(A) -> R` in Rust): the function registers the func
//! in its argument's table for the call and releases it after; Rust calls it through the
//! argument's handler (see `handlers`).

use ferrogo_syntax::ir::{Arg, Function, Return, Type};
use ferrogo_syntax::{mangle, names};

use crate::exports::Export;
use crate::go_names::{func_table, stats_key};
use crate::handlers::{emit_handler, Target};
use crate::types::{go_type, Helpers};
use crate::writer::Writer;
use crate::Context;

/// The func arguments of `f`: their tables and handlers; returns the exports and registrations.
pub fn emit(cx: &Context, f: &Function, w: &mut Writer, h: &mut Helpers) -> (Vec<Export>, Vec<String>) {
    let krate = cx.krate;
    let mut exports = Vec::new();
    let mut inits = Vec::new();
    for a in &f.args {
        let Type::Closure { args, ret, .. } = &a.ty else {
            continue;
        };
        let table = func_table(f, &a.name);
        w.comment(&[format!(
            "{table} holds the funcs passed as {} to {} during their calls.",
            names::go_local(&a.name),
            stats_key(krate, f)
        )]);
        w.line(format!("var {table} rt.Handles[{}]", go_type(krate, &a.ty)));
        w.blank();
        let params: Vec<Arg> = args
            .iter()
            .enumerate()
            .map(|(i, t)| Arg {
                name: format!("a{i}"),
                ty: t.clone(),
            })
            .collect();
        let ret = Return {
            ok: (**ret).clone(),
            err: None,
        };
        let target = Target {
            call: "v".into(),
            args: &params,
            ret: &ret,
        };
        let handler = format!("call{}", names::go_exported(&table));
        let symbol = mangle::closure_call(&krate.name, f, &a.name);
        exports.push(emit_handler(cx, &handler, symbol.clone(), &table, &target, w, h));
        let ty = format!("fg_func_{}", key_of(f, &a.name));
        h.typedef_once(&ty, &format!("typedef struct {{ void *call; }} {ty};"));
        let register = mangle::closure_register(&krate.name, f, &a.name);
        h.c_helper(&register, format!("void {register}({ty} table);"));
        inits.push(format!(
            "C.{register}(C.{ty}{{call: unsafe.Pointer(C.{symbol})}})"
        ));
    }
    (exports, inits)
}

fn key_of(f: &Function, arg: &str) -> String {
    format!("{}__{arg}", mangle::function_key(f))
}

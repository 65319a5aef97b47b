//! The C declarations of an exported function's shims, for the cgo preamble: the call (by
//! kind: sync, async's start/wait/take/cancel, an iterator's next/free/close), the free of an
//! owned result and the statistics symbol; and the symbols the preamble marks `noescape`.

use ferrogo_syntax::ir::{FnKind, Function, Type};
use ferrogo_syntax::mangle;

use crate::go_names::{method_of, Owner};
use crate::types::{c_field, c_type, needs_free, Dir, Helpers};
use crate::Context;

/// C prototypes of a function's shims (return struct, shim, free shim).
pub fn prototypes(cx: &Context, f: &Function, h: &mut Helpers) -> Vec<String> {
    let krate = cx.krate;
    let symbol = mangle::function(&krate.name, f);
    let ok_c = c_type(krate, &f.ret.ok, Dir::Out, h);
    let mut params: Vec<String> = Vec::new();
    if matches!(f.kind, FnKind::Method { .. }) {
        match method_of(krate, f) {
            Some(Owner::Record(r)) => params.push(format!(
                "{} self",
                c_type(krate, &Type::Named(r.name.clone()), Dir::In, h)
            )),
            _ => params.push("uint64_t handle".into()),
        }
    }
    for a in &f.args {
        // Named only for readers of the preamble; prefixed like record fields (`int` is a Rust
        // identifier but a C keyword).
        params.push(format!(
            "{} {}",
            c_type(krate, &a.ty, Dir::In, h),
            c_field(&a.name)
        ));
    }
    if f.uses_scratch() {
        params.push("uint8_t *scratch".into());
        params.push("size_t scratch_cap".into());
    }
    let params = if params.is_empty() {
        "void".to_string()
    } else {
        params.join(", ")
    };
    let mut out = if f.is_async {
        async_prototypes(&symbol, &ok_c, &params, h)
    } else {
        vec![
            format!("typedef struct {{ {ok_c} value; fg_error *err; }} {symbol}_ret;"),
            format!("{symbol}_ret {symbol}({params});"),
        ]
    };
    if needs_free(krate, &f.ret.ok) {
        out.push(format!(
            "void {}({ok_c} value);",
            mangle::free_return(&krate.name, f)
        ));
    }
    out.push(format!("fg_fn_stats {}(void);", mangle::stats(&krate.name, f)));
    if f.iter_item().is_some() {
        h.typedef_once(
            "fg_vec_ret",
            "typedef struct { fg_vec value; fg_error *err; } fg_vec_ret;",
        );
        out.push(format!(
            "fg_vec_ret {}(uint64_t handle, size_t max);",
            mangle::iter_next(&krate.name, f)
        ));
        out.push(format!(
            "void {}(fg_vec value);",
            mangle::iter_free(&krate.name, f)
        ));
        out.push(format!(
            "void {}(uint64_t handle);",
            mangle::iter_close(&krate.name, f)
        ));
    }
    out
}

/// The C symbols this function calls, for `#cgo noescape`/`nocallback`.
pub fn symbols(cx: &Context, f: &Function) -> Vec<String> {
    let mut s = vec![
        mangle::function(&cx.krate.name, f),
        mangle::stats(&cx.krate.name, f),
    ];
    if needs_free(cx.krate, &f.ret.ok) {
        s.push(mangle::free_return(&cx.krate.name, f));
    }
    if f.iter_item().is_some() {
        s.push(mangle::iter_next(&cx.krate.name, f));
        s.push(mangle::iter_free(&cx.krate.name, f));
        s.push(mangle::iter_close(&cx.krate.name, f));
    }
    if f.is_async {
        s.extend(async_symbols(&mangle::function(&cx.krate.name, f)));
    }
    s
}

/// C declarations of an async function's shims.
fn async_prototypes(symbol: &str, ok_c: &str, params: &str, h: &mut Helpers) -> Vec<String> {
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

/// The shims an async call uses besides `start`.
fn async_symbols(symbol: &str) -> Vec<String> {
    ["wait", "take", "cancel"]
        .iter()
        .map(|s| format!("{symbol}__{s}"))
        .collect()
}

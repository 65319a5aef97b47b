//! Go functions and methods for exported Rust functions: convert arguments, call the shim once,
//! turn the by-value result into Go values and errors.

use ferrogo_syntax::borrows::{kept, Kept};
use ferrogo_syntax::ir::{self, Crate, FnKind, Function, Receiver, Record, Type};
use ferrogo_syntax::{mangle, names};

use crate::docs::{godoc, DocKind};
use crate::lift::lift_ret;
use crate::lower::{lower_arg, record_arg};
use crate::objects;
use crate::types::{
    borrows_go_memory, c_field, c_type, go_type, go_zero, named, needs_free, needs_keep, uses_time, Dir,
    Helpers, Named,
};
use crate::writer::Writer;
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
        crate::asyncs::prototypes(&symbol, &ok_c, &params, h)
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
        s.extend(crate::asyncs::symbols(&mangle::function(&cx.krate.name, f)));
    }
    s
}

/// The Go-visible name used in error messages: `pkg.Func` or `pkg.(*Type).Method`.
pub fn qualified(cx: &Context, f: &Function) -> String {
    format!("{}.{}", cx.package, stats_key(cx, f))
}

/// The Go name without the package: `Func` or `(*Type).Method` (the key in `Stats`).
pub fn stats_key(cx: &Context, f: &Function) -> String {
    match method_of(cx.krate, f) {
        Some(Owner::Object(go)) => format!("(*{go}).{}", f.go_name),
        Some(Owner::Record(r)) => format!("{}.{}", r.go_name, f.go_name),
        None => f.go_name.clone(),
    }
}

/// What a method belongs to: an object (Go `*T`, by handle) or a record (a Go value receiver).
pub enum Owner<'a> {
    /// The object's Go name.
    Object(&'a str),
    Record(&'a Record),
}

/// The owner of a method; `None` for free functions and constructors.
pub fn method_of<'a>(krate: &'a Crate, f: &Function) -> Option<Owner<'a>> {
    let FnKind::Method { object, .. } = &f.kind else {
        return None;
    };
    match krate.record(object) {
        Some(r) => Some(Owner::Record(r)),
        None => Some(Owner::Object(
            krate.object(object).map_or("", |o| o.go_name.as_str()),
        )),
    }
}

pub fn emit(cx: &Context, f: &Function, w: &mut Writer, h: &mut Helpers) {
    let krate = cx.krate;
    let symbol = mangle::function(&krate.name, f);
    let owner = method_of(krate, f);
    // The Go receiver: `(x *T)` of an object, `(v T)` of a record.
    let receiver = owner.as_ref().map(|o| match o {
        Owner::Object(go) => (
            objects::receiver(krate, f.object().unwrap_or_default()),
            format!("*{go}"),
        ),
        Owner::Record(r) => (objects::receiver(krate, &r.name), r.go_name.clone()),
    });

    // Go signature.
    let GoSignature { params, results } = go_signature(krate, f);
    let mut call_args: Vec<String> = Vec::new();
    let mut keep_alive: Vec<String> = Vec::new();
    let keep = uses_keep(krate, f);
    // Converters that build arrays take the call's Keep; the others take none.
    let keep_expr = "&keep";
    match (&owner, &receiver) {
        (Some(Owner::Object(_)), Some((recv, _))) => {
            call_args.push(format!("{recv}.cHandle()"));
            keep_alive.push(recv.clone());
        }
        (Some(Owner::Record(r)), Some((recv, _))) => {
            let ty = Type::Named(r.name.clone());
            call_args.push(record_arg(krate, r, recv, keep_expr, h));
            if borrows_go_memory(krate, &ty) {
                keep_alive.push(recv.clone());
            }
        }
        _ => {}
    }
    if f.cancelable() {
        h.imports.insert("context");
        h.imports.insert("sync/atomic");
    }
    if f.is_async {
        h.imports.insert("context");
    }
    // Funcs passed for the call: registered just before it, released right after.
    let mut register = Vec::new();
    let mut release = Vec::new();
    for a in &f.args {
        if a.ty == Type::Cancel {
            call_args.push("(*C.uint32_t)(unsafe.Pointer(canceled))".into());
            continue;
        }
        if let Type::Closure { .. } = a.ty {
            let local = param_name(f, &a.name);
            let table = crate::closures::table_var(f, &a.name);
            register.push(format!("{local}Func := {table}.Add({local})"));
            release.push(format!("{table}.Release({local}Func)"));
            call_args.push(format!("C.uint64_t({local}Func)"));
            continue;
        }
        let local = param_name(f, &a.name);
        call_args.push(lower_arg(krate, &a.ty, &local, keep_expr, h));
        if borrows_go_memory(krate, &a.ty) {
            keep_alive.push(local);
        }
    }
    if keep {
        keep_alive.push("&keep".into());
    }
    if f.args.iter().any(|a| uses_time(&a.ty)) || uses_time(&f.ret.ok) {
        h.imports.insert("time");
    }
    let ok_zeros = result_parts(krate, &f.ret.ok).1;
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
    if let Some(item) = f.iter_item() {
        emit_iter_body(cx, f, item, &call_args, &keep_alive, keep, w, h);
        return;
    }
    if f.is_async {
        // A done context fails before Rust runs.
        w.line("if err := ctx.Err(); err != nil {");
        w.line(format!("return {}", with_err(&ok_zeros, "err")));
        w.line("}");
    }
    w.line("rt.Stress()");
    if f.cancelable() {
        emit_cancel_setup(&ok_zeros, w);
    }
    if keep {
        // The C arrays the arguments' conversion builds: alive (and on the heap) for the call.
        w.line("var keep rt.Keep");
    }
    if f.uses_scratch() {
        // Small results land here (on the stack: the shim is `noescape`), saving a free crossing.
        w.line("var scratch [scratchSize]byte");
        call_args.push("(*C.uint8_t)(unsafe.Pointer(&scratch)), scratchSize".into());
        h.func("scratchSize", |_| {
            "// scratchSize is the stack buffer Rust copies small string and byte results into.\nconst scratchSize = 256\n\n// ownedByRust reports whether a returned buffer is a Rust allocation Go must free (not empty, not\n// in scratch).\nfunc ownedByRust(v C.fg_vec, scratch *[scratchSize]byte) bool {\n\tp := unsafe.Pointer(v.ptr)\n\treturn p != nil && p != unsafe.Pointer(scratch)\n}".into()
        });
    }
    if f.blocking {
        emit_blocking_enter(f, &ok_zeros, w);
    }
    for line in &register {
        w.line(line);
    }
    if f.is_async {
        crate::asyncs::emit_call(cx, f, &call_args, &keep_alive, &ok_zeros, w, h);
        keep_alive.clear();
    } else {
        let handle = matches!(owner, Some(Owner::Object(_))).then(|| call_args[0].as_str());
        crate::busy::emit_call(f, handle, &symbol, &call_args, w);
    }
    for line in &release {
        w.line(line);
    }
    if f.blocking {
        w.line("rt.LeaveBlocking(gate)");
    }
    for k in &keep_alive {
        w.line(format!("runtime.KeepAlive({k})"));
        h.imports.insert("runtime");
    }
    if f.cancelable() {
        emit_cancel_check(cx, f, &ok_zeros, w);
    }

    // Error path.
    let decoder = user_decoder(f);
    w.line("if r.err != nil {");
    let take = format!("takeError(r.err, \"{}\", {decoder})", qualified(cx, f));
    if f.returns_error() {
        let mut ret = ok_zeros.clone();
        ret.push(take);
        w.line(format!("return {}", ret.join(", ")));
    } else {
        w.line(format!("ferrogo.Raise({take})"));
    }
    w.line("}");

    // Success path.
    let err_nil = if f.returns_error() { ", nil" } else { "" };
    match &f.ret.ok {
        Type::Unit => {
            if f.returns_error() {
                w.line("return nil");
            }
        }
        Type::Tuple(items) => emit_tuple_result(cx, f, items, "r.value", "", err_nil, w, h),
        Type::Option(inner) if matches!(**inner, Type::Tuple(_)) => {
            let Type::Tuple(items) = &**inner else {
                unreachable!()
            };
            let zeros: Vec<String> = items.iter().map(|t| go_zero(krate, t)).collect();
            w.line("if r.value.is_some == 0 {");
            w.line(format!("return {}, false{err_nil}", zeros.join(", ")));
            w.line("}");
            emit_tuple_result(cx, f, items, "r.value.value", ", true", err_nil, w, h);
        }
        ty => {
            // An Option returns (value, true); None allocated nothing in Rust.
            let (src, found) = match ty {
                Type::Option(inner) => {
                    w.line("if r.value.is_some == 0 {");
                    w.line(format!("return {}, false{err_nil}", go_zero(krate, inner)));
                    w.line("}");
                    (lift_ret(krate, inner, "r.value.value", h), ", true")
                }
                _ => (lift_ret(krate, ty, "r.value", h), ""),
            };
            if f.uses_scratch() {
                w.line(format!("v := {src}"));
                w.line("if ownedByRust(r.value, &scratch) {");
                w.line(format!("C.{}(r.value)", mangle::free_return(&krate.name, f)));
                w.line("}");
                w.line(format!("return v{found}{err_nil}"));
            } else if needs_free(krate, ty) {
                w.line(format!("v := {src}"));
                w.line(format!("C.{}(r.value)", mangle::free_return(&krate.name, f)));
                w.line(format!("return v{found}{err_nil}"));
            } else {
                w.line(format!("return {src}{found}{err_nil}"));
            }
        }
    }
    w.line("}");
    w.blank();
}

/// Returns each element of a tuple result (`r.value.f0`, ...), freeing the Rust side after.
#[allow(clippy::too_many_arguments)]
fn emit_tuple_result(
    cx: &Context,
    f: &Function,
    items: &[Type],
    src: &str,
    found: &str,
    err_nil: &str,
    w: &mut Writer,
    h: &mut Helpers,
) {
    let krate = cx.krate;
    let values: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, t)| lift_ret(krate, t, &format!("{src}.f{i}"), h))
        .collect();
    if needs_free(krate, &f.ret.ok) {
        let names: Vec<String> = (0..items.len()).map(|i| format!("v{i}")).collect();
        w.line(format!("{} := {}", names.join(", "), values.join(", ")));
        w.line(format!("C.{}(r.value)", mangle::free_return(&krate.name, f)));
        w.line(format!("return {}{found}{err_nil}", names.join(", ")));
    } else {
        w.line(format!("return {}{found}{err_nil}", values.join(", ")));
    }
}

/// Before the call: fail fast on a done context, and arm a flag Rust polls (none, and no
/// allocation, for contexts that cannot be canceled).
fn emit_cancel_setup(ok_zeros: &[String], w: &mut Writer) {
    w.line("if err := ctx.Err(); err != nil {");
    w.line(format!("return {}", with_err(ok_zeros, "err")));
    w.line("}");
    w.line("var canceled *atomic.Uint32");
    w.line("var stop func() bool");
    w.line("if ctx.Done() != nil {");
    w.line("canceled = new(atomic.Uint32)");
    w.line("stop = context.AfterFunc(ctx, func() { canceled.Store(1) })");
    w.line("}");
}

/// Before the call of a `blocking` function: wait for a slot (Config.BlockingCalls), or for the
/// context to end.
fn emit_blocking_enter(f: &Function, ok_zeros: &[String], w: &mut Writer) {
    if !f.cancelable() {
        w.line("gate, _ := rt.EnterBlocking(nil)");
        return;
    }
    w.line("gate, err := rt.EnterBlocking(ctx)");
    w.line("if err != nil {");
    w.line("if stop != nil {");
    w.line("stop()");
    w.line("}");
    w.line(format!("return {}", with_err(ok_zeros, "err")));
    w.line("}");
}

/// After the call: if the context ended during it, drop the Rust result and return ctx.Err()
/// (joined with a panic the call raised, which the caller must still see).
fn emit_cancel_check(cx: &Context, f: &Function, ok_zeros: &[String], w: &mut Writer) {
    let krate = cx.krate;
    w.line("if stop != nil && !stop() && canceled.Load() != 0 {");
    w.line("if r.err != nil {");
    // A panic during the call poisoned its object: report it with the cancellation.
    w.line(format!(
        "return {}",
        with_err(
            ok_zeros,
            &format!(
                "rt.AfterCancel(ctx.Err(), takeError(r.err, \"{}\", {}))",
                qualified(cx, f),
                user_decoder(f)
            )
        )
    ));
    if f.uses_scratch() {
        w.line("} else if ownedByRust(r.value, &scratch) {");
        w.line(format!("C.{}(r.value)", mangle::free_return(&krate.name, f)));
    } else if needs_free(krate, &f.ret.ok) {
        w.line("} else {");
        w.line(format!("C.{}(r.value)", mangle::free_return(&krate.name, f)));
    } else if let Type::Named(n) = &f.ret.ok {
        if krate.object(n).is_some() {
            w.line("} else {");
            w.line(format!("C.{}(r.value)", mangle::object_release(&krate.name, n)));
        }
    }
    w.line("}");
    w.line(format!("return {}", with_err(ok_zeros, "ctx.Err()")));
    w.line("}");
}

pub(crate) fn with_err(zeros: &[String], err: &str) -> String {
    let mut v = zeros.to_vec();
    v.push(err.to_string());
    v.join(", ")
}

/// The body of a function returning `ferrogo::Iter<T>`: each range calls Rust for a fresh
/// iterator, then fetches its items in chunks until Rust runs out or the loop breaks.
#[allow(clippy::too_many_arguments)]
fn emit_iter_body(
    cx: &Context,
    f: &Function,
    item: &Type,
    call_args: &[String],
    keep_alive: &[String],
    keep: bool,
    w: &mut Writer,
    h: &mut Helpers,
) {
    let krate = cx.krate;
    let go_item = go_type(krate, item);
    let seq2 = f.returns_error();
    let (yield_ty, yield_ok) = match seq2 {
        true => (format!("func({go_item}, error) bool"), ", nil"),
        false => (format!("func({go_item}) bool"), ""),
    };
    let fail = |w: &mut Writer, take: String| {
        if seq2 {
            w.line(format!("yield({}, {take})", go_zero(krate, item)));
        } else {
            w.line(format!("ferrogo.Raise({take})"));
        }
        w.line("return");
    };
    h.imports.insert("iter");
    h.func("iterChunk", |_| {
        "// iterChunk is how many items of a Rust iterator cross per cgo call.\nconst iterChunk = 256".into()
    });
    let decoder = user_decoder(f);
    let name = qualified(cx, f);
    w.line(format!("return func(yield {yield_ty}) {{"));
    // What the Rust iterator may borrow: changeable memory is copied for this loop first, and
    // all of it is on the heap, since the loop body may grow (so move) this goroutine's stack.
    let borrowed = borrowed_args(f);
    let copies: Vec<(String, String)> = borrowed
        .iter()
        .filter_map(|(local, ty)| copy_for_loop(ty, local, h).map(|copy| (local.clone(), copy)))
        .collect();
    if !copies.is_empty() {
        w.line("// The Rust iterator reads these while the loop runs: copies nothing else changes.");
    }
    for (local, copy) in &copies {
        w.line(format!("{local} := {copy}"));
    }
    if !borrowed.is_empty() {
        w.line("// On the heap, which never moves (the loop body may grow this goroutine's stack).");
    }
    for (local, _) in &borrowed {
        w.line(format!("rt.OnHeap({local})"));
    }
    w.line("rt.Stress()");
    if keep {
        w.line("var keep rt.Keep");
    }
    w.line(format!(
        "r := C.{}({})",
        mangle::function(&krate.name, f),
        call_args.join(", ")
    ));
    for k in keep_alive {
        w.line(format!("runtime.KeepAlive({k})"));
        h.imports.insert("runtime");
    }
    w.line("if r.err != nil {");
    fail(w, format!("takeError(r.err, \"{name}\", {decoder})"));
    w.line("}");
    w.line("h := r.value");
    let close = mangle::iter_close(&krate.name, f);
    if borrowed.is_empty() {
        w.line(format!("defer C.{close}(h)"));
    } else {
        w.line("defer func() {");
        w.line(format!("C.{close}(h)"));
        w.line("// The Rust iterator read these until it was closed.");
        for (local, _) in &borrowed {
            w.line(format!("runtime.KeepAlive({local})"));
        }
        w.line("}()");
    }
    w.line("for {");
    // A GC between chunks (under GC stress) exposes memory released while Rust still reads it.
    w.line("rt.Stress()");
    w.line(format!(
        "chunk := C.{}(h, iterChunk)",
        mangle::iter_next(&krate.name, f)
    ));
    // A chunk can carry items and an error: the items made before a panic come first.
    w.line("var err error");
    w.line("if chunk.err != nil {");
    w.line(format!("err = takeError(chunk.err, \"{name}\", nil)"));
    w.line("}");
    let items = lift_ret(krate, &Type::Vec(Box::new(item.clone())), "chunk.value", h);
    w.line(format!("items := {items}"));
    w.line(format!("C.{}(chunk.value)", mangle::iter_free(&krate.name, f)));
    w.line("for _, v := range items {");
    w.line(format!("if !yield(v{yield_ok}) {{"));
    w.line("return");
    w.line("}");
    w.line("}");
    w.line("if err != nil {");
    fail(w, "err".into());
    w.line("}");
    w.line("if len(items) < iterChunk {");
    w.line("return");
    w.line("}");
    w.line("}");
    w.line("}");
    w.line("}");
    w.blank();
}

/// The Go parameters a lazy iterator may borrow (ADR 0014), with their types: the loop keeps
/// them until Rust's iterator is closed. Empty unless the function's iterator borrows.
fn borrowed_args(f: &Function) -> Vec<(String, &Type)> {
    if !f.borrows {
        return Vec::new();
    }
    f.args
        .iter()
        .filter(|a| matches!(kept(&a.ty), Ok(Kept::Alive | Kept::Copied)))
        .map(|a| (param_name(f, &a.name), &a.ty))
        .collect()
}

/// The Go expression copying the parameter `local` for a lazy iterator's loop, when Go code
/// could change what Rust reads (a `[]byte`, a `[]string`'s elements, what a `*string` points
/// to): the loop's copy is its own, so Rust never sees a change and nothing it reads is
/// collected. `None` for strings, which nothing changes.
fn copy_for_loop(ty: &Type, local: &str, h: &mut Helpers) -> Option<String> {
    if kept(ty) != Ok(Kept::Copied) {
        return None;
    }
    Some(match ty {
        Type::Vec(inner) if **inner == Type::Bytes => {
            h.imports.insert("slices");
            h.func("cloneByteSlices", |_| {
                "// cloneByteSlices copies v and its byte slices, for a Rust iterator that reads them after the\n// call: the loop's copy is its own.\nfunc cloneByteSlices(v [][]byte) [][]byte {\n\tif v == nil {\n\t\treturn nil\n\t}\n\tc := make([][]byte, len(v))\n\tfor i, b := range v {\n\t\tc[i] = slices.Clone(b)\n\t}\n\treturn c\n}".into()
            });
            format!("cloneByteSlices({local})")
        }
        Type::Option(inner) if **inner == Type::Bytes => {
            h.imports.insert("slices");
            h.func("cloneBytesPtr", |_| {
                "// cloneBytesPtr points to a copy of *p (nil for nil), for a Rust iterator that reads it after\n// the call: the loop's copy is its own.\nfunc cloneBytesPtr(p *[]byte) *[]byte {\n\tif p == nil {\n\t\treturn nil\n\t}\n\tb := slices.Clone(*p)\n\treturn &b\n}".into()
            });
            format!("cloneBytesPtr({local})")
        }
        Type::Option(_) => {
            h.func("clonePtr", |_| {
                "// clonePtr points to a copy of *p (nil for nil), for a Rust iterator that reads it after the\n// call: the loop's copy is its own.\nfunc clonePtr[T any](p *T) *T {\n\tif p == nil {\n\t\treturn nil\n\t}\n\tv := *p\n\treturn &v\n}".into()
            });
            format!("clonePtr({local})")
        }
        _ => {
            h.imports.insert("slices");
            format!("slices.Clone({local})")
        }
    })
}

/// The Go function decoding the function's own error enum, or `nil`.
fn user_decoder(f: &Function) -> String {
    f.ret
        .err
        .as_ref()
        .map(|e| format!("decode{e}"))
        .unwrap_or_else(|| "nil".into())
}

/// Whether an argument is a Go slice Rust reads in place (bytes, numbers, lists).
fn reads_slice_in_place(ty: &Type) -> bool {
    match ty {
        Type::Bytes | Type::ByteVec | Type::Slice(_) | Type::Vec(_) => true,
        Type::Option(t) => reads_slice_in_place(t),
        _ => false,
    }
}

/// Whether a value of `ty` carries Go text of the kind `leaf` accepts (strings, or paths) into
/// Rust, inside lists, maps, records and sum types (each looked into once: types may nest
/// themselves).
fn carries<'a>(krate: &'a Crate, ty: &'a Type, leaf: fn(&Type) -> bool, seen: &mut Vec<&'a str>) -> bool {
    if leaf(ty) {
        return true;
    }
    match ty {
        Type::Vec(t) | Type::Option(t) | Type::Boxed(t) | Type::Ref(t) => carries(krate, t, leaf, seen),
        Type::Map { key, value, .. } => carries(krate, key, leaf, seen) || carries(krate, value, leaf, seen),
        Type::Named(n) if !seen.contains(&n.as_str()) => {
            seen.push(n);
            let mut fields: Box<dyn Iterator<Item = &ir::Field>> = match named(krate, n) {
                Named::Record(r) => Box::new(r.fields.iter()),
                Named::Sum(e) => Box::new(e.variants.iter().flat_map(|v| &v.fields)),
                Named::Enum(_) | Named::Object(_) => Box::new(std::iter::empty()),
            };
            fields.any(|f| carries(krate, &f.ty, leaf, seen))
        }
        _ => false,
    }
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Str | Type::String | Type::CowStr)
}

fn is_path(ty: &Type) -> bool {
    matches!(ty, Type::Path | Type::PathBuf)
}

/// The Go names of `f`'s receiver (a record's) and parameters that carry text `leaf` accepts.
fn text_params(krate: &Crate, f: &Function, leaf: fn(&Type) -> bool) -> Vec<String> {
    let receiver = match method_of(krate, f) {
        Some(Owner::Record(r)) => Some((Type::Named(r.name.clone()), objects::receiver(krate, &r.name))),
        _ => None,
    };
    let args = f.args.iter().map(|a| (a.ty.clone(), param_name(f, &a.name)));
    receiver
        .into_iter()
        .chain(args)
        .filter(|(ty, _)| carries(krate, ty, leaf, &mut Vec::new()))
        .map(|(_, name)| name)
        .collect()
}

/// `a`, `a and b`, `a, b and c`.
fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Go result types and zero values of a Rust return type.
/// A function's Go parameters (name, type) and result types, as the generated package declares
/// them: the one description the generator and `ferrogo check` share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoSignature {
    pub params: Vec<(String, String)>,
    pub results: Vec<String>,
}

impl GoSignature {
    /// `(a, b int64) (string, error)`: what follows the function's name.
    pub fn render(&self) -> String {
        match self.results.len() {
            0 => format!("({})", join_params(&self.params)),
            1 => format!("({}) {}", join_params(&self.params), self.results[0]),
            _ => format!("({}) ({})", join_params(&self.params), self.results.join(", ")),
        }
    }
}

/// The locals the Go body of `f` declares in the scope of its parameters, or uses before they
/// would be shadowed (from `names::BODY_LOCALS`): `r`, `v` and `err` always, the others with the
/// feature that needs them. (An iterator's `chunk` and `items` live in a nested scope after the
/// last use of the parameters, so they need no reservation; nor does `h`, unless a lazy
/// iterator's deferred keep-alive names the parameters after it.)
fn body_locals(f: &Function) -> Vec<&'static str> {
    let mut locals = vec!["r", "v", "err", "keep"];
    if f.uses_scratch() {
        locals.push("scratch");
    }
    if f.blocking {
        locals.push("gate");
    }
    if f.cancelable() {
        locals.extend(["ctx", "stop", "canceled"]);
    }
    if f.iter_item().is_some() {
        locals.push("yield");
    }
    if f.borrows {
        // The loop's deferred keep-alive names the parameters after `h` is declared.
        locals.push("h");
    }
    locals
}

/// Whether the call builds C arrays (lists of records, maps, ...) that an `rt.Keep` holds.
fn uses_keep(krate: &Crate, f: &Function) -> bool {
    let receiver = match method_of(krate, f) {
        Some(Owner::Record(r)) => needs_keep(krate, &Type::Named(r.name.clone())),
        _ => false,
    };
    receiver || f.args.iter().any(|a| needs_keep(krate, &a.ty))
}

/// The Go name of `f`'s parameter `rust`: its Go spelling, with `_` appended when it would
/// collide with a local of the body (`r` -> `r_`), a keyword or a predeclared name.
pub fn param_name(f: &Function, rust: &str) -> String {
    let name = names::go_local(rust);
    if body_locals(f).contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The Go signature of `f` (receiver excluded).
pub fn go_signature(krate: &Crate, f: &Function) -> GoSignature {
    let mut params = Vec::new();
    if f.cancelable() || f.is_async {
        params.push(("ctx".into(), "context.Context".into()));
    }
    for a in f.args.iter().filter(|a| a.ty != Type::Cancel) {
        params.push((param_name(f, &a.name), go_type(krate, &a.ty)));
    }
    let results = if let Some(item) = f.iter_item() {
        // Errors travel inside the sequence, not beside it.
        vec![match f.returns_error() {
            true => format!("iter.Seq2[{}, error]", go_type(krate, item)),
            false => format!("iter.Seq[{}]", go_type(krate, item)),
        }]
    } else {
        let mut results = result_parts(krate, &f.ret.ok).0;
        if f.returns_error() {
            results.push("error".into());
        }
        results
    };
    GoSignature { params, results }
}

fn result_parts(krate: &Crate, ty: &Type) -> (Vec<String>, Vec<String>) {
    match ty {
        Type::Unit => (vec![], vec![]),
        Type::Tuple(items) => (
            items.iter().map(|t| go_type(krate, t)).collect(),
            items.iter().map(|t| go_zero(krate, t)).collect(),
        ),
        Type::Option(inner) if matches!(**inner, Type::Tuple(_)) => {
            let (mut types, mut zeros) = result_parts(krate, inner);
            types.push("bool".into());
            zeros.push("false".into());
            (types, zeros)
        }
        Type::Option(inner) => (
            vec![go_type(krate, inner), "bool".into()],
            vec![go_zero(krate, inner), "false".into()],
        ),
        t => (vec![go_type(krate, t)], vec![go_zero(krate, t)]),
    }
}

/// `a, b int64, s string`: consecutive parameters of one type share it, as gofmt'd Go does.
fn join_params(params: &[(String, String)]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < params.len() {
        let mut j = i;
        while j + 1 < params.len() && params[j + 1].1 == params[i].1 {
            j += 1;
        }
        let names: Vec<&str> = params[i..=j].iter().map(|(n, _)| n.as_str()).collect();
        out.push(format!("{} {}", names.join(", "), params[i].1));
        i = j + 1;
    }
    out.join(", ")
}

/// What the godoc of a function whose lazy iterator borrows says about it (ADR 0014).
fn lazy_contract(cx: &Context, f: &Function) -> Vec<String> {
    let mut out = Vec::new();
    let borrowed = borrowed_args(f);
    if !borrowed.is_empty() {
        let all: Vec<String> = borrowed.iter().map(|(n, _)| n.clone()).collect();
        let copied: Vec<String> = borrowed
            .iter()
            .filter(|(_, ty)| kept(ty) == Ok(Kept::Copied))
            .map(|(n, _)| n.clone())
            .collect();
        let them = |names: &[String]| if names.len() == 1 { "it" } else { "them" };
        let mut text = format!(
            "The Rust iterator reads {} while the loop runs, and the loop keeps {} until it ends",
            english_list(&all),
            them(&all)
        );
        if !copied.is_empty() {
            text.push_str(&format!(
                ": each loop first copies {} and reads the copy, so changing {} meanwhile does not change the items",
                english_list(&copied),
                them(&copied)
            ));
        }
        text.push('.');
        out.push(text);
    }
    if let (
        true,
        FnKind::Method {
            receiver: Receiver::Shared,
            ..
        },
        Some(Owner::Object(go)),
    ) = (f.borrows, &f.kind, method_of(cx.krate, f))
    {
        out.push(format!(
            "The loop holds the {go} shared until it ends, as sync.RWMutex.RLock would: a Close meanwhile takes effect when the loop ends, and methods that change the {go} wait for it (so calling one inside the loop never returns)."
        ));
    }
    out
}

/// The godoc paragraphs stating ownership, errors and panics.
fn contract(cx: &Context, f: &Function) -> Vec<String> {
    let mut out = Vec::new();
    // Invalid UTF-8 (ADR 0016): read as Go reads it where the function has no error result.
    let strings = text_params(cx.krate, f, is_string);
    let paths = text_params(cx.krate, f, is_path);
    if f.lossy_utf8() {
        if !strings.is_empty() {
            out.push(format!(
                "Rust reads invalid UTF-8 in {} as a range loop does: each invalid byte is utf8.RuneError (U+FFFD).",
                english_list(&strings)
            ));
        }
        if !paths.is_empty() {
            out.push(format!(
                "Rust gets file names in {} byte for byte on Unix, as the os package passes them to the system.",
                english_list(&paths)
            ));
        }
    } else {
        let checked = text_params(cx.krate, f, |t| is_string(t) || is_path(t));
        if !checked.is_empty() {
            out.push(format!(
                "Rust requires valid UTF-8 in {}: invalid input is reported as ferrogo.ErrInvalidUTF8.",
                english_list(&checked)
            ));
        }
    }
    // A lazy iterator's loop copies the slices its iterator may borrow (see below).
    let copied = |ty: &Type| f.borrows && kept(ty) == Ok(Kept::Copied);
    if f.args
        .iter()
        .any(|a| reads_slice_in_place(&a.ty) && !copied(&a.ty))
    {
        out.push("Slices are read in place during the call and never retained. Changing one from another goroutine during the call is a data race (which the race detector cannot see inside Rust).".into());
    }
    if let Some(e) = &f.ret.err {
        let go = cx.krate.error(e).map(|e| e.go_name.as_str()).unwrap_or(e);
        out.push(format!(
            "Errors are of the Rust error type {go} (see the {go} interface); a Rust panic is returned as a *ferrogo.PanicError."
        ));
    } else if f.returns_error() {
        out.push("A Rust panic is returned as a *ferrogo.PanicError.".into());
    } else if f.iter_item().is_some() {
        out.push(
            "If the Rust code panics, the range loop panics with a *ferrogo.PanicError (recoverable).".into(),
        );
    } else {
        out.push(format!(
            "If the Rust code panics, {} panics with a *ferrogo.PanicError (recoverable).",
            f.go_name
        ));
    }
    if f.iter_item().is_some() {
        out.push(
            "Each range over the result calls the Rust function again; items cross in chunks, one cgo call per 256, and breaking out of the loop drops the Rust iterator."
                .into(),
        );
    }
    out.extend(lazy_contract(cx, f));
    if f.cancelable() {
        out.push(format!(
            "If ctx is canceled or its deadline passes before the call completes, {} returns ctx.Err(); the Rust code sees the cancellation and stops early.",
            f.go_name
        ));
    }
    if f.is_async {
        out.push(format!(
            "{} runs a Rust async function: the goroutine waits for its future without holding an OS thread (the future runs on ferrogo's async runtime, see ferrogo.Config.AsyncThreads). If ctx is canceled or its deadline passes first, the future is dropped and {} returns ctx.Err().",
            f.go_name, f.go_name
        ));
    }
    if f.blocking {
        out.push(
            "It may block or run long: when ferrogo.Config.BlockingCalls caps such calls, it first waits for a free slot."
                .into(),
        );
    }
    if let (FnKind::Method { receiver, .. }, Some(Owner::Object(go))) = (&f.kind, method_of(cx.krate, f)) {
        let closed = match f.returns_error() || f.iter_item().is_some() {
            true => "after Close it reports ferrogo.ErrClosed",
            false => "after Close it panics with ferrogo.ErrClosed",
        };
        out.push(match receiver {
            Receiver::Shared => format!("It is safe to call concurrently; {closed}."),
            Receiver::Exclusive => format!("It changes the {go} in place: it waits for other calls on it to end and holds it alone while it runs; {closed}."),
            Receiver::Owned => format!("It consumes the {go}: once it returns, the {go} is closed (later calls report ferrogo.ErrClosed). It waits for other calls on it to end first."),
        });
    }
    out
}

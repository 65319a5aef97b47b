//! Handlers: the Go function run when Rust calls Go code (a callback trait's method or a func
//! argument). It finds the Go value by its handle, converts the arguments Rust lowered, calls
//! it, and hands the result back (a number or bool as its C result; anything else delivered
//! through `fg_cb_deliver_*` before it returns). Panics are recovered in the handler and
//! reported; they never unwind into Rust. Shared by `callbacks` and `closures`.

use ferrogo_syntax::ir::{Arg, Crate, Return, Type};

use crate::exports::Export;
use crate::lift::lift_ret;
use crate::lower::lower_arg;
use crate::types::{c_type, key, needs_keep, variant_field, Dir, Helpers};
use crate::writer::Writer;
use crate::Context;

/// How Go hands a result of `ty` back.
fn direct(ty: &Type) -> bool {
    ty.is_scalar()
}

/// One method or func as seen by its handler.
pub struct Target<'a> {
    /// The Go expression of the value, given `v` from the table: `v.OnProgress`, `v`.
    pub call: String,
    pub args: &'a [Arg],
    pub ret: &'a Return,
}

/// Writes the handler `name` of `target`, looking values up in `table`; returns its export.
pub fn emit_handler(
    cx: &Context,
    name: &str,
    symbol: String,
    table: &str,
    target: &Target,
    w: &mut Writer,
    h: &mut Helpers,
) -> Export {
    let krate = cx.krate;
    emit_support(h);
    let mut params: Vec<(String, String)> = vec![("h".into(), "C.uint64_t".into())];
    let mut lifted = Vec::new();
    for (i, a) in target.args.iter().enumerate() {
        let p = format!("a{i}");
        let c = match &a.ty {
            Type::Str | Type::Bytes => "fg_slice".to_string(),
            t => c_type(krate, t, Dir::Out, h),
        };
        params.push((p.clone(), format!("C.{c}")));
        lifted.push(lift_ret(krate, &a.ty, &p, h));
    }
    params.push(("out".into(), "*C.fg_call_out".into()));
    let ok = &target.ret.ok;
    let result = direct(ok).then(|| format!("C.{}", c_type(krate, ok, Dir::In, h)));
    let zero = if result.is_some() { " 0" } else { "" };
    let sig: Vec<String> = params.iter().map(|(n, t)| format!("{n} {t}")).collect();
    match &result {
        Some(r) => w.line(format!("func {name}({}) {r} {{", sig.join(", "))),
        None => w.line(format!("func {name}({}) {{", sig.join(", "))),
    }
    w.line(format!("defer cbRecover(out, {table}.Panicked)"));
    w.line(format!("v, ok := {table}.Get(uint64(h))"));
    w.line("if !ok {");
    w.line("cbReport(out, cbReleased, \"\", \"\")");
    w.line(format!("return{zero}"));
    w.line("}");
    let call = format!("{}({})", target.call, lifted.join(", "));
    let has_value = *ok != Type::Unit;
    match (has_value, &target.ret.err) {
        (false, None) => w.line(call),
        (false, Some(e)) => {
            w.line(format!("if err := {call}; err != nil {{"));
            w.line(format!("{}(out, err)", fail_func(krate, e, h)));
            w.line("}");
        }
        (true, None) => w.line(format!("r := {call}")),
        (true, Some(e)) => {
            w.line(format!("r, err := {call}"));
            w.line("if err != nil {");
            w.line(format!("{}(out, err)", fail_func(krate, e, h)));
            w.line(format!("return{zero}"));
            w.line("}");
        }
    }
    if has_value {
        if direct(ok) {
            w.line(format!("return {}", lower_arg(krate, ok, "r", "nil", h)));
        } else {
            let deliver = deliver_helper(krate, ok, h);
            if needs_keep(krate, ok) {
                w.line("var keep rt.Keep");
                w.line(format!(
                    "C.{deliver}(out, {})",
                    lower_arg(krate, ok, "r", "&keep", h)
                ));
                w.line("runtime.KeepAlive(&keep)");
            } else {
                w.line(format!(
                    "C.{deliver}(out, {})",
                    lower_arg(krate, ok, "r", "nil", h)
                ));
            }
            w.line("runtime.KeepAlive(r)");
            h.imports.insert("runtime");
        }
    }
    w.line("}");
    w.blank();
    Export {
        symbol,
        params,
        result,
        handler: name.to_string(),
    }
}

/// The C helper handing a result of `ty` to Rust (`out->deliver` with its address).
fn deliver_helper(krate: &Crate, ty: &Type, h: &mut Helpers) -> String {
    let c = c_type(krate, ty, Dir::In, h);
    deliver_helper_of(&key(ty), &c, h)
}

/// The C helper `fg_cb_deliver_<key>` handing a value of C type `c` to Rust.
fn deliver_helper_of(key: &str, c: &str, h: &mut Helpers) -> String {
    let name = format!("fg_cb_deliver_{key}");
    h.c_helper(
        &name,
        format!("static inline void {name}(fg_call_out *out, {c} v) {{ out->deliver(out, &v); }}"),
    );
    name
}

/// The Go function reporting an error that Go code returned for a method whose Rust error type
/// is the enum `e`: the variant it matches, with its fields, or only its text (Rust then gets
/// `E::from(CallbackError)`).
fn fail_func(krate: &Crate, e: &str, h: &mut Helpers) -> String {
    let name = format!("cbFail{e}");
    let Some(err) = krate.error(e) else {
        return name;
    };
    h.imports.insert("errors");
    let mirror = format!("fg_err_{e}_in");
    let mut c_fields = vec!["uint32_t tag;".to_string()];
    let mut decls = Vec::new();
    let mut cases = Vec::new();
    let mut kept = Vec::new();
    let mut keep = false;
    for (i, v) in err.variants.iter().enumerate() {
        if v.fields.is_empty() {
            cases.push(format!("\tcase errors.Is(err, {}):\n\t\tm.tag = {i}", v.go_name));
            continue;
        }
        // A variant's struct, found as errors.As finds it (also wrapped), its fields lowered as
        // a sum type's are.
        // Named by index: a variant's Go name may be anything, `out` or `err` included.
        let var = format!("e{i}");
        decls.push(format!("\tvar {var} *{}\n", v.go_name));
        let mut body = vec![format!("m.tag = {i}")];
        for f in &v.fields {
            c_fields.push(format!(
                "{} {};",
                c_type(krate, &f.ty, Dir::In, h),
                variant_field(i, &f.name)
            ));
            keep |= needs_keep(krate, &f.ty);
            let conv = lower_arg(krate, &f.ty, &format!("{var}.{}", f.go_name), "&keep", h);
            body.push(format!("m.{} = {conv}", variant_field(i, &f.name)));
        }
        cases.push(format!(
            "\tcase errors.As(err, &{var}) && {var} != nil:\n\t\t{}",
            body.join("\n\t\t")
        ));
        kept.push(format!("\truntime.KeepAlive({var})\n"));
    }
    h.typedef_once(
        &mirror,
        &format!("typedef struct {{ {} }} {mirror};", c_fields.join(" ")),
    );
    let deliver = deliver_helper_of(&format!("err_{e}"), &mirror, h);
    if !kept.is_empty() {
        h.imports.insert("runtime");
    }
    let keep_decl = if keep { "\tvar keep rt.Keep\n" } else { "" };
    if keep {
        kept.push("\truntime.KeepAlive(&keep)\n".into());
    }
    h.func(&name, |_| {
        format!(
            "// {name} reports err, returned by Go code Rust called, to Rust: as the variant of the Rust\n// enum {e} it matches (errors.Is with a sentinel, errors.As with a variant's struct type; the first\n// in declaration order), with its fields, or else as a ferrogo::CallbackError with its text.\nfunc {name}(out *C.fg_call_out, err error) {{\n\tcbReport(out, cbFailed, err.Error(), \"\")\n{keep_decl}{}\tvar m C.{mirror}\n\tswitch {{\n{}\n\tdefault:\n\t\treturn\n\t}}\n\tC.{deliver}(out, m)\n{}}}",
            decls.concat(),
            cases.join("\n"),
            kept.concat()
        )
    });
    name
}

/// The C and Go support every handler uses, once.
fn emit_support(h: &mut Helpers) {
    h.imports.insert("unsafe");
    h.imports.insert("fmt");
    h.imports.insert("runtime/debug");
    h.typedef_once(
        "fg_call_out",
        "typedef struct fg_call_out { void (*report)(struct fg_call_out *, uint32_t, fg_slice, fg_slice); void (*deliver)(struct fg_call_out *, const void *); void *state; } fg_call_out;",
    );
    h.c_helper(
        "fg_cb_report",
        "static inline void fg_cb_report(fg_call_out *out, uint32_t status, fg_slice msg, fg_slice stack) { out->report(out, status, msg, stack); }".into(),
    );
    h.func("cbReport", |_| {
        "// Outcomes of a call from Rust, as ferrogo's runtime numbers them.\nconst (\n\tcbFailed   = 1\n\tcbPanicked = 2\n\tcbReleased = 3\n)\n\n// cbReport tells Rust how a call into Go ended: an error's text, or a panic's value and stack\n// (copied by Rust before it returns).\nfunc cbReport(out *C.fg_call_out, status C.uint32_t, msg, stack string) {\n\tC.fg_cb_report(out, status, cbText(msg), cbText(stack))\n}\n\nfunc cbText(s string) C.fg_slice {\n\treturn C.fg_slice{ptr: (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s))), len: C.size_t(len(s))}\n}\n\n// cbRecover reports a panic of Go code called by Rust (deferred by every handler): it must not\n// unwind into Rust's frames. Rust raises it again (the Go caller gets a *ferrogo.PanicError\n// saying it is a Go panic), or returns it as an error.\nfunc cbRecover(out *C.fg_call_out, count func()) {\n\tif r := recover(); r != nil {\n\t\tcount()\n\t\tcbReport(out, cbPanicked, fmt.Sprint(r), string(debug.Stack()))\n\t}\n}".into()
    });
}

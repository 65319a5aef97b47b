//! Go errors for `#[ferrogo::error]` enums: an interface named after the enum that every variant
//! implements (`errors.As`), sentinel values for unit variants (`errors.Is`) and struct types for
//! data variants (`errors.As`). The message is always the Rust `Display` text.

use ferrogo_syntax::ir::{ErrorEnum, Type};

use crate::docs::{godoc, DocKind};
use crate::lift::lift_ret;
use crate::types::{c_type, go_type, Dir, Helpers};
use crate::writer::Writer;
use crate::Context;

pub fn emit(cx: &Context, e: &ErrorEnum, w: &mut Writer, h: &mut Helpers) {
    let go = &e.go_name;
    let marker = format!("is{go}");
    let lower = ferrogo_syntax::names::go_unexported(go);

    let fallback = format!("{go} is implemented by every error of the Rust enum {}.", e.name);
    let contract = [format!(
        "Use errors.As with a {go} to match any of its errors, errors.Is with a sentinel (Err...) for a unit variant, or errors.As with a variant's struct type to read its fields."
    )];
    w.comment(&godoc(go, DocKind::Type, &e.docs, &fallback, &contract));
    w.line(format!("type {go} interface {{"));
    w.line("error");
    w.line(format!("{marker}()"));
    w.line("}");
    w.blank();

    let units: Vec<_> = e.variants.iter().filter(|v| v.fields.is_empty()).collect();
    if !units.is_empty() {
        w.line("var (");
        for v in &units {
            let fallback = format!(
                "{} matches (errors.Is) the Rust error {}::{}.",
                v.go_name, e.name, v.name
            );
            w.comment(&godoc(&v.go_name, DocKind::ErrorValue, &v.docs, &fallback, &[]));
            w.line(format!(
                "{} error = &{lower}Sentinel{{{:?}}}",
                v.go_name,
                sentinel_message(cx.package, e, v)
            ));
        }
        w.line(")");
        w.blank();
        w.comment(&[format!("{lower}Sentinel is the type of the {go} sentinels.")]);
        w.line(format!("type {lower}Sentinel struct{{ msg string }}"));
        w.blank();
        w.line(format!(
            "func (e *{lower}Sentinel) Error() string {{ return e.msg }}"
        ));
        w.line(format!("func (*{lower}Sentinel) {marker}() {{}}"));
        w.blank();
        w.comment(&[format!(
            "{lower}Unit is a unit variant as returned by Rust: its Display message, matching its sentinel."
        )]);
        w.line(format!("type {lower}Unit struct {{"));
        w.line("sentinel error");
        w.line("msg string");
        w.line("}");
        w.blank();
        w.line(format!("func (e *{lower}Unit) Error() string {{ return e.msg }}"));
        w.line(format!(
            "func (e *{lower}Unit) Is(target error) bool {{ return target == e.sentinel }}"
        ));
        w.line(format!("func (*{lower}Unit) {marker}() {{}}"));
        w.blank();
        h.imports.insert("sync/atomic");
        w.comment(&[
            format!("{lower}Units holds the last error returned for each unit variant, by variant index: a"),
            "unit variant's Display message rarely changes, so it is reused without allocating.".into(),
        ]);
        w.line(format!(
            "var {lower}Units [{}]atomic.Pointer[{lower}Unit]",
            e.variants.len()
        ));
        w.blank();
        w.comment(&[format!(
            "{lower}UnitOf returns the error of unit variant i with message msg (Rust's, aliased), reusing the last one when the message is the same."
        )]);
        w.line(format!(
            "func {lower}UnitOf(i int, sentinel error, msg []byte) error {{"
        ));
        w.line(format!(
            "if e := {lower}Units[i].Load(); e != nil && e.msg == string(msg) {{"
        ));
        w.line("return e");
        w.line("}");
        w.line(format!("e := &{lower}Unit{{sentinel, string(msg)}}"));
        w.line(format!("{lower}Units[i].Store(e)"));
        w.line("return e");
        w.line("}");
        w.blank();
    }

    for v in e.variants.iter().filter(|v| !v.fields.is_empty()) {
        let fallback = format!("{} is the Rust error {}::{}.", v.go_name, e.name, v.name);
        w.comment(&godoc(&v.go_name, DocKind::ErrorValue, &v.docs, &fallback, &[]));
        w.line(format!("type {} struct {{", v.go_name));
        for f in &v.fields {
            if !f.docs.lines.is_empty() {
                w.comment(&godoc(&f.go_name, DocKind::Member, &f.docs, "", &[]));
            }
            w.line(format!("{} {}", f.go_name, go_type(cx.krate, &f.ty)));
        }
        w.blank();
        w.line("msg string");
        w.line("}");
        w.blank();
        w.comment(&[format!(
            "Error returns the Rust Display message of {}::{}.",
            e.name, v.name
        )]);
        w.line(format!("func (e *{}) Error() string {{", v.go_name));
        w.line("if e.msg == \"\" {");
        w.line(format!("return \"{}: {}::{}\"", cx.package, e.name, v.name));
        w.line("}");
        w.line("return e.msg");
        w.line("}");
        w.blank();
        w.line(format!("func (*{}) {marker}() {{}}", v.go_name));
        w.blank();
    }

    w.line(format!(
        "func decode{}(variant uint32, payload []byte) error {{",
        e.name
    ));
    w.line("switch variant {");
    for (i, v) in e.variants.iter().enumerate() {
        w.line(format!("case {i}:"));
        if v.fields.is_empty() {
            w.line(format!(
                "return {lower}UnitOf({i}, {}, rt.MessageOf(payload))",
                v.go_name
            ));
        } else {
            w.line("d := rt.CopyDecoder(payload)");
            w.line(format!("e := &{}{{msg: d.String()}}", v.go_name));
            for f in &v.fields {
                w.line(format!("e.{} = {}", f.go_name, decode_field(cx, &f.ty, h)));
            }
            w.line("return e");
        }
    }
    w.line("}");
    w.line("return nil");
    w.line("}");
    w.blank();
}

/// How a variant field is read back: strings, numbers and bools from the payload; any other type
/// from its C representation, which the payload points at (the error owns it until Go frees it).
fn decode_field(cx: &Context, ty: &Type, h: &mut Helpers) -> String {
    let go = go_type(cx.krate, ty);
    match ty {
        Type::String => "d.String()".into(),
        Type::Bool => "d.Bool()".into(),
        Type::F64 => "d.Float64()".into(),
        Type::F32 => "float32(d.Float64())".into(),
        Type::U64 => "d.Uint64()".into(),
        Type::I64 => "d.Int64()".into(),
        Type::U8 | Type::U16 | Type::U32 | Type::Usize => format!("{go}(d.Uint64())"),
        t if t.is_scalar() => format!("{go}(d.Int64())"),
        t => {
            h.imports.insert("unsafe");
            let c = c_type(cx.krate, t, Dir::Out, h);
            lift_ret(cx.krate, t, &format!("(*(*C.{c})(d.Pointer()))"), h)
        }
    }
}

/// A sentinel's own message (returned errors carry the Rust `Display` text instead): the first
/// line of the variant's docs, else the Rust path.
fn sentinel_message(package: &str, e: &ErrorEnum, v: &ferrogo_syntax::ir::ErrorVariant) -> String {
    match v.docs.lines.first().map(|l| l.trim().trim_end_matches('.')) {
        Some(first) if !first.is_empty() => {
            format!("{package}: {}", ferrogo_syntax::names::go_unexported(first))
        }
        _ => format!("{package}: {}::{}", e.name, v.name),
    }
}

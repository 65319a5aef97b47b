//! Go structs for records and typed constants for C-like enums.

use ferrogo_syntax::ir::{Enum, Record};

use crate::docs::{godoc, DocKind};
use crate::types::{go_type, Helpers};
use crate::writer::Writer;
use crate::Context;

pub fn emit_record(cx: &Context, r: &Record, w: &mut Writer) {
    let fallback = format!("{} mirrors the Rust struct {}.", r.go_name, r.name);
    let contract = ["It is plain data, copied by value across the Go/Rust boundary.".to_string()];
    w.comment(&godoc(&r.go_name, DocKind::Type, &r.docs, &fallback, &contract));
    w.line(format!("type {} struct {{", r.go_name));
    for f in &r.fields {
        if !f.docs.lines.is_empty() {
            w.comment(&godoc(&f.go_name, DocKind::Member, &f.docs, "", &[]));
        }
        w.line(format!("{} {}", f.go_name, go_type(cx.krate, &f.ty)));
    }
    w.line("}");
    w.blank();
}

pub fn emit_enum(_cx: &Context, e: &Enum, w: &mut Writer, h: &mut Helpers) {
    let fallback = format!("{} mirrors the Rust enum {}.", e.go_name, e.name);
    w.comment(&godoc(&e.go_name, DocKind::Type, &e.docs, &fallback, &[]));
    w.line(format!("type {} int32", e.go_name));
    w.blank();
    w.line("const (");
    for v in &e.variants {
        if !v.docs.lines.is_empty() {
            w.comment(&godoc(&v.go_name, DocKind::Member, &v.docs, "", &[]));
        }
        w.line(format!("{} {} = {}", v.go_name, e.go_name, v.value));
    }
    w.line(")");
    w.blank();
    let recv = ferrogo_syntax::names::go_receiver(&e.go_name, |_| false);
    w.comment(&[format!(
        "String returns the Rust name of the variant, or {}(n) for unknown values.",
        e.go_name
    )]);
    w.line(format!("func ({recv} {}) String() string {{", e.go_name));
    w.line(format!("switch {recv} {{"));
    for v in &e.variants {
        w.line(format!("case {}:", v.go_name));
        w.line(format!("return \"{}\"", v.name));
        // gofmt re-indents case bodies; the writer keeps them flat.
    }
    w.line("}");
    h.imports.insert("strconv");
    w.line(format!(
        "return \"{}(\" + strconv.Itoa(int({recv})) + \")\"",
        e.go_name
    ));
    w.line("}");
    w.blank();
}

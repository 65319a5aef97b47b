//! Rust enums with data as Go sum types: a sealed interface `E` (one unexported method `isE`)
//! and one struct per variant, named `<E><Variant>`, holding the variant's fields (a single
//! tuple field is `Value`, several are `F0`, `F1`, ...). Variants are values: Go builds them with
//! composite literals and tells them apart with a type switch; a pointer to a variant is
//! accepted as an argument too. A nil interface (or any other implementation) is rejected by
//! Rust with an `*ferrogo.ArgumentError` naming the argument.

use ferrogo_syntax::ir::{Crate, Enum, Type};

use crate::docs::{godoc, DocKind};
use crate::lift::lift_ret;
use crate::lower::{keep_param, lower_arg};
use crate::types::{c_type, go_type, variant_field, Dir, Helpers};
use crate::writer::Writer;
use crate::Context;

/// The interface's unexported method.
fn marker(e: &Enum) -> String {
    format!("is{}", e.go_name)
}

pub fn emit(cx: &Context, e: &Enum, w: &mut Writer) {
    let names: Vec<&str> = e.variants.iter().map(|v| v.go_name.as_str()).collect();
    let fallback = format!("{} mirrors the Rust enum {}.", e.go_name, e.name);
    let contract = [format!(
        "Its values are {}: use a type switch to tell them apart. Each variant is a struct value, copied across the Go/Rust boundary.",
        english_or(&names)
    )];
    w.comment(&godoc(&e.go_name, DocKind::Type, &e.docs, &fallback, &contract));
    w.line(format!("type {} interface {{", e.go_name));
    w.line(format!("{}()", marker(e)));
    w.line("}");
    w.blank();
    for v in &e.variants {
        let fallback = format!("{} is the Rust variant {}::{}.", v.go_name, e.name, v.name);
        w.comment(&godoc(&v.go_name, DocKind::Type, &v.docs, &fallback, &[]));
        if v.fields.is_empty() {
            w.line(format!("type {} struct{{}}", v.go_name));
        } else {
            w.line(format!("type {} struct {{", v.go_name));
            for f in &v.fields {
                if !f.docs.lines.is_empty() {
                    w.comment(&godoc(&f.go_name, DocKind::Member, &f.docs, "", &[]));
                }
                w.line(format!("{} {}", f.go_name, go_type(cx.krate, &f.ty)));
            }
            w.line("}");
        }
        w.blank();
        w.line(format!("func ({}) {}() {{}}", v.go_name, marker(e)));
        w.blank();
    }
}

/// `a`, `a or b`, `a, b or c`.
fn english_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The Go expression converting the interface value `expr` to its C mirror.
pub fn lower(krate: &Crate, e: &Enum, expr: &str, keep: &str, h: &mut Helpers) -> String {
    let ty = Type::Named(e.name.clone());
    let c = c_type(krate, &ty, Dir::In, h);
    let name = format!("c{}", e.name);
    let mut cases = Vec::new();
    for (i, v) in e.variants.iter().enumerate() {
        let mut body = vec![format!("o.tag = {i}")];
        for f in &v.fields {
            let conv = lower_arg(krate, &f.ty, &format!("v.{}", f.go_name), "keep", h);
            body.push(format!("o.{} = {conv}", variant_field(i, &f.name)));
        }
        cases.push(format!("\tcase {}:\n\t\t{}", v.go_name, body.join("\n\t\t")));
        cases.push(format!(
            "\tcase *{}:\n\t\tif v == nil {{\n\t\t\treturn C.{c}{{tag: invalidVariant}}\n\t\t}}\n\t\treturn {name}(*v{})",
            v.go_name,
            keep_param(krate, &ty, "keep").1
        ));
    }
    let go = &e.go_name;
    let (param, arg) = keep_param(krate, &ty, keep);
    h.func("invalidVariant", |_| {
        "// invalidVariant is the tag of a nil (or foreign) sum-type value: Rust rejects it.\nconst invalidVariant = 0xffffffff".into()
    });
    h.func(&name, |_| {
        format!(
            "func {name}(v {go}{param}) (o C.{c}) {{\n\tswitch v := v.(type) {{\n{}\n\tdefault:\n\t\to.tag = invalidVariant\n\t}}\n\treturn o\n}}",
            cases.join("\n")
        )
    });
    format!("{name}({expr}{arg})")
}

/// The Go expression converting the C mirror `expr` to the interface value.
pub fn lift(krate: &Crate, e: &Enum, expr: &str, h: &mut Helpers) -> String {
    let c = c_type(krate, &Type::Named(e.name.clone()), Dir::Out, h);
    let name = format!("go{}", e.name);
    let mut cases = Vec::new();
    for (i, v) in e.variants.iter().enumerate() {
        let fields: Vec<String> = v
            .fields
            .iter()
            .map(|f| {
                let conv = lift_ret(krate, &f.ty, &format!("v.{}", variant_field(i, &f.name)), h);
                format!("{}: {conv}", f.go_name)
            })
            .collect();
        cases.push(format!(
            "\tcase {i}:\n\t\treturn {}{{{}}}",
            v.go_name,
            fields.join(", ")
        ));
    }
    let go = &e.go_name;
    h.func(&name, |_| {
        format!(
            "func {name}(v C.{c}) {go} {{\n\tswitch v.tag {{\n{}\n\t}}\n\treturn nil\n}}",
            cases.join("\n")
        )
    });
    format!("{name}({expr})")
}

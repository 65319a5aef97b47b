//! Rust enums with data as Go sum types: a sealed interface `E` (one unexported method `isE`)
//! and one struct per variant, named `<E><Variant>`, holding the variant's fields (a single
//! tuple field is `Value`, several are `F0`, `F1`, ...). Variants are values: Go builds them with
//! composite literals and tells them apart with a type switch; a pointer to a variant is
//! accepted as an argument too. A nil interface (or any other implementation) is rejected by
//! Rust with an `*ferrogo.ArgumentError` naming the argument.

use ferrogo_syntax::ir::{Crate, Enum, Field, Type};

use crate::docs::{godoc, DocKind};
use crate::lift::lift_ret;
use crate::lower::{keep_param, lower_arg};
use crate::types::{c_type, go_type, is_nilable, named, variant_field, Dir, Helpers, Named};
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
    let name = format!("c{}", e.name);
    let (param, arg) = keep_param(krate, &ty, keep);
    if !h.reserve(&name) {
        return format!("{name}({expr}{arg})");
    }
    let c = c_type(krate, &ty, Dir::In, h);
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
    let name = format!("go{}", e.name);
    if !h.reserve(&name) {
        return format!("{name}({expr})");
    }
    let c = c_type(krate, &Type::Named(e.name.clone()), Dir::Out, h);
    let mut cases = Vec::new();
    for i in 0..e.variants.len() {
        let value = variant_value(krate, e, i, h);
        cases.push(format!("\tcase {i}:\n\t\treturn {value}"));
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

/// Variant `i` of `e` as a Go struct literal, from the C mirror `v`.
fn variant_value(krate: &Crate, e: &Enum, i: usize, h: &mut Helpers) -> String {
    let v = &e.variants[i];
    let fields: Vec<String> = v
        .fields
        .iter()
        .map(|f| {
            let conv = lift_ret(krate, &f.ty, &format!("v.{}", variant_field(i, &f.name)), h);
            format!("{}: {conv}", f.go_name)
        })
        .collect();
    format!("{}{{{}}}", v.go_name, fields.join(", "))
}

/// A list of sum-type values (`go<key>`, a `[]E`): the values of each variant that would cost
/// an allocation apiece are laid out in one slab per variant and boxed in place (`rt.BoxAt`),
/// so a list costs one allocation per variant type instead of one per value.
pub fn lift_vec(krate: &Crate, e: &Enum, name: &str, h: &mut Helpers) {
    h.imports.insert("unsafe");
    let c = c_type(krate, &Type::Named(e.name.clone()), Dir::Out, h);
    let go = &e.go_name;
    let slabbed: Vec<usize> = (0..e.variants.len())
        .filter(|&i| boxed_by_pointer(krate, &e.variants[i].fields))
        .collect();
    let single = lift(krate, e, "v", h);
    let mut body = Writer::default();
    body.line(format!("func {name}(src C.fg_vec) []{go} {{"));
    body.line(format!(
        "vs := unsafe.Slice((*C.{c})(unsafe.Pointer(src.ptr)), int(src.len))"
    ));
    body.line(format!("out := make([]{go}, len(vs))"));
    if slabbed.is_empty() {
        body.line("for i, v := range vs {");
        body.line(format!("out[i] = {single}"));
        body.line("}");
    } else {
        body.line("// Count the values of each boxed variant, then fill one slab per variant.");
        let counts: Vec<String> = slabbed.iter().map(|i| format!("n{i}")).collect();
        body.line(format!("var {} int", counts.join(", ")));
        body.line("for _, v := range vs {");
        body.line("switch v.tag {");
        for i in &slabbed {
            body.line(format!("case {i}:"));
            body.line(format!("n{i}++"));
        }
        body.line("}");
        body.line("}");
        for i in &slabbed {
            let variant = &e.variants[*i].go_name;
            body.line(format!("s{i} := make([]{variant}, n{i})"));
        }
        body.line("for i, v := range vs {");
        body.line("switch v.tag {");
        for i in &slabbed {
            let variant = &e.variants[*i].go_name;
            let proto = format!("proto{variant}");
            h.func(&proto, |_| {
                format!("var {proto} = rt.Boxable[{go}]({variant}{{}})")
            });
            body.line(format!("case {i}:"));
            body.line(format!("p := &s{i}[0]"));
            body.line(format!("s{i} = s{i}[1:]"));
            body.line(format!("*p = {}", variant_value(krate, e, *i, h)));
            body.line(format!("out[i] = rt.BoxAt({proto}, unsafe.Pointer(p))"));
        }
        body.line("default:");
        body.line(format!("out[i] = {single}"));
        body.line("}");
        body.line("}");
    }
    body.line("return out");
    body.line("}");
    let text = body.finish();
    h.func(name, |_| text.trim_end().to_string());
}

/// Whether an interface holds a variant with these fields by pointer (so converting one
/// allocates, and a slab can hold it): it has a size and is not pointer-shaped (a single
/// pointer, map or pointer-shaped struct field is stored in the interface word itself).
fn boxed_by_pointer(krate: &Crate, fields: &[Field]) -> bool {
    match fields {
        [] => false,
        [one] => !pointer_shaped(krate, &one.ty),
        _ => true,
    }
}

/// Whether Go stores a value of `ty` in an interface's data word directly (rt.Boxable checks
/// the same with reflect).
fn pointer_shaped(krate: &Crate, ty: &Type) -> bool {
    match ty {
        Type::Map { .. } => true,
        Type::Option(inner) => !is_nilable(krate, inner),
        Type::Boxed(inner) => pointer_shaped(krate, inner),
        Type::Named(n) => match named(krate, n) {
            Named::Record(r) => matches!(&r.fields[..], [one] if pointer_shaped(krate, &one.ty)),
            Named::Object(_) => true,
            Named::Enum(_) | Named::Sum(_) => false,
        },
        _ => false,
    }
}

//! C results to Go values: Rust-owned memory is copied into Go memory (the caller frees the
//! Rust side after). Composite conversions go through small helpers collected in `Helpers`, one
//! per type; each reserves its name before converting the type's parts, so the helpers of a
//! recursive type call each other.

use ferrogo_syntax::ir::{Crate, Record, Type};

use crate::lower::struct_fields;
use crate::plan::Lift;
use crate::sum_types;
use crate::types::{c_field, c_type, go_type, is_number, key, named, tuple_type, Dir, Helpers, Named};

/// Go expression converting the C result `expr` of `ty` to its Go value (copying owned memory).
pub fn lift_ret(krate: &Crate, ty: &Type, expr: &str, h: &mut Helpers) -> String {
    lift(krate, &Lift::of(krate, ty), expr, h)
}

/// [`lift_ret`] by kind: the cgo spelling of each result kind of the call plan.
pub fn lift(krate: &Crate, kind: &Lift, expr: &str, h: &mut Helpers) -> String {
    match *kind {
        Lift::Bool => format!("{expr} != 0"),
        Lift::Time => {
            h.imports.insert("time");
            format!("time.Unix(int64({expr}.secs), int64({expr}.nanos))")
        }
        Lift::Scalar(t) => format!("{}({expr})", go_type(krate, t)),
        Lift::String => {
            h.imports.insert("unsafe");
            format!("rt.CopyString(unsafe.Pointer({expr}.ptr), int({expr}.len))")
        }
        Lift::Bytes => {
            h.imports.insert("unsafe");
            format!("rt.CopyBytes(unsafe.Pointer({expr}.ptr), int({expr}.len))")
        }
        Lift::List { list, item } => vec_ret(krate, list, item, expr, h),
        Lift::Map { key: k, value: v } => map_ret(krate, k, v, expr, h),
        Lift::Optional { option: ty, inner } => {
            let name = format!("goOpt{}", key(inner));
            if !h.reserve(&name) {
                return format!("{name}({expr})");
            }
            let c = c_type(krate, ty, Dir::Out, h);
            let go = go_type(krate, ty);
            let conv = lift_ret(krate, inner, "v.value", h);
            let some = if crate::types::is_nilable(krate, inner) {
                format!("return {conv}")
            } else {
                format!("x := {conv}\n\treturn &x")
            };
            h.func(&name, |_| {
                format!("func {name}(v C.{c}) {go} {{\n\tif v.is_some == 0 {{\n\t\treturn nil\n\t}}\n\t{some}\n}}")
            });
            format!("{name}({expr})")
        }
        // A pointer to the value's C representation, which Rust frees with the result.
        Lift::Boxed(t) => {
            let c = c_type(krate, t, Dir::Out, h);
            h.imports.insert("unsafe");
            h.func("unbox", |_| {
                "// unbox reads the C value a Rust Box points to.\nfunc unbox[T any](p unsafe.Pointer) T {\n\treturn *(*T)(p)\n}".into()
            });
            lift_ret(krate, t, &format!("unbox[C.{c}]({expr})"), h)
        }
        Lift::Range { bound, inclusive } => crate::ranges::lift(krate, bound, inclusive, expr, h),
        Lift::Enum(e) => format!("{}({expr})", e.go_name),
        Lift::Handle(o) => format!("new{}(uint64({expr}))", o.go_name),
        Lift::Record(r) => record_ret(krate, r, expr, h),
        Lift::SumType(e) => sum_types::lift(krate, e, expr, h),
    }
}

fn vec_ret(krate: &Crate, ty: &Type, inner: &Type, expr: &str, h: &mut Helpers) -> String {
    h.imports.insert("unsafe");
    let name = format!("go{}", key(ty));
    if !h.reserve(&name) {
        return format!("{name}({expr})");
    }
    if let Type::Named(n) = inner {
        if let Named::Sum(e) = named(krate, n) {
            sum_types::lift_vec(krate, e, &name, h);
            return format!("{name}({expr})");
        }
    }
    let go = go_type(krate, ty);
    let elem_c = c_type(krate, inner, Dir::Out, h);
    let block_record = match inner {
        Type::Named(n) => krate.record(n).filter(|r| has_option_block(krate, r)),
        _ => None,
    };
    let body = if let Some(r) = block_record {
        // The optional values of the records share slices of blocks, of at most 4 KiB each: a
        // pointer kept from one record keeps that much of the list alive, not all of it (the
        // conversion registers go<Record>In).
        lift_ret(krate, inner, "e", h);
        let block = format!("opt{}", r.name);
        let per_slice = format!("{block}PerSlice");
        h.func(&per_slice, |_| {
            format!("// {per_slice} is how many records of a list share one slice of {block}: at most 4 KiB,\n// all that a kept optional field keeps alive of the list.\nconst {per_slice} = max(1, 4096/int(unsafe.Sizeof({block}{{}})))")
        });
        format!(
            "\tsrc := unsafe.Slice((*C.{elem_c})(unsafe.Pointer(v.ptr)), int(v.len))\n\tvar opts []{block}\n\tout := make({go}, len(src))\n\tfor i, e := range src {{\n\t\tif len(opts) == 0 {{\n\t\t\topts = make([]{block}, min(len(src)-i, {per_slice}))\n\t\t}}\n\t\tout[i] = go{}In(e, &opts[0])\n\t\topts = opts[1:]\n\t}}\n\treturn out",
            r.name
        )
    } else if is_owned_string(inner) {
        // One allocation for the short strings (rt.StringSlab) instead of one each.
        each_element(
            &elem_c,
            &go,
            "\tvar strs rt.StringSlab\n\tfor _, e := range src {\n\t\tstrs.Reserve(int(e.len))\n\t}\n",
            &slab_copy("e"),
        )
    } else if is_number(inner) {
        // Same memory layout in C and Go: one bulk copy.
        format!(
            "\tout := make({go}, int(v.len))\n\tcopy(out, unsafe.Slice((*{})(unsafe.Pointer(v.ptr)), int(v.len)))\n\treturn out",
            go_type(krate, inner)
        )
    } else {
        let conv = lift_ret(krate, inner, "e", h);
        each_element(&elem_c, &go, "", &conv)
    };
    h.func(&name, |_| format!("func {name}(v C.fg_vec) {go} {{\n{body}\n}}"));
    format!("{name}({expr})")
}

/// The body of a list conversion: `conv` converts each C element `e` (index `i`) into `out`,
/// after `prelude` (which may read `src`).
fn each_element(elem_c: &str, go: &str, prelude: &str, conv: &str) -> String {
    format!(
        "\tsrc := unsafe.Slice((*C.{elem_c})(unsafe.Pointer(v.ptr)), int(v.len))\n{prelude}\tout := make({go}, len(src))\n\tfor i, e := range src {{\n\t\tout[i] = {conv}\n\t}}\n\treturn out"
    )
}

fn map_ret(krate: &Crate, k: &Type, v: &Type, expr: &str, h: &mut Helpers) -> String {
    h.imports.insert("unsafe");
    let name = format!("goMap{}{}", key(k), key(v));
    if !h.reserve(&name) {
        return format!("{name}({expr})");
    }
    let go = format!("map[{}]{}", go_type(krate, k), go_type(krate, v));
    let entry = tuple_type(krate, &[k.clone(), v.clone()], Dir::Out, h);
    // String keys and values share one allocation (rt.StringSlab).
    let mut reserve = Vec::new();
    let mut conv = |ty: &Type, expr: &str, h: &mut Helpers| {
        if is_owned_string(ty) {
            reserve.push(format!("\t\tstrs.Reserve(int({expr}.len))\n"));
            slab_copy(expr)
        } else {
            lift_ret(krate, ty, expr, h)
        }
    };
    let key_conv = conv(k, "e.f0", h);
    let value_conv = conv(v, "e.f1", h);
    let slab = if reserve.is_empty() {
        String::new()
    } else {
        format!(
            "\tvar strs rt.StringSlab\n\tfor _, e := range src {{\n{}\t}}\n",
            reserve.concat()
        )
    };
    h.func(&name, |_| {
        format!("func {name}(v C.fg_vec) {go} {{\n\tsrc := unsafe.Slice((*C.{entry})(unsafe.Pointer(v.ptr)), int(v.len))\n{slab}\tout := make({go}, len(src))\n\tfor _, e := range src {{\n\t\tout[{key_conv}] = {value_conv}\n\t}}\n\treturn out\n}}")
    });
    format!("{name}({expr})")
}

/// Whether a result of `ty` is a Rust-owned string Go copies (`String`, `PathBuf`, `Cow<str>`).
fn is_owned_string(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::PathBuf | Type::CowStr)
}

/// Copies the string `expr` (an `fg_vec`) into the slab `strs`.
fn slab_copy(expr: &str) -> String {
    format!("strs.Copy(unsafe.Pointer({expr}.ptr), int({expr}.len))")
}

/// A record, field by field.
fn record_ret(krate: &Crate, r: &Record, expr: &str, h: &mut Helpers) -> String {
    if has_option_block(krate, r) {
        return record_with_options_ret(krate, r, expr, h);
    }
    let name = format!("go{}", r.name);
    if !h.reserve(&name) {
        return format!("{name}({expr})");
    }
    let c = c_type(krate, &Type::Named(r.name.clone()), Dir::Out, h);
    let fields: Vec<String> = r
        .fields
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                f.go_name,
                lift_ret(krate, &f.ty, &format!("v.{}", c_field(&f.name)), h)
            )
        })
        .collect();
    let go = r.go_name.clone();
    h.func(&name, |_| {
        format!(
            "func {name}(v C.{c}) {go} {{\n\treturn {go}{{{}}}\n}}",
            struct_fields(&fields)
        )
    });
    format!("{name}({expr})")
}

/// The inner type of an optional field Go represents as a pointer to a value it allocates (`*T`
/// for `Option<T>`, T not nilable itself).
fn boxed_option<'a>(krate: &Crate, ty: &'a Type) -> Option<&'a Type> {
    match ty {
        Type::Option(inner) if !crate::types::is_nilable(krate, inner) => Some(inner),
        _ => None,
    }
}

/// Whether a record has several optional fields Go holds as pointers: their values share one
/// allocation (a block of them) instead of one each.
fn has_option_block(krate: &Crate, r: &Record) -> bool {
    // With one optional field, its own allocation is already the one.
    r.fields
        .iter()
        .filter(|f| boxed_option(krate, &f.ty).is_some())
        .count()
        >= 2
}

/// A record with several optional fields (`*T` in Go): the values of those present share one
/// block, `opt<Record>`. `go<Record>In` fills the block it is given, or allocates one when some
/// value is present: a list of such records passes each an element of one slice of blocks (one
/// allocation for the list), a single record allocates its own (at most one).
fn record_with_options_ret(krate: &Crate, r: &Record, expr: &str, h: &mut Helpers) -> String {
    let name = format!("go{}", r.name);
    if !h.reserve(&name) {
        return format!("{name}({expr})");
    }
    let c = c_type(krate, &Type::Named(r.name.clone()), Dir::Out, h);
    let block_type = format!("opt{}", r.name);
    let go = r.go_name.clone();
    let mut plain = Vec::new();
    let mut slots = Vec::new(); // (index, field, Go type of the value, C field, conversion)
    for f in &r.fields {
        let field = format!("v.{}", c_field(&f.name));
        match boxed_option(krate, &f.ty) {
            Some(inner) => {
                let conv = lift_ret(krate, inner, &format!("{field}.value"), h);
                slots.push((slots.len(), f, go_type(krate, inner), field, conv));
            }
            None => plain.push(format!("{}: {}", f.go_name, lift_ret(krate, &f.ty, &field, h))),
        }
    }
    let any_some = slots
        .iter()
        .map(|(_, _, _, field, _)| format!("{field}.is_some"))
        .collect::<Vec<_>>()
        .join("|");
    let block = slots
        .iter()
        .map(|(i, _, ty, _, _)| format!("\tv{i} {ty}\n"))
        .collect::<String>();
    let mut body = format!(
        "\tout := {go}{{{}}}\n\tif {any_some} != 0 {{\n\t\tif opt == nil {{\n\t\t\topt = new({block_type})\n\t\t}}\n",
        struct_fields(&plain)
    );
    for (i, f, _, field, conv) in &slots {
        body.push_str(&format!(
            "\t\tif {field}.is_some != 0 {{\n\t\t\topt.v{i} = {conv}\n\t\t\tout.{} = &opt.v{i}\n\t\t}}\n",
            f.go_name
        ));
    }
    body.push_str("\t}\n\treturn out");
    h.func(&name, |_| {
        format!(
            "// {block_type} holds the values of a {go}'s optional fields: one allocation for all of them.\ntype {block_type} struct {{\n{block}}}\n\n\
             // {name}In copies a {go}; the values of its optional fields go in opt (allocated if nil).\n\
             func {name}In(v C.{c}, opt *{block_type}) {go} {{\n{body}\n}}\n\n\
             func {name}(v C.{c}) {go} {{\n\treturn {name}In(v, nil)\n}}"
        )
    });
    format!("{name}({expr})")
}

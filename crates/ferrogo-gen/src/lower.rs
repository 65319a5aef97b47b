//! Go values to their C argument representation. Strings, byte slices and slices of numbers are
//! passed in place; lists of other values, maps, records holding them and enums with data are
//! built as C arrays in Go memory whose addresses cross as integers (cgo refuses Go memory that
//! holds Go pointers), registered in the call's `rt.Keep`, which keeps them on the heap and
//! alive until Rust returns; so is a boxed value's. Each helper reserves its name before
//! converting its type's parts, so the helpers of a recursive type call each other.

use ferrogo_syntax::ir::{Crate, Record, Type};

use crate::go_names::callback_values;
use crate::plan::Lower;
use crate::sum_types;
use crate::types::{
    c_field, c_scalar, c_type, go_type, is_nilable, key, needs_keep, tuple_type, Dir, Helpers,
};

/// Go expression converting the Go value `expr` of `ty` to its C argument representation.
/// `keep` is a Go expression of type `*rt.Keep` for the arrays the conversion builds.
pub fn lower_arg(krate: &Crate, ty: &Type, expr: &str, keep: &str, h: &mut Helpers) -> String {
    lower(krate, &Lower::of(krate, ty), expr, keep, h)
}

/// [`lower_arg`] by kind: the cgo spelling of each argument kind of the call plan.
pub fn lower(krate: &Crate, kind: &Lower, expr: &str, keep: &str, h: &mut Helpers) -> String {
    match *kind {
        Lower::Bool => {
            h.func("cBool", |_| {
                "func cBool(b bool) C.uint8_t {\n\tif b {\n\t\treturn 1\n\t}\n\treturn 0\n}".into()
            });
            format!("cBool({expr})")
        }
        Lower::Time => {
            c_type(krate, &Type::SystemTime, Dir::In, h);
            h.func("cTime", |_| {
                "// cTime passes t as Unix seconds and nanoseconds, as Rust's SystemTime takes them.\nfunc cTime(t time.Time) C.fg_time {\n\treturn C.fg_time{secs: C.int64_t(t.Unix()), nanos: C.uint32_t(t.Nanosecond())}\n}".into()
            });
            format!("cTime({expr})")
        }
        Lower::Scalar(t) => format!("C.{}({expr})", c_scalar(t).unwrap_or_default()),
        Lower::String => {
            h.imports.insert("unsafe");
            h.func("cString", |_| {
                "// cString passes s to Rust without copying; Rust borrows it for the call only.\nfunc cString(s string) C.fg_slice {\n\treturn C.fg_slice{ptr: (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s))), len: C.size_t(len(s))}\n}".into()
            });
            format!("cString({expr})")
        }
        Lower::Bytes => {
            h.imports.insert("unsafe");
            h.func("cBytes", |_| {
                "// cBytes passes b to Rust without copying; Rust borrows it for the call only.\nfunc cBytes(b []byte) C.fg_slice {\n\treturn C.fg_slice{ptr: (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b))), len: C.size_t(len(b))}\n}".into()
            });
            format!("cBytes({expr})")
        }
        Lower::NumberSlice => slice_arg(expr, h),
        Lower::TextList { bytes } => {
            h.imports.insert("unsafe");
            let (name, go, on_heap) = match bytes {
                false => ("cStrings", "string", "StringsOnHeap"),
                true => ("cByteSlices", "[]byte", "BytesOnHeap"),
            };
            h.func(name, |_| {
                format!("// {name} passes v to Rust in one crossing without copying: the address of its backing\n// array, whose headers Rust reads in place. The address is an integer, as cgo refuses Go\n// memory holding Go pointers; rt.{on_heap} keeps the list off the stack (which moves,\n// while the heap does not) and the caller keeps v alive until Rust returns.\nfunc {name}(v []{go}) C.fg_list {{\n\trt.{on_heap}(v)\n\tsize := 0\n\tfor _, e := range v {{\n\t\tsize += len(e)\n\t}}\n\treturn C.fg_list{{items: C.uintptr_t(uintptr(unsafe.Pointer(unsafe.SliceData(v)))), n: C.size_t(len(v)), size: C.size_t(size)}}\n}}")
            });
            format!("{name}({expr})")
        }
        Lower::InPlaceList => {
            h.imports.insert("unsafe");
            h.func("cInPlace", |_| {
                "// cInPlace passes a slice whose Go layout is Rust's ([]bool as bytes, []rune,\n// []time.Duration) in place, as an address Rust reads for the call.\nfunc cInPlace[T any](v []T) C.fg_list {\n\tp := unsafe.Pointer(unsafe.SliceData(v))\n\trt.PointerOnHeap(p)\n\treturn C.fg_list{items: C.uintptr_t(uintptr(p)), n: C.size_t(len(v)), size: C.size_t(uintptr(len(v)) * unsafe.Sizeof(*new(T)))}\n}".into()
            });
            format!("cInPlace({expr})")
        }
        Lower::BuiltList(inner) => built_list(krate, inner, expr, keep, h),
        Lower::Map { key: k, value: v } => built_map(krate, k, v, expr, keep, h),
        Lower::Optional { option, inner } => option_arg(krate, option, inner, expr, keep, h),
        Lower::Boxed(t) => {
            h.imports.insert("unsafe");
            h.func("cBox", |_| {
                "// cBox passes a boxed value: the address of its C value, registered in keep (which keeps it\n// on the heap and alive for the call).\nfunc cBox[T any](v T, keep *rt.Keep) C.uintptr_t {\n\tp := unsafe.Pointer(&v)\n\tkeep.Add(p)\n\treturn C.uintptr_t(uintptr(p))\n}".into()
            });
            format!("cBox({}, {keep})", lower_arg(krate, t, expr, keep, h))
        }
        Lower::Range { bound, inclusive } => crate::ranges::lower(krate, bound, inclusive, expr, h),
        Lower::Enum => format!("C.int32_t({expr})"),
        Lower::Record(r) => record_arg(krate, r, expr, keep, h),
        Lower::SumType(e) => sum_types::lower(krate, e, expr, keep, h),
        Lower::Handle => format!("{expr}.cHandle()"),
        // Rust adopts the handle (and releases it when it drops the value); nil is 0, which
        // Rust rejects as an invalid argument.
        Lower::Callback(name) => {
            let table = krate.callback(name).map(callback_values).unwrap_or_default();
            format!("C.uint64_t({table}.Add({expr}))")
        }
        // The call registers its func arguments (the plan's RegisterFunc step).
        Lower::Func => format!("C.uint64_t({expr}Func)"),
        Lower::CancelFlag => format!("(*C.uint32_t)(unsafe.Pointer({expr}))"),
    }
}

/// How a converter of `ty` takes the call's `rt.Keep`: only converters that build arrays have
/// the parameter. Returns the parameter declaration and the argument passing `keep`.
pub fn keep_param(krate: &Crate, ty: &Type, keep: &str) -> (&'static str, String) {
    if needs_keep(krate, ty) {
        (", keep *rt.Keep", format!(", {keep}"))
    } else {
        ("", String::new())
    }
}

/// A Go slice of numbers passed in place (same layout in Go and Rust).
fn slice_arg(expr: &str, h: &mut Helpers) -> String {
    h.imports.insert("unsafe");
    h.func("cSlice", |_| {
        "// cSlice passes a slice of numbers to Rust without copying; Rust borrows it for the call only.\nfunc cSlice[T any](v []T) C.fg_slice {\n\treturn C.fg_slice{ptr: (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(v))), len: C.size_t(len(v))}\n}".into()
    });
    format!("cSlice({expr})")
}

/// The `fg_list` of a C array: its address (kept by `keep`), length and size in bytes.
fn list_of(h: &mut Helpers) {
    h.imports.insert("unsafe");
    h.func("cList", |_| {
        "// cList describes a C array built in Go memory: its address, registered in keep (which\n// keeps it on the heap and alive for the call), its length and size.\nfunc cList[T any](arr []T, keep *rt.Keep) C.fg_list {\n\tif len(arr) == 0 {\n\t\treturn C.fg_list{}\n\t}\n\tp := unsafe.Pointer(unsafe.SliceData(arr))\n\tkeep.Add(p)\n\treturn C.fg_list{items: C.uintptr_t(uintptr(p)), n: C.size_t(len(arr)), size: C.size_t(uintptr(len(arr)) * unsafe.Sizeof(arr[0]))}\n}".into()
    });
}

/// A list Go builds element by element (records, enums with data, nested lists, options, maps,
/// object handles).
fn built_list(krate: &Crate, inner: &Type, expr: &str, keep: &str, h: &mut Helpers) -> String {
    list_of(h);
    let name = format!("cVec{}", key(inner));
    if !h.reserve(&name) {
        return format!("{name}({expr}, {keep})");
    }
    let go = go_type(krate, inner);
    let elem = c_type(krate, inner, Dir::In, h);
    let conv = lower_arg(krate, inner, "e", "keep", h);
    h.func(&name, |_| {
        format!("func {name}(v []{go}, keep *rt.Keep) C.fg_list {{\n\tarr := make([]C.{elem}, len(v))\n\tfor i, e := range v {{\n\t\tarr[i] = {conv}\n\t}}\n\treturn cList(arr, keep)\n}}")
    });
    format!("{name}({expr}, {keep})")
}

/// A map crosses as a C array of (key, value) entries.
fn built_map(krate: &Crate, k: &Type, v: &Type, expr: &str, keep: &str, h: &mut Helpers) -> String {
    list_of(h);
    let name = format!("cMap{}{}", key(k), key(v));
    if !h.reserve(&name) {
        return format!("{name}({expr}, {keep})");
    }
    let go = format!("map[{}]{}", go_type(krate, k), go_type(krate, v));
    let entry = tuple_type(krate, &[k.clone(), v.clone()], Dir::In, h);
    let key_conv = lower_arg(krate, k, "k", "keep", h);
    let value_conv = lower_arg(krate, v, "e", "keep", h);
    h.func(&name, |_| {
        format!("func {name}(m {go}, keep *rt.Keep) C.fg_list {{\n\tarr := make([]C.{entry}, 0, len(m))\n\tfor k, e := range m {{\n\t\tarr = append(arr, C.{entry}{{f0: {key_conv}, f1: {value_conv}}})\n\t}}\n\treturn cList(arr, keep)\n}}")
    });
    format!("{name}({expr}, {keep})")
}

fn option_arg(krate: &Crate, ty: &Type, inner: &Type, expr: &str, keep: &str, h: &mut Helpers) -> String {
    let name = format!("cOpt{}", key(inner));
    let (param, arg) = keep_param(krate, ty, keep);
    if !h.reserve(&name) {
        return format!("{name}({expr}{arg})");
    }
    let c = c_type(krate, ty, Dir::In, h);
    let go = go_type(krate, ty);
    // An object's pointer or a sum type's interface is nil itself for None.
    let deref = if is_nilable(krate, inner) { "v" } else { "*v" };
    let inner_expr = lower_arg(krate, inner, deref, "keep", h);
    h.func(&name, |_| {
        format!("func {name}(v {go}{param}) (o C.{c}) {{\n\tif v != nil {{\n\t\to.is_some = 1\n\t\to.value = {inner_expr}\n\t}}\n\treturn o\n}}")
    });
    format!("{name}({expr}{arg})")
}

/// A record, field by field.
pub fn record_arg(krate: &Crate, r: &Record, expr: &str, keep: &str, h: &mut Helpers) -> String {
    let name = format!("c{}", r.name);
    let (param, arg) = keep_param(krate, &Type::Named(r.name.clone()), keep);
    if !h.reserve(&name) {
        return format!("{name}({expr}{arg})");
    }
    let c = c_type(krate, &Type::Named(r.name.clone()), Dir::In, h);
    let fields: Vec<String> = r
        .fields
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                c_field(&f.name),
                lower_arg(krate, &f.ty, &format!("v.{}", f.go_name), "keep", h)
            )
        })
        .collect();
    let go = r.go_name.clone();
    h.func(&name, |_| {
        format!(
            "func {name}(v {go}{param}) C.{c} {{\n\treturn C.{c}{{{}}}\n}}",
            struct_fields(&fields)
        )
    });
    format!("{name}({expr}{arg})")
}

/// Composite-literal fields: inline when few, one per line (as gofmt'd code is written) when many.
pub fn struct_fields(fields: &[String]) -> String {
    if fields.len() <= 3 {
        fields.join(", ")
    } else {
        format!("\n\t\t{},\n\t", fields.join(",\n\t\t"))
    }
}

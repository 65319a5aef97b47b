//! The Go and C sides of every IR type: Go spelling, C spelling (mirroring the Rust `Lift`/`Lower`
//! ABI in `crates/ferrogo/src/__private/convert.rs`), and the conversions between them. Conversions
//! are expressions; composite ones go through small helper functions collected in [`Helpers`].

use std::collections::BTreeMap;

use ferrogo_syntax::ir::{Crate, Enum, Object, Record, Type};

/// What a named type is, resolved against the crate.
pub enum Named<'a> {
    Record(&'a Record),
    Enum(&'a Enum),
    Object(&'a Object),
}

pub fn named<'a>(krate: &'a Crate, name: &str) -> Named<'a> {
    if let Some(r) = krate.record(name) {
        Named::Record(r)
    } else if let Some(e) = krate.enum_(name) {
        Named::Enum(e)
    } else if let Some(o) = krate.object(name) {
        Named::Object(o)
    } else {
        panic!("unresolved type {name}: check_crate should have rejected it")
    }
}

/// A Go-identifier-safe key naming a type in helper and C typedef names.
pub fn key(ty: &Type) -> String {
    match ty {
        Type::Unit => "Unit".into(),
        Type::Bool => "Bool".into(),
        Type::I8 => "I8".into(),
        Type::I16 => "I16".into(),
        Type::I32 => "I32".into(),
        Type::I64 => "I64".into(),
        Type::Isize => "Isize".into(),
        Type::U8 => "U8".into(),
        Type::U16 => "U16".into(),
        Type::U32 => "U32".into(),
        Type::U64 => "U64".into(),
        Type::Usize => "Usize".into(),
        Type::F32 => "F32".into(),
        Type::F64 => "F64".into(),
        Type::Str | Type::String => "String".into(),
        Type::Bytes | Type::ByteVec => "Bytes".into(),
        Type::Vec(t) => format!("Vec{}", key(t)),
        Type::Slice(t) => format!("Slice{}", key(t)),
        Type::Iter(t) => format!("Iter{}", key(t)),
        Type::Option(t) => format!("Opt{}", key(t)),
        Type::Named(n) => n.clone(),
        Type::Cancel => "Cancel".into(),
    }
}

/// Go spelling of a value of `ty` (Option is `*T`; function results handle `(T, bool)` themselves).
pub fn go_type(krate: &Crate, ty: &Type) -> String {
    match ty {
        Type::Unit => String::new(),
        Type::Bool => "bool".into(),
        Type::I8 => "int8".into(),
        Type::I16 => "int16".into(),
        Type::I32 => "int32".into(),
        Type::I64 => "int64".into(),
        Type::Isize => "int".into(),
        Type::U8 => "uint8".into(),
        Type::U16 => "uint16".into(),
        Type::U32 => "uint32".into(),
        Type::U64 => "uint64".into(),
        Type::Usize => "uint".into(),
        Type::F32 => "float32".into(),
        Type::F64 => "float64".into(),
        Type::Str | Type::String => "string".into(),
        Type::Bytes | Type::ByteVec => "[]byte".into(),
        Type::Vec(t) | Type::Slice(t) => format!("[]{}", go_type(krate, t)),
        Type::Iter(t) => format!("iter.Seq[{}]", go_type(krate, t)),
        Type::Option(t) => format!("*{}", go_type(krate, t)),
        Type::Named(n) => match named(krate, n) {
            Named::Record(r) => r.go_name.clone(),
            Named::Enum(e) => e.go_name.clone(),
            Named::Object(o) => format!("*{}", o.go_name),
        },
        Type::Cancel => "context.Context".into(),
    }
}

/// The Go zero value of `ty`, for early returns.
pub fn go_zero(krate: &Crate, ty: &Type) -> String {
    match ty {
        Type::Bool => "false".into(),
        Type::Str | Type::String => "\"\"".into(),
        Type::Bytes | Type::ByteVec | Type::Vec(_) | Type::Slice(_) | Type::Option(_) | Type::Iter(_) => {
            "nil".into()
        }
        Type::Named(n) => match named(krate, n) {
            Named::Record(r) => format!("{}{{}}", r.go_name),
            Named::Enum(_) => "0".into(),
            Named::Object(_) => "nil".into(),
        },
        _ => "0".into(),
    }
}

fn c_scalar(ty: &Type) -> Option<&'static str> {
    Some(match ty {
        Type::Unit | Type::Bool | Type::U8 => "uint8_t",
        Type::I8 => "int8_t",
        Type::I16 => "int16_t",
        Type::I32 => "int32_t",
        Type::I64 => "int64_t",
        Type::Isize => "ptrdiff_t",
        Type::U16 => "uint16_t",
        Type::U32 => "uint32_t",
        Type::U64 => "uint64_t",
        Type::Usize => "size_t",
        Type::F32 => "float",
        Type::F64 => "double",
        _ => return None,
    })
}

/// Direction of a crossing: arguments use `Lift` ABIs, results `Lower` ABIs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Dir {
    In,
    Out,
}

/// C spelling, registering the typedefs it needs in `helpers`.
pub fn c_type(krate: &Crate, ty: &Type, dir: Dir, helpers: &mut Helpers) -> String {
    if let Some(s) = c_scalar(ty) {
        return s.into();
    }
    match (ty, dir) {
        (Type::Str | Type::String | Type::Bytes | Type::ByteVec | Type::Slice(_), Dir::In) => {
            "fg_slice".into()
        }
        (Type::Vec(inner), Dir::In) if inner.is_scalar() => "fg_slice".into(),
        (Type::Vec(_), Dir::In) => "fg_list".into(),
        (Type::Cancel, Dir::In) => "const uint32_t *".into(),
        (Type::Iter(_), Dir::Out) => "uint64_t".into(),
        (Type::String | Type::ByteVec | Type::Vec(_), Dir::Out) => "fg_vec".into(),
        (Type::Option(inner), _) => {
            let name = format!("fg_opt_{}_{}", dir_tag(dir), key(inner));
            if !helpers.has_typedef(&name) {
                let inner_c = c_type(krate, inner, dir, helpers);
                helpers.typedef(
                    &name,
                    format!("typedef struct {{ uint8_t is_some; {inner_c} value; }} {name};"),
                );
            }
            name
        }
        (Type::Named(n), _) => match named(krate, n) {
            Named::Enum(_) => "int32_t".into(),
            Named::Object(_) => "uint64_t".into(),
            Named::Record(r) => {
                let name = format!("fg_rec_{}_{}", r.name, dir_tag(dir));
                if !helpers.has_typedef(&name) {
                    let fields: Vec<String> = r
                        .fields
                        .iter()
                        .map(|f| format!("{} {};", c_type(krate, &f.ty, dir, helpers), c_field(&f.name)))
                        .collect();
                    helpers.typedef(
                        &name,
                        format!("typedef struct {{ {} }} {name};", fields.join(" ")),
                    );
                }
                name
            }
        },
        (other, dir) => panic!("type {other:?} cannot cross {dir:?}: the parser should have rejected it"),
    }
}

fn dir_tag(dir: Dir) -> &'static str {
    match dir {
        Dir::In => "in",
        Dir::Out => "out",
    }
}

/// Whether a returned value owns Rust memory that Go must free after copying.
pub fn needs_free(krate: &Crate, ty: &Type) -> bool {
    match ty {
        Type::String | Type::ByteVec | Type::Vec(_) => true,
        Type::Option(t) => needs_free(krate, t),
        Type::Named(n) => match named(krate, n) {
            Named::Record(r) => r.fields.iter().any(|f| needs_free(krate, &f.ty)),
            _ => false,
        },
        _ => false,
    }
}

/// Whether the C value of an argument points into Go memory (so the call must keep it alive).
pub fn borrows_go_memory(krate: &Crate, ty: &Type) -> bool {
    match ty {
        Type::Str | Type::String | Type::Bytes | Type::ByteVec | Type::Slice(_) | Type::Vec(_) => true,
        Type::Option(t) => borrows_go_memory(krate, t),
        Type::Named(n) => match named(krate, n) {
            Named::Record(r) => r.fields.iter().any(|f| borrows_go_memory(krate, &f.ty)),
            _ => false,
        },
        _ => false,
    }
}

/// Helper functions and C typedefs the generated code needs, each emitted once.
#[derive(Default)]
pub struct Helpers {
    typedef_order: Vec<String>,
    typedefs: BTreeMap<String, String>,
    funcs: BTreeMap<String, String>,
    pub imports: std::collections::BTreeSet<&'static str>,
}

impl Helpers {
    /// Registers a C typedef the first time it is needed.
    pub fn typedef_once(&mut self, name: &str, text: &str) {
        if !self.has_typedef(name) {
            self.typedef(name, text.to_string());
        }
    }

    fn has_typedef(&self, name: &str) -> bool {
        self.typedefs.contains_key(name)
    }

    fn typedef(&mut self, name: &str, text: String) {
        self.typedef_order.push(name.to_string());
        self.typedefs.insert(name.to_string(), text);
    }

    /// Typedefs in dependency order (a type is registered after what it contains).
    pub fn typedefs(&self) -> impl Iterator<Item = &String> {
        self.typedef_order.iter().map(|n| &self.typedefs[n])
    }

    pub fn funcs(&self) -> impl Iterator<Item = &String> {
        self.funcs.values()
    }

    pub fn func(&mut self, name: &str, make: impl FnOnce(&mut Helpers) -> String) {
        if !self.funcs.contains_key(name) {
            // Reserve first: recursive types must not regenerate it.
            self.funcs.insert(name.to_string(), String::new());
            let text = make(self);
            self.funcs.insert(name.to_string(), text);
        }
    }
}

/// Go expression converting the Go value `expr` of `ty` to its C argument representation.
pub fn lower_arg(krate: &Crate, ty: &Type, expr: &str, h: &mut Helpers) -> String {
    match ty {
        Type::Bool => {
            h.func("cBool", |_| {
                "func cBool(b bool) C.uint8_t {\n\tif b {\n\t\treturn 1\n\t}\n\treturn 0\n}".into()
            });
            format!("cBool({expr})")
        }
        t if c_scalar(t).is_some() => format!("C.{}({expr})", c_scalar(t).unwrap()),
        Type::Str | Type::String => {
            h.imports.insert("unsafe");
            h.func("cString", |_| {
                "// cString passes s to Rust without copying; Rust borrows it for the call only.\nfunc cString(s string) C.fg_slice {\n\treturn C.fg_slice{ptr: (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s))), len: C.size_t(len(s))}\n}".into()
            });
            format!("cString({expr})")
        }
        Type::Bytes | Type::ByteVec => {
            h.imports.insert("unsafe");
            h.func("cBytes", |_| {
                "// cBytes passes b to Rust without copying; Rust borrows it for the call only.\nfunc cBytes(b []byte) C.fg_slice {\n\treturn C.fg_slice{ptr: (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b))), len: C.size_t(len(b))}\n}".into()
            });
            format!("cBytes({expr})")
        }
        Type::Slice(_) => slice_arg(expr, h),
        Type::Vec(inner) if inner.is_scalar() => slice_arg(expr, h),
        Type::Vec(inner) => {
            h.imports.insert("unsafe");
            let (name, go, on_heap) = match **inner {
                Type::Str | Type::String => ("cStrings", "string", "StringsOnHeap"),
                _ => ("cByteSlices", "[]byte", "BytesOnHeap"),
            };
            h.func(name, |_| {
                format!("// {name} passes v to Rust in one crossing without copying: the address of its backing\n// array, whose headers Rust reads in place. The address is an integer, as cgo refuses Go\n// memory holding Go pointers; rt.{on_heap} keeps the list off the stack (which moves,\n// while the heap does not) and the caller keeps v alive until Rust returns.\nfunc {name}(v []{go}) C.fg_list {{\n\trt.{on_heap}(v)\n\tsize := 0\n\tfor _, e := range v {{\n\t\tsize += len(e)\n\t}}\n\treturn C.fg_list{{items: C.uintptr_t(uintptr(unsafe.Pointer(unsafe.SliceData(v)))), n: C.size_t(len(v)), size: C.size_t(size)}}\n}}")
            });
            format!("{name}({expr})")
        }
        Type::Option(inner) => {
            let name = format!("cOpt{}", key(inner));
            let c = c_type(krate, ty, Dir::In, h);
            let go = go_type(krate, ty);
            let inner_expr = lower_arg(krate, inner, "*v", h);
            h.func(&name, |_| {
                format!("func {name}(v {go}) (o C.{c}) {{\n\tif v != nil {{\n\t\to.is_some = 1\n\t\to.value = {inner_expr}\n\t}}\n\treturn o\n}}")
            });
            format!("{name}({expr})")
        }
        Type::Named(n) => match named(krate, n) {
            Named::Enum(_) => format!("C.int32_t({expr})"),
            Named::Record(r) => record_converter(krate, r, Dir::In, expr, h),
            Named::Object(_) => panic!("objects cannot be arguments: check_crate rejects them"),
        },
        other => panic!("type {other:?} cannot be an argument: the parser rejects it"),
    }
}

/// The C name of a record field: prefixed, so no Rust field name can be a C keyword or a Go
/// keyword that cgo would rename (`int`, `r#type`).
pub fn c_field(rust: &str) -> String {
    format!("f_{}", rust.trim_start_matches("r#"))
}

/// The helper converting a record between Go and C, field by field, in one direction; returns
/// the call expression on `expr`.
fn record_converter(krate: &Crate, r: &Record, dir: Dir, expr: &str, h: &mut Helpers) -> String {
    let c = c_type(krate, &Type::Named(r.name.clone()), dir, h);
    let go = r.go_name.clone();
    let (name, fields): (String, Vec<String>) = match dir {
        Dir::In => (
            format!("c{}", r.name),
            r.fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        c_field(&f.name),
                        lower_arg(krate, &f.ty, &format!("v.{}", f.go_name), h)
                    )
                })
                .collect(),
        ),
        Dir::Out => (
            format!("go{}", r.name),
            r.fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f.go_name,
                        lift_ret(krate, &f.ty, &format!("v.{}", c_field(&f.name)), h)
                    )
                })
                .collect(),
        ),
    };
    let (param, result) = match dir {
        Dir::In => (go, format!("C.{c}")),
        Dir::Out => (format!("C.{c}"), go),
    };
    h.func(&name, |_| {
        format!(
            "func {name}(v {param}) {result} {{\n\treturn {result}{{{}}}\n}}",
            struct_fields(&fields)
        )
    });
    format!("{name}({expr})")
}

/// Composite-literal fields: inline when few, one per line (as gofmt'd code is written) when many.
fn struct_fields(fields: &[String]) -> String {
    if fields.len() <= 3 {
        fields.join(", ")
    } else {
        format!("\n\t\t{},\n\t", fields.join(",\n\t\t"))
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

/// Go expression converting the C result `expr` of `ty` to its Go value (copying owned memory).
pub fn lift_ret(krate: &Crate, ty: &Type, expr: &str, h: &mut Helpers) -> String {
    match ty {
        Type::Bool => format!("{expr} != 0"),
        t if c_scalar(t).is_some() => format!("{}({expr})", go_type(krate, t)),
        Type::String => {
            h.imports.insert("unsafe");
            format!("rt.CopyString(unsafe.Pointer({expr}.ptr), int({expr}.len))")
        }
        Type::ByteVec => {
            h.imports.insert("unsafe");
            format!("rt.CopyBytes(unsafe.Pointer({expr}.ptr), int({expr}.len))")
        }
        Type::Vec(inner) => {
            h.imports.insert("unsafe");
            let name = format!("go{}", key(ty));
            let go = go_type(krate, ty);
            let elem_c = c_type(krate, inner, Dir::Out, h);
            let body = if same_layout(inner) {
                // Same memory layout in C and Go: one bulk copy.
                format!(
                    "\tout := make({go}, int(v.len))\n\tcopy(out, unsafe.Slice((*{})(unsafe.Pointer(v.ptr)), int(v.len)))\n\treturn out",
                    go_type(krate, inner)
                )
            } else {
                let conv = lift_ret(krate, inner, "e", h);
                format!(
                    "\tsrc := unsafe.Slice((*C.{elem_c})(unsafe.Pointer(v.ptr)), int(v.len))\n\tout := make({go}, len(src))\n\tfor i, e := range src {{\n\t\tout[i] = {conv}\n\t}}\n\treturn out"
                )
            };
            h.func(&name, |_| format!("func {name}(v C.fg_vec) {go} {{\n{body}\n}}"));
            format!("{name}({expr})")
        }
        Type::Option(inner) => {
            let name = format!("goOpt{}", key(inner));
            let c = c_type(krate, ty, Dir::Out, h);
            let go = go_type(krate, ty);
            let conv = lift_ret(krate, inner, "v.value", h);
            h.func(&name, |_| {
                format!("func {name}(v C.{c}) {go} {{\n\tif v.is_some == 0 {{\n\t\treturn nil\n\t}}\n\tx := {conv}\n\treturn &x\n}}")
            });
            format!("{name}({expr})")
        }
        Type::Named(n) => match named(krate, n) {
            Named::Enum(e) => format!("{}({expr})", e.go_name),
            Named::Object(o) => format!("new{}(uint64({expr}))", o.go_name),
            Named::Record(r) => record_converter(krate, r, Dir::Out, expr, h),
        },
        other => panic!("type {other:?} cannot be returned: the parser rejects it"),
    }
}

/// Scalars whose C and Go representations are identical (bool crosses as a byte, so it is not).
fn same_layout(ty: &Type) -> bool {
    ty.is_scalar() && *ty != Type::Bool
}

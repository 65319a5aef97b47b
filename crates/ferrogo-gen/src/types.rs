//! The Go and C spellings of every IR type. The C spelling mirrors the Rust `Lift`/`Lower` ABI
//! in `crates/ferrogo/src/__private/convert/`; the conversions between Go and C values are in
//! `lower.rs` (arguments) and `lift.rs` (results).

use std::collections::BTreeMap;

use ferrogo_syntax::ir::{Crate, Enum, Object, Record, Type};

/// What a named type is, resolved against the crate.
pub enum Named<'a> {
    Record(&'a Record),
    /// A C-like enum (`int32`).
    Enum(&'a Enum),
    /// An enum with data: a sealed Go interface.
    Sum(&'a Enum),
    Object(&'a Object),
}

pub fn named<'a>(krate: &'a Crate, name: &str) -> Named<'a> {
    if let Some(r) = krate.record(name) {
        Named::Record(r)
    } else if let Some(e) = krate.enum_(name) {
        if e.has_data() {
            Named::Sum(e)
        } else {
            Named::Enum(e)
        }
    } else if let Some(o) = krate.object(name) {
        Named::Object(o)
    } else {
        panic!("unresolved type {name}: check_crate should have rejected it")
    }
}

/// Whether Go's value of `ty` can be nil already (an object's `*T`, a sum type's interface), so
/// an `Option` of it is that value itself, with nil for `None`.
pub fn is_nilable(krate: &Crate, ty: &Type) -> bool {
    match ty.unboxed() {
        Type::Named(n) => krate.object(n).is_some() || krate.enum_(n).is_some_and(|e| e.has_data()),
        _ => false,
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
        Type::Char => "Char".into(),
        Type::Ordering => "Ordering".into(),
        Type::Duration => "Duration".into(),
        Type::SystemTime => "Time".into(),
        Type::Str | Type::String | Type::PathBuf | Type::Path | Type::CowStr => "String".into(),
        Type::Bytes | Type::ByteVec => "Bytes".into(),
        Type::Vec(t) => format!("Vec{}", key(t)),
        Type::Slice(t) => format!("Slice{}", key(t)),
        Type::Iter(t) => format!("Iter{}", key(t)),
        Type::Option(t) => format!("Opt{}", key(t)),
        Type::Map { key: k, value, .. } => format!("Map{}{}", key(k), key(value)),
        Type::Tuple(items) => format!("Tuple{}", items.iter().map(key).collect::<String>()),
        Type::Range { bound, inclusive } => crate::ranges::key(bound, *inclusive),
        // A box crosses as a pointer to its value: its C type differs from the value's.
        Type::Boxed(t) => format!("Box{}", key(t)),
        Type::Ref(t) => key(t),
        Type::Named(n) => n.clone(),
        Type::Cancel => "Cancel".into(),
        Type::Callback { name, .. } => format!("Cb{name}"),
        Type::Closure { args, ret, .. } => {
            format!("Func{}Ret{}", args.iter().map(key).collect::<String>(), key(ret))
        }
    }
}

/// Go spelling of a value of `ty` (an Option is `*T`, or the object pointer itself; function
/// results handle `(T, bool)` and tuples themselves).
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
        Type::Char => "rune".into(),
        Type::Ordering => "int".into(),
        Type::Duration => "time.Duration".into(),
        Type::SystemTime => "time.Time".into(),
        Type::Str | Type::String | Type::PathBuf | Type::Path | Type::CowStr => "string".into(),
        Type::Bytes | Type::ByteVec => "[]byte".into(),
        Type::Vec(t) | Type::Slice(t) => format!("[]{}", go_type(krate, t)),
        Type::Iter(t) => format!("iter.Seq[{}]", go_type(krate, t)),
        // A nil *T is None; an object's pointer or a sum type's interface is nil itself.
        Type::Option(t) if is_nilable(krate, t) => go_type(krate, t),
        Type::Option(t) => format!("*{}", go_type(krate, t)),
        Type::Map { key, value, .. } => format!("map[{}]{}", go_type(krate, key), go_type(krate, value)),
        Type::Tuple(items) => format!(
            "({})",
            items
                .iter()
                .map(|t| go_type(krate, t))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Type::Boxed(t) | Type::Ref(t) => go_type(krate, t),
        Type::Range { bound, inclusive } => crate::ranges::go_type(krate, bound, *inclusive),
        Type::Named(n) => match named(krate, n) {
            Named::Record(r) => r.go_name.clone(),
            Named::Enum(e) | Named::Sum(e) => e.go_name.clone(),
            Named::Object(o) => format!("*{}", o.go_name),
        },
        Type::Cancel => "context.Context".into(),
        Type::Callback { name, .. } => krate.callback(name).map_or(name.clone(), |c| c.go_name.clone()),
        Type::Closure { args, ret, .. } => {
            let args: Vec<String> = args.iter().map(|t| go_type(krate, t)).collect();
            match &**ret {
                Type::Unit => format!("func({})", args.join(", ")),
                r => format!("func({}) {}", args.join(", "), go_type(krate, r)),
            }
        }
    }
}

/// The Go zero value of `ty`, for early returns.
pub fn go_zero(krate: &Crate, ty: &Type) -> String {
    match ty {
        Type::Bool => "false".into(),
        Type::Str | Type::String | Type::PathBuf | Type::Path | Type::CowStr => "\"\"".into(),
        Type::SystemTime => "time.Time{}".into(),
        Type::Range { bound, inclusive } => {
            format!("{}{{}}", crate::ranges::go_type(krate, bound, *inclusive))
        }
        Type::Bytes
        | Type::ByteVec
        | Type::Vec(_)
        | Type::Slice(_)
        | Type::Option(_)
        | Type::Iter(_)
        | Type::Map { .. }
        | Type::Callback { .. }
        | Type::Closure { .. } => "nil".into(),
        Type::Boxed(t) | Type::Ref(t) => go_zero(krate, t),
        Type::Named(n) => match named(krate, n) {
            Named::Record(r) => format!("{}{{}}", r.go_name),
            Named::Enum(_) => "0".into(),
            Named::Sum(_) | Named::Object(_) => "nil".into(),
        },
        _ => "0".into(),
    }
}

/// The C spelling of a scalar, `None` for composite types.
pub fn c_scalar(ty: &Type) -> Option<&'static str> {
    Some(match ty {
        Type::Unit | Type::Bool | Type::U8 => "uint8_t",
        Type::I8 => "int8_t",
        Type::I16 => "int16_t",
        Type::I32 => "int32_t",
        Type::I64 | Type::Ordering | Type::Duration => "int64_t",
        Type::Isize => "ptrdiff_t",
        Type::U16 => "uint16_t",
        Type::U32 | Type::Char => "uint32_t",
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

pub fn dir_tag(dir: Dir) -> &'static str {
    match dir {
        Dir::In => "in",
        Dir::Out => "out",
    }
}

/// The numbers a Go slice holds in the layout Rust reads them (`cSlice`, a typed pointer).
pub fn is_number(ty: &Type) -> bool {
    ty.is_scalar() && *ty != Type::Bool
}

/// List elements Rust reads straight from the Go slice's backing array, whose Go layout is
/// the C one (`[]bool` as bytes, `[]rune`, `[]time.Duration`).
pub fn in_place_element(ty: &Type) -> bool {
    matches!(ty, Type::Bool | Type::Char | Type::Duration)
}

/// C spelling, registering the typedefs it needs in `helpers`.
pub fn c_type(krate: &Crate, ty: &Type, dir: Dir, helpers: &mut Helpers) -> String {
    if let Some(s) = c_scalar(ty) {
        return s.into();
    }
    match (ty, dir) {
        (Type::Ref(t), _) => c_type(krate, t, dir, helpers),
        // The address of the value's C representation: for arguments an integer (the value is
        // Go memory, kept alive by the call's rt.Keep, as lists are), for results Rust's
        // allocation, freed with the rest of the result.
        (Type::Boxed(_), Dir::In) => "uintptr_t".into(),
        (Type::Boxed(_), Dir::Out) => "void *".into(),
        (Type::Str | Type::String | Type::Bytes | Type::ByteVec | Type::Slice(_), Dir::In) => {
            "fg_slice".into()
        }
        (Type::Path | Type::PathBuf | Type::CowStr, Dir::In) => "fg_slice".into(),
        (Type::Vec(inner), Dir::In) if is_number(inner) => "fg_slice".into(),
        (Type::Vec(_) | Type::Map { .. }, Dir::In) => "fg_list".into(),
        (Type::Cancel, Dir::In) => "const uint32_t *".into(),
        // A Go value Rust calls back: its handle in the package's table.
        (Type::Callback { .. } | Type::Closure { .. }, Dir::In) => "uint64_t".into(),
        (Type::Iter(_), Dir::Out) => "uint64_t".into(),
        (
            Type::String | Type::ByteVec | Type::Vec(_) | Type::Map { .. } | Type::PathBuf | Type::CowStr,
            Dir::Out,
        ) => "fg_vec".into(),
        (Type::SystemTime, _) => {
            helpers.typedef_once(
                "fg_time",
                "typedef struct { int64_t secs; uint32_t nanos; } fg_time;",
            );
            "fg_time".into()
        }
        (Type::Range { bound, .. }, _) => crate::ranges::c_type(bound, helpers),
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
        (Type::Tuple(items), _) => tuple_type(krate, items, dir, helpers),
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
            Named::Sum(e) => {
                let name = format!("fg_sum_{}_{}", e.name, dir_tag(dir));
                if !helpers.has_typedef(&name) {
                    let mut fields = vec!["uint32_t tag;".to_string()];
                    for (i, v) in e.variants.iter().enumerate() {
                        for f in &v.fields {
                            fields.push(format!(
                                "{} {};",
                                c_type(krate, &f.ty, dir, helpers),
                                variant_field(i, &f.name)
                            ));
                        }
                    }
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

/// The C struct of a tuple (a map entry is a 2-tuple): fields `f0`, `f1`, ...
pub fn tuple_type(krate: &Crate, items: &[Type], dir: Dir, helpers: &mut Helpers) -> String {
    let name = format!(
        "fg_tuple_{}_{}",
        dir_tag(dir),
        items.iter().map(key).collect::<Vec<_>>().join("_")
    );
    if !helpers.has_typedef(&name) {
        let fields: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{} f{i};", c_type(krate, t, dir, helpers)))
            .collect();
        helpers.typedef(
            &name,
            format!("typedef struct {{ {} }} {name};", fields.join(" ")),
        );
    }
    name
}

/// The C name of a record field: prefixed, so no Rust field name can be a C keyword or a Go
/// keyword that cgo would rename (`int`, `r#type`).
pub fn c_field(rust: &str) -> String {
    format!("f_{}", rust.trim_start_matches("r#"))
}

/// The C name of field `rust` of variant `index` in an enum's flat mirror (as the macro's
/// `sum_types.rs` names it; only the order matters to the ABI).
pub fn variant_field(index: usize, rust: &str) -> String {
    format!("v{index}_{}", rust.trim_start_matches("r#"))
}

/// Whether a returned value owns Rust memory that Go must free after copying.
pub fn needs_free(krate: &Crate, ty: &Type) -> bool {
    any_part(krate, ty, &mut |t| {
        matches!(
            t,
            Type::String
                | Type::ByteVec
                | Type::Vec(_)
                | Type::Map { .. }
                | Type::PathBuf
                | Type::CowStr
                | Type::Boxed(_)
        )
    })
}

/// Whether the C value of an argument points into Go memory, or names a Go object, so the call
/// must keep the Go value alive.
pub fn borrows_go_memory(krate: &Crate, ty: &Type) -> bool {
    any_part(krate, ty, &mut |t| match t {
        Type::Str
        | Type::String
        | Type::Bytes
        | Type::ByteVec
        | Type::Slice(_)
        | Type::Vec(_)
        | Type::Map { .. }
        | Type::Path
        | Type::PathBuf
        | Type::CowStr => true,
        Type::Named(n) => krate.object(n).is_some(),
        _ => false,
    })
}

/// Whether converting an argument builds arrays in Go memory (lists of records, maps, boxes,
/// ...), which the call keeps alive in an `rt.Keep`.
pub fn needs_keep(krate: &Crate, ty: &Type) -> bool {
    any_part(krate, ty, &mut |t| match t {
        Type::Vec(inner) => !(is_number(inner) || in_place_element(inner) || is_text_or_bytes(inner)),
        Type::Map { .. } | Type::Boxed(_) => true,
        _ => false,
    })
}

/// Whether `found` holds for `ty` or a part of the value: through options, boxes, references,
/// tuples and the fields of records and enums with data (each type once, so recursive types
/// end), not into lists and maps, for which `found` answers.
fn any_part(krate: &Crate, ty: &Type, found: &mut impl FnMut(&Type) -> bool) -> bool {
    fn walk<'a>(
        krate: &'a Crate,
        ty: &'a Type,
        seen: &mut Vec<&'a str>,
        found: &mut impl FnMut(&Type) -> bool,
    ) -> bool {
        if found(ty) {
            return true;
        }
        match ty {
            Type::Option(t) | Type::Boxed(t) | Type::Ref(t) => walk(krate, t, seen, found),
            Type::Tuple(items) => items.iter().any(|t| walk(krate, t, seen, found)),
            Type::Named(n) if !seen.contains(&n.as_str()) => {
                seen.push(n);
                let fields: Vec<&Type> = match named(krate, n) {
                    Named::Record(r) => r.fields.iter().map(|f| &f.ty).collect(),
                    Named::Sum(e) => e.variants.iter().flat_map(|v| &v.fields).map(|f| &f.ty).collect(),
                    Named::Enum(_) | Named::Object(_) => Vec::new(),
                };
                fields.into_iter().any(|t| walk(krate, t, seen, found))
            }
            _ => false,
        }
    }
    walk(krate, ty, &mut Vec::new(), found)
}

/// Strings and byte strings, whose lists Rust reads from the Go slice's headers.
pub fn is_text_or_bytes(ty: &Type) -> bool {
    matches!(ty, Type::Str | Type::String | Type::Bytes | Type::ByteVec)
}

/// Whether the Go spelling of `ty` needs package `time`.
pub fn uses_time(ty: &Type) -> bool {
    match ty {
        Type::Duration | Type::SystemTime => true,
        Type::Vec(t) | Type::Slice(t) | Type::Option(t) | Type::Iter(t) | Type::Boxed(t) | Type::Ref(t) => {
            uses_time(t)
        }
        Type::Map { key, value, .. } => uses_time(key) || uses_time(value),
        Type::Tuple(items) => items.iter().any(uses_time),
        _ => false,
    }
}

/// Helper functions and C typedefs the generated code needs, each emitted once.
#[derive(Default)]
pub struct Helpers {
    typedef_order: Vec<String>,
    typedefs: BTreeMap<String, String>,
    funcs: BTreeMap<String, String>,
    /// C definitions and declarations for the main file's preamble only (the `//export` file's
    /// preamble may not define anything).
    c_helpers: BTreeMap<String, String>,
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

    /// Registers a C helper (a `static inline` function or a prototype) once.
    pub fn c_helper(&mut self, name: &str, text: String) {
        self.c_helpers.entry(name.to_string()).or_insert(text);
    }

    pub fn c_helpers(&self) -> impl Iterator<Item = &String> {
        self.c_helpers.values()
    }

    /// Reserves `name` for the helper its caller is about to write: false when it is written,
    /// or being written further up, already. A helper of a recursive type reserves its name
    /// before converting its parts, which then call it instead of unfolding forever.
    pub fn reserve(&mut self, name: &str) -> bool {
        if self.funcs.contains_key(name) {
            return false;
        }
        self.funcs.insert(name.to_string(), String::new());
        true
    }

    /// Writes helper `name` (`make` returns its text) unless it is written already; a name
    /// only reserved is written now.
    pub fn func(&mut self, name: &str, make: impl FnOnce(&mut Helpers) -> String) {
        if self.funcs.get(name).is_none_or(String::is_empty) {
            // Reserve first: recursive types must not regenerate it.
            self.funcs.insert(name.to_string(), String::new());
            let text = make(self);
            self.funcs.insert(name.to_string(), text);
        }
    }
}

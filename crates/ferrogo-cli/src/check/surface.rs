//! The Go-visible API of a crate: every declaration the generated package exports, keyed by its
//! Go spelling (`func Add`, `method (*Counter).Incr`, `type Point`, `field Point.X`,
//! `const ModeRead`, `var ErrEmpty`), with what Go code depends on (its shape).

use std::collections::BTreeMap;

use ferrogo_gen::{go_signature, go_type, GoSignature};
use ferrogo_syntax::ir::{Crate, Docs, FnKind, Function, Item, Type};

/// One exported Go declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    /// The Rust item it comes from (`add`, `Counter::incr`, `Point.x`, `ConfigError::Empty`):
    /// stable across Go renames, so a removal and an addition of the same Rust item pair up as a
    /// rename.
    pub rust: String,
    /// The key of the Go type this declaration belongs to (a field's struct, a method's object):
    /// when that type is removed or added, its members are not reported one by one.
    pub owner: Option<String>,
    /// The key of the enum or error type whose value this is (its type may be new).
    pub member_of: Option<String>,
    pub shape: Shape,
    /// Go code outside the package can use it (an upper-case Go name). Unexported bindings are
    /// only seen by hand-written Go in the same package.
    pub exported: bool,
    pub deprecated: Option<String>,
}

/// What Go code depends on in a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A function, constructor or method. `rust` is the Rust-side signature, which the C ABI
    /// follows: it can change while Go sees the same signature (`&str` -> `String`).
    Func {
        sig: GoSignature,
        rust: String,
    },
    Object,
    /// A record; its Go field names in declaration order (unkeyed literals depend on it).
    Struct {
        fields: Vec<String>,
    },
    /// A record field: Go code builds records, so every field is required.
    RecordField {
        ty: String,
        rust: String,
    },
    /// A field of an error struct: Go code only reads it.
    ErrorField {
        ty: String,
    },
    Enum,
    Const {
        ty: String,
        value: i32,
    },
    /// An enum with data: a sealed interface.
    SumInterface,
    /// One variant's struct of a sum type (Go builds them, so its fields are like a record's).
    Variant {
        of: String,
    },
    ErrorInterface,
    Sentinel {
        of: String,
    },
    ErrorStruct {
        of: String,
    },
    /// A callback trait: an interface Go code implements.
    CallbackInterface,
    /// A method of a callback interface; `sig` its Go parameter and result types.
    InterfaceMethod {
        sig: String,
    },
}

impl Shape {
    /// What kind of declaration this is, for messages about a changed kind.
    pub fn describe(&self) -> String {
        match self {
            Shape::Func { .. } => "function".into(),
            Shape::Object => "object (*T with Close)".into(),
            Shape::Struct { .. } => "struct".into(),
            Shape::RecordField { ty, .. } | Shape::ErrorField { ty } => format!("field of type {ty}"),
            Shape::Enum => "int32 enum type".into(),
            Shape::Const { ty, value } => format!("{ty} constant {value}"),
            Shape::SumInterface => "sum-type interface".into(),
            Shape::Variant { of } => format!("variant struct of {of}"),
            Shape::ErrorInterface => "error interface".into(),
            Shape::Sentinel { of } => format!("sentinel error of {of}"),
            Shape::ErrorStruct { of } => format!("error struct of {of}"),
            Shape::CallbackInterface => "interface implemented in Go".into(),
            Shape::InterfaceMethod { sig } => format!("interface method {sig}"),
        }
    }
}

/// The declarations of the package generated from `krate`.
pub fn surface(written: &Crate) -> BTreeMap<String, Decl> {
    // Go sees a custom type as its builtin type, so the surface is that of the resolved crate
    // (changing a custom type's builtin type changes every Go signature that uses it).
    let resolved = ferrogo_gen::resolve_customs(written);
    let krate = &resolved;
    let mut out = BTreeMap::new();
    let mut add = |key: String, rust: String, shape: Shape, docs: &Docs| {
        let exported = go_ident(&key).starts_with(|c: char| c.is_ascii_uppercase());
        let decl = Decl {
            rust,
            owner: None,
            member_of: None,
            shape,
            exported,
            deprecated: deprecation(docs),
        };
        out.insert(key.clone(), decl);
        key
    };
    let mut members: Vec<(String, Decl)> = Vec::new();
    let mut member =
        |key: String, rust: String, shape: Shape, docs: &Docs, owner: Option<&String>, of: &String| {
            let decl = Decl {
                rust,
                owner: owner.cloned(),
                member_of: Some(of.clone()),
                shape,
                exported: go_ident(&key).starts_with(|c: char| c.is_ascii_uppercase()),
                deprecated: deprecation(docs),
            };
            members.push((key, decl));
        };
    for item in &krate.items {
        match item {
            Item::Function(f) => {
                add(
                    format!("func {}", f.go_name),
                    f.name.clone(),
                    func(krate, f),
                    &f.docs,
                );
            }
            Item::Impl(i) => {
                let record = krate.record(&i.object);
                let object = match (krate.object(&i.object), record) {
                    (Some(o), _) => o.go_name.as_str(),
                    (_, Some(r)) => r.go_name.as_str(),
                    _ => i.object.as_str(),
                };
                let owner = format!("type {object}");
                // Objects have pointer receivers, records value receivers.
                let receiver = if record.is_some() {
                    object.to_string()
                } else {
                    format!("*{object}")
                };
                for f in &i.functions {
                    // A std trait's method is named after the trait: its Rust name is hidden.
                    let rust = if ferrogo_syntax::stdtraits::is_synthesized(&f.name) {
                        format!("{} of {}", ferrogo_syntax::stdtraits::trait_of(&f.name), i.object)
                    } else {
                        format!("{}::{}", i.object, f.name)
                    };
                    match f.kind {
                        FnKind::Method { .. } => member(
                            format!("method ({receiver}).{}", f.go_name),
                            rust,
                            func(krate, f),
                            &f.docs,
                            Some(&owner),
                            &owner,
                        ),
                        _ => {
                            add(format!("func {}", f.go_name), rust, func(krate, f), &f.docs);
                        }
                    }
                }
            }
            Item::Object(o) => {
                add(
                    format!("type {}", o.go_name),
                    o.name.clone(),
                    Shape::Object,
                    &o.docs,
                );
            }
            Item::Record(r) => {
                let fields = r.fields.iter().map(|f| f.go_name.clone()).collect();
                let owner = add(
                    format!("type {}", r.go_name),
                    r.name.clone(),
                    Shape::Struct { fields },
                    &r.docs,
                );
                for f in &r.fields {
                    let shape = Shape::RecordField {
                        ty: go_type(krate, &f.ty),
                        rust: rust_type(&f.ty),
                    };
                    let key = format!("field {}.{}", r.go_name, f.go_name);
                    member(
                        key,
                        format!("{}.{}", r.name, f.name),
                        shape,
                        &f.docs,
                        Some(&owner),
                        &owner,
                    );
                }
            }
            Item::Enum(e) if e.has_data() => {
                let of = add(
                    format!("type {}", e.go_name),
                    e.name.clone(),
                    Shape::SumInterface,
                    &e.docs,
                );
                for v in &e.variants {
                    let key = format!("type {}", v.go_name);
                    let rust = format!("{}::{}", e.name, v.name);
                    let shape = Shape::Variant {
                        of: e.go_name.clone(),
                    };
                    member(key.clone(), rust.clone(), shape, &v.docs, None, &of);
                    for f in &v.fields {
                        let shape = Shape::RecordField {
                            ty: go_type(krate, &f.ty),
                            rust: rust_type(&f.ty),
                        };
                        let field = format!("field {}.{}", v.go_name, f.go_name);
                        member(
                            field,
                            format!("{rust}.{}", f.name),
                            shape,
                            &f.docs,
                            Some(&key),
                            &key,
                        );
                    }
                }
            }
            // A custom type has no Go declaration: Go sees its builtin type.
            Item::Custom(_) => {}
            Item::Callback(c) => {
                let of = add(
                    format!("type {}", c.go_name),
                    c.name.clone(),
                    Shape::CallbackInterface,
                    &c.docs,
                );
                for m in &c.methods {
                    let params: Vec<String> = m.args.iter().map(|a| go_type(krate, &a.ty)).collect();
                    let results = match (&m.ret.ok, &m.ret.err) {
                        (Type::Unit, None) => String::new(),
                        (Type::Unit, Some(_)) => " error".into(),
                        (t, None) => format!(" {}", go_type(krate, t)),
                        (t, Some(_)) => format!(" ({}, error)", go_type(krate, t)),
                    };
                    let shape = Shape::InterfaceMethod {
                        sig: format!("({}){results}", params.join(", ")),
                    };
                    let key = format!("method {}.{}", c.go_name, m.go_name);
                    member(
                        key,
                        format!("{}::{}", c.name, m.name),
                        shape,
                        &m.docs,
                        Some(&of),
                        &of,
                    );
                }
            }
            Item::Enum(e) => {
                let of = add(
                    format!("type {}", e.go_name),
                    e.name.clone(),
                    Shape::Enum,
                    &e.docs,
                );
                for v in &e.variants {
                    let shape = Shape::Const {
                        ty: e.go_name.clone(),
                        value: v.value,
                    };
                    let rust = format!("{}::{}", e.name, v.name);
                    member(format!("const {}", v.go_name), rust, shape, &v.docs, None, &of);
                }
            }
            Item::Error(e) => {
                let of = add(
                    format!("type {}", e.go_name),
                    e.name.clone(),
                    Shape::ErrorInterface,
                    &e.docs,
                );
                for v in &e.variants {
                    let rust = format!("{}::{}", e.name, v.name);
                    if v.fields.is_empty() {
                        let shape = Shape::Sentinel {
                            of: e.go_name.clone(),
                        };
                        member(format!("var {}", v.go_name), rust, shape, &v.docs, None, &of);
                        continue;
                    }
                    let key = format!("type {}", v.go_name);
                    let shape = Shape::ErrorStruct {
                        of: e.go_name.clone(),
                    };
                    member(key.clone(), rust.clone(), shape, &v.docs, None, &of);
                    for f in &v.fields {
                        let shape = Shape::ErrorField {
                            ty: go_type(krate, &f.ty),
                        };
                        let field = format!("field {}.{}", v.go_name, f.go_name);
                        member(
                            field,
                            format!("{rust}.{}", f.name),
                            shape,
                            &f.docs,
                            Some(&key),
                            &key,
                        );
                    }
                }
            }
        }
    }
    out.extend(members);
    out
}

fn func(krate: &Crate, f: &Function) -> Shape {
    let args: Vec<String> = f.args.iter().map(|a| rust_type(&a.ty)).collect();
    let ok = rust_type(&f.ret.ok);
    let mut rust = match &f.ret.err {
        Some(e) => format!("fn({}) -> Result<{ok}, {e}>", args.join(", ")),
        None => format!("fn({}) -> {ok}", args.join(", ")),
    };
    if f.fallible {
        rust = format!("fallible {rust}");
    }
    Shape::Func {
        sig: go_signature(krate, f),
        rust,
    }
}

/// The Rust spelling of an IR type, for messages about ABI-only changes.
fn rust_type(ty: &Type) -> String {
    match ty {
        Type::Callback { name, .. } => format!("dyn {name}"),
        Type::Closure { args, ret, .. } => format!(
            "impl Fn({}) -> {}",
            args.iter().map(rust_type).collect::<Vec<_>>().join(", "),
            rust_type(ret)
        ),
        Type::Unit => "()".into(),
        Type::Str => "&str".into(),
        Type::String => "String".into(),
        Type::Bytes => "&[u8]".into(),
        Type::ByteVec => "Vec<u8>".into(),
        Type::Slice(t) => format!("&[{}]", rust_type(t)),
        Type::Vec(t) => format!("Vec<{}>", rust_type(t)),
        Type::Option(t) => format!("Option<{}>", rust_type(t)),
        Type::Iter(t) => format!("ferrogo::Iter<{}>", rust_type(t)),
        Type::Named(n) => n.clone(),
        Type::Cancel => "&ferrogo::Cancel".into(),
        Type::Ref(t) => format!("&{}", rust_type(t)),
        Type::Boxed(t) => format!("Box<{}>", rust_type(t)),
        Type::Map { key, value, ordered } => format!(
            "{}<{}, {}>",
            if *ordered { "BTreeMap" } else { "HashMap" },
            rust_type(key),
            rust_type(value)
        ),
        Type::Tuple(items) => format!("({})", items.iter().map(rust_type).collect::<Vec<_>>().join(", ")),
        Type::Ordering => "Ordering".into(),
        Type::Duration => "Duration".into(),
        Type::SystemTime => "SystemTime".into(),
        Type::Range { bound, inclusive } => format!(
            "{}<{}>",
            if *inclusive { "RangeInclusive" } else { "Range" },
            rust_type(bound)
        ),
        Type::PathBuf => "PathBuf".into(),
        Type::Path => "&Path".into(),
        Type::CowStr => "Cow<str>".into(),
        scalar => format!("{scalar:?}").to_lowercase(),
    }
}

/// The Go identifier a key declares: `method (*Counter).Incr` -> `Incr`, `field Point.X` -> `X`.
pub fn go_ident(key: &str) -> &str {
    let name = key.rsplit(' ').next().unwrap_or(key);
    name.rsplit('.').next().unwrap_or(name)
}

fn deprecation(docs: &Docs) -> Option<String> {
    docs.deprecated.as_ref().map(|d| match (&d.since, &d.note) {
        (Some(since), Some(note)) => format!("since {since}: {note}"),
        (Some(since), None) => format!("since {since}"),
        (None, Some(note)) => note.clone(),
        (None, None) => String::new(),
    })
}

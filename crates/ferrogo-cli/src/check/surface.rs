//! The Go-visible API of a crate: every declaration the generated package exports, with the part
//! of it that Go code depends on (its "shape").

use std::collections::BTreeMap;

use ferrogo_gen::{go_signature, go_type};
use ferrogo_syntax::ir::{Crate, Docs, FnKind, Item};

/// One exported Go declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    /// What Go code depends on: a signature, a field type, a constant's value.
    pub shape: String,
    pub deprecated: bool,
    /// A record field: Go code building the record must set it, so adding one breaks callers.
    pub required: bool,
    /// A variant of an error enum: adding one is compatible, but worth a note.
    pub error_variant: bool,
}

/// The declarations of the package generated from `krate`, keyed like `func Add`,
/// `method (*Counter).Incr`, `type Point`, `field Point.X`, `const ModeRead`, `var ErrEmpty`.
pub fn surface(krate: &Crate) -> BTreeMap<String, Decl> {
    let mut out = BTreeMap::new();
    let mut add = |key: String, shape: String, docs: &Docs| {
        let decl = Decl {
            shape,
            deprecated: docs.deprecated.is_some(),
            required: false,
            error_variant: false,
        };
        out.insert(key, decl);
    };
    let mut extra: Vec<(String, Decl)> = Vec::new();
    for item in &krate.items {
        match item {
            Item::Function(f) => add(
                format!("func {}", f.go_name),
                go_signature(krate, f).render(),
                &f.docs,
            ),
            Item::Impl(i) => {
                let object = krate.object(&i.object).map_or(i.object.as_str(), |o| &o.go_name);
                for f in &i.functions {
                    let sig = go_signature(krate, f).render();
                    match f.kind {
                        FnKind::Method { .. } => {
                            add(format!("method (*{object}).{}", f.go_name), sig, &f.docs)
                        }
                        _ => add(format!("func {}", f.go_name), sig, &f.docs),
                    }
                }
            }
            Item::Object(o) => add(
                format!("type {}", o.go_name),
                "object handle (*T, Close)".into(),
                &o.docs,
            ),
            Item::Record(r) => {
                add(format!("type {}", r.go_name), "struct".into(), &r.docs);
                for f in &r.fields {
                    extra.push((
                        format!("field {}.{}", r.go_name, f.go_name),
                        Decl {
                            shape: go_type(krate, &f.ty),
                            deprecated: f.docs.deprecated.is_some(),
                            required: true,
                            error_variant: false,
                        },
                    ));
                }
            }
            Item::Enum(e) => {
                add(format!("type {}", e.go_name), "int32 enum".into(), &e.docs);
                for v in &e.variants {
                    add(
                        format!("const {}", v.go_name),
                        format!("{} = {}", e.go_name, v.value),
                        &v.docs,
                    );
                }
            }
            Item::Error(e) => {
                add(format!("type {}", e.go_name), "error interface".into(), &e.docs);
                for v in &e.variants {
                    let (key, shape) = if v.fields.is_empty() {
                        (format!("var {}", v.go_name), format!("sentinel {}", e.go_name))
                    } else {
                        (
                            format!("type {}", v.go_name),
                            format!("error struct of {}", e.go_name),
                        )
                    };
                    extra.push((
                        key,
                        Decl {
                            shape,
                            deprecated: v.docs.deprecated.is_some(),
                            required: false,
                            error_variant: true,
                        },
                    ));
                    for f in &v.fields {
                        // Go code reads these fields; it does not build the errors.
                        extra.push((
                            format!("field {}.{}", v.go_name, f.go_name),
                            Decl {
                                shape: go_type(krate, &f.ty),
                                deprecated: false,
                                required: false,
                                error_variant: false,
                            },
                        ));
                    }
                }
            }
        }
    }
    out.extend(extra);
    out
}

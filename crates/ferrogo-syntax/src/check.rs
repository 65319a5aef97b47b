//! Whole-crate checks the macro cannot make (it sees one item at a time): every named type
//! resolves to an item of the right kind. The macro gets the same guarantees from trait bounds.

use std::collections::HashMap;

use crate::ir::{Crate, FnKind, Function, Item, Type};

pub fn check_crate(krate: &Crate) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    check_go_names(krate, &mut errors);
    for item in &krate.items {
        match item {
            Item::Function(f) => check_fn(krate, f, &mut errors),
            Item::Impl(i) => {
                if krate.object(&i.object).is_none() {
                    errors.push(format!(
                        "`impl {}` is exported but `{}` is not a `#[ferrogo::object]`: add `#[ferrogo::object]` to the struct",
                        i.object, i.object
                    ));
                }
                for f in &i.functions {
                    check_fn(krate, f, &mut errors);
                }
            }
            Item::Record(r) => {
                for field in &r.fields {
                    check_type(
                        krate,
                        &field.ty,
                        &format!("field `{}.{}`", r.name, field.name),
                        false,
                        &mut errors,
                    );
                }
            }
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Every package-level Go identifier the generator writes must be unique, and must not take a
/// name the generated code uses itself; likewise every method name within its type.
fn check_go_names(krate: &Crate, errors: &mut Vec<String>) {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut claim = |go: &str, what: String, errors: &mut Vec<String>| {
        if go == "Stats" {
            errors.push(format!("the Go name `Stats` of {what} is taken by the package's generated call statistics: rename it with `#[ferrogo(name = \"...\")]`"));
        } else if let Some(other) = seen.get(go) {
            errors.push(format!("{what} and {other} both become the Go identifier `{go}`: rename one with `#[ferrogo(name = \"...\")]`"));
        } else {
            seen.insert(go.to_string(), what);
        }
    };
    for item in &krate.items {
        match item {
            Item::Function(f) => claim(&f.go_name, format!("function `{}`", f.name), errors),
            Item::Record(r) => claim(&r.go_name, format!("record `{}`", r.name), errors),
            Item::Enum(e) => {
                claim(&e.go_name, format!("enum `{}`", e.name), errors);
                for v in &e.variants {
                    claim(
                        &v.go_name,
                        format!("enum variant `{}::{}`", e.name, v.name),
                        errors,
                    );
                }
            }
            Item::Error(e) => {
                claim(&e.go_name, format!("error enum `{}`", e.name), errors);
                for v in &e.variants {
                    claim(
                        &v.go_name,
                        format!("error variant `{}::{}`", e.name, v.name),
                        errors,
                    );
                }
            }
            Item::Object(o) => claim(&o.go_name, format!("object `{}`", o.name), errors),
            Item::Impl(i) => {
                let mut methods: HashMap<&str, &str> = HashMap::new();
                for f in &i.functions {
                    match f.kind {
                        FnKind::Constructor { .. } => {
                            claim(&f.go_name, format!("constructor `{}::{}`", i.object, f.name), errors)
                        }
                        _ if f.go_name == "Close" => errors.push(format!(
                            "method `{}::{}` becomes `Close`, which every object already has (it frees the handle): rename it with `#[ferrogo(name = \"...\")]`",
                            i.object, f.name
                        )),
                        _ => {
                            if let Some(other) = methods.insert(&f.go_name, &f.name) {
                                errors.push(format!(
                                    "methods `{}::{other}` and `{}::{}` both become the Go method `{}`",
                                    i.object, i.object, f.name, f.go_name
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
}

fn check_fn(krate: &Crate, f: &Function, errors: &mut Vec<String>) {
    for a in &f.args {
        check_type(
            krate,
            &a.ty,
            &format!("argument `{}` of `{}`", a.name, f.name),
            false,
            errors,
        );
    }
    let returns_self = matches!(f.kind, FnKind::Constructor { .. });
    if !returns_self {
        check_type(
            krate,
            &f.ret.ok,
            &format!("return type of `{}`", f.name),
            true,
            errors,
        );
    }
    if let Some(e) = &f.ret.err {
        if krate.error(e).is_none() {
            errors.push(format!(
                "`{}` returns `Result<_, {e}>` but `{e}` is not a `#[ferrogo::error]` enum of this crate",
                f.name
            ));
        }
    }
}

fn check_type(krate: &Crate, ty: &Type, what: &str, is_return: bool, errors: &mut Vec<String>) {
    match ty {
        Type::Vec(inner) | Type::Option(inner) | Type::Slice(inner) | Type::Iter(inner) => {
            check_type(krate, inner, what, is_return, errors)
        }
        Type::Named(n) => {
            let known = krate.record(n).is_some() || krate.enum_(n).is_some();
            let object = krate.object(n).is_some();
            if object && !is_return {
                errors.push(format!(
                    "{what}: objects can only be returned for now, not passed (`{n}`)"
                ));
            } else if !known && !object {
                errors.push(format!(
                    "{what}: `{n}` is not a ferrogo type of this crate: add `#[ferrogo::record]` (plain data) or `#[ferrogo::object]` (handle) to it"
                ));
            }
        }
        _ => {}
    }
}

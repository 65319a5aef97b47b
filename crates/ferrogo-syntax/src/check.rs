//! Whole-crate checks the macro cannot make (it sees one item at a time): every named type
//! resolves to an item of the right kind. The macro gets the same guarantees from trait bounds.

use std::collections::HashMap;

use crate::ir::{Crate, FnKind, Function, Item, Receiver, Type};

pub fn check_crate(krate: &Crate) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    check_go_names(krate, &mut errors);
    for item in &krate.items {
        match item {
            Item::Function(f) => check_fn(krate, f, &mut errors),
            Item::Impl(i) => {
                let record = krate.record(&i.object).is_some();
                if krate.object(&i.object).is_none() && !record {
                    errors.push(format!(
                        "`impl {}` is exported but `{}` is not a `#[ferrogo::object]` or a `#[ferrogo::record]` struct: add one of them to the type",
                        i.object, i.object
                    ));
                }
                for f in &i.functions {
                    check_fn(krate, f, &mut errors);
                    if let FnKind::Method {
                        receiver: Receiver::Exclusive,
                        ..
                    } = f.kind
                    {
                        if record {
                            errors.push(format!(
                                "`{}::{}` takes `&mut self`, but `{}` is a record, which Go passes by value (a copy): take `&self` or `self` and return the new value",
                                i.object, f.name, i.object
                            ));
                        }
                    }
                }
            }
            Item::Record(r) => {
                for field in &r.fields {
                    check_type(
                        krate,
                        &field.ty,
                        &format!("field `{}.{}`", r.name, field.name),
                        Place::Field,
                        &mut errors,
                    );
                }
            }
            Item::Error(e) => {
                for v in &e.variants {
                    for field in &v.fields {
                        check_type(
                            krate,
                            &field.ty,
                            &format!("field `{}` of `{}::{}`", field.name, e.name, v.name),
                            Place::Field,
                            &mut errors,
                        );
                    }
                }
            }
            Item::Enum(e) => {
                for v in &e.variants {
                    for field in &v.fields {
                        check_type(
                            krate,
                            &field.ty,
                            &format!("field `{}` of `{}::{}`", field.name, e.name, v.name),
                            Place::Field,
                            &mut errors,
                        );
                    }
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
            Place::Arg,
            errors,
        );
    }
    let returns_self = matches!(f.kind, FnKind::Constructor { .. });
    if !returns_self {
        check_type(
            krate,
            &f.ret.ok,
            &format!("return type of `{}`", f.name),
            Place::Return,
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

/// Where a type stands, for what a named type may be there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// An argument itself: an object may be borrowed (`&T`) or consumed (`T`).
    Arg,
    /// Inside an argument (a list, an option): objects only borrowed.
    InArg,
    Field,
    Return,
}

fn check_type(krate: &Crate, ty: &Type, what: &str, place: Place, errors: &mut Vec<String>) {
    let inner_place = match place {
        Place::Arg | Place::InArg => Place::InArg,
        other => other,
    };
    match ty {
        Type::Vec(inner) | Type::Option(inner) | Type::Slice(inner) | Type::Iter(inner) => {
            check_type(krate, inner, what, inner_place, errors)
        }
        Type::Boxed(inner) => check_type(krate, inner, what, place, errors),
        Type::Map { key, value, .. } => {
            check_type(krate, key, what, inner_place, errors);
            check_type(krate, value, what, inner_place, errors);
        }
        Type::Tuple(items) => {
            for t in items {
                check_type(krate, t, what, place, errors);
            }
        }
        Type::Ref(inner) => {
            if let Type::Named(n) = &**inner {
                let known =
                    krate.record(n).is_some() || krate.enum_(n).is_some() || krate.object(n).is_some();
                if !known {
                    unknown(n, what, errors);
                }
            }
        }
        Type::Named(n) => {
            let known = krate.record(n).is_some() || krate.enum_(n).is_some();
            let object = krate.object(n).is_some();
            if object && place == Place::Field {
                errors.push(format!(
                    "{what}: an object (`{n}`) cannot be a record field: records are copied both ways, objects are handles; pass it as an argument (`&{n}` borrows it, `{n}` consumes it) or return it"
                ));
            } else if object && place == Place::InArg {
                errors.push(format!(
                    "{what}: an object (`{n}`) cannot be consumed inside a list or option: borrow it (`Vec<&{n}>`, `Option<&{n}>`)"
                ));
            } else if !known && !object {
                unknown(n, what, errors);
            }
        }
        _ => {}
    }
}

fn unknown(n: &str, what: &str, errors: &mut Vec<String>) {
    errors.push(format!(
        "{what}: `{n}` is not a ferrogo type of this crate: if it is yours, add `#[ferrogo::record]` (plain data) or `#[ferrogo::object]` (a handle) to it; if it comes from another crate, wrap it in a record or object of yours, or convert it to a supported type"
    ));
}

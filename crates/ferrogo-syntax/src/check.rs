//! Whole-crate checks the macro cannot make (it sees one item at a time): every named type
//! resolves to an item of the right kind. The macro gets the same guarantees from trait bounds.

use std::collections::HashSet;

use crate::ir::{Crate, FnKind, Function, Item, Type};

pub fn check_crate(krate: &Crate) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let mut seen_go = HashSet::new();
    for item in &krate.items {
        let (go, rust) = match item {
            Item::Function(f) => (f.go_name.clone(), f.name.clone()),
            Item::Record(r) => (r.go_name.clone(), r.name.clone()),
            Item::Enum(e) => (e.go_name.clone(), e.name.clone()),
            Item::Error(e) => (e.go_name.clone(), e.name.clone()),
            Item::Object(o) => (o.go_name.clone(), o.name.clone()),
            Item::Impl(_) => continue,
        };
        if go == "Stats" {
            errors.push(format!("the Go name `Stats` of `{rust}` is taken by the package's generated call statistics: rename it with `#[ferrogo(name = \"...\")]`"));
        }
        if !seen_go.insert(go.clone()) {
            errors.push(format!("two items map to the Go name `{go}` (one is `{rust}`): rename one with `#[ferrogo(name = \"...\")]`"));
        }
    }
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

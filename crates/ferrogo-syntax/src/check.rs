//! Whole-crate checks the macro cannot make (it sees one item at a time): every named type
//! resolves to an item of the right kind, Go names do not collide. The macro gets the same
//! guarantees from trait bounds. Each error names the [`Site`] it is about, which `load.rs`
//! turns into a file and line, so these errors point at the code like the compiler's.

use std::collections::HashMap;

use crate::ir::{Crate, Field, FnKind, Function, Item, Receiver, Record, Type};

/// What an error is about: an item, a method, an argument or a field. Fields of enum variants
/// name the variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Site {
    /// A struct, enum or free function, by its Rust name.
    Item(String),
    /// The `impl` block of a type.
    Impl(String),
    /// A method or constructor of a type.
    Method { ty: String, method: String },
    /// An argument of a function (`ty` is `Some` for methods).
    Arg {
        ty: Option<String>,
        function: String,
        arg: String,
    },
    /// A field of a record, or of a variant of an enum.
    Field {
        ty: String,
        variant: Option<String>,
        field: String,
    },
}

/// A problem found by the whole-crate checks.
#[derive(Clone, Debug)]
pub struct CheckError {
    pub site: Site,
    pub message: String,
    /// The type name an "is not a ferrogo type" error is about (so an item that failed to parse
    /// is not reported again as unknown).
    pub unknown: Option<String>,
}

pub fn check_crate(krate: &Crate) -> Result<(), Vec<CheckError>> {
    let mut errors = Errors(Vec::new());
    check_go_names(krate, &mut errors);
    for item in &krate.items {
        match item {
            Item::Function(f) => check_fn(krate, f, &mut errors),
            Item::Impl(i) => {
                let record = krate.record(&i.object).is_some();
                if krate.object(&i.object).is_none() && !record {
                    errors.push(Site::Impl(i.object.clone()), format!(
                        "`impl {}` is exported but `{}` is not a `#[ferrogo::object]` or a `#[ferrogo::record]` struct: add one of them to the type",
                        i.object, i.object
                    ));
                }
                for f in &i.functions {
                    check_fn(krate, f, &mut errors);
                    if let (
                        FnKind::Method {
                            receiver: Receiver::Exclusive,
                            ..
                        },
                        true,
                    ) = (&f.kind, record)
                    {
                        errors.push(method_site(f), format!(
                            "`{}::{}` takes `&mut self`, but `{}` is a record, which Go passes by value (a copy): take `&self` or `self` and return the new value",
                            i.object, f.name, i.object
                        ));
                    }
                }
            }
            Item::Record(r) => {
                check_fields(krate, &r.name, None, &r.fields, &mut errors);
                check_finite(krate, r, &mut errors);
            }
            Item::Callback(c) => check_callback(krate, c, &mut errors),
            Item::Error(e) => {
                for v in &e.variants {
                    check_fields(krate, &e.name, Some(&v.name), &v.fields, &mut errors);
                }
            }
            Item::Enum(e) => {
                for v in &e.variants {
                    check_fields(krate, &e.name, Some(&v.name), &v.fields, &mut errors);
                }
            }
            Item::Object(_) | Item::Custom(_) => {}
        }
    }
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(errors.0)
    }
}

struct Errors(Vec<CheckError>);

impl Errors {
    fn push(&mut self, site: Site, message: String) {
        self.0.push(CheckError {
            site,
            message,
            unknown: None,
        });
    }
}

fn method_site(f: &Function) -> Site {
    match f.object() {
        Some(ty) => Site::Method {
            ty: ty.to_string(),
            method: f.name.clone(),
        },
        None => Site::Item(f.name.clone()),
    }
}

fn check_fields(krate: &Crate, ty: &str, variant: Option<&str>, fields: &[Field], errors: &mut Errors) {
    for field in fields {
        let what = match variant {
            Some(v) => format!("field `{}` of `{ty}::{v}`", field.name),
            None => format!("field `{ty}.{}`", field.name),
        };
        let site = Site::Field {
            ty: ty.to_string(),
            variant: variant.map(str::to_string),
            field: field.name.clone(),
        };
        check_type(krate, &field.ty, &what, &site, Place::Field, errors);
    }
}

/// Every package-level Go identifier the generator writes must be unique, and must not take a
/// name the generated code uses itself; likewise every method name within its type.
fn check_go_names(krate: &Crate, errors: &mut Errors) {
    let mut seen: HashMap<String, String> = HashMap::new();
    // Go methods per type, over all its impls (a std trait's methods are an impl of their own).
    let mut methods: HashMap<(&str, &str), &Function> = HashMap::new();
    let mut claim = |go: &str, what: String, site: Site, errors: &mut Errors| {
        if go == "Stats" {
            errors.push(site, format!("the Go name `Stats` of {what} is taken by the package's generated call statistics: rename it with `#[ferrogo(name = \"...\")]`"));
        } else if let Some(other) = seen.get(go) {
            errors.push(site, format!("{what} and {other} both become the Go identifier `{go}`: rename one with `#[ferrogo(name = \"...\")]`"));
        } else {
            seen.insert(go.to_string(), what);
        }
    };
    for item in &krate.items {
        match item {
            Item::Function(f) => claim(
                &f.go_name,
                format!("function `{}`", f.name),
                method_site(f),
                errors,
            ),
            Item::Record(r) => claim(
                &r.go_name,
                format!("record `{}`", r.name),
                Site::Item(r.name.clone()),
                errors,
            ),
            Item::Enum(e) => {
                claim(
                    &e.go_name,
                    format!("enum `{}`", e.name),
                    Site::Item(e.name.clone()),
                    errors,
                );
                for v in &e.variants {
                    let what = format!("enum variant `{}::{}`", e.name, v.name);
                    claim(&v.go_name, what, Site::Item(e.name.clone()), errors);
                }
            }
            Item::Error(e) => {
                claim(
                    &e.go_name,
                    format!("error enum `{}`", e.name),
                    Site::Item(e.name.clone()),
                    errors,
                );
                for v in &e.variants {
                    let what = format!("error variant `{}::{}`", e.name, v.name);
                    claim(&v.go_name, what, Site::Item(e.name.clone()), errors);
                }
            }
            Item::Object(o) => claim(
                &o.go_name,
                format!("object `{}`", o.name),
                Site::Item(o.name.clone()),
                errors,
            ),
            Item::Custom(_) => {}
            Item::Callback(c) => claim(
                &c.go_name,
                format!("callback trait `{}`", c.name),
                Site::Item(c.name.clone()),
                errors,
            ),
            Item::Impl(i) => {
                for f in &i.functions {
                    match f.kind {
                        FnKind::Constructor { .. } => claim(
                            &f.go_name,
                            format!("constructor `{}::{}`", i.object, f.name),
                            method_site(f),
                            errors,
                        ),
                        _ if f.go_name == "Close" && krate.object(&i.object).is_some() => errors.push(method_site(f), format!(
                            "method `{}::{}` becomes `Close`, which every object already has (it frees the handle): rename it with `#[ferrogo(name = \"...\")]`",
                            i.object, f.name
                        )),
                        _ => {
                            let key = (i.object.as_str(), f.go_name.as_str());
                            if let Some(other) = methods.insert(key, f) {
                                method_clash(&i.object, other, f, errors);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Two methods of `object` with one Go name. A std trait's method (`String` of `Display`, ...)
/// has no place in the source: the error goes to the author's method, naming the trait.
fn method_clash(object: &str, a: &Function, b: &Function, errors: &mut Errors) {
    let (mine, theirs) = if crate::stdtraits::is_synthesized(&b.name) {
        (a, b)
    } else {
        (b, a)
    };
    if crate::stdtraits::is_synthesized(&theirs.name) {
        errors.push(method_site(mine), format!(
            "method `{object}::{}` becomes the Go method `{}`, which `{object}` already gets from a std trait ({}): rename the method with `#[ferrogo(name = \"...\")]`, or drop the trait from the attribute (a derived one cannot be dropped: rename the method)",
            mine.name, mine.go_name, crate::stdtraits::trait_of(&theirs.name)
        ));
    } else {
        errors.push(
            method_site(mine),
            format!(
                "methods `{object}::{}` and `{object}::{}` both become the Go method `{}`",
                theirs.name, mine.name, mine.go_name
            ),
        );
    }
}

fn check_fn(krate: &Crate, f: &Function, errors: &mut Errors) {
    for a in &f.args {
        let site = Site::Arg {
            ty: f.object().map(str::to_string),
            function: f.name.clone(),
            arg: a.name.clone(),
        };
        let what = format!("argument `{}` of `{}`", a.name, f.name);
        check_type(krate, &a.ty, &what, &site, Place::Arg, errors);
    }
    if !matches!(f.kind, FnKind::Constructor { .. }) {
        let what = format!("return type of `{}`", f.name);
        check_type(krate, &f.ret.ok, &what, &method_site(f), Place::Return, errors);
    }
    if let Some(e) = &f.ret.err {
        if krate.error(e).is_none() {
            errors.push(
                method_site(f),
                format!(
                    "`{}` returns `Result<_, {e}>` but `{e}` is not a `#[ferrogo::error]` enum of this crate",
                    f.name
                ),
            );
        }
    }
}

/// A callback method's types: what Rust passes to Go, and what Go returns.
fn check_callback(krate: &Crate, c: &crate::ir::Callback, errors: &mut Errors) {
    for m in &c.methods {
        let site = Site::Item(c.name.clone());
        for a in &m.args {
            let what = format!("argument `{}` of callback `{}::{}`", a.name, c.name, m.name);
            check_type(krate, &a.ty, &what, &site, Place::Return, errors);
        }
        let what = format!("return type of callback `{}::{}`", c.name, m.name);
        check_type(krate, &m.ret.ok, &what, &site, Place::InArg, errors);
        if let Some(e) = &m.ret.err {
            if krate.error(e).is_none() {
                errors.push(
                    site,
                    format!("callback `{}::{}` returns `Result<_, {e}>` but `{e}` is not a `#[ferrogo::error]` enum of this crate", c.name, m.name),
                );
            }
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

fn check_type(krate: &Crate, ty: &Type, what: &str, site: &Site, place: Place, errors: &mut Errors) {
    let inner_place = match place {
        Place::Arg | Place::InArg => Place::InArg,
        other => other,
    };
    let mut again = |t: &Type, place: Place| check_type(krate, t, what, site, place, errors);
    match ty {
        Type::Vec(inner) | Type::Option(inner) | Type::Slice(inner) | Type::Iter(inner) => {
            again(inner, inner_place)
        }
        Type::Boxed(inner) => again(inner, place),
        Type::Map { key, value, .. } => {
            again(key, inner_place);
            again(value, inner_place);
        }
        Type::Tuple(items) => items.iter().for_each(|t| again(t, place)),
        Type::Ref(inner) => {
            if let Type::Named(n) = &**inner {
                let known = krate.record(n).is_some()
                    || krate.enum_(n).is_some()
                    || krate.object(n).is_some()
                    || krate.custom(n).is_some();
                if !known {
                    unknown(n, what, site, errors);
                }
            }
        }
        Type::Named(n) => {
            let known = krate.record(n).is_some() || krate.enum_(n).is_some() || krate.custom(n).is_some();
            let object = krate.object(n).is_some();
            if object && place == Place::Field {
                errors.push(site.clone(), format!(
                    "{what}: an object (`{n}`) cannot be a record field: records are copied both ways, objects are handles; pass it as an argument (`&{n}` borrows it, `{n}` consumes it) or return it"
                ));
            } else if object && place == Place::InArg {
                errors.push(site.clone(), format!(
                    "{what}: an object (`{n}`) cannot be consumed inside a list or option: borrow it (`Vec<&{n}>`, `Option<&{n}>`)"
                ));
            } else if !known && !object {
                unknown(n, what, site, errors);
            }
        }
        Type::Callback { name, .. } if krate.callback(name).is_none() => {
            errors.0.push(CheckError {
                site: site.clone(),
                message: format!(
                    "{what}: `{name}` is not a `#[ferrogo::callback]` trait of this crate: add the attribute to the trait (Go implements it as an interface)"
                ),
                unknown: Some(name.clone()),
            });
        }
        Type::Closure { args, ret, .. } => {
            // Rust passes the arguments to Go and gets the result back, as a callback does.
            args.iter().for_each(|t| again(t, Place::Return));
            again(ret, Place::InArg);
        }
        _ => {}
    }
}

/// A record that holds itself through other records and boxes only (no option, list, map or
/// enum on the way) has no finite value, and Go, where a box is its value, cannot declare
/// structs that contain each other. `parse` refuses a record holding itself directly; this
/// finds the cycles through other records, at each record's field that starts one.
fn check_finite(krate: &Crate, r: &Record, errors: &mut Errors) {
    for f in &r.fields {
        let Some(next) = held_record(krate, &f.ty) else {
            continue;
        };
        if next == r.name {
            continue;
        }
        let mut path = vec![r.name.as_str(), next];
        if leads_to(krate, next, &r.name, &mut path) {
            errors.push(
                Site::Field {
                    ty: r.name.clone(),
                    variant: None,
                    field: f.name.clone(),
                },
                format!(
                    "field `{}.{}`: {} always hold each other (by value or in a box, which is never empty), so no value of them is finite, and Go cannot declare structs that contain each other: make a link optional (`Option<Box<T>>`, Go `*T`) or a list (`Vec<T>`)",
                    r.name,
                    f.name,
                    path.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(" -> ")
                ),
            );
        }
    }
}

/// The record a field of type `ty` holds by value in Go (itself or in boxes).
fn held_record<'a>(krate: &'a Crate, ty: &'a Type) -> Option<&'a str> {
    match ty {
        Type::Boxed(inner) => held_record(krate, inner),
        Type::Named(n) if krate.record(n).is_some() => Some(n),
        _ => None,
    }
}

/// Whether record `from` holds `target` by value in Go, through the records on `path`.
fn leads_to<'a>(krate: &'a Crate, from: &'a str, target: &str, path: &mut Vec<&'a str>) -> bool {
    let Some(record) = krate.record(from) else {
        return false;
    };
    for f in &record.fields {
        let Some(next) = held_record(krate, &f.ty) else {
            continue;
        };
        if next == target {
            path.push(next);
            return true;
        }
        if path.contains(&next) {
            continue;
        }
        path.push(next);
        if leads_to(krate, next, target, path) {
            return true;
        }
        path.pop();
    }
    false
}

fn unknown(n: &str, what: &str, site: &Site, errors: &mut Errors) {
    errors.0.push(CheckError {
        site: site.clone(),
        message: format!(
            "{what}: `{n}` is not a ferrogo type of this crate: if it is yours, add `#[ferrogo::record]` (plain data) or `#[ferrogo::object]` (a handle) to it; if it comes from another crate, wrap it in a newtype of yours marked `#[ferrogo::custom(String)]` (it crosses as a builtin type through `TryFrom`/`From`), a record or an object, or convert it to a supported type"
        ),
        unknown: Some(n.to_string()),
    });
}

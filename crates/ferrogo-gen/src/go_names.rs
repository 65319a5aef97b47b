//! Go names the generated package uses in more than one place: a function's parameters and
//! receiver, the key of its statistics, the tables of Go values Rust calls. They live below the
//! emitters (functions, objects, closures, callbacks, asyncs, stats) so that each emitter reads
//! them here instead of from another emitter, and every target writing Go agrees on them.

use ferrogo_syntax::ir::{Callback, Crate, FnKind, Function, Record};
use ferrogo_syntax::{mangle, names};

/// The table of goroutines waiting for async calls, woken by Rust.
pub const WAITERS: &str = "asyncWaiters";

/// The Go-visible name used in error messages: `pkg.Func` or `pkg.(*Type).Method`.
pub fn qualified(package: &str, krate: &Crate, f: &Function) -> String {
    format!("{package}.{}", stats_key(krate, f))
}

/// The Go name without the package: `Func` or `(*Type).Method` (the key in `Stats`).
pub fn stats_key(krate: &Crate, f: &Function) -> String {
    match method_of(krate, f) {
        Some(Owner::Object(go)) => format!("(*{go}).{}", f.go_name),
        Some(Owner::Record(r)) => format!("{}.{}", r.go_name, f.go_name),
        None => f.go_name.clone(),
    }
}

/// What a method belongs to: an object (Go `*T`, by handle) or a record (a Go value receiver).
pub enum Owner<'a> {
    /// The object's Go name.
    Object(&'a str),
    Record(&'a Record),
}

/// The owner of a method; `None` for free functions and constructors.
pub fn method_of<'a>(krate: &'a Crate, f: &Function) -> Option<Owner<'a>> {
    let FnKind::Method { object, .. } = &f.kind else {
        return None;
    };
    match krate.record(object) {
        Some(r) => Some(Owner::Record(r)),
        None => Some(Owner::Object(
            krate.object(object).map_or("", |o| o.go_name.as_str()),
        )),
    }
}

/// The receiver name of an object's (or a record's) methods: short, and clashing with no
/// parameter of any of them nor with a name generated code uses.
pub fn receiver(krate: &Crate, object: &str) -> String {
    let go = match (krate.object(object), krate.record(object)) {
        (Some(o), _) => o.go_name.as_str(),
        (_, Some(r)) => r.go_name.as_str(),
        _ => object,
    };
    let params: Vec<String> = krate
        .functions()
        .filter(|f| f.object() == Some(object))
        .flat_map(|f| f.args.iter().map(move |a| param_name(f, &a.name)))
        .collect();
    names::go_receiver(go, |n| {
        names::BODY_LOCALS.contains(&n) || params.iter().any(|p| p == n)
    })
}

/// The Go name of `f`'s parameter `rust`: its Go spelling, with `_` appended when it would
/// collide with a local of the body (`r` -> `r_`), a keyword or a predeclared name.
pub fn param_name(f: &Function, rust: &str) -> String {
    let name = names::go_local(rust);
    if body_locals(f).contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The locals the Go body of `f` declares in the scope of its parameters, or uses before they
/// would be shadowed (from `names::BODY_LOCALS`): `r`, `v` and `err` always, the others with the
/// feature that needs them. (An iterator's `chunk` and `items` live in a nested scope after the
/// last use of the parameters, so they need no reservation; nor does `h`, unless a lazy
/// iterator's deferred keep-alive names the parameters after it.)
fn body_locals(f: &Function) -> Vec<&'static str> {
    let mut locals = vec!["r", "v", "err", "keep"];
    if f.uses_scratch() {
        locals.push("scratch");
    }
    if f.blocking {
        locals.push("gate");
    }
    if f.cancelable() {
        locals.extend(["ctx", "stop", "canceled"]);
    }
    if f.iter_item().is_some() {
        locals.push("yield");
    }
    if f.borrows {
        // The loop's deferred keep-alive names the parameters after `h` is declared.
        locals.push("h");
    }
    locals
}

/// The table of funcs passed as argument `arg` of `f`.
pub fn func_table(f: &Function, arg: &str) -> String {
    format!(
        "funcs{}{}",
        names::go_exported(&mangle::function_key(f)),
        names::go_exported(arg)
    )
}

/// The table of Go values of a callback trait.
pub fn callback_values(c: &Callback) -> String {
    format!("cb{}Values", names::go_exported(&c.go_name))
}

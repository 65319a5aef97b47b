//! `#[ferrogo::callback] trait T: Send + Sync { fn m(&self, ...) -> R; }` -> IR [`Callback`]:
//! a trait Go implements (an interface) and Rust calls through a proxy.

use syn::{FnArg, TraitItem, TypeParamBound};

use crate::attrs::{docs, Options};
use crate::ir::{Arg, Callback, CallbackMethod, Return, Type};
use crate::names;
use crate::parse::Errors;
use crate::types::{callback_arg, parse_return};

/// The options of `#[ferrogo::callback(...)]` (or of `#[ferrogo(...)]` below it).
pub const OPTS: &[&str] = &["name"];

pub fn parse_callback(t: &syn::ItemTrait, opts: &Options) -> syn::Result<Callback> {
    let mut errors = Errors::default();
    if !t.generics.params.is_empty() || t.generics.where_clause.is_some() {
        errors.push(syn::Error::new_spanned(
            &t.generics,
            if crate::parse::lifetimes_only(&t.generics) {
                "a callback trait needs no lifetime parameters: Go copies what it keeps of its arguments, so write references with elided lifetimes (`name: &str`) and remove the `<'a>`"
            } else {
                "a generic callback trait cannot be implemented in Go: remove its generic parameters"
            },
        ));
    }
    let supertrait = |name: &str| {
        t.supertraits.iter().any(|b| {
            matches!(b, TypeParamBound::Trait(tr) if tr.path.segments.last().is_some_and(|s| s.ident == name))
        })
    };
    if !supertrait("Send") || !supertrait("Sync") {
        errors.push(syn::Error::new(
            t.ident.span(),
            format!(
                "a callback trait must be `Send + Sync` (Rust may call the Go value from any thread): write `trait {}: Send + Sync`",
                t.ident
            ),
        ));
    }
    let mut methods = Vec::new();
    for item in &t.items {
        match item {
            TraitItem::Fn(m) => {
                if let Some(m) = errors.check(parse_method(m)) {
                    methods.push(m);
                }
            }
            other => errors.push(syn::Error::new_spanned(
                other,
                "a callback trait holds only methods (Go implements them): move constants and associated types out",
            )),
        }
    }
    if methods.is_empty() && t.items.is_empty() {
        errors.push(syn::Error::new(
            t.ident.span(),
            "a callback trait needs at least one method for Go to implement",
        ));
    }
    let name = t.ident.to_string();
    let go_name = opts
        .name
        .as_ref()
        .map(|n| n.value())
        .unwrap_or_else(|| names::go_exported(&name));
    errors.finish(Callback {
        name,
        go_name,
        docs: docs(&t.attrs),
        methods,
    })
}

fn parse_method(m: &syn::TraitItemFn) -> syn::Result<CallbackMethod> {
    let mut errors = Errors::default();
    let sig = &m.sig;
    if sig.asyncness.is_some() || sig.unsafety.is_some() || !sig.generics.params.is_empty() {
        let lifetimes =
            sig.asyncness.is_none() && sig.unsafety.is_none() && crate::parse::lifetimes_only(&sig.generics);
        errors.push(syn::Error::new(
            sig.ident.span(),
            if lifetimes {
                "callback methods need no lifetime parameters: Go copies what it keeps of its arguments, so write references with elided lifetimes (`name: &str`) and remove the `<'a>`"
            } else {
                "callback methods are plain, non-generic `fn`s (no `async`, `unsafe` or type parameters)"
            },
        ));
    }
    let mut args = Vec::new();
    let mut receiver = false;
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(r) => {
                receiver = true;
                if r.reference.is_none() || r.mutability.is_some() || r.colon_token.is_some() {
                    errors.push(syn::Error::new_spanned(
                        r,
                        "callback methods take `&self`: Go values are shared, and Rust may call them from several threads at once",
                    ));
                }
            }
            FnArg::Typed(pt) => {
                let Some(name) = errors.check(crate::parse::arg_name(
                    pt,
                    args.len(),
                    "callback arguments need a plain name",
                )) else {
                    continue;
                };
                if let Some(ty) = errors.check(callback_arg(&pt.ty)) {
                    args.push(Arg { name, ty });
                }
            }
        }
    }
    if !receiver {
        errors.push(syn::Error::new(
            sig.ident.span(),
            "callback methods take `&self` (Go implements them as methods of its value)",
        ));
    }
    let ret = errors.check(parse_return(&sig.output, None)).unwrap_or(Return {
        ok: Type::Unit,
        err: None,
    });
    let tuple = |t: &Type| matches!(t, Type::Tuple(_));
    if matches!(&ret.ok, Type::Iter(_)) || tuple(&ret.ok) || matches!(&ret.ok, Type::Option(t) if tuple(t)) {
        errors.push(syn::Error::new_spanned(
            &sig.output,
            "Go code returns a plain value: no iterators or tuples (use a `Vec<T>` or a record)",
        ));
    }
    let name = sig.ident.to_string();
    errors.finish(CallbackMethod {
        go_name: names::go_exported(&name),
        name,
        docs: docs(&m.attrs),
        args,
        ret,
    })
}

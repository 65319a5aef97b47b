//! What an exported `async fn` may be: its future outlives the Go call that starts it, so it
//! owns its arguments (`&str`, `&[u8]` and `&Path` are copied in) and reaches an object through
//! a hold, not a borrow.

use crate::borrows::contains_borrow;
use crate::ir::{FnKind, Function, Receiver, Type};
use crate::parse::Errors;

pub fn check(f: &Function, sig: &syn::Signature, errors: &mut Errors) {
    let span = sig.asyncness.map_or_else(|| sig.ident.span(), |a| a.span);
    match &f.kind {
        FnKind::Constructor { .. } => errors.push(syn::Error::new(
            span,
            "a constructor cannot be `async`: make it sync, and export an async method that does the slow part",
        )),
        FnKind::Method {
            receiver: Receiver::Exclusive | Receiver::Owned,
            ..
        } => errors.push(syn::Error::new(
            span,
            "an async method takes `&self` (other calls may run on the object while it waits); use interior mutability for state it changes",
        )),
        _ => {}
    }
    if f.fallible {
        errors.push(syn::Error::new(
            span,
            "an async function already returns an error in Go (its context may end): drop `fallible`",
        ));
    }
    if f.blocking {
        errors.push(syn::Error::new(
            span,
            "an async function does not block a thread: drop `blocking`",
        ));
    }
    if matches!(f.ret.ok, Type::Iter(_)) {
        errors.push(syn::Error::new_spanned(
            &sig.output,
            "an async function cannot return an iterator: return a `Vec<T>`",
        ));
    }
    let typed = sig.inputs.iter().filter_map(|i| match i {
        syn::FnArg::Typed(pt) => Some(pt),
        syn::FnArg::Receiver(_) => None,
    });
    for (a, pt) in f.args.iter().zip(typed) {
        if let Some(why) = not_ownable(&a.ty) {
            errors.push(syn::Error::new_spanned(&pt.ty, why));
        }
    }
}

const OWNED_ELEMENTS: &str = "an async function's future outlives the call, so it cannot borrow from Go: take owned elements (`Vec<String>`, `Option<String>`, `HashMap<String, V>`)";

/// Why an argument cannot be kept by a future, if it cannot.
fn not_ownable(ty: &Type) -> Option<&'static str> {
    match ty {
        // Copied into an owned value before the future starts.
        Type::Str | Type::Bytes | Type::Path => None,
        Type::Cancel => Some("an async function is canceled by its context (the future is dropped): remove the `&ferrogo::Cancel`"),
        Type::Closure { .. } => Some("a Go func is valid only during the call that passes it, and an async function's future outlives it: declare a `#[ferrogo::callback]` trait and take `Box<dyn Trait>`"),
        Type::Callback { holder: crate::ir::CallbackHolder::Ref, .. } => Some("an async function's future outlives the call: take `Box<dyn Trait>` or `Arc<dyn Trait>` instead of `&dyn Trait`"),
        Type::Ref(_) | Type::Slice(_) | Type::CowStr => Some("an async function's future outlives the call, so it cannot borrow from Go: take an owned value (`Vec<T>`, a record)"),
        Type::Vec(t) | Type::Option(t) | Type::Boxed(t) => match **t {
            Type::Str | Type::Bytes | Type::Path | Type::Ref(_) | Type::Slice(_) => Some(OWNED_ELEMENTS),
            _ => not_ownable(t),
        },
        Type::Map { key, value, .. } if contains_borrow(key) || contains_borrow(value) => Some(OWNED_ELEMENTS),
        _ => None,
    }
}

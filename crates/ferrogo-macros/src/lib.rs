//! ferrogo's attribute macros. Thin by design: parsing and validation live in `ferrogo-syntax`
//! (shared with the Go generator), code emission in [`expand`].

mod asyncs;
mod callbacks;
mod closures;
mod customs;
mod enums;
mod errors;
mod expand;
mod functions;
mod objects;
mod records;
mod stdtraits;
mod sum_types;

use proc_macro::TokenStream;

use ferrogo_syntax::attrs::Kind;

/// Exports a function, or the `pub` constructors and `&self` methods of an object's `impl`, to Go.
///
/// Options: `fallible` (the Go function gets an `error` result instead of re-raising panics) and
/// `name = "GoName"`.
#[proc_macro_attribute]
pub fn export(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::item(Kind::Export, args.into(), item.into()).into()
}

/// Plain data copied by value: a struct with named fields becomes a Go struct, a C-like enum a
/// Go `int32` type with constants.
#[proc_macro_attribute]
pub fn record(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::item(Kind::Record, args.into(), item.into()).into()
}

/// An error enum: unit variants become Go sentinel errors (`errors.Is`), data variants error
/// structs (`errors.As`). The message is the enum's `Display`.
#[proc_macro_attribute]
pub fn error(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::item(Kind::Error, args.into(), item.into()).into()
}

/// A type Go holds by handle (`*T` with `Close() error`). Must be `Send + Sync`.
/// Option `no_poison`: a panicking method does not poison the object.
#[proc_macro_attribute]
pub fn object(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::item(Kind::Object, args.into(), item.into()).into()
}

/// `#[ferrogo::custom(Builtin)]` on a struct of this crate: it crosses as `Builtin` (Go sees the
/// builtin type), converted with `TryFrom<Builtin>` and `Builtin: From<Self>`.
#[proc_macro_attribute]
pub fn custom(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::item(Kind::Custom, args.into(), item.into()).into()
}

/// A trait Go code implements: `#[ferrogo::callback] pub trait Progress: Send + Sync { ... }`.
/// Go gets an interface with the same methods; exported functions take a Go value implementing
/// it as `Box<dyn Progress>`, `Arc<dyn Progress>` (Rust may keep and call it, from any thread)
/// or `&dyn Progress` (for the call).
#[proc_macro_attribute]
pub fn callback(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::item(Kind::Callback, args.into(), item.into()).into()
}

/// Marks a method of a `#[ferrogo::export] impl` as a constructor (`-> Self` or
/// `-> Result<Self, E>`); Go gets `NewT(...)`. Only meaningful inside such an impl.
#[proc_macro_attribute]
pub fn constructor(_args: TokenStream, item: TokenStream) -> TokenStream {
    let mut out: TokenStream = syn::Error::new(
        proc_macro2::Span::call_site(),
        "`#[ferrogo::constructor]` only works on a method inside a `#[ferrogo::export] impl` block",
    )
    .to_compile_error()
    .into();
    out.extend(item);
    out
}

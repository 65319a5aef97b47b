//! `#[ferrogo::callback] trait`: the proxy that implements the trait by calling the Go value
//! behind a handle, the table of Go functions it calls (registered by the Go package at init),
//! and `CallbackTrait for dyn Trait`, through which exported functions take `Box<dyn Trait>`,
//! `Arc<dyn Trait>` or `&dyn Trait` arguments.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use ferrogo_syntax::ir::{self, Type};
use ferrogo_syntax::mangle;

use crate::functions::abi_type;

/// How a Go function hands its result back (see `ferrogo::__private::callback`).
pub enum ResultKind {
    Unit,
    /// A number or bool: the C result.
    Direct,
    /// Anything else: delivered before returning.
    Delivered,
}

pub fn result_kind(ty: &Type) -> ResultKind {
    match ty {
        Type::Unit => ResultKind::Unit,
        t if t.is_scalar() => ResultKind::Direct,
        _ => ResultKind::Delivered,
    }
}

/// The call into Go for one method or func: lowers `args` (patterns bound to `pats`, of Rust
/// types `tys`), calls `target` (an expression of the registered function pointer) with
/// `handle`, frees the arguments and yields `Result<ok, Failure<err>>` (`err` is the method's
/// error type, `Infallible` when it cannot fail). Without one, invalid UTF-8 in the result is
/// read as Go does (ADR 0016).
#[allow(clippy::too_many_arguments)]
pub fn go_call(
    callee: &str,
    target: TokenStream,
    handle: TokenStream,
    pats: &[Ident],
    tys: &[syn::Type],
    ok: &syn::Type,
    ok_ir: &Type,
    err: Option<&syn::Type>,
) -> TokenStream {
    let cb = quote!(::ferrogo::__private::callback);
    let lowered: Vec<Ident> = (0..pats.len())
        .map(|i| format_ident!("__ferrogo_a{}", i))
        .collect();
    let static_tys: Vec<syn::Type> = tys.iter().map(|t| abi_type(t, None)).collect();
    let call = quote! {
        // SAFETY: the function the Go package registered for this method or func, called with
        // the handle Go gave us and arguments lowered for it; `out` lives for the call.
        |__ferrogo_out| unsafe { (#target)(#handle, #(#lowered,)* __ferrogo_out) }
    };
    // The Rust side cannot return an error: invalid UTF-8 in the result is read as Go does.
    let lossy = err.is_none();
    let err = match err {
        Some(e) => quote!(#e),
        None => quote!(::core::convert::Infallible),
    };
    let invoke = match result_kind(ok_ir) {
        ResultKind::Unit => quote!(#cb::call_unit::<#err>(#callee, #call)),
        ResultKind::Direct => quote!(#cb::call_direct::<#ok, #err>(#callee, #call)),
        ResultKind::Delivered => quote!(#cb::call_delivered::<#ok, #err, #lossy>(#callee, #call)),
    };
    quote! {{
        #(let #lowered = #cb::CbArg::lower_cb(#pats);)*
        let __ferrogo_r = #invoke;
        // SAFETY: each argument was lowered above for this call, which has returned.
        #(unsafe { #cb::free_arg::<#static_tys>(#lowered) };)*
        __ferrogo_r
    }}
}

/// The C signature of the Go function for one method or func.
pub fn go_fn_type(tys: &[syn::Type], ok: &syn::Type, ok_ir: &Type) -> TokenStream {
    let cb = quote!(::ferrogo::__private::callback);
    let rt = quote!(::ferrogo::__private);
    let abis = tys.iter().map(|t| {
        let t = abi_type(t, None);
        quote!(<#t as #cb::CbArg>::Abi)
    });
    let ret = match result_kind(ok_ir) {
        ResultKind::Direct => {
            let ok = abi_type(ok, None);
            quote!(-> <#ok as #rt::Lift>::Abi)
        }
        _ => quote!(),
    };
    quote!(unsafe extern "C" fn(u64, #(#abis,)* *mut #cb::FfiCallOut) #ret)
}

/// The `T` and `E` of a method's `-> T` or `-> Result<T, E>`.
fn ok_and_err(sig: &syn::Signature, m: &ir::CallbackMethod) -> (syn::Type, Option<syn::Type>) {
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return (syn::parse_quote!(()), None);
    };
    if m.ret.err.is_some() {
        if let syn::Type::Path(p) = &**ty {
            if let Some(syn::PathArguments::AngleBracketed(a)) = p.path.segments.last().map(|s| &s.arguments)
            {
                let mut types = a.args.iter().filter_map(|g| match g {
                    syn::GenericArgument::Type(t) => Some(t.clone()),
                    _ => None,
                });
                if let (Some(ok), Some(err)) = (types.next(), types.next()) {
                    return (ok, Some(err));
                }
            }
        }
    }
    ((**ty).clone(), None)
}

pub fn impls(crate_name: &str, c: &ir::Callback, t: &syn::ItemTrait) -> TokenStream {
    let cb = quote!(::ferrogo::__private::callback);
    let trait_ident = &t.ident;
    let table = format_ident!("__FerrogoGoTable{}", c.name);
    let registered = format_ident!("__FERROGO_GO_{}", c.name.to_uppercase());
    let proxy = format_ident!("__FerrogoGo{}", c.name);
    let register = format_ident!("{}", mangle::callback_register(crate_name, &c.name));
    let what = format!("the callback trait {}", c.name);
    let mut fields = Vec::new();
    let mut methods = Vec::new();
    for (m, item) in c.methods.iter().zip(t.items.iter().filter_map(|i| match i {
        syn::TraitItem::Fn(f) => Some(f),
        _ => None,
    })) {
        let name = &item.sig.ident;
        let tys: Vec<syn::Type> = item
            .sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(pt) => Some((*pt.ty).clone()),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        let pats: Vec<Ident> = (0..tys.len())
            .map(|i| format_ident!("__ferrogo_p{}", i))
            .collect();
        let (ok, err) = ok_and_err(&item.sig, m);
        let fn_type = go_fn_type(&tys, &ok, &m.ret.ok);
        fields.push(quote!(#name: #fn_type));
        let callee = format!("{}.{}", c.go_name, m.go_name);
        let call = go_call(
            &callee,
            quote!(__ferrogo_go.#name),
            quote!(self.0.get()),
            &pats,
            &tys,
            &ok,
            &m.ret.ok,
            err.as_ref(),
        );
        let result = match &err {
            Some(e) => quote!(__ferrogo_r.map_err(#cb::user_error::<#e>)),
            None => quote!(__ferrogo_r.unwrap_or_else(|e| e.raise())),
        };
        let output = &item.sig.output;
        methods.push(quote! {
            fn #name(&self, #(#pats: #tys),*) #output {
                let __ferrogo_go = #registered.get(#what);
                let __ferrogo_r = #call;
                #result
            }
        });
    }
    quote! {
        #[doc(hidden)]
        #[repr(C)]
        #[derive(Clone, Copy)]
        pub struct #table {
            release: unsafe extern "C" fn(u64),
            #(#fields,)*
        }

        static #registered: #cb::Registered<#table> = #cb::Registered::new();

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #register(table: #table) {
            #registered.set(table)
        }

        /// A Go value implementing the trait, reached through its handle.
        #[doc(hidden)]
        pub struct #proxy(#cb::GoHandle);

        impl #trait_ident for #proxy {
            #(#methods)*
        }

        impl #cb::CallbackTrait for dyn #trait_ident {
            type Proxy = #proxy;
            fn from_handle(handle: u64) -> #proxy {
                #proxy(#cb::GoHandle::new(handle, #registered.get(#what).release))
            }
        }
    }
}

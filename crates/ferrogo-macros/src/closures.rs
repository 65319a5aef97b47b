//! Arguments that are Go code: a value implementing a `#[ferrogo::callback]` trait (adopted by a
//! proxy before anything else in the call can fail) and a Go func (a closure calling it through
//! the function Go registered for this argument; valid only during the call).

use proc_macro2::Ident;
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

use ferrogo_syntax::ir::{self, CallbackHolder, Type};
use ferrogo_syntax::mangle;

use crate::callbacks::{go_call, go_fn_type};
use crate::functions::ArgCode;

/// The first trait of `dyn Trait + ...` inside `Box<..>`, `Arc<..>` or `&..`.
fn trait_path(ty: &syn::Type) -> syn::Path {
    match ty {
        syn::Type::Reference(r) => trait_path(&r.elem),
        syn::Type::TraitObject(t) => t
            .bounds
            .iter()
            .find_map(|b| match b {
                syn::TypeParamBound::Trait(tr) => Some(tr.path.clone()),
                _ => None,
            })
            .expect("the parser accepts `dyn Trait`"),
        syn::Type::Path(p) => {
            let last = p.path.segments.last().expect("non-empty path");
            let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
                unreachable!("the parser accepts Box<dyn T> and Arc<dyn T>")
            };
            let inner = a
                .args
                .iter()
                .find_map(|g| match g {
                    syn::GenericArgument::Type(t) => Some(t),
                    _ => None,
                })
                .expect("one type argument");
            trait_path(inner)
        }
        syn::Type::Paren(p) => trait_path(&p.elem),
        _ => unreachable!("the parser accepts Box<dyn T>, Arc<dyn T> and &dyn T"),
    }
}

/// Rejects handle 0: Go passed a nil interface or func.
fn not_nil(name: &Ident, arg: &str, what: String) -> proc_macro2::TokenStream {
    let rt = quote!(::ferrogo::__private);
    quote! {
        if #name == 0 {
            return ::core::result::Result::Err(#rt::LiftError::Invalid(#what.into()).for_arg(#arg));
        }
    }
}

pub fn callback_arg(a: &ir::Arg, ty: &syn::Type, holder: CallbackHolder, name: &Ident) -> ArgCode {
    let cb = quote!(::ferrogo::__private::callback);
    let path = trait_path(ty);
    let trait_name = path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    let check = not_nil(name, &a.name, format!("nil {trait_name}"));
    let proxy = format_ident!("{}_proxy", name);
    let value = match holder {
        CallbackHolder::Boxed => quote!(let #name: #ty = ::std::boxed::Box::new(#proxy);),
        CallbackHolder::Arc => quote!(let #name: #ty = ::std::sync::Arc::new(#proxy);),
        CallbackHolder::Ref => quote!(let #name = &#proxy;),
    };
    ArgCode {
        param: quote!(u64),
        pre: quote! {
            #check
            let #proxy = <dyn #path as #cb::CallbackTrait>::from_handle(#name);
        },
        lift: value,
        bytes: quote!(0usize),
        items: quote!(),
    }
}

/// `&'static T` back to `&T`: closure parameters must accept any lifetime.
fn elide_lifetimes(ty: &syn::Type) -> syn::Type {
    struct Elide;
    impl VisitMut for Elide {
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            r.lifetime = None;
            syn::visit_mut::visit_type_reference_mut(self, r);
        }
    }
    let mut ty = ty.clone();
    Elide.visit_type_mut(&mut ty);
    ty
}

/// The `Fn(A, B) -> R` of `impl Fn(..)`, `&dyn Fn(..)` or `&mut dyn FnMut(..)`.
fn fn_signature(ty: &syn::Type) -> (Vec<syn::Type>, syn::Type) {
    let bounds = match ty {
        syn::Type::ImplTrait(t) => &t.bounds,
        syn::Type::Reference(r) => match &*r.elem {
            syn::Type::TraitObject(t) => &t.bounds,
            _ => unreachable!("the parser accepts &dyn Fn"),
        },
        _ => unreachable!("the parser accepts impl Fn and &dyn Fn"),
    };
    let args = bounds
        .iter()
        .find_map(|b| match b {
            syn::TypeParamBound::Trait(t) => match &t.path.segments.last()?.arguments {
                syn::PathArguments::Parenthesized(p) => Some(p.clone()),
                _ => None,
            },
            _ => None,
        })
        .expect("the parser accepts Fn(A) -> R");
    let ret = match &args.output {
        syn::ReturnType::Default => syn::parse_quote!(()),
        syn::ReturnType::Type(_, t) => (**t).clone(),
    };
    (
        args.inputs.iter().map(elide_lifetimes).collect(),
        elide_lifetimes(&ret),
    )
}

pub fn closure_arg(
    crate_name: &str,
    f: &ir::Function,
    a: &ir::Arg,
    ty: &syn::Type,
    ret_ir: &Type,
    name: &Ident,
) -> ArgCode {
    let cb = quote!(::ferrogo::__private::callback);
    let (tys, ok) = fn_signature(ty);
    let key = format!("{}__{}", mangle::function_key(f), a.name).to_uppercase();
    let table = format_ident!("__FerrogoGoFunc_{}", key);
    let registered = format_ident!("__FERROGO_GO_FUNC_{}", key);
    let register = format_ident!("{}", mangle::closure_register(crate_name, f, &a.name));
    let fn_type = go_fn_type(&tys, &ok, ret_ir);
    let pats: Vec<Ident> = (0..tys.len())
        .map(|i| format_ident!("__ferrogo_p{}", i))
        .collect();
    let callee = format!("func argument {} of {}", a.name, f.go_name);
    let call = go_call(
        &callee,
        quote!(__ferrogo_go.call),
        quote!(__ferrogo_handle),
        &pats,
        &tys,
        &ok,
        ret_ir,
        None, // a Go func returns no error: invalid UTF-8 in its result is read as Go does
    );
    let what = format!("the func argument {} of {}", a.name, f.name);
    let check = not_nil(name, &a.name, "nil func".into());
    let closure = quote! {
        move |#(#pats: #tys),*| -> #ok {
            let __ferrogo_r = #call;
            __ferrogo_r.unwrap_or_else(|e| e.raise())
        }
    };
    let value = match ty {
        syn::Type::Reference(r) if r.mutability.is_some() => quote! {
            let mut #name = #closure;
            let #name = &mut #name;
        },
        syn::Type::Reference(_) => quote! {
            let #name = #closure;
            let #name = &#name;
        },
        _ => quote!(let #name = #closure;),
    };
    ArgCode {
        param: quote!(u64),
        pre: quote!(),
        lift: quote! {
            #check
            let __ferrogo_go = *#registered.get(#what);
            let __ferrogo_handle = #name;
            #value
        },
        bytes: quote!(0usize),
        items: quote! {
            #[doc(hidden)]
            #[repr(C)]
            #[derive(Clone, Copy)]
            pub struct #table {
                call: #fn_type,
            }

            static #registered: #cb::Registered<#table> = #cb::Registered::new();

            #[doc(hidden)]
            #[unsafe(no_mangle)]
            pub extern "C" fn #register(table: #table) {
                #registered.set(table)
            }
        },
    }
}

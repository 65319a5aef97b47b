//! The shims of an exported `async fn` (see `ferrogo::__private::asyncs`): `start` lifts the
//! arguments into owned values and builds the future, which `wait`, `take` and `cancel` follow
//! through the function's task registry; Go registers its wake function with `__async_register`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use ferrogo_syntax::ir::{self, Type};
use ferrogo_syntax::mangle;

use crate::functions::{abi_type, arg_code, needs_free, ok_type};

/// The owned type an async fn's argument is lifted as (the future keeps it), and whether the
/// function takes it by reference (`&str` from a `String`).
fn owned(ty: &Type, syn_ty: &syn::Type) -> (syn::Type, bool) {
    match ty {
        Type::Str => (syn::parse_quote!(::std::string::String), true),
        Type::Bytes => (syn::parse_quote!(::std::vec::Vec<u8>), true),
        Type::Path => (syn::parse_quote!(::std::path::PathBuf), true),
        _ => (syn_ty.clone(), false),
    }
}

pub fn async_shim(
    crate_name: &str,
    f: &ir::Function,
    sig: &syn::Signature,
    object: Option<&Ident>,
) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let symbol = mangle::function(crate_name, f);
    let start = format_ident!("{symbol}");
    let wait = format_ident!("{symbol}__wait");
    let take = format_ident!("{symbol}__take");
    let cancel = format_ident!("{symbol}__cancel");
    let register = format_ident!("{symbol}__async_register");
    let key = mangle::function_key(f).to_uppercase();
    let tasks = format_ident!("__FERROGO_TASKS_{key}");
    let wake = format_ident!("__FERROGO_WAKE_{key}");
    let wake_table = format_ident!("__FerrogoWake_{key}");
    let meta = format_ident!("__FERROGO_META_{}", f.name.to_uppercase());

    let (typed, names) = crate::functions::shim_args(f, sig);
    let mut params = Vec::new();
    let mut pres = Vec::new();
    let mut lifts = Vec::new();
    let mut call_args = Vec::new();
    let mut items = Vec::new();
    for ((pt, a), name) in typed.iter().zip(&f.args).zip(&names) {
        let (ty, by_ref) = owned(&a.ty, &abi_type(&pt.ty, object));
        let code = arg_code(crate_name, f, a, &ty, name);
        let param = &code.param;
        params.push(quote!(#name: #param));
        pres.push(code.pre);
        lifts.push(code.lift);
        items.push(code.items);
        call_args.push(if by_ref { quote!(&#name) } else { quote!(#name) });
    }
    let ret_ty = abi_type(&ok_type(sig, f), object);
    let fn_ident = &sig.ident;
    let (this_param, hold, invoke) = match object {
        Some(obj) => (
            Some(quote!(__ferrogo_handle: u64,)),
            quote!(let __ferrogo_held = #rt::object::hold::<#obj>(__ferrogo_handle)?;),
            quote!({
                let _poison = #rt::object::PoisonHeldOnPanic(&__ferrogo_held);
                __ferrogo_held.value().#fn_ident(#(#call_args),*).await
            }),
        ),
        None => (None, quote!(), quote!(#fn_ident(#(#call_args),*).await)),
    };
    let unwrap = if f.ret.err.is_some() {
        quote!(__ferrogo_ret.map_err(#rt::user_error))
    } else {
        quote!(::core::result::Result::Ok(__ferrogo_ret))
    };
    let free = needs_free(&f.ret.ok).then(|| {
        let free_symbol = format_ident!("{}", mangle::free_return(crate_name, f));
        quote! {
            #[doc(hidden)]
            #[unsafe(no_mangle)]
            pub extern "C" fn #free_symbol(value: <#ret_ty as #rt::Lower>::Abi) {
                #rt::free::<#ret_ty>(value)
            }
        }
    });
    let stats_symbol = format_ident!("{}", mangle::stats(crate_name, f));
    let what = format!("the async function {}", f.name);
    quote! {
        const _: () = #rt::require_async::<()>();

        static #meta: #rt::FnMeta = #rt::FnMeta::new();
        static #tasks: #rt::asyncs::Tasks<#ret_ty> = #rt::Registry::new();

        #[doc(hidden)]
        #[repr(C)]
        #[derive(Clone, Copy)]
        pub struct #wake_table {
            wake: unsafe extern "C" fn(u64),
        }

        static #wake: #rt::callback::Registered<#wake_table> = #rt::callback::Registered::new();

        #(#items)*

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        #[allow(deprecated)]
        pub extern "C" fn #start(#this_param #(#params),*) -> #rt::Ret<#rt::asyncs::FfiPoll<<#ret_ty as #rt::Lower>::Abi>> {
            #rt::call(&#meta, 0, #rt::no_bytes, || {
                #(#pres)*
                #hold
                #(#lifts)*
                let __ferrogo_future = async move {
                    let __ferrogo_ret = #invoke;
                    #unwrap
                };
                #rt::asyncs::start::<#ret_ty, _>(&#tasks, __ferrogo_future)
            })
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #wait(id: u64, token: u64) -> u8 {
            let wake = #wake.get(#what).wake;
            #rt::guarded(|| Ok(#rt::asyncs::wait(&#tasks, id, wake, token))).value_or(0)
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #take(id: u64) -> #rt::Ret<<#ret_ty as #rt::Lower>::Abi> {
            #rt::asyncs::take(&#tasks, id)
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #cancel(id: u64) {
            #rt::guarded(|| {
                #rt::asyncs::cancel::<#ret_ty>(&#tasks, id);
                Ok(0u8)
            })
            .discard();
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #register(table: #wake_table) {
            #wake.set(table)
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #stats_symbol() -> #rt::FfiFnStats {
            #rt::fn_stats(&#meta)
        }
        #free
    }
}

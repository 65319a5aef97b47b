//! The `extern "C"` shim of each exported function and method: arguments lifted (or borrowed),
//! the receiver reached through `Receiver`, the result checked and lowered, all inside the
//! runtime's one trampoline.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

use ferrogo_syntax::ir::{self, FnKind, Receiver, Type};
use ferrogo_syntax::{mangle, types::iterator_item};

/// A Rust type usable in a shim signature: `Self` spelled out, every lifetime made `'static`
/// (the Abi of `&str` or `Cow<str>` does not depend on it; the value never outlives the call).
pub fn abi_type(ty: &syn::Type, self_ty: Option<&Ident>) -> syn::Type {
    struct Fix<'a>(Option<&'a Ident>);
    impl VisitMut for Fix<'_> {
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            r.lifetime = Some(syn::Lifetime::new("'static", Span::call_site()));
            syn::visit_mut::visit_type_reference_mut(self, r);
        }
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            *l = syn::Lifetime::new("'static", Span::call_site());
        }
        fn visit_type_path_mut(&mut self, p: &mut syn::TypePath) {
            if let Some(obj) = self.0 {
                if p.qself.is_none() && p.path.is_ident("Self") {
                    p.path = obj.clone().into();
                    return;
                }
            }
            syn::visit_mut::visit_type_path_mut(self, p);
        }
    }
    let mut ty = ty.clone();
    Fix(self_ty).visit_type_mut(&mut ty);
    ty
}

/// The `T` of the function's return (`T` or `Result<T, E>`), `()` when there is none.
pub(crate) fn ok_type(sig: &syn::Signature, f: &ir::Function) -> syn::Type {
    match &sig.output {
        syn::ReturnType::Default => syn::parse_quote!(()),
        syn::ReturnType::Type(_, ty) => {
            if f.ret.err.is_some() {
                if let Some(t) = first_generic(ty) {
                    return t.clone();
                }
            }
            (**ty).clone()
        }
    }
}

fn first_generic(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let syn::PathArguments::AngleBracketed(a) = &p.path.segments.last()?.arguments else {
        return None;
    };
    a.args.iter().find_map(|g| match g {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

pub(crate) fn needs_free(ty: &Type) -> bool {
    !(ty.is_scalar()
        || matches!(
            ty,
            Type::Unit | Type::Iter(_) | Type::Char | Type::Ordering | Type::Duration | Type::Range { .. }
        ))
}

/// The item type of a returned iterator as written: the `T` of `Iter<T>` or of
/// `impl Iterator<Item = T>`; and whether the result must be wrapped into a `ferrogo::Iter`.
fn iter_item_type(ty: &syn::Type) -> (syn::Type, bool) {
    if let syn::Type::ImplTrait(t) = ty {
        let item = iterator_item(&t.bounds).expect("the parser accepts impl Iterator<Item = T>");
        return (item.clone(), true);
    }
    (
        first_generic(ty)
            .expect("the parser only accepts Iter<T>")
            .clone(),
        false,
    )
}

/// The `X` of an argument borrowing `&X`, `Option<&X>` or `Vec<&X>`.
fn ref_target(ty: &syn::Type) -> syn::Type {
    match ty {
        syn::Type::Reference(r) => (*r.elem).clone(),
        other => ref_target(first_generic(other).expect("the parser accepts Option<&X> and Vec<&X>")),
    }
}

/// How one argument crosses: its shim parameter type and the statements that turn it into the
/// Rust value (binding `name`), plus its byte count for statistics.
pub struct ArgCode {
    pub param: TokenStream,
    /// Runs before the receiver is reached: callback values are adopted first, so a handle Go
    /// registered is released (by the proxy's drop) whatever fails later.
    pub pre: TokenStream,
    pub lift: TokenStream,
    pub bytes: TokenStream,
    /// Items the argument needs next to the shim (a Go func's function table).
    pub items: TokenStream,
}

pub(crate) fn arg_code(
    crate_name: &str,
    f: &ir::Function,
    a: &ir::Arg,
    ty: &syn::Type,
    name: &Ident,
) -> ArgCode {
    let rt = quote!(::ferrogo::__private);
    let arg = a.name.as_str();
    let holder = format_ident!("__ferrogo_holder_{}", a.name);
    let borrowed = |target: &syn::Type, lift: TokenStream, get: TokenStream, param: TokenStream| ArgCode {
        param,
        lift: quote! {
            // SAFETY: Go keeps the memory behind the argument alive and unchanged for the call;
            // the holder (a copy, or a pinned object) lives until the shim returns.
            let #holder = unsafe { #lift }.map_err(|e| e.for_arg(#arg))?;
            let #name = #get;
            let _: &#target;
        },
        bytes: quote!(0usize),
        pre: quote!(),
        items: quote!(),
    };
    match &a.ty {
        Type::Callback { holder, .. } => crate::closures::callback_arg(a, ty, *holder, name),
        Type::Closure { ret, .. } => crate::closures::closure_arg(crate_name, f, a, ty, ret, name),
        Type::Ref(_) => {
            let target = ref_target(ty);
            borrowed(
                &target,
                quote!(<#target as #rt::LiftRef>::lift_ref(#name)),
                quote!(<#target as #rt::LiftRef>::get(&#holder)),
                quote!(<#target as #rt::LiftRef>::Abi),
            )
        }
        Type::Option(inner) if matches!(**inner, Type::Ref(_)) => {
            let target = ref_target(ty);
            borrowed(
                &target,
                quote!(#rt::lift_ref_opt::<#target>(#name)),
                quote!(#holder.as_ref().map(<#target as #rt::LiftRef>::get)),
                quote!(#rt::FfiOption<<#target as #rt::LiftRef>::Abi>),
            )
        }
        Type::Vec(inner) if matches!(**inner, Type::Ref(_)) => {
            let target = ref_target(ty);
            borrowed(
                &target,
                quote!(#rt::lift_ref_vec::<#target>(#name)),
                quote!(#holder.iter().map(<#target as #rt::LiftRef>::get).collect::<::std::vec::Vec<_>>()),
                quote!(#rt::FfiList),
            )
        }
        _ => {
            // Rebind with the call's (elided) lifetime, not 'static, for borrowed arguments.
            let local_ty = match ty {
                syn::Type::Reference(_) => quote!(_),
                _ => quote!(#ty),
            };
            ArgCode {
                param: quote!(<#ty as #rt::Lift>::Abi),
                lift: quote! {
                    // SAFETY: Go keeps the memory behind the argument alive and unchanged for the
                    // call, and the lifted value does not outlive it; or, when the function's
                    // lazy iterator may borrow it (`f.borrows`), until Go's loop closes that
                    // iterator (ADR 0014).
                    let #name: #local_ty = unsafe { <#ty as #rt::Lift>::lift(#name) }.map_err(|e| e.for_arg(#arg))?;
                },
                bytes: quote!(<#ty as #rt::Lift>::byte_len(&#name)),
                pre: quote!(),
                items: quote!(),
            }
        }
    }
}

pub fn function_shim(
    crate_name: &str,
    f: &ir::Function,
    sig: &syn::Signature,
    object: Option<&Ident>,
) -> TokenStream {
    if f.is_async {
        return crate::asyncs::async_shim(crate_name, f, sig, object);
    }
    let rt = quote!(::ferrogo::__private);
    let symbol = format_ident!("{}", mangle::function(crate_name, f));
    let (typed_args, names) = shim_args(f, sig);
    let args: Vec<ArgCode> = typed_args
        .iter()
        .zip(&f.args)
        .zip(&names)
        .map(|((pt, a), name)| arg_code(crate_name, f, a, &abi_type(&pt.ty, object), name))
        .collect();
    let params = args.iter().zip(&names).map(|(a, name)| {
        let ty = &a.param;
        quote!(#name: #ty)
    });
    let lifts = args.iter().map(|a| &a.lift);
    let pres = args.iter().map(|a| &a.pre);
    let arg_items = args.iter().map(|a| &a.items);
    let ret_ty = abi_type(&ok_type(sig, f), object);
    let fn_ident = &sig.ident;
    let invoke = match (&f.kind, object) {
        (FnKind::Free, _) => quote!(#fn_ident(#(#names),*)),
        (FnKind::Constructor { .. }, Some(obj)) => quote!(#obj::#fn_ident(#(#names),*)),
        (FnKind::Method { .. }, Some(obj)) => quote!(#obj::#fn_ident(__ferrogo_this, #(#names),*)),
        _ => unreachable!("constructors and methods come with their object"),
    };
    // A `&self` method whose iterator may borrow its object holds the object until the
    // iterator is dropped, instead of for the call (ADR 0014).
    let holds_receiver = f.borrows
        && matches!(
            f.kind,
            FnKind::Method {
                receiver: Receiver::Shared,
                ..
            }
        );
    let invoke = if holds_receiver {
        quote! {{
            let _poison = #rt::object::PoisonHeldOnPanic(&__ferrogo_held);
            #invoke
        }}
    } else {
        invoke
    };
    let unwrap = if f.ret.err.is_some() {
        quote! {
            let __ferrogo_ret = match __ferrogo_ret {
                Ok(v) => v,
                Err(e) => return Err(#rt::user_error(e)),
            };
        }
    } else {
        quote!()
    };
    // How the result crosses: by its `Lower` impl, or as an iterator handle.
    let iter_registry = format_ident!("__FERROGO_ITERS_{}", f.name.to_uppercase());
    let iter_item = f.iter_item().map(|_| iter_item_type(&ret_ty));
    let (ret_abi, lower, bytes_out) = match &iter_item {
        Some((_, wrap)) => {
            let value = if *wrap {
                quote!(::ferrogo::Iter::new(__ferrogo_ret))
            } else {
                quote!(__ferrogo_ret)
            };
            // A lazy iterator may borrow an argument the call repaired: the repaired text goes
            // with it (the scope would free it when the call returns).
            let value = if f.borrows && text_scope_active(f, object) {
                quote!(#rt::iterators::keeping_text(#value, __ferrogo_text))
            } else {
                value
            };
            let open = if holds_receiver {
                quote!(#rt::iterators::open_holding(&#iter_registry, #value, __ferrogo_held))
            } else {
                quote!(#rt::iterators::open(&#iter_registry, #value))
            };
            (quote!(u64), open, quote!(#rt::no_bytes::<u64>))
        }
        None => (
            quote!(<#ret_ty as #rt::Lower>::Abi),
            quote! {{
                #rt::check_result::<#ret_ty>(&__ferrogo_ret)?;
                <#ret_ty as #rt::Lower>::lower(__ferrogo_ret)
            }},
            quote!(<#ret_ty as #rt::Lower>::byte_len),
        ),
    };
    let (text_scope, end_text_scope) = text_scope(f, object);
    let body = quote! {
        #(#lifts)*
        #end_text_scope
        let __ferrogo_ret = #invoke;
        #unwrap
        Ok(#lower)
    };
    let (scratch_params, body) = if f.uses_scratch() {
        (
            vec![
                quote!(__ferrogo_scratch: *mut u8),
                quote!(__ferrogo_scratch_cap: usize),
            ],
            quote! {
                let __ferrogo_out: ::core::result::Result<#rt::FfiVec, #rt::CallError> = (|| { #body })();
                // SAFETY: Go passes a writable buffer of `__ferrogo_scratch_cap` bytes (or null),
                // valid for this call only; the vector came from `lower`.
                __ferrogo_out.map(|v| unsafe { #rt::into_scratch(v, __ferrogo_scratch, __ferrogo_scratch_cap) })
            },
        )
    } else {
        (Vec::new(), body)
    };
    let meta = format_ident!("__FERROGO_META_{}", f.name.to_uppercase());
    let bytes_in = args.iter().map(|a| &a.bytes);
    let stats_args = quote!(&#meta, 0usize #(+ #bytes_in)*, #bytes_out);
    let (this_param, call) = match (&f.kind, object) {
        (FnKind::Method { .. }, Some(obj)) if holds_receiver => (
            Some(quote!(__ferrogo_handle: u64)),
            quote!(#rt::call(#stats_args, || {
                #text_scope
                #(#pres)*
                let __ferrogo_held = #rt::iterators::hold::<#obj>(__ferrogo_handle)?;
                // SAFETY: the reference goes with the iterator, which `open_holding` stores with
                // the hold and drops first.
                let __ferrogo_this = unsafe { #rt::iterators::held_value(&__ferrogo_held) };
                #body
            })),
        ),
        (FnKind::Method { receiver, .. }, Some(obj)) => {
            let reach = match (receiver, f.may_report_busy()) {
                (Receiver::Shared, false) => quote!(<#obj as #rt::Receiver>::shared),
                (Receiver::Exclusive, false) => quote!(<#obj as #rt::ExclusiveReceiver>::exclusive),
                (Receiver::Owned, false) => quote!(<#obj as #rt::Receiver>::owned),
                // Go calls again when told the receiver is busy (ADR 0012).
                (Receiver::Shared, true) => quote!(<#obj as #rt::Receiver>::shared_or_busy),
                (Receiver::Exclusive, true) => quote!(<#obj as #rt::ExclusiveReceiver>::exclusive_or_busy),
                (Receiver::Owned, true) => quote!(<#obj as #rt::Receiver>::owned_or_busy),
            };
            (
                Some(quote!(__ferrogo_handle: <#obj as #rt::Receiver>::Abi)),
                quote!(#rt::call(#stats_args, || {
                    #text_scope
                    #(#pres)*
                    #reach(__ferrogo_handle, |__ferrogo_this| { #body })
                })),
            )
        }
        _ => (
            None,
            quote!(#rt::call(#stats_args, || { #text_scope #(#pres)* #body })),
        ),
    };
    let all_params: Vec<TokenStream> = this_param
        .into_iter()
        .chain(params)
        .chain(scratch_params)
        .collect();
    let stats_symbol = format_ident!("{}", mangle::stats(crate_name, f));
    let free = if needs_free(&f.ret.ok) {
        let free_symbol = format_ident!("{}", mangle::free_return(crate_name, f));
        quote! {
            #[doc(hidden)]
            #[unsafe(no_mangle)]
            pub extern "C" fn #free_symbol(value: <#ret_ty as #rt::Lower>::Abi) {
                #rt::free::<#ret_ty>(value)
            }
        }
    } else {
        quote!()
    };
    let iter_shims = iter_item.map(|(item, _)| {
        let next = format_ident!("{}", mangle::iter_next(crate_name, f));
        let next_free = format_ident!("{}", mangle::iter_free(crate_name, f));
        let close = format_ident!("{}", mangle::iter_close(crate_name, f));
        quote! {
            static #iter_registry: #rt::Registry<::ferrogo::Iter<#item>> = #rt::Registry::new();

            #[doc(hidden)]
            #[unsafe(no_mangle)]
            pub extern "C" fn #next(handle: u64, max: usize) -> #rt::Ret<#rt::FfiVec> {
                #rt::iterators::next_chunk::<#item>(&#iter_registry, handle, max)
            }

            #[doc(hidden)]
            #[unsafe(no_mangle)]
            pub extern "C" fn #next_free(value: #rt::FfiVec) {
                #rt::free::<::std::vec::Vec<#item>>(value)
            }

            #[doc(hidden)]
            #[unsafe(no_mangle)]
            pub extern "C" fn #close(handle: u64) {
                #rt::iterators::close(&#iter_registry, handle)
            }
        }
    });
    quote! {
        static #meta: #rt::FnMeta = #rt::FnMeta::new();
        #iter_shims
        #(#arg_items)*

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        #[allow(deprecated)] // exporting a deprecated function is fine; Go's godoc says so
        pub extern "C" fn #symbol(#(#all_params),*) -> #rt::Ret<#ret_abi> {
            #call
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #stats_symbol() -> #rt::FfiFnStats {
            #rt::fn_stats(&#meta)
        }
        #free
    }
}

/// The statements that make a call read invalid UTF-8 in its arguments as Go does (ADR 0016),
/// and the one ending that once they are lifted; none for a function that reports it instead,
/// or that takes no text. The scope is declared first, so it outlives the arguments (and the
/// receiver: a record's strings) lifted into it.
fn text_scope(f: &ir::Function, object: Option<&Ident>) -> (TokenStream, TokenStream) {
    let rt = quote!(::ferrogo::__private);
    let text_args = f.args.iter().any(|a| a.ty.may_hold_text());
    let receiver = match (&f.kind, object) {
        // Only a record's receiver is lifted from Go memory; an object's is a handle.
        (FnKind::Method { .. }, Some(obj)) => Some(quote!(<#obj as #rt::Receiver>::MAY_HOLD_TEXT)),
        _ => None,
    };
    if !text_scope_active(f, object) {
        return (quote!(), quote!());
    }
    let enter = match (text_args, receiver) {
        (false, Some(receiver)) => quote!(#receiver.then(|| __ferrogo_text.enter())),
        _ => quote!(__ferrogo_text.enter()),
    };
    (
        quote! {
            let __ferrogo_text = #rt::Utf8Scope::new();
            let __ferrogo_lossy = #enter;
        },
        quote!(::core::mem::drop(__ferrogo_lossy);),
    )
}

/// Whether the shim of `f` declares a [`text_scope`].
fn text_scope_active(f: &ir::Function, object: Option<&Ident>) -> bool {
    let text_args = f.args.iter().any(|a| a.ty.may_hold_text());
    let receiver = matches!((&f.kind, object), (FnKind::Method { .. }, Some(_)));
    f.lossy_utf8() && (text_args || receiver)
}

pub fn impl_shims(crate_name: &str, i: &ir::Impl, imp: &syn::ItemImpl) -> TokenStream {
    let object = format_ident!("{}", i.object);
    let shims = i.functions.iter().map(|f| {
        let sig = imp
            .items
            .iter()
            .find_map(|it| match it {
                syn::ImplItem::Fn(m) if m.sig.ident == f.name => Some(&m.sig),
                _ => None,
            })
            .expect("every IR method comes from the impl");
        function_shim(crate_name, f, sig, Some(&object))
    });
    quote!(#(#shims)*)
}

/// A shim's typed arguments (the receiver left out) and the names the shim gives them, prefixed
/// so that an argument named like the function cannot shadow it.
pub fn shim_args<'a>(f: &ir::Function, sig: &'a syn::Signature) -> (Vec<&'a syn::PatType>, Vec<Ident>) {
    let typed = sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => Some(t),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let names = f
        .args
        .iter()
        .map(|a| format_ident!("__ferrogo_arg_{}", a.name))
        .collect();
    (typed, names)
}

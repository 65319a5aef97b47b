//! Emits the `extern "C"` shims, trait impls and checksum symbols for one item.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

use ferrogo_syntax::attrs::{is_ferrogo_helper, Kind};
use ferrogo_syntax::ir::{self, FnKind, Item, Type};
use ferrogo_syntax::{checksums, mangle, parse::parse_item};

pub fn item(kind: Kind, args: TokenStream, input: TokenStream) -> TokenStream {
    let mut syn_item: syn::Item = match syn::parse2(input.clone()) {
        Ok(i) => i,
        Err(e) => return with_original(e, input),
    };
    let parsed = parse_item(kind, args, &syn_item);
    strip_helper_attrs(&mut syn_item);
    let ir_item = match parsed {
        Ok(i) => i,
        Err(e) => return with_original(e, quote!(#syn_item)),
    };
    let crate_name = std::env::var("CARGO_CRATE_NAME").unwrap_or_else(|_| "crate".into());
    let shims = match (&ir_item, &syn_item) {
        (Item::Function(f), syn::Item::Fn(func)) => function_shim(&crate_name, f, &func.sig, None),
        (Item::Impl(i), syn::Item::Impl(imp)) => impl_shims(&crate_name, i, imp),
        (Item::Record(r), syn::Item::Struct(_)) => record_impls(r),
        (Item::Enum(e), syn::Item::Enum(_)) => enum_impls(e),
        (Item::Error(e), syn::Item::Enum(_)) => error_impls(e),
        (Item::Object(o), syn::Item::Struct(_)) => object_impls(&crate_name, o),
        _ => unreachable!("parse_item returns the IR kind matching the syn item"),
    };
    let sums = checksums(&crate_name, &ir_item)
        .into_iter()
        .map(|(symbol, value)| {
            let ident = Ident::new(&symbol, Span::call_site());
            quote! {
                #[doc(hidden)]
                #[unsafe(no_mangle)]
                pub extern "C" fn #ident() -> u64 { #value }
            }
        });
    quote! {
        #syn_item
        const _: () = {
            #shims
            #(#sums)*
        };
    }
}

fn with_original(e: syn::Error, original: TokenStream) -> TokenStream {
    let err = e.to_compile_error();
    quote!(#err #original)
}

/// `#[ferrogo(...)]` and `#[ferrogo::constructor]` are read by us, not by rustc.
fn strip_helper_attrs(item: &mut syn::Item) {
    struct Strip;
    impl VisitMut for Strip {
        fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
            attrs.retain(|a| !is_ferrogo_helper(a));
        }
        fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
            self.visit_attributes_mut(&mut f.attrs);
        }
        fn visit_field_mut(&mut self, f: &mut syn::Field) {
            self.visit_attributes_mut(&mut f.attrs);
        }
        fn visit_variant_mut(&mut self, v: &mut syn::Variant) {
            self.visit_attributes_mut(&mut v.attrs);
            syn::visit_mut::visit_variant_mut(self, v);
        }
    }
    Strip.visit_item_mut(item);
}

/// A Rust type usable in a shim signature: `Self` spelled out, borrows made `'static` (the Abi of
/// `&str` does not depend on the lifetime; the value never outlives the call).
fn abi_type(ty: &syn::Type, self_ty: Option<&Ident>) -> syn::Type {
    struct Fix<'a>(Option<&'a Ident>);
    impl VisitMut for Fix<'_> {
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            r.lifetime = Some(syn::Lifetime::new("'static", Span::call_site()));
            syn::visit_mut::visit_type_reference_mut(self, r);
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
fn ok_type(sig: &syn::Signature, f: &ir::Function) -> syn::Type {
    match &sig.output {
        syn::ReturnType::Default => syn::parse_quote!(()),
        syn::ReturnType::Type(_, ty) => {
            if f.ret.err.is_some() {
                if let syn::Type::Path(p) = &**ty {
                    if let syn::PathArguments::AngleBracketed(a) = &p.path.segments.last().unwrap().arguments
                    {
                        if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                            return t.clone();
                        }
                    }
                }
            }
            (**ty).clone()
        }
    }
}

fn needs_free(ty: &Type) -> bool {
    !(ty.is_scalar() || matches!(ty, Type::Unit | Type::Iter(_)))
}

/// The `T` of a returned `Iter<T>` as written.
fn iter_item_type(ty: &syn::Type) -> syn::Type {
    if let syn::Type::Path(p) = ty {
        if let syn::PathArguments::AngleBracketed(a) = &p.path.segments.last().unwrap().arguments {
            if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                return t.clone();
            }
        }
    }
    unreachable!("the parser only accepts Iter<T>")
}

fn function_shim(
    crate_name: &str,
    f: &ir::Function,
    sig: &syn::Signature,
    object: Option<&Ident>,
) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let symbol = format_ident!("{}", mangle::function(crate_name, f));
    let typed_args: Vec<&syn::PatType> = sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => Some(t),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    // Prefixed so an argument named like the function cannot shadow it in the shim.
    let names: Vec<Ident> = f
        .args
        .iter()
        .map(|a| format_ident!("__ferrogo_arg_{}", a.name))
        .collect();
    let params = typed_args.iter().zip(&names).map(|(pt, name)| {
        let ty = abi_type(&pt.ty, object);
        quote!(#name: <#ty as #rt::Lift>::Abi)
    });
    let lifts = typed_args.iter().zip(&names).map(|(pt, name)| {
        let ty = abi_type(&pt.ty, object);
        let arg = name.to_string().trim_start_matches("__ferrogo_arg_").to_string();
        // Rebind with the call's (elided) lifetime, not 'static, for borrowed arguments.
        let local_ty = match &*pt.ty {
            syn::Type::Reference(_) => quote!(_),
            _ => quote!(#ty),
        };
        quote! {
            // SAFETY: Go keeps the memory behind the argument alive and unchanged for the call,
            // and the lifted value does not outlive it.
            let #name: #local_ty = unsafe { <#ty as #rt::Lift>::lift(#name) }.map_err(|e| e.for_arg(#arg))?;
        }
    });
    let ret_ty = abi_type(&ok_type(sig, f), object);
    let fn_ident = &sig.ident;
    let invoke = match (&f.kind, object) {
        (FnKind::Free, _) => quote!(#fn_ident(#(#names),*)),
        (FnKind::Constructor { .. }, Some(obj)) => quote!(#obj::#fn_ident(#(#names),*)),
        (FnKind::Method { .. }, Some(obj)) => quote!(#obj::#fn_ident(__ferrogo_this, #(#names),*)),
        _ => unreachable!("constructors and methods come with their object"),
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
        Some(_) => (
            quote!(u64),
            quote!(#rt::iterators::open(&#iter_registry, __ferrogo_ret)),
            quote!(#rt::no_bytes::<u64>),
        ),
        None => (
            quote!(<#ret_ty as #rt::Lower>::Abi),
            quote!(<#ret_ty as #rt::Lower>::lower(__ferrogo_ret)),
            quote!(<#ret_ty as #rt::Lower>::byte_len),
        ),
    };
    let body = quote! {
        #(#lifts)*
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
    let bytes_in = typed_args.iter().zip(&names).map(|(pt, name)| {
        let ty = abi_type(&pt.ty, object);
        quote!(<#ty as #rt::Lift>::byte_len(&#name))
    });
    let stats_args = quote!(&#meta, 0usize #(+ #bytes_in)*, #bytes_out);
    let (handle_param, call) = match (&f.kind, object) {
        (FnKind::Method { .. }, Some(obj)) => (
            Some(quote!(__ferrogo_handle: u64)),
            quote!(#rt::call_method::<#obj, _>(#stats_args, __ferrogo_handle, |__ferrogo_this| { #body })),
        ),
        _ => (None, quote!(#rt::call(#stats_args, || { #body }))),
    };
    let all_params: Vec<TokenStream> = handle_param
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
    let iter_shims = iter_item.map(|item| {
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

fn impl_shims(crate_name: &str, i: &ir::Impl, imp: &syn::ItemImpl) -> TokenStream {
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

fn record_impls(r: &ir::Record) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = format_ident!("{}", r.name);
    let abi_in = format_ident!("__Ferrogo{}In", r.name);
    let abi_out = format_ident!("__Ferrogo{}Out", r.name);
    let fields: Vec<Ident> = r.fields.iter().map(|f| format_ident!("{}", f.name)).collect();
    let tys: Vec<TokenStream> = r.fields.iter().map(|f| rust_type(&f.ty)).collect();
    quote! {
        #[doc(hidden)]
        #[repr(C)]
        #[derive(Clone, Copy)]
        pub struct #abi_in { #(pub #fields: <#tys as #rt::Lift>::Abi),* }

        #[doc(hidden)]
        #[repr(C)]
        #[derive(Clone, Copy)]
        pub struct #abi_out { #(pub #fields: <#tys as #rt::Lower>::Abi),* }

        // SAFETY: each field is lifted by its own `Lift` impl from the mirror struct.
        unsafe impl #rt::Lift for #name {
            type Abi = #abi_in;
            unsafe fn lift(abi: #abi_in) -> ::core::result::Result<Self, #rt::LiftError> {
                ::core::result::Result::Ok(#name {
                    // SAFETY: forwarded from the caller, field by field.
                    #(#fields: unsafe { <#tys as #rt::Lift>::lift(abi.#fields) }
                        .map_err(|e| e.in_field(::core::stringify!(#fields)))?,)*
                })
            }
        }

        // SAFETY: `free` frees each field as its own `Lower` impl allocated it.
        unsafe impl #rt::Lower for #name {
            type Abi = #abi_out;
            fn lower(self) -> #abi_out {
                #abi_out { #(#fields: <#tys as #rt::Lower>::lower(self.#fields)),* }
            }
            unsafe fn free(abi: #abi_out) {
                // SAFETY: each field came from its own `lower`.
                #(unsafe { <#tys as #rt::Lower>::free(abi.#fields) };)*
            }
        }
    }
}

/// The Rust spelling of an owned IR type (record fields are never borrowed).
fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::Unit => quote!(()),
        Type::Bool => quote!(bool),
        Type::I8 => quote!(i8),
        Type::I16 => quote!(i16),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::Isize => quote!(isize),
        Type::U8 => quote!(u8),
        Type::U16 => quote!(u16),
        Type::U32 => quote!(u32),
        Type::U64 => quote!(u64),
        Type::Usize => quote!(usize),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::Str => quote!(&'static str),
        Type::Bytes => quote!(&'static [u8]),
        Type::String => quote!(::std::string::String),
        Type::ByteVec => quote!(::std::vec::Vec<u8>),
        Type::Vec(t) => {
            let t = rust_type(t);
            quote!(::std::vec::Vec<#t>)
        }
        Type::Iter(t) => {
            let t = rust_type(t);
            quote!(::ferrogo::Iter<#t>)
        }
        Type::Slice(t) => {
            let t = rust_type(t);
            quote!(&'static [#t])
        }
        Type::Option(t) => {
            let t = rust_type(t);
            quote!(::core::option::Option<#t>)
        }
        Type::Named(n) => {
            let n = format_ident!("{}", n);
            quote!(#n)
        }
        Type::Cancel => quote!(::ferrogo::Cancel),
    }
}

fn enum_impls(e: &ir::Enum) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = format_ident!("{}", e.name);
    let variants: Vec<Ident> = e.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let values: Vec<i32> = e.variants.iter().map(|v| v.value).collect();
    let type_name = &e.name;
    quote! {
        // SAFETY: plain value; unknown discriminants are rejected, never transmuted.
        unsafe impl #rt::Lift for #name {
            type Abi = i32;
            unsafe fn lift(abi: i32) -> ::core::result::Result<Self, #rt::LiftError> {
                match abi {
                    #(#values => ::core::result::Result::Ok(#name::#variants),)*
                    other => ::core::result::Result::Err(#rt::LiftError::Invalid(
                        format!("{} is not a valid {}", other, #type_name))),
                }
            }
        }
        // SAFETY: nothing is allocated.
        unsafe impl #rt::Lower for #name {
            type Abi = i32;
            fn lower(self) -> i32 {
                match self { #(#name::#variants => #values,)* }
            }
        }
    }
}

fn error_impls(e: &ir::ErrorEnum) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = format_ident!("{}", e.name);
    let arms = e.variants.iter().enumerate().map(|(i, v)| {
        let variant = format_ident!("{}", v.name);
        let index = i as u32;
        let bindings: Vec<Ident> = v
            .fields
            .iter()
            .enumerate()
            .map(|(j, _)| format_ident!("__f{}", j))
            .collect();
        let pattern = if v.fields.is_empty() {
            quote!(#name::#variant)
        } else if v.tuple {
            quote!(#name::#variant(#(#bindings),*))
        } else {
            let fields = v.fields.iter().map(|f| format_ident!("{}", f.name));
            quote!(#name::#variant { #(#fields: #bindings),* })
        };
        quote! {
            #pattern => {
                #(#rt::EncodeField::encode_field(#bindings, enc);)*
                #index
            }
        }
    });
    quote! {
        impl #rt::ErrorEnum for #name {
            fn encode_variant(&self, enc: &mut #rt::Encoder) -> u32 {
                #[allow(unused_variables)]
                match self { #(#arms)* }
            }
        }
    }
}

fn object_impls(crate_name: &str, o: &ir::Object) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = format_ident!("{}", o.name);
    let type_name = &o.name;
    let poison = o.poison;
    let release = format_ident!("{}", mangle::object_release(crate_name, &o.name));
    let live = format_ident!("{}", mangle::object_live(crate_name, &o.name));
    quote! {
        const _: () = #rt::assert_object_is_send_sync::<#name>();

        impl #rt::Object for #name {
            const NAME: &'static str = #type_name;
            const POISON: bool = #poison;
            fn registry() -> &'static #rt::Registry<Self> {
                static REGISTRY: #rt::Registry<#name> = #rt::Registry::new();
                &REGISTRY
            }
        }

        // SAFETY: the handle owns nothing on the Go side; the registry owns the value.
        unsafe impl #rt::Lower for #name {
            type Abi = u64;
            fn lower(self) -> u64 {
                <#name as #rt::Object>::registry().insert(self)
            }
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #release(handle: u64) -> u8 {
            #rt::release::<#name>(handle)
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #live() -> u64 {
            <#name as #rt::Object>::registry().live()
        }
    }
}

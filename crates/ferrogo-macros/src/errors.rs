//! `#[ferrogo::error]`: which variant an error value is, and its fields, for Go's decoder; and
//! the variant Go code returns from a callback, lifted from its mirror.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use ferrogo_syntax::ir;

use crate::sum_types::{self, lift_impl};

pub fn impls(e: &ir::ErrorEnum, item: &syn::ItemEnum) -> TokenStream {
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
            // The field idents as written (`r#type` stays raw).
            let syn_variant = item.variants.iter().find(|sv| sv.ident == v.name);
            let fields = syn_variant
                .into_iter()
                .flat_map(|sv| sv.fields.iter().filter_map(|f| f.ident.clone()));
            quote!(#name::#variant { #(#fields: #bindings),* })
        };
        // Strings, numbers and bools are written into the payload; other fields are lowered to
        // their C representation, which the payload points at.
        let syn_fields: Vec<&syn::Type> = item
            .variants
            .iter()
            .find(|sv| sv.ident == v.name)
            .into_iter()
            .flat_map(|sv| sv.fields.iter().map(|f| &f.ty))
            .collect();
        let encodes = v
            .fields
            .iter()
            .zip(&bindings)
            .zip(syn_fields)
            .map(|((f, b), ty)| {
                if f.ty.is_scalar() || f.ty == ir::Type::String {
                    quote!(#rt::EncodeField::encode_field(&#b, enc);)
                } else {
                    quote!(enc.lowered::<#ty>(#b);)
                }
            });
        quote! {
            #pattern => {
                #(#encodes)*
                #index
            }
        }
    });
    // The unit variants: (index in the enum, Rust ident).
    let unit_variants: Vec<(u32, Ident)> = e
        .variants
        .iter()
        .enumerate()
        .filter(|(_, v)| v.fields.is_empty())
        .map(|(i, v)| (i as u32, format_ident!("{}", v.name)))
        .collect();
    // Go code implementing a callback returns a variant as its sentinel (`ErrNotFound`) or its
    // struct (`&RefusedError{...}`): Go delivers it as a sum type's argument is passed.
    let lift = lift_impl(
        &name,
        &e.name,
        &format_ident!("__Ferrogo{}In", e.name),
        &sum_types::variants(item, &e.name, |i| {
            sum_types::nesting_fields(&e.variants[i].fields)
        }),
    );
    let cached = unit_variants.iter().map(|(index, variant)| {
        let cache = match literal_message(item, variant) {
            Some(text) => quote!(#rt::UnitCache::constant(#text)),
            None => quote!(#rt::UnitCache::new()),
        };
        quote!(#name::#variant => {
            static CACHE: #rt::UnitCache = #cache;
            ::core::option::Option::Some((&CACHE, #index))
        })
    });
    quote! {
        #lift

        impl #rt::ErrorEnum for #name {
            fn encode_variant(self, enc: &mut #rt::Encoder) -> u32 {
                #[allow(unused_variables)]
                match self { #(#arms)* }
            }

            fn unit_cache(&self) -> ::core::option::Option<(&'static #rt::UnitCache, u32)> {
                #[allow(unreachable_patterns)]
                match self {
                    #(#cached)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

/// The text of a unit variant whose `Display` is a literal: thiserror's `#[error("not found")]`
/// with no `{...}` in it. The runtime checks it against `Display` once, then skips formatting.
fn literal_message(item: &syn::ItemEnum, variant: &Ident) -> Option<String> {
    let v = item.variants.iter().find(|v| v.ident == *variant)?;
    let attr = v.attrs.iter().find(|a| a.path().is_ident("error"))?;
    let text = attr.parse_args::<syn::LitStr>().ok()?.value();
    (!text.contains(['{', '}'])).then_some(text)
}

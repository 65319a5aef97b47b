//! `#[ferrogo::record]` enums with data (sum types). Each crosses as one flat C struct: a `tag`
//! (the variant's index) followed by the fields of every variant, of which only the tagged
//! variant's are meaningful (the others are zero). A flat struct rather than a C union keeps
//! the mirror a plain struct on both sides (cgo turns unions into byte arrays). Go passes
//! `u32::MAX` for a nil interface, which Rust rejects like any unknown tag.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use ferrogo_syntax::ir;
use ferrogo_syntax::parse::with_self;

use crate::records::{checked, nest, value_traits, Conv};

/// One variant as the mirrors and matches need it.
pub struct Variant<'a> {
    ident: &'a Ident,
    tag: u32,
    tuple: bool,
    /// The Rust field names (`_0`, ... for tuples) and their types as written (`Self` spelled
    /// out).
    fields: Vec<(Ident, syn::Type)>,
    /// The mirror's field for each (`v<tag>_<name>`).
    slots: Vec<Ident>,
    /// Whether each field nests a level (holds records or enums in a list, map or box).
    nests: Vec<bool>,
}

impl Variant<'_> {
    /// `Enum::Variant { a, b }`, `Enum::Variant(_0, _1)` or `Enum::Variant`, binding the fields.
    fn pattern(&self, name: &Ident) -> TokenStream {
        let ident = self.ident;
        let bindings = self.fields.iter().map(|(f, _)| binding(f));
        if self.fields.is_empty() {
            quote!(#name::#ident)
        } else if self.tuple {
            quote!(#name::#ident(#(#bindings),*))
        } else {
            let names = self.fields.iter().map(|(f, _)| f);
            quote!(#name::#ident { #(#names: #bindings),* })
        }
    }
}

fn binding(field: &Ident) -> Ident {
    format_ident!("__f{}", field)
}

/// The variants of `item` (named `type_name` in the IR, which `Self` in a field means), with
/// their fields' slots in the mirrors; `nests(i)` says which fields of variant `i` nest a level.
pub fn variants<'a>(
    item: &'a syn::ItemEnum,
    type_name: &str,
    nests: impl Fn(usize) -> Vec<bool>,
) -> Vec<Variant<'a>> {
    item.variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let tuple = matches!(v.fields, syn::Fields::Unnamed(_));
            let fields: Vec<(Ident, syn::Type)> = v
                .fields
                .iter()
                .enumerate()
                .map(|(j, f)| {
                    (
                        f.ident.clone().unwrap_or_else(|| format_ident!("_{}", j)),
                        with_self(&f.ty, type_name),
                    )
                })
                .collect();
            let slots = fields
                .iter()
                .map(|(f, _)| format_ident!("v{}_{}", i, f.to_string().trim_start_matches("r#")))
                .collect();
            Variant {
                ident: &v.ident,
                tag: i as u32,
                tuple,
                fields,
                slots,
                nests: nests(i),
            }
        })
        .collect()
}

/// Which fields of each variant of `e` nest a level (hold records or enums in a list, map or box).
pub fn nesting_fields(fields: &[ir::Field]) -> Vec<bool> {
    fields.iter().map(|f| f.ty.holds_named_indirectly()).collect()
}

pub fn impls(e: &ir::Enum, item: &syn::ItemEnum) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = &item.ident;
    let abi_in = format_ident!("__Ferrogo{}In", e.name);
    let abi_out = format_ident!("__Ferrogo{}Out", e.name);
    let variants = variants(item, &e.name, |i| nesting_fields(&e.variants[i].fields));
    let all_slots: Vec<&Ident> = variants.iter().flat_map(|v| &v.slots).collect();
    let all_tys: Vec<&syn::Type> = variants
        .iter()
        .flat_map(|v| v.fields.iter().map(|(_, t)| t))
        .collect();
    let checked = checked(e.can_nest(), &all_tys);
    let lift = lift_impl(name, &e.name, &abi_in, &variants);

    let lower_arms = variants.iter().map(|v| {
        let tag = v.tag;
        let pattern = v.pattern(name);
        let sets = v
            .fields
            .iter()
            .zip(&v.slots)
            .zip(&v.nests)
            .map(|(((f, ty), slot), nests)| {
                let b = binding(f);
                let lower = nest(*nests, Conv::Lower, quote!(<#ty as #rt::Lower>::lower(#b)));
                quote!(out.#slot = #lower;)
            });
        quote!(#pattern => { out.tag = #tag; #(#sets)* })
    });
    let free_arms = variants.iter().map(|v| {
        let tag = v.tag;
        let frees = v.fields.iter().zip(&v.slots).map(|((_, ty), slot)| {
            // SAFETY: the tag says which fields `lower` set.
            quote!(unsafe { <#ty as #rt::Lower>::free(abi.#slot) };)
        });
        quote!(#tag => { #(#frees)* })
    });
    let check_arms = variants.iter().map(|v| {
        let pattern = v.pattern(name);
        let checks = v.fields.iter().zip(&v.nests).map(|((f, ty), nests)| {
            let b = binding(f);
            let path = format!("{}.{}", v.ident, f.to_string().trim_start_matches('_'));
            let check = nest(*nests, Conv::Check, quote!(<#ty as #rt::Lower>::check(#b)));
            quote!(#check.map_err(|e| ::std::format!("{}: {}", #path, e))?;)
        });
        quote!(#pattern => { #(#checks)* })
    });
    let value_traits = value_traits(name, &abi_in);
    quote! {
        #lift

        #[doc(hidden)]
        #[repr(C)]
        #[derive(Clone, Copy)]
        pub struct #abi_out { pub tag: u32, #(pub #all_slots: <#all_tys as #rt::Lower>::Abi),* }

        // SAFETY: `free` frees the fields `lower` set, found by the tag.
        unsafe impl #rt::Lower for #name {
            type Abi = #abi_out;
            #[allow(unused_variables)]
            fn lower(self) -> #abi_out {
                // SAFETY: the mirror is plain C data (integers, pointers, nested mirrors), for
                // which all-zero bytes are a valid value: the untagged variants' fields.
                let mut out: #abi_out = unsafe { ::core::mem::zeroed() };
                match self { #(#lower_arms)* }
                out
            }
            #[allow(unused_variables)]
            unsafe fn free(abi: #abi_out) {
                match abi.tag {
                    #(#free_arms)*
                    _ => {}
                }
            }
            const CHECKED: bool = #checked;
            #[allow(unused_variables)]
            fn check(&self) -> ::core::result::Result<(), ::std::string::String> {
                match self { #(#check_arms)* }
                ::core::result::Result::Ok(())
            }
        }

        #value_traits
    }
}

/// The argument mirror `abi_in` (the tag, then every variant's fields) and the `Lift` impl
/// reading it: of sum types, and of error enums (Go code returns them from callbacks).
pub fn lift_impl(name: &Ident, type_name: &str, abi_in: &Ident, variants: &[Variant]) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let all_slots: Vec<&Ident> = variants.iter().flat_map(|v| &v.slots).collect();
    let all_tys: Vec<&syn::Type> = variants
        .iter()
        .flat_map(|v| v.fields.iter().map(|(_, t)| t))
        .collect();
    let lift_arms = variants.iter().map(|v| {
        let ident = v.ident;
        let tag = v.tag;
        let lifted = v
            .fields
            .iter()
            .zip(&v.slots)
            .zip(&v.nests)
            .map(|(((f, ty), slot), nests)| {
                let path = format!("{}.{}", v.ident, f.to_string().trim_start_matches('_'));
                // SAFETY: the tag says these fields hold values Go built for this variant.
                let lift = nest(
                    *nests,
                    Conv::Lift,
                    quote!(unsafe { <#ty as #rt::Lift>::lift(abi.#slot) }),
                );
                quote!(#lift.map_err(|e| e.in_field(#path))?)
            });
        let value = if v.fields.is_empty() {
            quote!(#name::#ident)
        } else if v.tuple {
            quote!(#name::#ident(#(#lifted),*))
        } else {
            let names = v.fields.iter().map(|(f, _)| f);
            quote!(#name::#ident { #(#names: #lifted),* })
        };
        quote!(#tag => ::core::result::Result::Ok(#value),)
    });
    quote! {
        #[doc(hidden)]
        #[repr(C)]
        #[derive(Clone, Copy)]
        pub struct #abi_in { pub tag: u32, #(pub #all_slots: <#all_tys as #rt::Lift>::Abi),* }

        // SAFETY: only the tagged variant's fields are lifted, each by its own `Lift` impl.
        unsafe impl #rt::Lift for #name {
            type Abi = #abi_in;
            unsafe fn lift(abi: #abi_in) -> ::core::result::Result<Self, #rt::LiftError> {
                match abi.tag {
                    #(#lift_arms)*
                    u32::MAX => ::core::result::Result::Err(#rt::LiftError::Invalid(
                        ::std::format!("nil {} (a nil interface)", #type_name))),
                    other => ::core::result::Result::Err(#rt::LiftError::Invalid(
                        ::std::format!("{} is not a variant of {}", other, #type_name))),
                }
            }
        }
    }
}

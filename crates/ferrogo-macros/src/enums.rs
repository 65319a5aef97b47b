//! C-like `#[ferrogo::record]` enums: an `int32` in Go, checked against the known values.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use ferrogo_syntax::ir;

use crate::records::value_traits;

pub fn impls(e: &ir::Enum) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = format_ident!("{}", e.name);
    let variants: Vec<Ident> = e.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let values: Vec<i32> = e.variants.iter().map(|v| v.value).collect();
    let type_name = &e.name;
    let value_traits = value_traits(&name, &quote!(i32));
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
        #value_traits
    }
}

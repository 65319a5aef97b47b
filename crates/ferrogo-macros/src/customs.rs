//! `#[ferrogo::custom(Builtin)]`: a type of the crate that crosses as a builtin type, through
//! `TryFrom<Builtin>` (Go to Rust; a failure names the value) and `Builtin: From<T>` (Rust to Go).

use proc_macro2::TokenStream;
use quote::quote;

use crate::records::value_traits;

pub fn impls(item: &syn::ItemStruct, builtin: &syn::Type) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = &item.ident;
    let value_traits = value_traits(name, &quote!(<#builtin as #rt::Lift>::Abi));
    quote! {
        // SAFETY: lifts the builtin value with its own `Lift`, then converts it.
        unsafe impl #rt::Lift for #name {
            type Abi = <#builtin as #rt::Lift>::Abi;
            fn byte_len(abi: &Self::Abi) -> usize {
                <#builtin as #rt::Lift>::byte_len(abi)
            }
            unsafe fn lift(abi: Self::Abi) -> ::core::result::Result<Self, #rt::LiftError> {
                // SAFETY: forwarded from the caller.
                let value = unsafe { <#builtin as #rt::Lift>::lift(abi) }?;
                let shown = ::std::format!("{:?}", value);
                <#name as ::core::convert::TryFrom<#builtin>>::try_from(value)
                    .map_err(|e| #rt::LiftError::Invalid(::std::format!("{shown}: {e}")))
            }
        }

        // SAFETY: converts, then lowers (and frees) as the builtin type does.
        unsafe impl #rt::Lower for #name {
            type Abi = <#builtin as #rt::Lower>::Abi;
            fn byte_len(abi: &Self::Abi) -> usize {
                <#builtin as #rt::Lower>::byte_len(abi)
            }
            fn lower(self) -> Self::Abi {
                <#builtin as #rt::Lower>::lower(<#builtin as ::core::convert::From<#name>>::from(self))
            }
            unsafe fn free(abi: Self::Abi) {
                // SAFETY: `abi` came from the builtin type's `lower`.
                unsafe { <#builtin as #rt::Lower>::free(abi) }
            }
        }

        #value_traits
    }
}

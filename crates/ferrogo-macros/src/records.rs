//! `#[ferrogo::record]` structs: flat C mirrors (`__Ferrogo<Name>In` for arguments,
//! `__Ferrogo<Name>Out` for results) whose fields are each field type's own representation, so
//! records nest: a field may be another record, a list of records, an enum with data, a map.
//! A record that can hold itself (`Record::can_nest`) counts a level of nesting in each field
//! that can lead back to it (`nest`), and its `CHECKED` does not depend on its fields': a
//! cycle of constants would not compile (E0391).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use ferrogo_syntax::ir;
use ferrogo_syntax::parse::with_self;

pub fn impls(r: &ir::Record, s: &syn::ItemStruct) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = &s.ident;
    let abi_in = format_ident!("__Ferrogo{}In", r.name);
    let abi_out = format_ident!("__Ferrogo{}Out", r.name);
    // The fields as written (`r#type` stays raw), in the IR's order.
    let fields: Vec<&Ident> = s.fields.iter().filter_map(|f| f.ident.as_ref()).collect();
    let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    // The types as written (with `Self` spelled out: in a mirror it would name the mirror): the
    // IR was parsed from them, field for field.
    let tys: Vec<syn::Type> = s.fields.iter().map(|f| with_self(&f.ty, &r.name)).collect();
    let value_traits = value_traits(name, &abi_in);
    let checked = checked(r.can_nest(), &tys);
    let nests: Vec<bool> = r.fields.iter().map(|f| f.ty.holds_named_indirectly()).collect();
    let lifts = fields.iter().zip(&tys).zip(&nests).map(|((f, ty), nests)| {
        nest(
            *nests,
            Conv::Lift,
            // SAFETY: forwarded from the caller, field by field.
            quote!(unsafe { <#ty as #rt::Lift>::lift(abi.#f) }),
        )
    });
    let lowers = fields
        .iter()
        .zip(&tys)
        .zip(&nests)
        .map(|((f, ty), nests)| nest(*nests, Conv::Lower, quote!(<#ty as #rt::Lower>::lower(self.#f))));
    let checks = fields
        .iter()
        .zip(&tys)
        .zip(&nests)
        .map(|((f, ty), nests)| nest(*nests, Conv::Check, quote!(<#ty as #rt::Lower>::check(&self.#f))));
    let may_hold_text = r.fields.iter().any(|f| f.ty.may_hold_text());
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
            // A record carries what its fields carry (text, bytes, lists), as a tuple does.
            fn byte_len(abi: &#abi_in) -> usize {
                0usize #(+ <#tys as #rt::Lift>::byte_len(&abi.#fields))*
            }
            unsafe fn lift(abi: #abi_in) -> ::core::result::Result<Self, #rt::LiftError> {
                ::core::result::Result::Ok(#name {
                    #(#fields: #lifts.map_err(|e| e.in_field(#names))?,)*
                })
            }
        }

        // SAFETY: `free` frees each field as its own `Lower` impl allocated it.
        unsafe impl #rt::Lower for #name {
            type Abi = #abi_out;
            // As for arguments: the sum of the fields' bytes, so `Stats().BytesOut` counts them.
            fn byte_len(abi: &#abi_out) -> usize {
                0usize #(+ <#tys as #rt::Lower>::byte_len(&abi.#fields))*
            }
            fn lower(self) -> #abi_out {
                #abi_out { #(#fields: #lowers),* }
            }
            unsafe fn free(abi: #abi_out) {
                // SAFETY: each field came from its own `lower`.
                #(unsafe { <#tys as #rt::Lower>::free(abi.#fields) };)*
            }
            const CHECKED: bool = #checked;
            fn check(&self) -> ::core::result::Result<(), ::std::string::String> {
                #(#checks.map_err(|e| ::std::format!("{}: {}", #names, e))?;)*
                ::core::result::Result::Ok(())
            }
        }

        #value_traits

        impl #rt::Receiver for #name {
            type Abi = #abi_in;
            const MAY_HOLD_TEXT: bool = #may_hold_text;
            fn shared<R>(
                abi: #abi_in,
                body: impl FnOnce(&Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                // SAFETY: Go passes the receiver like a record argument.
                let this = unsafe { <Self as #rt::Lift>::lift(abi) }.map_err(|e| e.for_arg("self"))?;
                body(&this)
            }
            fn owned<R>(
                abi: #abi_in,
                body: impl FnOnce(Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                // SAFETY: as above.
                let this = unsafe { <Self as #rt::Lift>::lift(abi) }.map_err(|e| e.for_arg("self"))?;
                body(this)
            }
        }
    }
}

/// A conversion of a field.
#[derive(Clone, Copy)]
pub enum Conv {
    Lift,
    Lower,
    Check,
}

/// The conversion `expr` of a field, one level of nesting down when the field `nests` (holds
/// records or enums in a list, a map or a box, through which a type can hold itself): beyond
/// `ferrogo::__private::MAX_DEPTH` levels an argument is an error, a result is refused by
/// `check` (and `lower`, which cannot fail, panics where no check ran). Other fields convert as
/// they are, at no cost.
pub fn nest(nests: bool, conv: Conv, expr: TokenStream) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    match (nests, conv) {
        (false, _) => expr,
        (true, Conv::Lift) => quote!(#rt::nested_lift(|| #expr)),
        (true, Conv::Lower) => quote!(#rt::nested_lower(|| #expr)),
        (true, Conv::Check) => quote!(#rt::nested_check(|| #expr)),
    }
}

/// `Lower::CHECKED` of a type with fields of types `tys`. A type that can hold itself is always
/// checked: its `check` enforces the depth limit, and its constant cannot be computed from its
/// fields' (for a cycle of types that is a cycle of constants).
pub fn checked(can_nest: bool, tys: &[impl quote::ToTokens]) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    if can_nest {
        quote!(true)
    } else {
        quote!(false #(|| <#tys as #rt::Lower>::CHECKED)*)
    }
}

/// What every by-value type (record or enum) implements besides `Lift`/`Lower`: it can be a
/// list element and be borrowed by an argument (`&T`, copied in like a value).
pub fn value_traits(name: &Ident, abi_in: &impl quote::ToTokens) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    quote! {
        // SAFETY: the mirror is plain C data.
        unsafe impl #rt::ListElem for #name {}

        // SAFETY: lifts a copy, as for a value.
        unsafe impl #rt::LiftRef for #name {
            type Abi = #abi_in;
            type Holder = Self;
            unsafe fn lift_ref(abi: #abi_in) -> ::core::result::Result<Self, #rt::LiftError> {
                // SAFETY: forwarded from the caller.
                unsafe { #rt::lift_record_ref::<Self>(abi) }
            }
            fn get(holder: &Self) -> &Self {
                holder
            }
        }
    }
}

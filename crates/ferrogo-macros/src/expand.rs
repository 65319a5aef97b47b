//! Emits the `extern "C"` shims, trait impls and checksum symbols for one item.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::visit_mut::VisitMut;

use ferrogo_syntax::attrs::{is_ferrogo_helper, Kind};
use ferrogo_syntax::ir::Item;
use ferrogo_syntax::{checksums, parse::parse_item};

use crate::{callbacks, customs, enums, errors, functions, objects, records, stdtraits, sum_types};

pub fn item(kind: Kind, args: TokenStream, input: TokenStream) -> TokenStream {
    let mut syn_item: syn::Item = match syn::parse2(input.clone()) {
        Ok(i) => i,
        Err(e) => return with_original(e, input),
    };
    let args_tokens = args.clone();
    let parsed = parse_item(kind, args, &syn_item);
    strip_helper_attrs(&mut syn_item);
    let ir_item = match parsed {
        Ok(i) => i,
        Err(e) => return with_original(e, quote!(#syn_item)),
    };
    let crate_name = std::env::var("CARGO_CRATE_NAME").unwrap_or_else(|_| "crate".into());
    let shims = match (&ir_item, &syn_item) {
        (Item::Function(f), syn::Item::Fn(func)) => functions::function_shim(&crate_name, f, &func.sig, None),
        (Item::Impl(i), syn::Item::Impl(imp)) => functions::impl_shims(&crate_name, i, imp),
        (Item::Record(r), syn::Item::Struct(s)) => records::impls(r, s),
        (Item::Enum(e), syn::Item::Enum(en)) if e.has_data() => sum_types::impls(e, en),
        (Item::Enum(e), syn::Item::Enum(_)) => enums::impls(e),
        (Item::Error(e), syn::Item::Enum(en)) => errors::impls(e, en),
        (Item::Object(o), syn::Item::Struct(_)) => objects::impls(&crate_name, o),
        (Item::Custom(_), syn::Item::Struct(s)) => match syn::parse2::<syn::Type>(args_tokens) {
            Ok(builtin) => customs::impls(s, &builtin),
            Err(e) => e.to_compile_error(),
        },
        (Item::Callback(c), syn::Item::Trait(t)) => callbacks::impls(&crate_name, c, t),
        _ => unreachable!("parse_item returns the IR kind matching the syn item"),
    };
    let sums = checksum_fns(&crate_name, &ir_item);
    let traits = stdtraits::shims(&crate_name, &ir_item);
    quote! {
        #syn_item
        const _: () = {
            #shims
            #sums
            #traits
        };
    }
}

/// The checksum symbols of `item` (see `ferrogo_syntax::checksums`).
pub fn checksum_fns(crate_name: &str, item: &Item) -> TokenStream {
    let sums = checksums(crate_name, item).into_iter().map(|(symbol, value)| {
        let ident = Ident::new(&symbol, Span::call_site());
        quote! {
            #[doc(hidden)]
            #[unsafe(no_mangle)]
            pub extern "C" fn #ident() -> u64 { #value }
        }
    });
    quote!(#(#sums)*)
}

fn with_original(e: syn::Error, original: TokenStream) -> TokenStream {
    let err = e.to_compile_error();
    quote!(#err #original)
}

/// `#[ferrogo(...)]` and `#[ferrogo::constructor]` are read by us, not by rustc.
pub fn strip_helper_attrs(item: &mut syn::Item) {
    struct Strip;
    impl VisitMut for Strip {
        fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
            attrs.retain(|a| !is_ferrogo_helper(a));
        }
        fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
            let constructor = ferrogo_syntax::attrs::Options::from_helper_attrs(
                &f.attrs,
                ferrogo_syntax::parse::METHOD_OPTS,
            )
            .is_ok_and(|o| o.constructor);
            self.visit_attributes_mut(&mut f.attrs);
            if constructor {
                // A constructor is the Go API (`NewT`); a `Default` impl would serve Rust only.
                f.attrs
                    .push(syn::parse_quote!(#[allow(clippy::new_without_default)]));
            }
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

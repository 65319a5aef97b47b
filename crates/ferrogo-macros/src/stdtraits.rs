//! Std traits as Go methods: the hidden inherent impl `ferrogo_syntax::stdtraits::synth` builds
//! for a record struct or object, with the shims and checksums of an exported impl.

use proc_macro2::TokenStream;
use quote::quote;

use ferrogo_syntax::ir::Item;
use ferrogo_syntax::stdtraits::synth;

use crate::expand::{checksum_fns, strip_helper_attrs};
use crate::functions::impl_shims;

/// Nothing for other items and for types without traits.
pub fn shims(crate_name: &str, item: &Item) -> TokenStream {
    let (name, traits) = match item {
        Item::Record(r) => (&r.name, &r.traits),
        Item::Object(o) => (&o.name, &o.traits),
        _ => return TokenStream::new(),
    };
    let Some((ir, imp)) = synth(name, traits) else {
        return TokenStream::new();
    };
    let shims = impl_shims(crate_name, &ir, &imp);
    let sums = checksum_fns(crate_name, &Item::Impl(ir));
    let mut methods = syn::Item::Impl(imp);
    strip_helper_attrs(&mut methods);
    quote! {
        #methods
        #shims
        #sums
    }
}

//! Std traits as Go methods (issue 21, ADR 0019): a record struct or object implementing
//! `Display`, `Debug`, `PartialEq`, `Ord` or `Hash` gets `String`, `GoString`, `Equal`,
//! `Compare` and `Hash` in Go, computed by Rust's impl. The traits come from the type's
//! `#[derive(...)]` and from the attribute (`#[ferrogo::object(Display, Ord)]`, for hand-written
//! impls). Each trait becomes an ordinary exported method of a synthesized inherent impl
//! ([`synth`]): the macro emits it and its shims, the generator loads the same impl, so plan,
//! emitters, checksums and `ferrogo check` treat the methods like any other.

use proc_macro2::Span;
use quote::{format_ident, quote};
use serde::{Deserialize, Serialize};

use std::collections::{HashMap, HashSet};

use crate::ir::{Crate, Impl, Item};

/// A std trait that gives the Go type a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StdTrait {
    /// `String() string` (fmt.Stringer).
    Display,
    /// `GoString() string` (fmt.GoStringer, `%#v`).
    Debug,
    /// `Equal(other T) bool`; `Eq` means the same.
    PartialEq,
    /// `Compare(other T) int`, -1/0/+1. Only a total order: `PartialOrd` alone gives none.
    Ord,
    /// `Hash() uint64`, stable within one process only.
    Hash,
}

/// The trait names an attribute may declare, and the option key each is.
pub const ATTR_TRAITS: &[&str] = &["Display", "Debug", "PartialEq", "Eq", "PartialOrd", "Ord", "Hash"];

impl StdTrait {
    /// The Go method it gives.
    pub fn go_method(self) -> &'static str {
        match self {
            StdTrait::Display => "String",
            StdTrait::Debug => "GoString",
            StdTrait::PartialEq => "Equal",
            StdTrait::Ord => "Compare",
            StdTrait::Hash => "Hash",
        }
    }

    /// The traits a derive or attribute name stands for: `Ord` implies `Eq` (Rust requires it),
    /// so it gives `Equal` as well; `PartialOrd` alone gives nothing (no total order).
    pub fn from_name(name: &str) -> &'static [StdTrait] {
        match name {
            "Display" => &[StdTrait::Display],
            "Debug" => &[StdTrait::Debug],
            "PartialEq" | "Eq" => &[StdTrait::PartialEq],
            "Ord" => &[StdTrait::PartialEq, StdTrait::Ord],
            "Hash" => &[StdTrait::Hash],
            _ => &[],
        }
    }
}

/// The Rust names of the synthesized methods, with the trait each comes from.
const METHODS: &[(&str, &str)] = &[
    ("__ferrogo_display", "`Display`"),
    ("__ferrogo_debug", "`Debug`"),
    ("__ferrogo_eq", "`PartialEq`"),
    ("__ferrogo_cmp", "`Ord`"),
    ("__ferrogo_hash", "`Hash`"),
];

/// Whether a method of the IR is one [`synth`] made.
pub fn is_synthesized(rust_name: &str) -> bool {
    METHODS.iter().any(|(m, _)| *m == rust_name)
}

/// The trait a synthesized method comes from, for messages.
pub fn trait_of(rust_name: &str) -> &'static str {
    METHODS
        .iter()
        .find(|(m, _)| *m == rust_name)
        .map_or("a std trait", |(_, t)| t)
}

/// The traits named by the `#[derive(...)]` attributes among `attrs`, plus `declared`, sorted
/// and without duplicates.
pub fn traits_of(attrs: &[syn::Attribute], declared: &[StdTrait]) -> Vec<StdTrait> {
    let mut out: Vec<StdTrait> = declared.to_vec();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                out.extend_from_slice(StdTrait::from_name(&last.ident.to_string()));
            }
            Ok(())
        });
    }
    out.sort();
    out.dedup();
    out
}

/// `traits` sorted, without duplicates.
pub fn from_names(traits: &[StdTrait]) -> Vec<StdTrait> {
    traits_of(&[], traits)
}

/// Drops the method of a derived trait whose Go name a method of the author's has (deriving
/// `Ord` and exporting `fn compare` keeps the author's `Compare`, as before this feature). A
/// declared trait keeps its method, and `check_crate` refuses the clash. The library still
/// exports the dropped method's shim (the macro sees one item, not the impls): it goes unused.
pub fn yield_to_methods(krate: &mut Crate) {
    let authored: HashSet<(String, String)> = krate
        .functions()
        .filter(|f| !is_synthesized(&f.name))
        .filter_map(|f| Some((f.object()?.to_string(), f.go_name.clone())))
        .collect();
    let declared: HashMap<String, Vec<StdTrait>> = krate
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Record(r) => Some((r.name.clone(), r.declared_traits.clone())),
            Item::Object(o) => Some((o.name.clone(), o.declared_traits.clone())),
            _ => None,
        })
        .collect();
    for item in &mut krate.items {
        let Item::Impl(i) = item else { continue };
        let mine = declared.get(&i.object).cloned().unwrap_or_default();
        i.functions.retain(|f| {
            let Some(t) = trait_by_method(&f.name) else {
                return true;
            };
            mine.contains(&t) || !authored.contains(&(i.object.clone(), f.go_name.clone()))
        });
    }
}

fn trait_by_method(rust_name: &str) -> Option<StdTrait> {
    let all = [
        StdTrait::Display,
        StdTrait::Debug,
        StdTrait::PartialEq,
        StdTrait::Ord,
        StdTrait::Hash,
    ];
    METHODS.iter().position(|(m, _)| *m == rust_name).map(|i| all[i])
}

/// The hidden inherent impl carrying one exported method per trait of `type_name`, and its IR;
/// `None` without traits. The methods carry `#[ferrogo(name = "...")]`: strip it before emitting.
pub fn synth(type_name: &str, traits: &[StdTrait]) -> Option<(Impl, syn::ItemImpl)> {
    if traits.is_empty() {
        return None;
    }
    let ty = format_ident!("{}", type_name);
    let methods = traits.iter().map(|t| {
        let go = t.go_method();
        let (rust, doc, tokens) = match t {
            StdTrait::Display => (
                "__ferrogo_display",
                format!("{go} formats the value with Rust's `Display` (fmt.Stringer)."),
                quote!((&self) -> ::std::string::String { ::std::string::ToString::to_string(self) }),
            ),
            StdTrait::Debug => (
                "__ferrogo_debug",
                format!("{go} formats the value with Rust's `Debug` (used by %#v)."),
                quote!((&self) -> ::std::string::String { ::std::format!("{:?}", self) }),
            ),
            StdTrait::PartialEq => (
                "__ferrogo_eq",
                format!("{go} reports whether the values are equal by Rust's `PartialEq`."),
                quote!((&self, other: &#ty) -> bool { ::core::cmp::PartialEq::eq(self, other) }),
            ),
            StdTrait::Ord => (
                "__ferrogo_cmp",
                format!("{go} orders the values by Rust's `Ord`: -1, 0 or +1 (for slices.SortFunc)."),
                quote!((&self, other: &#ty) -> ::core::cmp::Ordering { ::core::cmp::Ord::cmp(self, other) }),
            ),
            StdTrait::Hash => (
                "__ferrogo_hash",
                format!("{go} hashes the value with Rust's `Hash` (equal values hash equal). Stable within one process only: do not store it."),
                quote!((&self) -> u64 {
                    let mut h = ::std::collections::hash_map::DefaultHasher::new();
                    ::core::hash::Hash::hash(self, &mut h);
                    ::core::hash::Hasher::finish(&h)
                }),
            ),
        };
        let rust = syn::Ident::new(rust, Span::call_site());
        quote! {
            #[doc = #doc]
            #[ferrogo(name = #go)]
            pub fn #rust #tokens
        }
    });
    let imp: syn::ItemImpl = syn::parse_quote! {
        #[allow(clippy::all, dead_code)]
        impl #ty { #(#methods)* }
    };
    let ir = crate::parse::parse_impl(&imp, &Default::default()).expect("synthesized methods parse");
    Some((ir, imp))
}

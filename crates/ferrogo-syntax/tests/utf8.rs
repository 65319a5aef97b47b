//! Which functions read invalid UTF-8 as Go does and which report it (ADR 0016): the rule is the
//! Go signature (no `error` result: read as Go does), and `strict_utf8` gives a function taking
//! text an `error` result. The macro and the generator both read it from here.

use ferrogo_syntax::attrs::Kind;
use ferrogo_syntax::ir::{Function, Item, Type};
use ferrogo_syntax::parse::parse_item;
use quote::quote;

fn functions(attr: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> Vec<Function> {
    let item: syn::Item = syn::parse2(item).unwrap();
    match parse_item(Kind::Export, attr, &item).unwrap() {
        Item::Function(f) => vec![f],
        Item::Impl(i) => i.functions,
        other => panic!("{other:?}"),
    }
}

fn function(attr: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> Function {
    functions(attr, item).remove(0)
}

#[test]
fn functions_without_an_error_result_read_invalid_utf8_as_go_does() {
    let f = function(
        quote!(),
        quote!(
            pub fn upper(s: &str) -> String {
                todo!()
            }
        ),
    );
    assert!(f.lossy_utf8() && !f.fallible);
    for reports in [
        function(
            quote!(),
            quote!(
                pub fn parse(s: &str) -> Result<u32, E> {
                    todo!()
                }
            ),
        ),
        function(
            quote!(fallible),
            quote!(
                pub fn upper(s: &str) -> String {
                    todo!()
                }
            ),
        ),
        function(
            quote!(),
            quote!(
                pub fn count(c: &ferrogo::Cancel, s: &str) -> u64 {
                    todo!()
                }
            ),
        ),
    ] {
        assert!(!reports.lossy_utf8(), "{}", reports.name);
    }
}

#[test]
fn strict_utf8_gives_a_function_taking_text_an_error_result() {
    let f = function(
        quote!(strict_utf8),
        quote!(
            pub fn upper(s: &str) -> String {
                todo!()
            }
        ),
    );
    assert!(f.fallible && !f.lossy_utf8());
    // As a helper attribute too.
    let f = function(
        quote!(),
        quote!(
            #[ferrogo(strict_utf8)]
            pub fn count(items: Vec<Option<&str>>) -> usize {
                todo!()
            }
        ),
    );
    assert!(f.fallible);
    // A function that reports errors already keeps its IR (and ABI hash) as it was.
    let f = function(
        quote!(strict_utf8),
        quote!(
            pub fn parse(s: &str) -> Result<u32, E> {
                todo!()
            }
        ),
    );
    assert!(!f.fallible && !f.lossy_utf8());
    // Nothing to be strict about: no error result is added.
    let f = function(
        quote!(strict_utf8),
        quote!(
            pub fn add(a: i64, b: &[u8]) -> i64 {
                todo!()
            }
        ),
    );
    assert!(!f.fallible && f.lossy_utf8());
}

#[test]
fn strict_utf8_on_an_impl_block_applies_to_each_method_taking_text() {
    let fs = functions(
        quote!(strict_utf8),
        quote! {
            impl Names {
                #[ferrogo::constructor]
                pub fn new(first: String) -> Self { todo!() }
                pub fn add(&self, name: &str) { todo!() }
                pub fn add_all(&self, names: std::collections::HashMap<String, u32>) { todo!() }
                pub fn len(&self) -> usize { todo!() }
                #[ferrogo(fallible)]
                pub fn clear(&self) { todo!() }
            }
        },
    );
    let fallible: Vec<(&str, bool)> = fs.iter().map(|f| (f.name.as_str(), f.fallible)).collect();
    assert_eq!(
        fallible,
        [
            ("new", true),
            ("add", true),
            ("add_all", true),
            ("len", false),
            ("clear", true)
        ]
    );
}

#[test]
fn text_is_found_at_any_depth_of_an_argument() {
    for ty in [
        Type::Str,
        Type::String,
        Type::CowStr,
        Type::Path,
        Type::PathBuf,
        Type::Named("Note".into()),
        Type::Option(Box::new(Type::Vec(Box::new(Type::Str)))),
        Type::Map {
            key: Box::new(Type::U32),
            value: Box::new(Type::String),
            ordered: false,
        },
    ] {
        assert!(ty.may_hold_text(), "{ty:?}");
    }
    for ty in [
        Type::Bytes,
        Type::ByteVec,
        Type::Char,
        Type::Vec(Box::new(Type::F64)),
        Type::Option(Box::new(Type::I32)),
        Type::Cancel,
    ] {
        assert!(!ty.may_hold_text(), "{ty:?}");
    }
}

//! Std traits as Go methods (ADR 0019): what the loader adds, yields and refuses.

use std::sync::atomic::{AtomicUsize, Ordering};

use ferrogo_syntax::ir::{Crate, Item};
use ferrogo_syntax::load::{load_crate, LoadError};

fn load(source: &str) -> Result<Crate, Vec<LoadError>> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ferrogo-syntax-stdtraits-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let lib_rs = dir.join("lib.rs");
    std::fs::write(&lib_rs, source).unwrap();
    let result = load_crate("demo", &lib_rs);
    std::fs::remove_dir_all(&dir).ok();
    result
}

/// The Go method names of `object`'s methods, sorted.
fn go_methods(krate: &Crate, object: &str) -> Vec<String> {
    let mut names: Vec<String> = krate
        .functions()
        .filter(|f| f.object() == Some(object))
        .map(|f| f.go_name.clone())
        .collect();
    names.sort();
    names
}

fn messages(source: &str) -> Vec<String> {
    load(source)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.message)
        .collect()
}

#[test]
fn derived_and_declared_traits_become_methods() {
    let krate = load(
        "#[ferrogo::record(Display)]\n#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\npub struct V { pub x: i32 }\n\
         #[ferrogo::object(Eq, Hash)]\npub struct O { x: i32 }\n\
         #[ferrogo::record]\n#[derive(PartialOrd, PartialEq)]\npub struct P { pub x: f64 }\n",
    )
    .unwrap();
    assert_eq!(
        go_methods(&krate, "V"),
        ["Compare", "Equal", "GoString", "Hash", "String"]
    );
    assert_eq!(go_methods(&krate, "O"), ["Equal", "Hash"]);
    // PartialOrd alone: no total order, no Compare.
    assert_eq!(go_methods(&krate, "P"), ["Equal"]);
    let Some(Item::Record(v)) = krate
        .items
        .iter()
        .find(|i| matches!(i, Item::Record(r) if r.name == "V"))
    else {
        panic!("V is a record")
    };
    assert_eq!(v.traits.len(), 5, "{:?}", v.traits);
}

#[test]
fn a_derived_trait_yields_to_the_authors_method() {
    let krate = load(
        "#[ferrogo::record]\n#[derive(PartialEq, Eq, PartialOrd, Ord)]\npub struct V { pub x: i32 }\n\
         #[ferrogo::export]\nimpl V {\n    pub fn compare(&self, other: &V) -> std::cmp::Ordering { other.x.cmp(&self.x) }\n}\n",
    )
    .unwrap();
    let compares: Vec<&str> = krate
        .functions()
        .filter(|f| f.go_name == "Compare")
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(compares, ["compare"]);
}

#[test]
fn a_declared_trait_clashing_with_a_method_is_refused() {
    let got = messages(
        "#[ferrogo::object(Display)]\npub struct O { x: i32 }\n\
         #[ferrogo::export]\nimpl O {\n    pub fn string(&self) -> String { String::new() }\n}\n",
    );
    assert!(
        got.iter()
            .any(|m| m.contains("`O::string` becomes the Go method `String`") && m.contains("`Display`")),
        "{got:#?}"
    );
}

#[test]
fn a_derive_above_the_attribute_is_refused() {
    let got = messages("#[derive(PartialEq)]\n#[ferrogo::record]\npub struct V { pub x: i32 }\n");
    assert!(
        got.iter().any(|m| m.contains("below `#[ferrogo::record]`")),
        "{got:#?}"
    );
    // Derives of other traits may stay above.
    assert!(load("#[derive(Clone)]\n#[ferrogo::record]\npub struct V { pub x: i32 }\n").is_ok());
}

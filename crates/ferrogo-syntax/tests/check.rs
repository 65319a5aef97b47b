//! Whole-crate errors that only the generator can see (the macro sees one item at a time and gets
//! the same guarantees from trait bounds, see crates/ferrogo-macros/tests/ui). Each test loads a
//! small crate and checks that every problem is reported, with a message saying what to write.

use std::sync::atomic::{AtomicUsize, Ordering};

use ferrogo_syntax::load::load_crate;

/// Loads `source` as a crate's lib.rs and returns its error messages (empty if it loads).
fn errors(source: &str) -> Vec<String> {
    load(source).into_iter().map(|e| e.message).collect()
}

/// The errors as printed: `<dir>/lib.rs:<line>:<column>: <message>`.
fn located(source: &str) -> Vec<String> {
    load(source).iter().map(|e| e.to_string()).collect()
}

fn load(source: &str) -> Vec<ferrogo_syntax::load::LoadError> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ferrogo-syntax-check-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let lib_rs = dir.join("lib.rs");
    std::fs::write(&lib_rs, source).unwrap();
    let result = load_crate("demo", &lib_rs);
    std::fs::remove_dir_all(&dir).ok();
    result.err().unwrap_or_default()
}

fn assert_reports(source: &str, expected: &[&str]) {
    let got = errors(source);
    for want in expected {
        assert!(
            got.iter().any(|m| m.contains(want)),
            "expected an error containing {want:?}, got {got:#?}"
        );
    }
    assert_eq!(got.len(), expected.len(), "{got:#?}");
}

#[test]
fn a_valid_crate_loads() {
    assert_reports(
        r#"
        #[ferrogo::record] pub struct Point { pub x: f64 }
        #[ferrogo::export] pub fn origin() -> Point { Point { x: 0.0 } }
        "#,
        &[],
    );
}

#[test]
fn named_types_must_be_ferrogo_types_of_the_crate() {
    assert_reports(
        r#"
        pub struct Color { pub r: u8 }
        #[ferrogo::export] pub fn paint(c: Color) {}
        #[ferrogo::export] pub fn red() -> Vec<Color> { vec![] }
        #[ferrogo::record] pub struct Pixel { pub color: Option<Color> }
        "#,
        &[
            "argument `c` of `paint`: `Color` is not a ferrogo type of this crate: if it is yours, add `#[ferrogo::record]`",
            "return type of `red`: `Color` is not a ferrogo type",
            "field `Pixel.color`: `Color` is not a ferrogo type",
        ],
    );
}

#[test]
fn error_types_must_be_ferrogo_errors() {
    assert_reports(
        r#"
        #[derive(Debug)] pub struct ParseError;
        #[ferrogo::export] pub fn parse(s: &str) -> Result<i64, ParseError> { todo!() }
        "#,
        &["`parse` returns `Result<_, ParseError>` but `ParseError` is not a `#[ferrogo::error]` enum"],
    );
}

#[test]
fn objects_are_borrowed_or_consumed_but_never_record_fields() {
    assert_reports(
        r#"
        #[ferrogo::object] pub struct Counter;
        #[ferrogo::record] pub struct Holder { pub counter: Counter }
        #[ferrogo::export] pub fn read(c: Option<Counter>, all: Vec<Counter>) {}
        #[ferrogo::export] pub fn borrow(c: &Counter, o: Option<&Counter>, all: Vec<&Counter>, take: Counter) {}
        #[ferrogo::export] pub fn make() -> Option<Counter> { None }
        "#,
        &[
            "field `Holder.counter`: an object (`Counter`) cannot be a record field",
            "argument `c` of `read`: an object (`Counter`) cannot be consumed inside a list or option: borrow it",
            "argument `all` of `read`: an object (`Counter`) cannot be consumed",
        ],
    );
}

#[test]
fn record_methods_cannot_take_mut_self() {
    assert_reports(
        r#"
        #[ferrogo::record] pub struct Version { pub major: u64 }
        #[ferrogo::export] impl Version {
            pub fn bump(&mut self) { self.major += 1 }
            pub fn next(&self) -> Version { Version { major: self.major + 1 } }
        }
        "#,
        &["`Version::bump` takes `&mut self`, but `Version` is a record"],
    );
}

#[test]
fn impls_must_belong_to_objects() {
    assert_reports(
        r#"
        pub struct Counter;
        #[ferrogo::export] impl Counter { pub fn get(&self) -> i64 { 0 } }
        "#,
        &["`impl Counter` is exported but `Counter` is not a `#[ferrogo::object]` or a `#[ferrogo::record]` struct"],
    );
}

#[test]
fn go_names_must_be_unique_and_not_stats() {
    assert_reports(
        r#"
        #[ferrogo::export] pub fn stats() -> i64 { 0 }
        #[ferrogo::export] pub fn http_get() -> i64 { 0 }
        #[ferrogo::export(name = "HTTPGet")] pub fn fetch() -> i64 { 0 }
        "#,
        &[
            "the Go name `Stats` of function `stats` is taken",
            "both become the Go identifier `HTTPGet`",
        ],
    );
}

#[test]
fn syntax_errors_of_all_items_are_reported_together() {
    assert_reports(
        r#"
        #[ferrogo::export] pub fn a(p: *const u8) {}
        #[ferrogo::export] pub async fn b(s: &ferrogo::Cancel) {}
        #[ferrogo::record] pub struct C(pub f64);
        "#,
        &[
            "raw pointers",
            "canceled by its context",
            "records need named fields",
        ],
    );
}

/// Whole-crate errors come in the same round as the per-item ones, each at its line: the
/// argument, field or method it is about. An item that failed to parse is not also reported as
/// an unknown type where it is used.
#[test]
fn whole_crate_errors_come_with_syntax_errors_and_point_at_their_line() {
    let got = located(
        "#[ferrogo::export] pub fn a(p: *const u8) {}\n\
         #[ferrogo::record] pub struct Pixel {\n\
             pub color: Color,\n\
         }\n\
         #[ferrogo::record] pub struct Broken(pub f64);\n\
         #[ferrogo::export] pub fn paint(\n\
             c: Color,\n\
             b: Broken,\n\
         ) {}\n",
    );
    let find = |text: &str| {
        got.iter()
            .find(|m| m.contains(text))
            .unwrap_or_else(|| panic!("no error containing {text:?}: {got:#?}"))
    };
    assert!(find("raw pointers").contains("lib.rs:1:"), "{got:#?}");
    assert!(find("field `Pixel.color`").contains("lib.rs:3:"), "{got:#?}");
    assert!(
        find("records need named fields").contains("lib.rs:5:"),
        "{got:#?}"
    );
    assert!(find("argument `c` of `paint`").contains("lib.rs:7:"), "{got:#?}");
    assert!(
        !got.iter().any(|m| m.contains("`Broken` is not a ferrogo type")),
        "{got:#?}"
    );
    assert_eq!(got.len(), 4, "{got:#?}");
}

/// Every Go identifier the package declares must be unique, not only item names: today two error
/// enums with a variant of the same name, an enum constant and a record, or a constructor and a
/// free function produce a Go package that does not compile.
#[test]
fn generated_go_identifiers_do_not_collide() {
    let got = errors(
        r#"
        #[ferrogo::error] pub enum AError { Invalid { a: String }, Gone }
        #[ferrogo::error] pub enum BError { Invalid { b: String }, Gone }
        #[ferrogo::record] pub enum Level { Low }
        #[ferrogo::record] pub struct LevelLow { pub x: i64 }
        #[ferrogo::export] pub fn new_counter() -> i64 { 0 }
        #[ferrogo::object] pub struct Counter;
        #[ferrogo::export] impl Counter { #[ferrogo::constructor] pub fn new() -> Self { Counter } }
        "#,
    );
    for name in ["InvalidError", "ErrGone", "LevelLow", "NewCounter"] {
        assert!(
            got.iter().any(|m| m.contains(&format!("`{name}`"))),
            "no error names `{name}`: {got:#?}"
        );
    }
}

#[test]
fn a_method_cannot_become_close() {
    assert_reports(
        r#"
        #[ferrogo::object] pub struct File;
        #[ferrogo::export] impl File { pub fn close(&self) {} }
        "#,
        &["becomes `Close`, which every object already has"],
    );
}

/// A `dyn Trait` argument names a `#[ferrogo::callback]` trait of the crate.
#[test]
fn callback_arguments_name_callback_traits() {
    assert_reports(
        r#"
        pub trait Plain: Send + Sync { fn ping(&self); }
        #[ferrogo::callback] pub trait Hook: Send + Sync { fn fire(&self, n: u32) -> Point; }
        #[ferrogo::export] pub fn ping(p: &dyn Plain, h: Box<dyn Hook>) {}
        "#,
        &[
            "`Plain` is not a `#[ferrogo::callback]` trait",
            "`Point` is not a ferrogo type",
        ],
    );
}

/// `#[ferrogo(...)]` below an item's ferrogo attribute means what the attribute's own options
/// mean, on every kind of item (it was read on functions only: a callback trait's was ignored).
#[test]
fn helper_attributes_below_the_item_attribute_name_the_item() {
    let dir = std::env::temp_dir().join(format!("ferrogo-syntax-helper-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lib_rs = dir.join("lib.rs");
    std::fs::write(
        &lib_rs,
        r#"
        #[ferrogo::callback]
        #[ferrogo(name = "TokenSource")]
        pub trait Tokens: Send + Sync { fn next(&self) -> u32; }
        #[ferrogo::record]
        #[ferrogo(name = "Span")]
        pub struct TokenSpan { pub start: u32 }
        #[ferrogo::error]
        #[ferrogo(name = "ProblemError")]
        pub enum Problem { Bad }
        #[ferrogo::object]
        #[ferrogo(name = "Lexer", no_poison)]
        pub struct Scanner { n: u32 }
        #[ferrogo::record]
        #[ferrogo(name = "Mode")]
        pub enum ScanMode { Fast }
        "#,
    )
    .unwrap();
    let krate = load_crate("demo", &lib_rs).expect("loads");
    std::fs::remove_dir_all(&dir).ok();
    let names: Vec<(String, String)> = krate
        .items
        .iter()
        .map(|item| match item {
            ferrogo_syntax::Item::Callback(c) => (c.name.clone(), c.go_name.clone()),
            ferrogo_syntax::Item::Record(r) => (r.name.clone(), r.go_name.clone()),
            ferrogo_syntax::Item::Error(e) => (e.name.clone(), e.go_name.clone()),
            ferrogo_syntax::Item::Object(o) => {
                assert!(!o.poison, "no_poison from the helper attribute");
                (o.name.clone(), o.go_name.clone())
            }
            ferrogo_syntax::Item::Enum(e) => (e.name.clone(), e.go_name.clone()),
            other => panic!("unexpected item {other:?}"),
        })
        .collect();
    let want = [
        ("Tokens", "TokenSource"),
        ("TokenSpan", "Span"),
        ("Problem", "ProblemError"),
        ("Scanner", "Lexer"),
        ("ScanMode", "Mode"),
    ];
    assert_eq!(names, want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec());
}

/// Above the item's attribute, `#[ferrogo(...)]` cannot work: rustc rejects it as an unknown
/// attribute before any ferrogo code runs ("cannot find attribute `ferrogo` in this scope", see
/// crates/ferrogo-macros/tests/ui/helper_before_attribute.rs). `ferrogo build` reads the source
/// first and says where it goes, at its line; two different Go names are an error too.
#[test]
fn a_helper_attribute_above_the_item_attribute_says_where_it_goes() {
    let got = located(
        "#[ferrogo(name = \"TokenSource\")]\n\
         #[ferrogo::callback]\n\
         pub trait Tokens: Send + Sync { fn next(&self) -> u32; }\n\
         #[ferrogo::record(name = \"Span\")]\n\
         #[ferrogo(name = \"Range\")]\n\
         pub struct TokenSpan { pub start: u32 }\n",
    );
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[0].contains("lib.rs:1:")
            && got[0].contains("`#[ferrogo(...)]` must come after `#[ferrogo::callback]`")
            && got[0].contains("move it below"),
        "{got:#?}"
    );
    assert!(
        got[1].contains("lib.rs:5:") && got[1].contains("two Go names"),
        "{got:#?}"
    );
}

#[test]
fn records_that_always_hold_each_other_are_refused() {
    // Each value of `A` holds a `B` (in a box), which holds an `A`: none is finite, and Go
    // could not declare `type A struct{ B B }`, `type B struct{ A A }`.
    assert_reports(
        r#"
        #[ferrogo::record] pub struct A { pub n: i64, pub b: Box<B> }
        #[ferrogo::record] pub struct B { pub a: Box<A> }
        #[ferrogo::record] pub struct C { pub c: Vec<C>, pub d: Option<Box<D>> }
        #[ferrogo::record] pub struct D { pub c: C }
        "#,
        &[
            "field `A.b`: `A` -> `B` -> `A` always hold each other",
            "field `B.a`: `B` -> `A` -> `B` always hold each other",
        ],
    );
}

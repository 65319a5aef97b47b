//! The ABI contract between the macro (which compiles checksums into the library) and the
//! generator (which compiles them into the Go package's `init`).
//!
//! `abi_hash_is_pinned` fails on any change of the hashing or of the IR's serialization, as
//! wasm-bindgen's schema hash test does. If the change is intended, it changes ferrogo's ABI:
//! consider bumping `ABI_VERSION`, then update the pinned values (the failure prints them).

use std::path::{Path, PathBuf};

use ferrogo_syntax::attrs::{find_item_attr, is_ferrogo_path, Kind};
use ferrogo_syntax::ir::*;
use ferrogo_syntax::{abi_hash, checksums, load::load_crate, parse::parse_item};

fn docs(line: &str) -> Docs {
    Docs {
        lines: vec![line.to_string()],
        deprecated: None,
    }
}

/// One item of every kind, built by hand so that the parser cannot move the pinned values.
fn fixed_items() -> Vec<(&'static str, Item)> {
    let function = Function {
        name: "parse_port".into(),
        go_name: "ParsePort".into(),
        docs: docs("Parses a port."),
        kind: FnKind::Free,
        args: vec![
            Arg {
                name: "s".into(),
                ty: Type::Str,
            },
            Arg {
                name: "hint".into(),
                ty: Type::Option(Box::new(Type::U16)),
            },
        ],
        ret: Return {
            ok: Type::U16,
            err: Some("ConfigError".into()),
        },
        fallible: false,
        blocking: false,
        no_fuzz: false,
        is_async: false,
        borrows: false,
    };
    let record = Record {
        name: "Point".into(),
        go_name: "Point".into(),
        docs: docs("A point."),
        fields: vec![
            Field {
                name: "x".into(),
                go_name: "X".into(),
                docs: Docs::default(),
                ty: Type::F64,
            },
            Field {
                name: "tags".into(),
                go_name: "Tags".into(),
                docs: Docs::default(),
                ty: Type::Vec(Box::new(Type::String)),
            },
        ],
        traits: vec![],
        declared_traits: vec![],
    };
    let enum_ = Enum {
        name: "Level".into(),
        go_name: "Level".into(),
        docs: Docs::default(),
        variants: vec![
            EnumVariant {
                name: "Low".into(),
                go_name: "LevelLow".into(),
                docs: Docs::default(),
                value: 0,
                fields: vec![],
                tuple: false,
            },
            EnumVariant {
                name: "High".into(),
                go_name: "LevelHigh".into(),
                docs: Docs::default(),
                value: 5,
                fields: vec![],
                tuple: false,
            },
        ],
    };
    let error = ErrorEnum {
        name: "ConfigError".into(),
        go_name: "ConfigError".into(),
        docs: Docs::default(),
        variants: vec![
            ErrorVariant {
                name: "Empty".into(),
                go_name: "ErrEmpty".into(),
                docs: Docs::default(),
                fields: vec![],
                tuple: false,
            },
            ErrorVariant {
                name: "Locked".into(),
                go_name: "LockedError".into(),
                docs: Docs::default(),
                fields: vec![Field {
                    name: "_0".into(),
                    go_name: "Value".into(),
                    docs: Docs::default(),
                    ty: Type::String,
                }],
                tuple: true,
            },
        ],
    };
    let object = Object {
        name: "Counter".into(),
        go_name: "Counter".into(),
        docs: Docs::default(),
        poison: true,
        traits: vec![],
        declared_traits: vec![],
    };
    let imp = Impl {
        object: "Counter".into(),
        functions: vec![
            Function {
                name: "new".into(),
                go_name: "NewCounter".into(),
                docs: Docs::default(),
                kind: FnKind::Constructor {
                    object: "Counter".into(),
                },
                args: vec![Arg {
                    name: "start".into(),
                    ty: Type::I64,
                }],
                ret: Return {
                    ok: Type::Named("Counter".into()),
                    err: None,
                },
                fallible: false,
                blocking: false,
                no_fuzz: false,
                is_async: false,
                borrows: false,
            },
            Function {
                name: "incr".into(),
                go_name: "Incr".into(),
                docs: Docs::default(),
                kind: FnKind::Method {
                    object: "Counter".into(),
                    receiver: Default::default(),
                },
                args: vec![Arg {
                    name: "cancel".into(),
                    ty: Type::Cancel,
                }],
                ret: Return {
                    ok: Type::I64,
                    err: None,
                },
                fallible: true,
                blocking: false,
                no_fuzz: false,
                is_async: false,
                borrows: false,
            },
        ],
    };
    vec![
        ("function", Item::Function(function)),
        ("record", Item::Record(record)),
        ("enum", Item::Enum(enum_)),
        ("error", Item::Error(error)),
        ("object", Item::Object(object)),
        ("impl", Item::Impl(imp)),
        (
            "custom",
            Item::Custom(Custom {
                name: "Email".into(),
                docs: docs("An address."),
                builtin: Type::String,
            }),
        ),
        (
            "callback",
            Item::Callback(Callback {
                name: "Progress".into(),
                go_name: "Progress".into(),
                docs: docs("Reports progress."),
                methods: vec![CallbackMethod {
                    name: "on_progress".into(),
                    go_name: "OnProgress".into(),
                    docs: Docs::default(),
                    args: vec![Arg {
                        name: "done".into(),
                        ty: Type::U64,
                    }],
                    ret: Return {
                        ok: Type::Bool,
                        err: None,
                    },
                }],
            }),
        ),
    ]
}

#[test]
fn abi_hash_is_pinned() {
    let pinned: &[(&str, u64)] = &[
        ("function", 0x1cd4_606e_2426_96c5),
        ("record", 0x97cd_b7fb_0689_cfe3),
        ("enum", 0x9f32_b959_1047_583f),
        ("error", 0xdc31_8763_344e_47ac),
        ("object", 0x8946_c9cf_6c24_2468),
        ("impl", 0x9997_fe2a_6dd4_0414),
        ("custom", 0x192c_efa4_2c4f_b1bc),
        ("callback", 0x1fad_96c7_0df2_b2d9),
    ];
    let actual: Vec<(&str, u64)> = fixed_items()
        .iter()
        .map(|(what, item)| (*what, abi_hash(item)))
        .collect();
    assert_eq!(
        actual, pinned,
        "the ABI hash of a fixed IR changed (hashing or IR serialization). If intended, this is an \
         ABI change: consider bumping ABI_VERSION and pin the new values:\n{:#x?}",
        actual
    );
}

/// The symbols the Go package looks up: one per function (constructors and methods included), one
/// per type.
#[test]
fn checksum_symbols_are_pinned() {
    let symbols: Vec<String> = fixed_items()
        .iter()
        .flat_map(|(_, item)| checksums("demo", item))
        .map(|(symbol, _)| symbol)
        .collect();
    assert_eq!(
        symbols,
        [
            "ferrogo_demo_checksum_fn_parse_port",
            "ferrogo_demo_checksum_record_Point",
            "ferrogo_demo_checksum_enum_Level",
            "ferrogo_demo_checksum_error_ConfigError",
            "ferrogo_demo_checksum_object_Counter",
            "ferrogo_demo_checksum_Counter_new",
            "ferrogo_demo_checksum_Counter_incr",
            "ferrogo_demo_checksum_custom_Email",
            "ferrogo_demo_checksum_callback_Progress",
        ]
    );
}

/// `ferrogo ir` output is the API snapshot `ferrogo check` reads back: it must round-trip.
#[test]
fn ir_json_round_trips() {
    let krate = ferrogo_syntax::Crate {
        name: "fixed".into(),
        abi_version: ferrogo_syntax::ABI_VERSION,
        items: fixed_items().into_iter().map(|(_, item)| item).collect(),
    };
    let json = serde_json::to_string_pretty(&krate).unwrap();
    let back: ferrogo_syntax::Crate = serde_json::from_str(&json).unwrap();
    assert_eq!(back, krate);
}

#[test]
fn docs_deprecations_and_go_names_do_not_change_the_hash() {
    // ... nor `no_fuzz`, which only the generator's fuzz targets read.
    for (what, item) in fixed_items() {
        let mut renamed = item.clone();
        match &mut renamed {
            Item::Function(f) => f.go_name = "ParsePortNumber".into(),
            Item::Record(r) => r.fields[0].go_name = "PosX".into(),
            Item::Enum(e) => e.variants[1].go_name = "High".into(),
            Item::Error(e) => e.go_name = "ConfigErr".into(),
            Item::Object(o) => o.go_name = "Tally".into(),
            Item::Impl(i) => i.functions[0].go_name = "NewTally".into(),
            // A custom type has no Go name of its own (Go sees its builtin type).
            Item::Custom(_) => {}
            Item::Callback(c) => c.methods[0].go_name = "Progressed".into(),
        }
        assert_eq!(abi_hash(&item), abi_hash(&renamed), "{what} Go name");
        let mut documented = item.clone();
        let extra = Docs {
            lines: vec!["Other words.".into()],
            deprecated: Some(Deprecation {
                since: Some("1.0".into()),
                note: Some("gone".into()),
            }),
        };
        match &mut documented {
            Item::Function(f) => f.docs = extra,
            Item::Record(r) => r.fields[0].docs = extra,
            Item::Enum(e) => e.variants[1].docs = extra,
            Item::Error(e) => e.variants[1].fields[0].docs = extra,
            Item::Object(o) => o.docs = extra,
            Item::Impl(i) => i.functions[1].docs = extra,
            Item::Custom(c) => c.docs = extra,
            Item::Callback(c) => c.methods[0].docs = extra,
        }
        assert_eq!(abi_hash(&item), abi_hash(&documented), "{what}");
        let mut unfuzzed = item.clone();
        match &mut unfuzzed {
            Item::Function(f) => f.no_fuzz = true,
            Item::Impl(i) => i.functions[1].no_fuzz = true,
            _ => continue,
        }
        assert_eq!(abi_hash(&item), abi_hash(&unfuzzed), "{what} no_fuzz");
    }
}

#[test]
fn every_abi_relevant_change_changes_the_hash() {
    let items = fixed_items();
    let get = |what: &str| items.iter().find(|(w, _)| *w == what).unwrap().1.clone();
    let mut changed = Vec::new();

    let function = |change: fn(&mut Function)| {
        let Item::Function(mut f) = get("function") else {
            unreachable!()
        };
        change(&mut f);
        Item::Function(f)
    };
    changed.push((
        "function argument type",
        get("function"),
        function(|f| f.args[1].ty = Type::Option(Box::new(Type::U32))),
    ));
    changed.push((
        "function error type",
        get("function"),
        function(|f| f.ret.err = None),
    ));
    changed.push((
        "function fallibility",
        get("function"),
        function(|f| f.fallible = true),
    ));
    // A Go package that releases the arguments after the first call must not run against a
    // library whose iterator borrows them.
    changed.push((
        "iterator borrowing its arguments",
        get("function"),
        function(|f| f.borrows = true),
    ));

    let Item::Record(mut r) = get("record") else {
        unreachable!()
    };
    r.fields.swap(0, 1);
    changed.push(("record field order", get("record"), Item::Record(r)));

    let Item::Enum(mut e) = get("enum") else {
        unreachable!()
    };
    e.variants[1].value = 6;
    changed.push(("enum discriminant", get("enum"), Item::Enum(e)));

    let Item::Error(mut e) = get("error") else {
        unreachable!()
    };
    e.variants[1].tuple = false;
    changed.push(("error variant shape", get("error"), Item::Error(e)));

    let Item::Object(mut o) = get("object") else {
        unreachable!()
    };
    o.poison = false;
    changed.push(("object poisoning", get("object"), Item::Object(o)));

    let Item::Impl(mut i) = get("impl") else {
        unreachable!()
    };
    i.functions[1].fallible = false;
    changed.push(("method fallibility", get("impl"), Item::Impl(i)));

    let Item::Custom(mut c) = get("custom") else {
        unreachable!()
    };
    c.builtin = Type::U64;
    changed.push(("custom builtin type", get("custom"), Item::Custom(c)));
    let Item::Callback(mut c) = get("callback") else {
        unreachable!()
    };
    c.methods[0].args[0].ty = Type::U32;
    changed.push((
        "callback method argument type",
        get("callback"),
        Item::Callback(c),
    ));

    for (what, before, after) in changed {
        assert_ne!(abi_hash(&before), abi_hash(&after), "{what} must change the hash");
    }
}

/// What the proc-macro sees: rustc removes the attribute being expanded and passes its
/// arguments separately; every other attribute stays on the item.
fn parse_like_the_macro(item: &syn::Item) -> Option<Item> {
    let attrs = item_attrs(item)?;
    let (kind, args, _) = find_item_attr(attrs)?;
    let mut stripped = item.clone();
    let name = match kind {
        Kind::Export => "export",
        Kind::Record => "record",
        Kind::Error => "error",
        Kind::Object => "object",
        Kind::Custom => "custom",
        Kind::Callback => "callback",
    };
    let attrs = item_attrs_mut(&mut stripped).unwrap();
    let at = attrs.iter().position(|a| is_ferrogo_path(a, name)).unwrap();
    attrs.remove(at);
    Some(parse_item(kind, args, &stripped).expect("the macro accepts the item"))
}

fn item_attrs(item: &syn::Item) -> Option<&Vec<syn::Attribute>> {
    match item {
        syn::Item::Fn(i) => Some(&i.attrs),
        syn::Item::Struct(i) => Some(&i.attrs),
        syn::Item::Enum(i) => Some(&i.attrs),
        syn::Item::Impl(i) => Some(&i.attrs),
        syn::Item::Trait(i) => Some(&i.attrs),
        _ => None,
    }
}

fn item_attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Fn(i) => Some(&mut i.attrs),
        syn::Item::Struct(i) => Some(&mut i.attrs),
        syn::Item::Enum(i) => Some(&mut i.attrs),
        syn::Item::Impl(i) => Some(&mut i.attrs),
        syn::Item::Trait(i) => Some(&mut i.attrs),
        _ => None,
    }
}

/// The checksums the macro compiles into the library equal the ones the generator checks in Go.
fn assert_macro_and_generator_agree(crate_name: &str, lib_rs: &Path) {
    fn collect(items: &[syn::Item], out: &mut Vec<Item>) {
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    if let Some((_, inline)) = &m.content {
                        collect(inline, out);
                    }
                }
                other => out.extend(parse_like_the_macro(other)),
            }
        }
    }
    let source = std::fs::read_to_string(lib_rs).unwrap();
    let mut items = Vec::new();
    collect(&syn::parse_file(&source).unwrap().items, &mut items);
    let mut from_macro: Vec<(String, u64)> = items
        .iter()
        .flat_map(|item| checksums(crate_name, item))
        .collect();
    let krate = load_crate(crate_name, lib_rs).unwrap_or_else(|errors| {
        let msgs: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{} does not load:\n{}", lib_rs.display(), msgs.join("\n"))
    });
    // The generator may give constructors other Go names (see load.rs); all else is equal.
    let rust_only = |items: &[Item]| -> Vec<Item> {
        items
            .iter()
            .cloned()
            .map(|mut item| {
                if let Item::Impl(i) = &mut item {
                    i.functions.iter_mut().for_each(|f| f.go_name.clear());
                }
                item
            })
            .collect()
    };
    assert_eq!(rust_only(&krate.items), rust_only(&items), "{}", lib_rs.display());
    let mut from_generator: Vec<(String, u64)> = krate
        .items
        .iter()
        .flat_map(|item| checksums(crate_name, item))
        .collect();
    assert!(!from_macro.is_empty(), "{}", lib_rs.display());
    from_macro.sort();
    from_generator.sort();
    assert_eq!(from_macro, from_generator, "{}", lib_rs.display());
}

const SOURCE: &str = r#"
/// Parses.
#[deprecated(note = "x")]
#[ferrogo::export(fallible, name = "Parse")]
pub fn parse(s: &str, hint: Option<u16>, _: &ferrogo::Cancel) -> Result<Vec<Point>, ConfigError> {
    todo!()
}

#[derive(Clone)]
#[ferrogo::record(name = "Pt")]
pub struct Point {
    #[ferrogo(name = "XPos")]
    pub x: f64,
    pub level: Level,
}

#[ferrogo::record]
pub enum Level { Low, High = 7 }

#[ferrogo::error]
#[derive(Debug)]
pub enum ConfigError { Empty, Bad { at: u32 }, Io(String, i64) }

#[ferrogo::object(no_poison)]
pub struct Counter { n: std::sync::atomic::AtomicI64 }

#[ferrogo::export]
impl Counter {
    #[ferrogo::constructor]
    pub fn new(start: i64) -> Self { todo!() }
    #[ferrogo(constructor, name = "Zero")]
    pub fn zero() -> Result<Counter, ConfigError> { todo!() }
    #[ferrogo(fallible)]
    pub fn get(&self) -> i64 { 0 }
    pub fn fork(&self) -> Counter { todo!() }
    fn private(&self) {}
}

mod inner {
    #[ferrogo::export]
    pub fn nested() -> bool { true }
}
"#;

#[test]
fn macro_and_generator_compute_the_same_checksums() {
    let dir = std::env::temp_dir().join(format!("ferrogo-syntax-abi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lib_rs = dir.join("lib.rs");
    std::fs::write(&lib_rs, SOURCE).unwrap();
    let result = std::panic::catch_unwind(|| assert_macro_and_generator_agree("demo", &lib_rs));
    std::fs::remove_dir_all(&dir).ok();
    result.unwrap();
}

/// The golden cases of the Go generator double as inputs here.
#[test]
fn macro_and_generator_agree_on_the_golden_cases() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ferrogo-gen/tests/golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&golden)
        .expect("ferrogo-gen's golden cases")
        .map(|e| e.unwrap().path().join("lib.rs"))
        .filter(|p| p.is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for lib_rs in cases {
        let name = lib_rs
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_macro_and_generator_agree(&name, &lib_rs);
    }
}

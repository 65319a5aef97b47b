//! Reads a crate's source the way cxx's build-time generator does: lib.rs and the `mod` files it
//! declares, so the Go side can be generated without compiling the library.

use std::path::{Path, PathBuf};

use crate::attrs::find_item_attr;
use crate::check::check_crate;
use crate::ir::{Crate, FnKind, Item};
use crate::names;
use crate::parse::parse_item;
use crate::ABI_VERSION;

/// A problem found while reading a crate, with the place it points at.
#[derive(Debug)]
pub struct LoadError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column + 1,
                self.message
            )
        }
    }
}

impl LoadError {
    fn plain(file: &Path, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    fn from_syn(file: &Path, e: syn::Error) -> Vec<LoadError> {
        e.into_iter()
            .map(|e| {
                let start = e.span().start();
                LoadError {
                    file: file.to_path_buf(),
                    line: start.line,
                    column: start.column,
                    message: e.to_string(),
                }
            })
            .collect()
    }
}

/// Reads the crate whose library root is `lib_rs`, named `crate_name` (underscored).
pub fn load_crate(crate_name: &str, lib_rs: &Path) -> Result<Crate, Vec<LoadError>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    load_file(lib_rs, true, &mut items, &mut errors);
    let mut krate = Crate {
        name: crate_name.to_string(),
        abi_version: ABI_VERSION,
        items,
    };
    name_constructors_after_objects(&mut krate);
    if errors.is_empty() {
        if let Err(msgs) = check_crate(&krate) {
            errors.extend(msgs.into_iter().map(|m| LoadError::plain(lib_rs, m)));
        }
    }
    if errors.is_empty() {
        Ok(krate)
    } else {
        Err(errors)
    }
}

/// Constructors whose Go name was not given are named after their object's Go name, which the
/// macro (seeing the `impl` block alone) cannot know: `#[ferrogo::object(name = "Conn")] struct
/// Connection` with `fn new` gives `NewConn`, not `NewConnection`. Go names are not part of the
/// ABI hash, so the library and the Go package still agree.
fn name_constructors_after_objects(krate: &mut Crate) {
    let go_names: std::collections::HashMap<String, String> = krate
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Object(o) => Some((o.name.clone(), o.go_name.clone())),
            _ => None,
        })
        .collect();
    for item in &mut krate.items {
        let Item::Impl(i) = item else { continue };
        let Some(object_go) = go_names.get(&i.object) else {
            continue;
        };
        for f in &mut i.functions {
            let FnKind::Constructor { object } = &f.kind else {
                continue;
            };
            if f.go_name == names::constructor(&names::go_exported(object), &f.name) {
                f.go_name = names::constructor(object_go, &f.name);
            }
        }
    }
}

fn load_file(path: &Path, is_root: bool, items: &mut Vec<Item>, errors: &mut Vec<LoadError>) {
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => return errors.push(LoadError::plain(path, format!("cannot read: {e}"))),
    };
    let file = match syn::parse_file(&source) {
        Ok(f) => f,
        Err(e) => return errors.extend(LoadError::from_syn(path, e)),
    };
    // Where `mod foo;` looks for `foo.rs`: beside lib.rs/mod.rs, or in a folder named after the file.
    let dir = if is_root || path.file_name().is_some_and(|n| n == "mod.rs") {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        path.with_extension("")
    };
    load_items(&file.items, path, &dir, items, errors);
}

fn load_items(
    syn_items: &[syn::Item],
    path: &Path,
    dir: &Path,
    items: &mut Vec<Item>,
    errors: &mut Vec<LoadError>,
) {
    for item in syn_items {
        if let syn::Item::Mod(m) = item {
            if is_cfg_test(&m.attrs) {
                continue;
            }
            let sub = dir.join(m.ident.to_string());
            match &m.content {
                Some((_, inline)) => load_items(inline, path, &sub, items, errors),
                None => {
                    let file = mod_path_attr(&m.attrs).map(|p| dir.join(p)).or_else(|| {
                        [sub.with_extension("rs"), sub.join("mod.rs")]
                            .into_iter()
                            .find(|p| p.exists())
                    });
                    match file {
                        Some(file) => load_file(&file, false, items, errors),
                        None => errors.push(LoadError::plain(
                            path,
                            format!(
                                "cannot find the file of `mod {};` (looked for {}.rs and {}/mod.rs)",
                                m.ident,
                                sub.display(),
                                sub.display()
                            ),
                        )),
                    }
                }
            }
            continue;
        }
        let attrs = match item {
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            _ => continue,
        };
        if let Some((kind, args, _)) = find_item_attr(attrs) {
            match parse_item(kind, args, item) {
                Ok(it) => items.push(it),
                Err(e) => errors.extend(LoadError::from_syn(path, e)),
            }
        }
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test"))
}

fn mod_path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

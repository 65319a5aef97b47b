//! Reads a crate's source the way cxx's build-time generator does: lib.rs and the `mod` files it
//! declares, so the Go side can be generated without compiling the library.

use std::path::{Path, PathBuf};

use std::collections::{HashMap, HashSet};

use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::attrs::find_item_attr;
use crate::check::{check_crate, Site};
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
    /// A whole-crate check (which the compiler does not report), not a per-item one (which
    /// the attribute macros report too).
    pub whole_crate: bool,
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
            whole_crate: false,
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
                    whole_crate: false,
                }
            })
            .collect()
    }
}

/// Where each item, method, argument and field of the exported API is, for errors.
#[derive(Default)]
struct Sites {
    at: HashMap<Site, (PathBuf, usize, usize)>,
    /// Items carrying a ferrogo attribute that did not parse.
    failed: HashSet<String>,
}

impl Sites {
    fn add(&mut self, site: Site, file: &Path, span: proc_macro2::Span) {
        let start = span.start();
        self.at
            .entry(site)
            .or_insert((file.to_path_buf(), start.line, start.column));
    }

    fn error(&self, site: &Site, fallback: &Path, message: String) -> LoadError {
        let (file, line, column) = self
            .at
            .get(site)
            .cloned()
            .unwrap_or((fallback.to_path_buf(), 0, 0));
        LoadError {
            file,
            line,
            column,
            message,
            whole_crate: true,
        }
    }
}

/// Reads the crate whose library root is `lib_rs`, named `crate_name` (underscored). Every
/// problem is reported in one go: an item that does not parse does not hide the whole-crate
/// checks of the others.
pub fn load_crate(crate_name: &str, lib_rs: &Path) -> Result<Crate, Vec<LoadError>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut sites = Sites::default();
    load_file(lib_rs, true, &mut items, &mut errors, &mut sites);
    let mut krate = Crate {
        name: crate_name.to_string(),
        abi_version: ABI_VERSION,
        items,
    };
    name_constructors_after_objects(&mut krate);
    crate::stdtraits::yield_to_methods(&mut krate);
    if let Err(found) = check_crate(&krate) {
        errors.extend(
            found
                .into_iter()
                .filter(|e| e.unknown.as_ref().is_none_or(|n| !sites.failed.contains(n)))
                .map(|e| sites.error(&e.site, lib_rs, e.message)),
        );
    }
    if errors.is_empty() {
        Ok(krate)
    } else {
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Err(errors)
    }
}

/// Records where an annotated item's parts are.
fn record_sites(item: &syn::Item, file: &Path, sites: &mut Sites) {
    let args = |sites: &mut Sites, ty: Option<&str>, sig: &syn::Signature| {
        for input in &sig.inputs {
            if let syn::FnArg::Typed(pt) = input {
                if let syn::Pat::Ident(id) = &*pt.pat {
                    let site = Site::Arg {
                        ty: ty.map(str::to_string),
                        function: sig.ident.to_string(),
                        arg: id.ident.unraw().to_string(),
                    };
                    sites.add(site, file, pt.span());
                }
            }
        }
    };
    let fields = |sites: &mut Sites, ty: &str, variant: Option<String>, fields: &syn::Fields| {
        for (i, f) in fields.iter().enumerate() {
            let field = f
                .ident
                .as_ref()
                .map_or(format!("_{i}"), |id| id.unraw().to_string());
            let site = Site::Field {
                ty: ty.to_string(),
                variant: variant.clone(),
                field,
            };
            sites.add(site, file, f.span());
        }
    };
    match item {
        syn::Item::Fn(f) => {
            sites.add(Site::Item(f.sig.ident.to_string()), file, f.sig.ident.span());
            args(sites, None, &f.sig);
        }
        syn::Item::Struct(s) => {
            let name = s.ident.to_string();
            sites.add(Site::Item(name.clone()), file, s.ident.span());
            fields(sites, &name, None, &s.fields);
        }
        syn::Item::Enum(e) => {
            let name = e.ident.to_string();
            sites.add(Site::Item(name.clone()), file, e.ident.span());
            for v in &e.variants {
                fields(sites, &name, Some(v.ident.to_string()), &v.fields);
            }
        }
        syn::Item::Impl(i) => {
            let ty = match &*i.self_ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            };
            let Some(ty) = ty else { return };
            sites.add(Site::Impl(ty.clone()), file, i.self_ty.span());
            for it in &i.items {
                if let syn::ImplItem::Fn(m) = it {
                    let site = Site::Method {
                        ty: ty.clone(),
                        method: m.sig.ident.to_string(),
                    };
                    sites.add(site, file, m.sig.ident.span());
                    args(sites, Some(&ty), &m.sig);
                }
            }
        }
        syn::Item::Trait(t) => sites.add(Site::Item(t.ident.to_string()), file, t.ident.span()),
        _ => {}
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Trait(t) => Some(t.ident.to_string()),
        _ => None,
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

fn load_file(
    path: &Path,
    is_root: bool,
    items: &mut Vec<Item>,
    errors: &mut Vec<LoadError>,
    sites: &mut Sites,
) {
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
    load_items(&file.items, path, &dir, items, errors, sites);
}

fn load_items(
    syn_items: &[syn::Item],
    path: &Path,
    dir: &Path,
    items: &mut Vec<Item>,
    errors: &mut Vec<LoadError>,
    sites: &mut Sites,
) {
    for item in syn_items {
        if let syn::Item::Mod(m) = item {
            if is_cfg_test(&m.attrs) {
                continue;
            }
            let sub = dir.join(m.ident.to_string());
            match &m.content {
                Some((_, inline)) => load_items(inline, path, &sub, items, errors, sites),
                None => {
                    let file = mod_path_attr(&m.attrs).map(|p| dir.join(p)).or_else(|| {
                        [sub.with_extension("rs"), sub.join("mod.rs")]
                            .into_iter()
                            .find(|p| p.exists())
                    });
                    match file {
                        Some(file) => load_file(&file, false, items, errors, sites),
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
            syn::Item::Trait(i) => &i.attrs,
            _ => continue,
        };
        if let Some((kind, args, _)) = find_item_attr(attrs) {
            record_sites(item, path, sites);
            match parse_item(kind, args, item) {
                Ok(it) => {
                    // A record's or object's std traits: the methods the macro adds beside it.
                    let traits = match &it {
                        Item::Record(r) => crate::stdtraits::synth(&r.name, &r.traits),
                        Item::Object(o) => crate::stdtraits::synth(&o.name, &o.traits),
                        _ => None,
                    };
                    items.push(it);
                    items.extend(traits.map(|(imp, _)| Item::Impl(imp)));
                }
                Err(e) => {
                    sites.failed.extend(item_name(item));
                    errors.extend(LoadError::from_syn(path, e));
                }
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

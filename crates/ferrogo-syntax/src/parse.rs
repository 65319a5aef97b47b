//! syn items -> IR items. Every problem is collected with its span (not stop-at-first), so the
//! author sees all of them in one build.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Fields, FnArg, ImplItem, Pat, Signature, Visibility};

use crate::attrs::{docs, Kind, Options, IMPL_OPTS};
use crate::ir::*;
use crate::names;
use crate::types::{parse_return, parse_type, Position};

/// Accumulates errors so that one build reports all of them.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }

    /// Records the error of `r`, returning its value if there was none.
    pub fn check<T>(&mut self, r: syn::Result<T>) -> Option<T> {
        r.map_err(|e| self.push(e)).ok()
    }

    pub fn finish<T>(self, value: T) -> syn::Result<T> {
        match self.0 {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }
}

const EXPORT_OPTS: &[&str] = &["fallible", "blocking", "name", "no_fuzz", "strict_utf8"];
pub const METHOD_OPTS: &[&str] = &[
    "fallible",
    "blocking",
    "name",
    "constructor",
    "no_fuzz",
    "strict_utf8",
];
const OBJECT_OPTS: &[&str] = &["no_poison", "name"];
const TYPE_OPTS: &[&str] = &["name"];

/// Parses one item carrying `#[ferrogo::<kind>(<args>)]`.
pub fn parse_item(kind: Kind, args: TokenStream, item: &syn::Item) -> syn::Result<Item> {
    match (kind, item) {
        (Kind::Export, syn::Item::Fn(f)) => {
            let mut opts = Options::parse(args, EXPORT_OPTS)?;
            // `#[ferrogo(name = "...")]` on a function means the same as the export option.
            let helper = Options::from_helper_attrs(&f.attrs, EXPORT_OPTS)?;
            opts.name = opts.name.or(helper.name);
            opts.fallible |= helper.fallible;
            opts.blocking |= helper.blocking;
            opts.no_fuzz |= helper.no_fuzz;
            opts.strict_utf8 |= helper.strict_utf8;
            parse_fn(&f.sig, &f.attrs, &opts, FnKind::Free, None).map(Item::Function)
        }
        (Kind::Export, syn::Item::Impl(i)) => {
            let opts = Options::parse(args, IMPL_OPTS)?;
            parse_impl(i, &opts).map(Item::Impl)
        }
        (Kind::Record, syn::Item::Struct(s)) => {
            let opts = Options::parse(args, TYPE_OPTS)?;
            parse_record(s, &opts).map(Item::Record)
        }
        (Kind::Record, syn::Item::Enum(e)) => {
            let opts = Options::parse(args, TYPE_OPTS)?;
            parse_enum(e, &opts).map(Item::Enum)
        }
        (Kind::Error, syn::Item::Enum(e)) => {
            let opts = Options::parse(args, TYPE_OPTS)?;
            parse_error(e, &opts).map(Item::Error)
        }
        (Kind::Object, syn::Item::Struct(s)) => {
            let opts = Options::parse(args, OBJECT_OPTS)?;
            parse_object(s, &opts).map(Item::Object)
        }
        (Kind::Custom, syn::Item::Struct(st)) => parse_custom(st, args).map(Item::Custom),
        (Kind::Callback, syn::Item::Trait(t)) => crate::callbacks::parse_callback(t, args).map(Item::Callback),
        (Kind::Callback, other) => Err(syn::Error::new(
            item_span(other),
            "`#[ferrogo::callback]` goes on a trait (`trait Progress: Send + Sync { ... }`) that Go code implements",
        )),
        (Kind::Custom, other) => Err(syn::Error::new(
            item_span(other),
            "`#[ferrogo::custom(Builtin)]` goes on a struct of this crate (a newtype such as `struct Url(url::Url)`) that converts from and into a builtin type",
        )),
        (Kind::Export, other) => Err(syn::Error::new(
            item_span(other),
            "`#[ferrogo::export]` goes on a `fn` or on an `impl` block of a `#[ferrogo::object]`; use `#[ferrogo::record]`, `#[ferrogo::error]` or `#[ferrogo::object]` for types",
        )),
        (Kind::Record, other) => Err(syn::Error::new(
            item_span(other),
            "`#[ferrogo::record]` goes on a struct with named fields or a C-like enum",
        )),
        (Kind::Error, other) => Err(syn::Error::new(
            item_span(other),
            "`#[ferrogo::error]` goes on an enum (its variants become Go error values)",
        )),
        (Kind::Object, other) => Err(syn::Error::new(
            item_span(other),
            "`#[ferrogo::object]` goes on a struct; export its methods with `#[ferrogo::export] impl`",
        )),
    }
}

fn item_span(item: &syn::Item) -> proc_macro2::Span {
    match item {
        syn::Item::Struct(s) => s.ident.span(),
        syn::Item::Enum(e) => e.ident.span(),
        syn::Item::Fn(f) => f.sig.ident.span(),
        syn::Item::Trait(t) => t.ident.span(),
        other => other.span(),
    }
}

fn go_name(opts: &Options, default: String) -> String {
    opts.name.as_ref().map(|n| n.value()).unwrap_or(default)
}

/// `what` is the singular noun of the item (`function`, `record`, ...).
fn no_generics(errors: &mut Errors, generics: &syn::Generics, what: &str) {
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        let message = format!(
            "a generic {what} cannot cross to Go: remove its generic parameters and export a concrete {what} (one per type Go needs)"
        );
        match &generics.where_clause {
            Some(w) if generics.params.is_empty() => errors.push(syn::Error::new_spanned(w, message)),
            _ => errors.push(syn::Error::new_spanned(generics, message)),
        }
    }
}

pub fn parse_fn(
    sig: &Signature,
    attrs: &[syn::Attribute],
    opts: &Options,
    kind: FnKind,
    self_ty: Option<&str>,
) -> syn::Result<Function> {
    let mut errors = Errors::default();
    let is_async = sig.asyncness.is_some();
    if let Some(u) = &sig.unsafety {
        errors.push(syn::Error::new(
            u.span(),
            "`unsafe fn` cannot be exported: Go cannot uphold its safety contract; export a safe wrapper",
        ));
    }
    if let Some(v) = &sig.variadic {
        errors.push(syn::Error::new(v.span(), "variadic functions cannot be exported"));
    }
    no_generics(&mut errors, &sig.generics, "function");

    let mut args = Vec::new();
    let mut has_receiver = false;
    let mut receiver = Receiver::Shared;
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(r) => {
                has_receiver = true;
                receiver = match (&r.reference, r.mutability) {
                    (None, _) => Receiver::Owned,
                    (Some(_), Some(_)) => Receiver::Exclusive,
                    (Some(_), None) => Receiver::Shared,
                };
                if r.colon_token.is_some() {
                    errors.push(syn::Error::new_spanned(
                        r,
                        "write the receiver as `&self`, `&mut self` or `self`, without a type",
                    ));
                }
            }
            FnArg::Typed(pt) => {
                let Some(name) = errors.check(arg_name(
                    pt,
                    args.len(),
                    "exported arguments need a plain name (`point: Point`), not a pattern: destructure inside the function body",
                )) else {
                    continue;
                };
                let ty = match self_ty {
                    Some(obj) => with_self(&pt.ty, obj),
                    None => (*pt.ty).clone(),
                };
                if let Some(ty) = errors.check(parse_type(&ty, Position::Arg)) {
                    args.push(Arg { name, ty });
                }
            }
        }
    }
    if args.iter().filter(|a| a.ty == Type::Cancel).count() > 1 {
        errors.push(syn::Error::new_spanned(
            &sig.inputs,
            "a function takes at most one `&ferrogo::Cancel` argument (Go passes one `context.Context`): remove the others",
        ));
    }

    let ret = errors.check(parse_return(&sig.output, self_ty));
    if let Some(r) = &ret {
        if matches!(r.ok, Type::Iter(_)) && args.iter().any(|a| matches!(a.ty, Type::Closure { .. })) {
            errors.push(syn::Error::new_spanned(
                &sig.inputs,
                "a function returning an iterator cannot take a Go func: the iterator runs after the call, and the func is valid only during it; declare a `#[ferrogo::callback]` trait and take `Box<dyn Trait>` instead",
            ));
        }
        if matches!(r.ok, Type::Iter(_)) && args.iter().any(|a| a.ty == Type::Cancel) {
            errors.push(syn::Error::new_spanned(
                &sig.inputs,
                "a function returning `ferrogo::Iter` cannot take `&ferrogo::Cancel`: Go stops an iteration by breaking out of its range loop",
            ));
        }
    }
    match &kind {
        FnKind::Constructor { object } => {
            if has_receiver {
                errors.push(syn::Error::new(
                    sig.ident.span(),
                    "a `#[ferrogo::constructor]` takes no `self`: it makes a new object; remove the receiver, or drop `#[ferrogo::constructor]` to export a method",
                ));
            }
            if let Some(r) = &ret {
                if r.ok != Type::Named(object.clone()) {
                    errors.push(match &sig.output {
                        syn::ReturnType::Type(_, ty) => syn::Error::new_spanned(
                            ty,
                            "a `#[ferrogo::constructor]` returns `Self` or `Result<Self, E>`; export other functions without `#[ferrogo::constructor]`",
                        ),
                        syn::ReturnType::Default => syn::Error::new(
                            sig.ident.span(),
                            "a `#[ferrogo::constructor]` returns `Self` or `Result<Self, E>`: add `-> Self`",
                        ),
                    });
                }
            }
        }
        FnKind::Method { .. } if !has_receiver => errors.push(syn::Error::new(
            sig.ident.span(),
            "exported associated functions need `&self`, or `#[ferrogo::constructor]` if they return `Self`; export a free `fn` otherwise",
        )),
        _ => {}
    }
    let kind = match kind {
        FnKind::Method { object, .. } => FnKind::Method { object, receiver },
        other => other,
    };

    let rust_name = sig.ident.to_string();
    let default_go = match &kind {
        FnKind::Constructor { object } => names::constructor(&names::go_exported(object), &rust_name),
        _ => names::go_exported(&rust_name),
    };
    if opts.blocking && ret.as_ref().is_some_and(|r| matches!(r.ok, Type::Iter(_))) {
        errors.push(syn::Error::new(
            sig.ident.span(),
            "`blocking` does not apply to functions returning `ferrogo::Iter`: each chunk is a short call; mark the work behind the iterator's items instead, or return a `Vec`",
        ));
    }
    let mut f = Function {
        go_name: go_name(opts, default_go),
        name: rust_name,
        docs: docs(attrs),
        kind,
        args,
        ret: ret.unwrap_or(Return {
            ok: Type::Unit,
            err: None,
        }),
        fallible: opts.fallible,
        blocking: opts.blocking,
        no_fuzz: opts.no_fuzz,
        is_async,
    };
    // Strict UTF-8 needs a way to report invalid text: an `error` result, which `fallible` adds
    // to a function taking text that has none (ADR 0016).
    f.fallible |= opts.strict_utf8 && !f.returns_error() && f.args.iter().any(|a| a.ty.may_hold_text());
    if is_async {
        crate::asyncs::check(&f, sig, &mut errors);
    }
    errors.finish(f)
}

/// `ty` with `Self` spelled as `obj`, so `&Self` and `Vec<Self>` arguments parse like the type.
/// An argument's name (`_` is `arg<index>`), or `message` at a pattern the name cannot come from.
pub(crate) fn arg_name(pt: &syn::PatType, index: usize, message: &str) -> syn::Result<String> {
    match &*pt.pat {
        Pat::Ident(id) => Ok(id.ident.unraw().to_string()),
        Pat::Wild(_) => Ok(format!("arg{index}")),
        other => Err(syn::Error::new_spanned(other, message)),
    }
}

fn with_self(ty: &syn::Type, obj: &str) -> syn::Type {
    struct Replace<'a>(&'a str);
    impl syn::visit_mut::VisitMut for Replace<'_> {
        fn visit_type_path_mut(&mut self, p: &mut syn::TypePath) {
            if p.qself.is_none() && p.path.is_ident("Self") {
                p.path = syn::Ident::new(self.0, p.path.segments[0].ident.span()).into();
                return;
            }
            syn::visit_mut::visit_type_path_mut(self, p);
        }
    }
    let mut ty = ty.clone();
    syn::visit_mut::VisitMut::visit_type_mut(&mut Replace(obj), &mut ty);
    ty
}

/// `opts`: the block's own options, which apply to every method.
fn parse_impl(i: &syn::ItemImpl, opts: &Options) -> syn::Result<Impl> {
    let mut errors = Errors::default();
    if let Some((_, path, _)) = &i.trait_ {
        return Err(syn::Error::new(
            path.span(),
            "`#[ferrogo::export]` goes on an inherent `impl Type` block, not a trait impl",
        ));
    }
    no_generics(&mut errors, &i.generics, "impl block");
    let object = match &*i.self_ty {
        syn::Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            p.path.segments[0].ident.to_string()
        }
        other => {
            return Err(syn::Error::new(
                other.span(),
                "`#[ferrogo::export] impl` needs a plain type name of a `#[ferrogo::object]`",
            ))
        }
    };
    let mut functions = Vec::new();
    for item in &i.items {
        let ImplItem::Fn(m) = item else { continue };
        // Only `pub` methods are exported; private helpers stay Rust-only.
        if !matches!(m.vis, Visibility::Public(_)) {
            continue;
        }
        let Some(mut method_opts) = errors.check(Options::from_helper_attrs(&m.attrs, METHOD_OPTS)) else {
            continue;
        };
        method_opts.strict_utf8 |= opts.strict_utf8;
        let opts = method_opts;
        let kind = if opts.constructor {
            FnKind::Constructor {
                object: object.clone(),
            }
        } else {
            FnKind::Method {
                object: object.clone(),
                receiver: Receiver::Shared,
            }
        };
        if let Some(f) = errors.check(parse_fn(&m.sig, &m.attrs, &opts, kind, Some(&object))) {
            functions.push(f);
        }
    }
    errors.finish(Impl { object, functions })
}

fn parse_record(s: &syn::ItemStruct, opts: &Options) -> syn::Result<Record> {
    let mut errors = Errors::default();
    no_generics(&mut errors, &s.generics, "record");
    let fields = match &s.fields {
        Fields::Named(named) => named
            .named
            .iter()
            .filter_map(|f| errors.check(parse_field(f, None, 0, "")))
            .collect(),
        other => {
            errors.push(syn::Error::new(
                other.span(),
                "records need named fields (`struct Point { x: f64, y: f64 }`)",
            ));
            Vec::new()
        }
    };
    let name = s.ident.to_string();
    errors.finish(Record {
        go_name: go_name(opts, names::go_exported(&name)),
        name,
        docs: docs(&s.attrs),
        fields,
    })
}

/// A record or variant field; `index` and `tuple_len` describe tuple fields (`Value` when alone,
/// `<many>0`, `<many>1`, ... otherwise: `F0` for enum variants, `Value0` for error variants).
fn parse_field(f: &syn::Field, index: Option<usize>, tuple_len: usize, many: &str) -> syn::Result<Field> {
    let opts = Options::from_helper_attrs(&f.attrs, TYPE_OPTS)?;
    let name = match (&f.ident, index) {
        (Some(id), _) => id.unraw().to_string(),
        (None, Some(i)) => format!("_{i}"),
        (None, None) => unreachable!("named fields have identifiers"),
    };
    let default_go = match index {
        Some(_) if f.ident.is_none() && tuple_len == 1 => "Value".to_string(),
        Some(i) if f.ident.is_none() => format!("{many}{i}"),
        _ => names::go_exported(&name),
    };
    Ok(Field {
        go_name: go_name(&opts, default_go),
        name,
        docs: docs(&f.attrs),
        ty: parse_type(&f.ty, Position::Field)?,
    })
}

/// The fields of an enum or error variant, and whether they are a tuple; `many` names tuple
/// fields when there are several (`F` gives `F0`, `F1`, ...).
fn variant_fields(errors: &mut Errors, fields: &Fields, many: &str) -> (Vec<Field>, bool) {
    match fields {
        Fields::Unit => (Vec::new(), false),
        Fields::Named(n) => (
            n.named
                .iter()
                .filter_map(|f| errors.check(parse_field(f, None, 0, many)))
                .collect(),
            false,
        ),
        Fields::Unnamed(u) => (
            u.unnamed
                .iter()
                .enumerate()
                .filter_map(|(i, f)| errors.check(parse_field(f, Some(i), u.unnamed.len(), many)))
                .collect(),
            true,
        ),
    }
}

fn parse_enum(e: &syn::ItemEnum, opts: &Options) -> syn::Result<Enum> {
    let mut errors = Errors::default();
    no_generics(&mut errors, &e.generics, "enum");
    let type_go = go_name(opts, names::go_exported(&e.ident.to_string()));
    let mut next = 0i64;
    let mut variants = Vec::new();
    let has_data = e.variants.iter().any(|v| !matches!(v.fields, Fields::Unit));
    for v in &e.variants {
        let (fields, tuple) = variant_fields(&mut errors, &v.fields, "F");
        if let (true, Some((_, expr))) = (has_data, &v.discriminant) {
            errors.push(syn::Error::new_spanned(
                expr,
                "an enum with data crosses by variant, not by discriminant: remove the `= value`",
            ));
        }
        if let Some((_, expr)) = &v.discriminant {
            match discriminant(expr) {
                Some(value) => next = value,
                None => errors.push(syn::Error::new_spanned(
                    expr,
                    "`#[ferrogo::record]` enum discriminants must be integer literals (`Low = 10`), so the Go constants can be written from source",
                )),
            }
        }
        let Ok(value) = i32::try_from(next) else {
            errors.push(syn::Error::new(
                v.ident.span(),
                format!("the discriminant of `{}` ({next}) does not fit the Go enum type `int32`: use a value from -2147483648 to 2147483647", v.ident),
            ));
            continue;
        };
        let vopts = errors
            .check(Options::from_helper_attrs(&v.attrs, TYPE_OPTS))
            .unwrap_or_default();
        let name = v.ident.to_string();
        variants.push(EnumVariant {
            go_name: go_name(&vopts, format!("{type_go}{}", names::go_exported(&name))),
            name,
            docs: docs(&v.attrs),
            value,
            fields,
            tuple,
        });
        next += 1;
    }
    errors.finish(Enum {
        name: e.ident.to_string(),
        go_name: type_go,
        docs: docs(&e.attrs),
        variants,
    })
}

fn discriminant(expr: &syn::Expr) -> Option<i64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => discriminant(expr).map(|v| -v),
        _ => None,
    }
}

fn parse_error(e: &syn::ItemEnum, opts: &Options) -> syn::Result<ErrorEnum> {
    let mut errors = Errors::default();
    no_generics(&mut errors, &e.generics, "error enum");
    if e.variants.is_empty() {
        errors.push(syn::Error::new(
            e.ident.span(),
            "a `#[ferrogo::error]` enum needs at least one variant",
        ));
    }
    let mut variants = Vec::new();
    for v in &e.variants {
        let vopts = errors
            .check(Options::from_helper_attrs(&v.attrs, TYPE_OPTS))
            .unwrap_or_default();
        let name = v.ident.to_string();
        let (fields, tuple) = variant_fields(&mut errors, &v.fields, "Value");
        let default_go = if fields.is_empty() {
            names::go_sentinel(&name)
        } else {
            names::go_error_struct(&name)
        };
        variants.push(ErrorVariant {
            go_name: go_name(&vopts, default_go),
            name,
            docs: docs(&v.attrs),
            fields,
            tuple,
        });
    }
    let name = e.ident.to_string();
    errors.finish(ErrorEnum {
        go_name: go_name(opts, names::go_exported(&name)),
        name,
        docs: docs(&e.attrs),
        variants,
    })
}

fn parse_custom(s: &syn::ItemStruct, args: TokenStream) -> syn::Result<Custom> {
    let mut errors = Errors::default();
    no_generics(&mut errors, &s.generics, "custom type");
    let builtin = match syn::parse2::<syn::Type>(args) {
        Ok(ty) => errors.check(parse_type(&ty, Position::Field)),
        Err(_) => {
            errors.push(syn::Error::new(
                s.ident.span(),
                "name the builtin type it crosses as: `#[ferrogo::custom(String)]`",
            ));
            None
        }
    };
    if let Some(b) = &builtin {
        if matches!(b, Type::Named(_)) {
            errors.push(syn::Error::new(
                s.ident.span(),
                "a custom type crosses as a builtin type (`String`, `u64`, `Vec<u8>`, ...), not as another ferrogo type",
            ));
        }
    }
    let name = s.ident.to_string();
    errors.finish(Custom {
        name,
        docs: docs(&s.attrs),
        builtin: builtin.unwrap_or(Type::Unit),
    })
}

fn parse_object(s: &syn::ItemStruct, opts: &Options) -> syn::Result<Object> {
    let mut errors = Errors::default();
    no_generics(&mut errors, &s.generics, "object");
    let name = s.ident.to_string();
    errors.finish(Object {
        go_name: go_name(opts, names::go_exported(&name)),
        name,
        docs: docs(&s.attrs),
        poison: !opts.no_poison,
    })
}

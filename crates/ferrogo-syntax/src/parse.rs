//! syn items -> IR items. Every problem is collected with its span (not stop-at-first), so the
//! author sees all of them in one build.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Fields, FnArg, ImplItem, Pat, Signature, Visibility};

use crate::attrs::{docs, Kind, Options, IMPL_OPTS};
use crate::borrows::{kept, Kept};
use crate::ir::*;
use crate::names;
use crate::types::{lazy_borrowing_result, parse_return, parse_type, static_borrow, Position};

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
const OBJECT_OPTS: &[&str] = &["no_poison", "name", crate::attrs::TRAITS];
const TYPE_OPTS: &[&str] = &["name"];
const RECORD_OPTS: &[&str] = &["name", crate::attrs::TRAITS];

/// Parses one item carrying `#[ferrogo::<kind>(<args>)]`.
pub fn parse_item(kind: Kind, args: TokenStream, item: &syn::Item) -> syn::Result<Item> {
    match (kind, item) {
        (Kind::Export, syn::Item::Fn(f)) => {
            let opts = item_options(kind, args, &f.attrs, EXPORT_OPTS)?;
            parse_fn(&f.sig, &f.attrs, &opts, FnKind::Free, None).map(Item::Function)
        }
        (Kind::Export, syn::Item::Impl(i)) => {
            let opts = Options::parse(args, IMPL_OPTS)?;
            parse_impl(i, &opts).map(Item::Impl)
        }
        (Kind::Record, syn::Item::Struct(s)) => {
            let opts = item_options(kind, args, &s.attrs, RECORD_OPTS)?;
            parse_record(s, &opts).map(Item::Record)
        }
        (Kind::Record, syn::Item::Enum(e)) => {
            let opts = item_options(kind, args, &e.attrs, TYPE_OPTS)?;
            parse_enum(e, &opts).map(Item::Enum)
        }
        (Kind::Error, syn::Item::Enum(e)) => {
            let opts = item_options(kind, args, &e.attrs, TYPE_OPTS)?;
            parse_error(e, &opts).map(Item::Error)
        }
        (Kind::Object, syn::Item::Struct(s)) => {
            let opts = item_options(kind, args, &s.attrs, OBJECT_OPTS)?;
            parse_object(s, &opts).map(Item::Object)
        }
        (Kind::Custom, syn::Item::Struct(st)) => parse_custom(st, args).map(Item::Custom),
        (Kind::Callback, syn::Item::Trait(t)) => {
            let opts = item_options(kind, args, &t.attrs, crate::callbacks::OPTS)?;
            crate::callbacks::parse_callback(t, &opts).map(Item::Callback)
        }
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

/// The options of `#[ferrogo::<kind>(args)]` and of the `#[ferrogo(...)]` helpers on the item,
/// which mean the same (`#[ferrogo(name = "Go")]` below `#[ferrogo::callback]` names the Go
/// interface). A helper must follow the attribute: Rust hands an attribute macro the attributes
/// after it, and rejects one before it as an unknown attribute before any ferrogo code runs, so
/// only the generator, which reads the source, sees one there and says what to do.
fn item_options(
    kind: Kind,
    args: TokenStream,
    attrs: &[syn::Attribute],
    allowed: &[&str],
) -> syn::Result<Options> {
    let mut opts = Options::parse(args, allowed)?;
    let attribute = attrs
        .iter()
        .position(|a| crate::attrs::is_ferrogo_path(a, kind.ident()));
    if let Some(at) = attribute {
        if let Some(helper) = attrs[..at].iter().find(|a| a.path().is_ident("ferrogo")) {
            return Err(syn::Error::new_spanned(
                helper,
                format!(
                    "`#[ferrogo(...)]` must come after `#[ferrogo::{0}]`: Rust reads attributes in order and knows `#[ferrogo(...)]` only once `#[ferrogo::{0}]` has run (before it, rustc says \"cannot find attribute `ferrogo`\"); move it below, or write the options in `#[ferrogo::{0}(...)]`",
                    kind.ident()
                ),
            ));
        }
    }
    let helper = Options::from_helper_attrs(attrs, allowed)?;
    if let (Some(a), Some(b)) = (&opts.name, &helper.name) {
        if a.value() != b.value() {
            return Err(syn::Error::new(
                b.span(),
                format!(
                    "two Go names: `#[ferrogo::{}(name = {:?})]` and `#[ferrogo(name = {:?})]`; keep one",
                    kind.ident(),
                    a.value(),
                    b.value()
                ),
            ));
        }
    }
    opts.name = opts.name.or(helper.name);
    opts.fallible |= helper.fallible;
    opts.no_poison |= helper.no_poison;
    opts.blocking |= helper.blocking;
    opts.no_fuzz |= helper.no_fuzz;
    opts.strict_utf8 |= helper.strict_utf8;
    opts.traits.extend(helper.traits);
    Ok(opts)
}

/// Whether `generics` declares lifetimes and nothing else (`<'a>`): not generic in Go's terms.
pub fn lifetimes_only(generics: &syn::Generics) -> bool {
    generics.where_clause.is_none()
        && generics
            .params
            .iter()
            .all(|p| matches!(p, syn::GenericParam::Lifetime(_)))
}

/// Why a `what` takes no lifetime parameters, and what to write instead.
fn lifetimes_message(what: &str) -> String {
    match what {
        "function" => "an exported function's lifetimes need no `where` clause: Go lends the arguments for the call (or a lazy iterator's loop), so write `fn f<'a>(s: &'a str)` or elide them".to_string(),
        "impl block" => "an exported impl block needs no lifetime parameters: an object owns its data, and its methods borrow their arguments for the call only (`name: &str`); remove the `<'a>`".to_string(),
        _ => format!(
            "a {what} with lifetime parameters cannot cross to Go: Go keeps its own copy of a record or error and holds an object past any Rust borrow, so it must own its data; use owned fields (`String`, `Vec<u8>`, `Vec<T>`) and remove the `<'a>`"
        ),
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
        let message = if lifetimes_only(generics) {
            lifetimes_message(what)
        } else {
            format!(
                "a generic {what} cannot cross to Go: remove its generic parameters and export a concrete {what} (one per type Go needs)"
            )
        };
        match &generics.where_clause {
            Some(w) if generics.params.is_empty() => errors.push(syn::Error::new_spanned(w, message)),
            _ => errors.push(syn::Error::new_spanned(generics, message)),
        }
    }
}

/// A function's generics: lifetimes only (the shim instantiates them for Go's memory), none of
/// them outliving `'static`, and no `where` clause.
fn function_lifetimes(errors: &mut Errors, generics: &syn::Generics) {
    let types_or_consts = generics
        .params
        .iter()
        .any(|p| !matches!(p, syn::GenericParam::Lifetime(_)));
    if types_or_consts || generics.where_clause.is_some() {
        no_generics(errors, generics, "function");
        return;
    }
    for p in &generics.params {
        let syn::GenericParam::Lifetime(l) = p else {
            continue;
        };
        if let Some(b) = l.bounds.iter().find(|b| b.ident == "static") {
            errors.push(syn::Error::new(b.span(), STATIC_BORROW));
        }
    }
}

const STATIC_BORROW: &str = "Go lends an argument's memory for the call (or, to a lazy iterator, until its loop ends), never for `'static`: remove `'static` (`&str`, or a lifetime of the function), or take an owned value (`String`, `Vec<u8>`)";

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
    function_lifetimes(&mut errors, &sig.generics);

    let mut args = Vec::new();
    // Each argument's type as written, for errors about it found later.
    let mut arg_types = Vec::new();
    let mut has_receiver = false;
    let mut receiver = Receiver::Shared;
    let mut receiver_span = sig.ident.span();
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(r) => {
                has_receiver = true;
                receiver = match (&r.reference, r.mutability) {
                    (None, _) => Receiver::Owned,
                    (Some(_), Some(_)) => Receiver::Exclusive,
                    (Some(_), None) => Receiver::Shared,
                };
                receiver_span = r.span();
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
                if let Some(span) = static_borrow(&ty) {
                    errors.push(syn::Error::new(span, STATIC_BORROW));
                }
                if let Some(ty) = errors.check(parse_type(&ty, Position::Arg)) {
                    args.push(Arg { name, ty });
                    arg_types.push(&*pt.ty);
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
    let lazy =
        ret.as_ref().is_some_and(|r| matches!(r.ok, Type::Iter(_))) && lazy_borrowing_result(&sig.output);
    let borrows = lazy
        && borrowing_iterator(
            &mut errors,
            &args,
            &arg_types,
            has_receiver.then_some((receiver, receiver_span)),
        );
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
        borrows,
    };
    // Strict UTF-8 needs a way to report invalid text: an `error` result, which `fallible` adds
    // to a function taking text that has none (ADR 0016).
    f.fallible |= opts.strict_utf8 && !f.returns_error() && f.args.iter().any(|a| a.ty.may_hold_text());
    if is_async {
        crate::asyncs::check(&f, sig, &mut errors);
    }
    errors.finish(f)
}

/// Checks what a lazy iterator result may borrow (ADR 0014): arguments Go can keep until the
/// loop ends, and a `&self` receiver (the loop holds the object). Returns whether it borrows
/// anything at all.
fn borrowing_iterator(
    errors: &mut Errors,
    args: &[Arg],
    types: &[&syn::Type],
    receiver: Option<(Receiver, proc_macro2::Span)>,
) -> bool {
    let mut borrows = false;
    for (a, ty) in args.iter().zip(types) {
        match kept(&a.ty) {
            Ok(Kept::Owned) => {}
            Ok(_) => borrows = true,
            Err(why) => errors.push(syn::Error::new_spanned(ty, why)),
        }
    }
    match receiver {
        Some((Receiver::Shared, _)) => borrows = true,
        Some((Receiver::Exclusive, span)) => errors.push(syn::Error::new(
            span,
            "a `&mut self` method cannot return an iterator that may borrow the object (Go would hold it locked for the whole loop): take `&self` (the loop then holds the object shared), or return one that owns its data (`impl Iterator<Item = T> + 'static`, `ferrogo::Iter<T>`) or a `Vec<T>`",
        )),
        Some((Receiver::Owned, _)) | None => {}
    }
    borrows
}

/// An argument's name (`_` is `arg<index>`), or `message` at a pattern the name cannot come from.
pub(crate) fn arg_name(pt: &syn::PatType, index: usize, message: &str) -> syn::Result<String> {
    match &*pt.pat {
        Pat::Ident(id) => Ok(id.ident.unraw().to_string()),
        Pat::Wild(_) => Ok(format!("arg{index}")),
        other => Err(syn::Error::new_spanned(other, message)),
    }
}

/// `ty` with `Self` spelled as `obj`, so `&Self` and `Vec<Self>` arguments and fields parse (and
/// expand, in the macro's mirror structs) like the type.
pub fn with_self(ty: &syn::Type, obj: &str) -> syn::Type {
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
pub(crate) fn parse_impl(i: &syn::ItemImpl, opts: &Options) -> syn::Result<Impl> {
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
            .filter_map(|f| errors.check(parse_field(f, None, 0, "", &s.ident)))
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
    let record_go = go_name(opts, names::go_exported(&name));
    // (Fields that failed to parse are reported already.)
    if fields.len() == s.fields.len() {
        for (f, field) in s.fields.iter().zip(&fields) {
            holds_itself(&mut errors, f, field, &name, &record_go, true);
        }
    }
    let mut traits = type_traits(&mut errors, Kind::Record, &s.attrs, &opts.traits);
    let declared_traits = crate::stdtraits::from_names(&opts.traits);
    if fields.len() == s.fields.len() {
        for (f, field) in s.fields.iter().zip(&fields) {
            let Some(t) = traits.iter().copied().find(|t| t.go_method() == field.go_name) else {
                continue;
            };
            if declared_traits.contains(&t) {
                errors.push(syn::Error::new(
                    f.ident.as_ref().map_or_else(|| f.span(), |i| i.span()),
                    format!(
                        "field `{}` becomes the Go field `{}`, but the declared `{:?}` gives the Go type a method `{}` too (Go allows one of them): rename the field with `#[ferrogo(name = \"...\")]` or drop the trait",
                        field.name, field.go_name, t, t.go_method()
                    ),
                ));
            } else {
                // A derived trait yields to the author's field, as to the author's method.
                traits.retain(|x| *x != t);
            }
        }
    }
    errors.finish(Record {
        go_name: record_go,
        name,
        docs: docs(&s.attrs),
        fields,
        traits,
        declared_traits,
    })
}

/// A record or variant field of the type `owner` (which `Self` names); `index` and `tuple_len`
/// describe tuple fields (`Value` when alone, `<many>0`, `<many>1`, ... otherwise: `F0` for enum
/// variants, `Value0` for error variants).
fn parse_field(
    f: &syn::Field,
    index: Option<usize>,
    tuple_len: usize,
    many: &str,
    owner: &syn::Ident,
) -> syn::Result<Field> {
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
        ty: parse_type(&with_self(&f.ty, &owner.to_string()), Position::Field)?,
    })
}

/// Refuses a field through which a value of `name` holds a `name` with no indirection (which
/// Rust cannot size) or, in a record, with only boxes (so every value holds another: none is
/// finite, and Go could not declare the struct). A `Vec`, a map, or for a record an `Option` of
/// a box, ends a value; an enum's other variants do.
fn holds_itself(errors: &mut Errors, f: &syn::Field, field: &Field, name: &str, go: &str, record: bool) {
    let (mut ty, mut boxed, mut optional) = (&field.ty, false, false);
    loop {
        match ty {
            Type::Boxed(inner) => (ty, boxed) = (inner, true),
            Type::Option(inner) => (ty, optional) = (inner, true),
            _ => break,
        }
    }
    if *ty != Type::Named(name.to_string()) {
        return;
    }
    let message = match (boxed, record) {
        (false, true) => format!(
            "`{name}` holds itself by value, which Rust cannot size: hold it through a box, `Option<Box<{name}>>` (Go `*{go}`), or a list, `Vec<{name}>` (Go `[]{go}`)"
        ),
        (false, false) => format!(
            "`{name}` holds itself by value, which Rust cannot size: hold it through a box, `Box<{name}>` (Go `{go}`, the interface), or a list, `Vec<{name}>` (Go `[]{go}`)"
        ),
        (true, true) if !optional => format!(
            "every `{name}` holds another `{name}` (a box is never empty), so no value of it is finite, and Go cannot declare a struct that contains itself: make the link optional, `Option<Box<{name}>>` (Go `*{go}`)"
        ),
        _ => return,
    };
    errors.push(syn::Error::new_spanned(&f.ty, message));
}

/// The fields of an enum or error variant, and whether they are a tuple; `many` names tuple
/// fields when there are several (`F` gives `F0`, `F1`, ...).
fn variant_fields(
    errors: &mut Errors,
    fields: &Fields,
    many: &str,
    owner: &syn::Ident,
) -> (Vec<Field>, bool) {
    match fields {
        Fields::Unit => (Vec::new(), false),
        Fields::Named(n) => (
            n.named
                .iter()
                .filter_map(|f| errors.check(parse_field(f, None, 0, many, owner)))
                .collect(),
            false,
        ),
        Fields::Unnamed(u) => (
            u.unnamed
                .iter()
                .enumerate()
                .filter_map(|(i, f)| errors.check(parse_field(f, Some(i), u.unnamed.len(), many, owner)))
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
        let (fields, tuple) = variant_fields(&mut errors, &v.fields, "F", &e.ident);
        if fields.len() == v.fields.len() {
            for (f, field) in v.fields.iter().zip(&fields) {
                holds_itself(&mut errors, f, field, &e.ident.to_string(), &type_go, false);
            }
        }
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
        let (fields, tuple) = variant_fields(&mut errors, &v.fields, "Value", &e.ident);
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
    let traits = type_traits(&mut errors, Kind::Object, &s.attrs, &opts.traits);
    let declared_traits = crate::stdtraits::from_names(&opts.traits);
    errors.finish(Object {
        go_name: go_name(opts, names::go_exported(&name)),
        name,
        docs: docs(&s.attrs),
        poison: !opts.no_poison,
        traits,
        declared_traits,
    })
}

/// The std traits of a record struct or object (see [`crate::stdtraits`]). A `#[derive]` above
/// the ferrogo attribute is refused: the macro never sees it (Rust hands an attribute macro
/// only the attributes after it), so the library would lack methods the generator expects.
fn type_traits(
    errors: &mut Errors,
    kind: Kind,
    attrs: &[syn::Attribute],
    declared: &[crate::stdtraits::StdTrait],
) -> Vec<crate::stdtraits::StdTrait> {
    let at = attrs
        .iter()
        .position(|a| crate::attrs::is_ferrogo_path(a, kind.ident()))
        .unwrap_or(0);
    for early in &attrs[..at] {
        if !crate::stdtraits::traits_of(std::slice::from_ref(early), &[]).is_empty() {
            errors.push(syn::Error::new_spanned(
                early,
                format!(
                    "put this `#[derive(...)]` below `#[ferrogo::{}]`: the attribute only sees the derives after it, and they give the Go type methods (`String`, `Equal`, ...)",
                    kind.ident()
                ),
            ));
        }
    }
    crate::stdtraits::traits_of(&attrs[at..], declared)
}

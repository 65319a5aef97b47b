//! `syn::Type` -> IR [`Type`], with an actionable error for everything that cannot cross.

use syn::spanned::Spanned;
use syn::{GenericArgument, PathArguments, ReturnType, Type as SynType, TypeParamBound, TypePath};

use crate::ir::{CallbackHolder, Return, Type};

/// Where a type appears: what is allowed differs between arguments, their elements, record
/// fields and results.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Position {
    /// A function argument: may borrow from Go (`&str`, `&[u8]`, `&Record`, `&Object`).
    Arg,
    /// An element of an argument's list, option or map: may borrow like an argument, but is not
    /// a `&ferrogo::Cancel` or a borrowed slice of numbers.
    Element,
    /// A field of a record or variant: owned data that crosses both ways.
    Field,
    /// A function result (or part of one): owned.
    Return,
}

const SUPPORTED: &str = "supported types: bool, char, i8..i64, u8..u64, isize, usize, f32, f64, &str, String, &[u8], Vec<u8>, Vec<T>, Option<T>, HashMap<K, V>, BTreeMap<K, V>, Box<T>, Duration, SystemTime, PathBuf, &Path, Cow<str>, std::cmp::Ordering, Range<T> and RangeInclusive<T> of an integer T, and ferrogo records, enums, objects and custom types of this crate";

const CALLBACKS: &str = "a Go func can only be an argument, valid for the call (`impl Fn(A) -> R`, `&dyn Fn(A) -> R`, `impl FnMut(A)`): to keep Go code and call it later, declare a `#[ferrogo::callback]` trait and take `Box<dyn Trait>`";

const KEPT_CLOSURE: &str = "a Go func is valid only during the call, so Rust cannot keep it: take `impl Fn(A) -> R` or `&dyn Fn(A) -> R`; to keep Go code and call it later, declare a `#[ferrogo::callback] trait` and take `Box<dyn Trait>` or `Arc<dyn Trait>`";

pub fn parse_type(ty: &SynType, pos: Position) -> syn::Result<Type> {
    match ty {
        SynType::Reference(r) => parse_reference(r, pos),
        SynType::Ptr(p) => Err(syn::Error::new_spanned(
            p,
            "raw pointers cannot cross to Go safely: use `&[u8]`/`Vec<u8>` for memory, or a `#[ferrogo::object]` for a handle",
        )),
        SynType::Tuple(t) if t.elems.is_empty() => Ok(Type::Unit),
        SynType::Tuple(t) => Err(syn::Error::new_spanned(
            t,
            "a tuple can only be a function's result (Go gets multiple results): elsewhere use a `#[ferrogo::record]` struct with named fields (Go gets a struct)",
        )),
        SynType::Path(p) => parse_path(p, pos),
        SynType::Paren(p) => parse_type(&p.elem, pos),
        SynType::Group(g) => parse_type(&g.elem, pos),
        SynType::ImplTrait(t) => {
            if is_callback(&t.bounds) {
                return match pos {
                    Position::Arg => closure(&t.bounds, t.span(), false),
                    _ => Err(syn::Error::new_spanned(t, CALLBACKS)),
                };
            }
            Err(syn::Error::new_spanned(
                t,
                "`impl Trait` cannot cross to Go here: only a result may be `impl Iterator<Item = T>`; elsewhere use a concrete type",
            ))
        }
        SynType::TraitObject(t) if is_callback(&t.bounds) => Err(syn::Error::new_spanned(t, CALLBACKS)),
        SynType::BareFn(f) => Err(syn::Error::new_spanned(f, CALLBACKS)),
        SynType::Slice(s) => Err(syn::Error::new_spanned(
            s,
            "an unsized slice cannot cross: borrow it (`&[u8]`, `&[i64]`) or own it (`Vec<T>`)",
        )),
        other => Err(syn::Error::new(
            other.span(),
            format!("this type cannot cross to Go; {SUPPORTED}"),
        )),
    }
}

fn is_callback<'a>(bounds: impl IntoIterator<Item = &'a TypeParamBound>) -> bool {
    bounds.into_iter().any(|b| match b {
        TypeParamBound::Trait(t) => t
            .path
            .segments
            .last()
            .is_some_and(|s| matches!(s.ident.to_string().as_str(), "Fn" | "FnMut" | "FnOnce")),
        _ => false,
    })
}

/// `impl Fn(A, B) -> R` and friends as a Go func argument; `by_mut_ref` for `&mut dyn FnMut`.
fn closure<'a>(
    bounds: impl IntoIterator<Item = &'a TypeParamBound>,
    span: proc_macro2::Span,
    by_mut_ref: bool,
) -> syn::Result<Type> {
    let f = bounds
        .into_iter()
        .find_map(|b| match b {
            TypeParamBound::Trait(t) => t
                .path
                .segments
                .last()
                .filter(|s| matches!(s.ident.to_string().as_str(), "Fn" | "FnMut" | "FnOnce")),
            _ => None,
        })
        .expect("is_callback found one");
    let mutable = match f.ident.to_string().as_str() {
        "FnOnce" => {
            return Err(syn::Error::new(
                f.ident.span(),
                "a Go func may be called any number of times: take `impl Fn(..)` or `impl FnMut(..)` instead of `FnOnce`",
            ))
        }
        "FnMut" => true,
        _ => by_mut_ref,
    };
    let PathArguments::Parenthesized(sig) = &f.arguments else {
        return Err(syn::Error::new(
            span,
            "write the func's signature: `impl Fn(A, B) -> R`",
        ));
    };
    let args = sig
        .inputs
        .iter()
        .map(callback_arg)
        .collect::<syn::Result<Vec<_>>>()?;
    let ret = match &sig.output {
        ReturnType::Default => Type::Unit,
        ReturnType::Type(_, ty) => callback_result(ty)?,
    };
    Ok(Type::Closure {
        args,
        ret: Box::new(ret),
        mutable,
    })
}

/// An argument Rust passes to Go code (a callback method's or a Go func's): owned values, or
/// `&str` and `&[u8]`, which Go copies.
pub fn callback_arg(ty: &SynType) -> syn::Result<Type> {
    if let SynType::Reference(r) = ty {
        if r.mutability.is_none() {
            match &*r.elem {
                SynType::Path(p) if is_ident(p, "str") => return Ok(Type::Str),
                SynType::Slice(s) if matches!(&*s.elem, SynType::Path(p) if is_ident(p, "u8")) => {
                    return Ok(Type::Bytes)
                }
                _ => {}
            }
        }
        return Err(syn::Error::new_spanned(
            ty,
            "Go code receives its arguments as copies: pass `&str`, `&[u8]` or an owned value (`String`, `Vec<T>`, a record)",
        ));
    }
    match parse_type(ty, Position::Return)? {
        Type::Iter(_) | Type::Tuple(_) => Err(syn::Error::new_spanned(
            ty,
            "Go code cannot receive an iterator or a tuple: pass a `Vec<T>` or a record",
        )),
        t => Ok(t),
    }
}

/// What Go code returns to Rust: an owned value (copied into Rust).
fn callback_result(ty: &SynType) -> syn::Result<Type> {
    match parse_type(ty, Position::Return)? {
        Type::Iter(_) | Type::Tuple(_) => Err(syn::Error::new_spanned(
            ty,
            "Go code returns a plain value: no iterators or tuples (use a `Vec<T>` or a record)",
        )),
        t => Ok(t),
    }
}

/// `dyn Trait` of a `#[ferrogo::callback]` trait, held as `holder` (arguments only).
fn callback_object(t: &syn::TypeTraitObject, holder: CallbackHolder, pos: Position) -> syn::Result<Type> {
    if iterator_item(&t.bounds).is_some() {
        return Err(syn::Error::new_spanned(
            t,
            "`dyn Iterator` cannot cross to Go: return `impl Iterator<Item = T> + '_` instead (Go gets `iter.Seq[T]`; a boxed iterator is one, so return the box as that); take a `Vec<T>` as an argument",
        ));
    }
    if is_callback(&t.bounds) {
        return match (holder, pos) {
            (CallbackHolder::Ref, Position::Arg) => closure(&t.bounds, t.span(), false),
            _ => Err(syn::Error::new_spanned(t, KEPT_CLOSURE)),
        };
    }
    if pos != Position::Arg {
        return Err(syn::Error::new_spanned(
            t,
            "a Go implementation of a `#[ferrogo::callback]` trait can only be an argument (`Box<dyn Trait>`, `Arc<dyn Trait>` or `&dyn Trait`); Rust keeps it in its own fields",
        ));
    }
    let name = t
        .bounds
        .iter()
        .find_map(|b| match b {
            TypeParamBound::Trait(tr) => tr.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        })
        .ok_or_else(|| syn::Error::new_spanned(t, "name the `#[ferrogo::callback]` trait: `dyn Progress`"))?;
    if matches!(name.as_str(), "Send" | "Sync" | "Any") {
        return Err(syn::Error::new_spanned(
            t,
            "put the `#[ferrogo::callback]` trait first: `dyn Progress + Send`",
        ));
    }
    Ok(Type::Callback { name, holder })
}

fn parse_reference(r: &syn::TypeReference, pos: Position) -> syn::Result<Type> {
    if let SynType::TraitObject(t) = &*r.elem {
        if r.mutability.is_some() && is_callback(&t.bounds) && pos == Position::Arg {
            return closure(&t.bounds, t.span(), true);
        }
        if r.mutability.is_none() {
            return callback_object(t, CallbackHolder::Ref, pos);
        }
    }
    if r.mutability.is_some() && matches!(pos, Position::Arg | Position::Element) {
        return Err(syn::Error::new_spanned(
            r,
            "`&mut` arguments cannot cross to Go: Go cannot observe the mutation; take the value and return the result instead",
        ));
    }
    if !matches!(pos, Position::Arg | Position::Element) {
        return Err(syn::Error::new_spanned(
            r,
            match pos {
                Position::Return => "returned references cannot cross to Go (Go cannot hold a Rust borrow): return an owned `String`, `Vec<u8>` or value instead",
                _ => "references in records cannot cross to Go: use an owned `String` or `Vec<u8>` field",
            },
        ));
    }
    match &*r.elem {
        SynType::Path(p) if is_ident(p, "str") => Ok(Type::Str),
        SynType::Path(p) if is_ident(p, "Path") || is_path(p, &["std", "path", "Path"]) => Ok(Type::Path),
        SynType::Slice(s) if matches!(&*s.elem, SynType::Path(p) if is_ident(p, "u8")) => Ok(Type::Bytes),
        SynType::Slice(s) if matches!(&*s.elem, SynType::Reference(_)) || matches!(&*s.elem, SynType::Path(p) if is_ident(p, "String")) => {
            Err(syn::Error::new(
                s.span(),
                "a slice of strings cannot be borrowed from Go: take `Vec<&str>` (Go passes a `[]string`, read in place)",
            ))
        }
        SynType::Slice(s) if pos == Position::Arg => match parse_type(&s.elem, Position::Field)? {
            t if t.is_scalar() && t != Type::Bool => Ok(Type::Slice(Box::new(t))),
            _ => Err(syn::Error::new(
                s.span(),
                "only slices of numbers (`&[i64]`, `&[f64]`, ...) and bytes (`&[u8]`) can be borrowed from Go; take a `Vec<T>` of other values",
            )),
        },
        SynType::Path(p) if (is_ident(p, "Cancel") || is_path(p, &["ferrogo", "Cancel"])) && pos == Position::Arg => {
            Ok(Type::Cancel)
        }
        SynType::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 && !has_generics(p) => {
            match parse_path(p, Position::Field)? {
                named @ Type::Named(_) => Ok(Type::Ref(Box::new(named))),
                Type::String => Err(syn::Error::new_spanned(p, "take `&str` instead of `&String`")),
                other => Err(syn::Error::new_spanned(
                    r,
                    format!("take this argument by value (`{}`) instead of by reference: only `&str`, `&[u8]`, `&Path`, records and objects are borrowed", describe(&other)),
                )),
            }
        }
        other => Err(syn::Error::new(
            other.span(),
            "only `&str`, `&[u8]`, `&[number]`, `&Path`, `&Record` and `&Object` can be borrowed from Go: pass other values by value (`String`, `Vec<T>`, a record)",
        )),
    }
}

/// A short Rust spelling of an IR type, for messages.
fn describe(ty: &Type) -> String {
    match ty {
        Type::Vec(t) => format!("Vec<{}>", describe(t)),
        Type::Option(t) => format!("Option<{}>", describe(t)),
        Type::Named(n) => n.clone(),
        other => format!("{other:?}").to_lowercase(),
    }
}

fn has_generics(p: &TypePath) -> bool {
    p.path
        .segments
        .iter()
        .any(|s| !matches!(s.arguments, PathArguments::None))
}

/// The element position inside a container at `pos`.
fn element_pos(pos: Position) -> Position {
    match pos {
        Position::Arg | Position::Element => Position::Element,
        other => other,
    }
}

fn parse_path(p: &TypePath, pos: Position) -> syn::Result<Type> {
    if p.qself.is_some() {
        return Err(syn::Error::new_spanned(
            p,
            format!("qualified paths (`<T as Trait>::Assoc`) are not supported: write the concrete type; {SUPPORTED}"),
        ));
    }
    if is_path(p, &["ferrogo", "Cancel"]) || is_ident(p, "Cancel") {
        return Err(syn::Error::new(
            p.span(),
            "take the cancellation token by reference: `cancel: &ferrogo::Cancel`",
        ));
    }
    let last = p.path.segments.last().expect("non-empty path");
    let name = last.ident.to_string();
    let simple = match name.as_str() {
        "bool" => Some(Type::Bool),
        "i8" => Some(Type::I8),
        "i16" => Some(Type::I16),
        "i32" => Some(Type::I32),
        "i64" => Some(Type::I64),
        "isize" => Some(Type::Isize),
        "u8" => Some(Type::U8),
        "u16" => Some(Type::U16),
        "u32" => Some(Type::U32),
        "u64" => Some(Type::U64),
        "usize" => Some(Type::Usize),
        "f32" => Some(Type::F32),
        "f64" => Some(Type::F64),
        "char" => Some(Type::Char),
        "String" => Some(Type::String),
        "PathBuf" => Some(Type::PathBuf),
        "Duration" if std_path(p, &["time"]) => Some(Type::Duration),
        "SystemTime" if std_path(p, &["time"]) => Some(Type::SystemTime),
        "Ordering" if std_path(p, &["cmp"]) => Some(Type::Ordering),
        _ => None,
    };
    if let Some(t) = simple {
        if !matches!(last.arguments, PathArguments::None) {
            return Err(syn::Error::new_spanned(
                &last.arguments,
                format!("`{name}` takes no generic arguments: write plain `{name}`"),
            ));
        }
        return Ok(t);
    }
    match name.as_str() {
        "Vec" => {
            let inner_ty = single_generic(last, "Vec")?;
            let inner = parse_type(inner_ty, element_pos(pos))?;
            check_element(&inner, inner_ty, "a `Vec`")?;
            Ok(if inner == Type::U8 {
                Type::ByteVec
            } else {
                Type::Vec(Box::new(inner))
            })
        }
        "Option" => {
            let inner_ty = single_generic(last, "Option")?;
            // `Option<&str>` and `Option<&Object>` arguments borrow like their inner type does.
            let inner = parse_type(inner_ty, pos)?;
            if matches!(inner, Type::Option(_) | Type::Unit | Type::Cancel | Type::Slice(_)) {
                return Err(syn::Error::new_spanned(
                    p,
                    "`Option<Option<T>>`, `Option<()>`, `Option<&[T]>` and `Option<&Cancel>` have no Go counterpart: use a single `Option<T>` of a value type",
                ));
            }
            Ok(Type::Option(Box::new(inner)))
        }
        "HashMap" | "BTreeMap" => parse_map(last, &name, pos),
        "Box" => {
            let inner_ty = single_generic(last, "Box")?;
            if let SynType::TraitObject(t) = inner_ty {
                return callback_object(t, CallbackHolder::Boxed, pos);
            }
            Ok(Type::Boxed(Box::new(parse_type(inner_ty, pos)?)))
        }
        "Cow" => {
            let is_str = matches!(&last.arguments, PathArguments::AngleBracketed(a)
                if a.args.iter().any(|g| matches!(g, GenericArgument::Type(SynType::Path(t)) if is_ident(t, "str"))));
            match (is_str, pos) {
                (true, Position::Arg | Position::Return) => Ok(Type::CowStr),
                (true, _) => Err(syn::Error::new_spanned(
                    p,
                    "`Cow<str>` can be an argument or a result; in records and lists use `String`",
                )),
                (false, _) => Err(syn::Error::new_spanned(
                    p,
                    "only `Cow<'_, str>` can cross (Go gets a `string`); use `Vec<T>` or an owned value for other `Cow`s",
                )),
            }
        }
        "Iter" => Err(syn::Error::new(
            last.ident.span(),
            "`ferrogo::Iter<T>` is only supported as the result of an exported function (Go gets `iter.Seq[T]`)",
        )),
        "Result" => Err(syn::Error::new_spanned(
            p,
            "`Result` is only supported as the return type of an exported function (Go gets `(T, error)`): take or store the value itself",
        )),
        "Arc" if matches!(single_generic(last, "Arc"), Ok(SynType::TraitObject(_))) => {
            let Ok(SynType::TraitObject(t)) = single_generic(last, "Arc") else { unreachable!() };
            callback_object(t, CallbackHolder::Arc, pos)
        }
        "Range" | "RangeInclusive" if !matches!(last.arguments, PathArguments::None) => {
            let bound_ty = single_generic(last, &name)?;
            let bound = parse_type(bound_ty, element_pos(pos))?;
            if !bound.is_integer() {
                return Err(syn::Error::new_spanned(
                    bound_ty,
                    format!("`{name}<T>` crosses for integer `T` only (Go gets `ferrogo.{name}[T]`): use i8..i64, u8..u64, isize or usize, or a `#[ferrogo::record]` with `start` and `end` fields"),
                ));
            }
            Ok(Type::Range { bound: Box::new(bound), inclusive: name == "RangeInclusive" })
        }
        "Rc" | "Arc" => Err(syn::Error::new(
            last.ident.span(),
            format!("`{name}` cannot cross to Go: pass the value itself (a record is copied), or make the shared value a `#[ferrogo::object]` (Go holds a handle to it)"),
        )),
        "HashSet" | "BTreeSet" => Err(syn::Error::new(
            last.ident.span(),
            format!("`{name}` cannot cross to Go (Go has no set type): use a `Vec<T>` (or a `HashMap<T, bool>`)"),
        )),
        "Self" => Err(syn::Error::new(
            last.ident.span(),
            "`Self` is only supported as the return type of a `#[ferrogo::constructor]`",
        )),
        _ => {
            if only_lifetimes(&last.arguments) {
                return Err(syn::Error::new_spanned(
                    p,
                    match pos {
                        Position::Return => format!("`{name}` borrows (it has a lifetime) and cannot cross to Go: to return a lazy iterator, return `impl Iterator<Item = T> + '_` (e.g. `{name}::new(..)` when it is one); records and objects own their data"),
                        _ => format!("`{name}` borrows (it has a lifetime) and cannot cross to Go: records and objects own their data; take `&str`, `&[u8]` or an owned value"),
                    },
                ));
            }
            if !matches!(last.arguments, PathArguments::None) {
                return Err(syn::Error::new_spanned(
                    p,
                    "generic types cannot cross to Go: use a concrete, non-generic `#[ferrogo::record]` or `#[ferrogo::object]`",
                ));
            }
            if is_std_path(p) {
                return Err(syn::Error::new_spanned(
                    p,
                    format!("`{}` is a standard library type that cannot cross to Go as it is: convert it to a supported type, or wrap it in a newtype of your crate marked `#[ferrogo::custom(String)]` (any builtin type), a `#[ferrogo::record]` or a `#[ferrogo::object]`; {SUPPORTED}", path_string(p)),
                ));
            }
            Ok(Type::Named(name))
        }
    }
}

/// What may be an element of a list or a map value.
fn check_element(inner: &Type, span: &SynType, container: &str) -> syn::Result<()> {
    if matches!(
        inner,
        Type::Unit | Type::Cancel | Type::Slice(_) | Type::Path | Type::CowStr
    ) {
        return Err(syn::Error::new(
            span.span(),
            format!("{container} cannot hold this type: use owned values (`String`, `Vec<T>`, records)"),
        ));
    }
    Ok(())
}

fn parse_map(seg: &syn::PathSegment, name: &str, pos: Position) -> syn::Result<Type> {
    let args = match &seg.arguments {
        PathArguments::AngleBracketed(a) => a,
        _ => {
            return Err(syn::Error::new_spanned(
                seg,
                format!("`{name}` takes a key and a value type: write `{name}<K, V>`"),
            ))
        }
    };
    let types: Vec<&SynType> = args
        .args
        .iter()
        .filter_map(|a| match a {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    let [key_ty, value_ty] = types[..] else {
        return Err(syn::Error::new_spanned(
            seg,
            format!("`{name}` crosses with the default hasher only: write `{name}<K, V>`"),
        ));
    };
    let key = parse_type(key_ty, element_pos(pos))?;
    let key_ok = key.is_scalar() && !matches!(key, Type::F32 | Type::F64)
        || matches!(key, Type::String | Type::Str | Type::Char);
    if !key_ok {
        return Err(syn::Error::new(
            key_ty.span(),
            "map keys can be strings, integers, bools or chars (Go map keys that Rust can hash and order the same way)",
        ));
    }
    let value = parse_type(value_ty, element_pos(pos))?;
    check_element(&value, value_ty, "a map")?;
    Ok(Type::Map {
        key: Box::new(key),
        value: Box::new(value),
        ordered: name == "BTreeMap",
    })
}

/// `Duration`, `time::Duration` or `std::time::Duration` (and likewise for `module`).
fn std_path(p: &TypePath, module: &[&str]) -> bool {
    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let n = segs.len();
    n == 1
        || (n >= 2
            && segs[..n - 1].ends_with(&module.iter().map(|m| m.to_string()).collect::<Vec<_>>())
            && (n == 2 || segs[0] == "std" || segs[0] == "core"))
}

/// A path into the standard library (`std::net::IpAddr`): certainly not a type of this crate.
fn is_std_path(p: &TypePath) -> bool {
    p.path.segments.len() > 1
        && matches!(
            p.path.segments[0].ident.to_string().as_str(),
            "std" | "core" | "alloc"
        )
}

fn path_string(p: &TypePath) -> String {
    p.path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn single_generic<'a>(seg: &'a syn::PathSegment, what: &str) -> syn::Result<&'a SynType> {
    if let PathArguments::AngleBracketed(args) = &seg.arguments {
        if args.args.len() == 1 {
            if let GenericArgument::Type(t) = &args.args[0] {
                return Ok(t);
            }
        }
    }
    Err(syn::Error::new_spanned(
        seg,
        format!("`{what}` takes one type argument: write `{what}<T>`"),
    ))
}

/// Return type of a function; `self_ty` is the type of the impl, if any (for constructors and
/// `Self`).
pub fn parse_return(ret: &ReturnType, self_ty: Option<&str>) -> syn::Result<Return> {
    let ty = match ret {
        ReturnType::Default => {
            return Ok(Return {
                ok: Type::Unit,
                err: None,
            })
        }
        ReturnType::Type(_, ty) => ty,
    };
    if let SynType::Path(p) = &**ty {
        let last = p.path.segments.last().expect("non-empty path");
        if last.ident == "Result" {
            let args = match &last.arguments {
                PathArguments::AngleBracketed(a) if a.args.len() == 2 => a,
                _ => return Err(syn::Error::new(
                    last.span(),
                    "use `Result<T, E>` with both types spelled out, where `E` is a `#[ferrogo::error]` enum",
                )),
            };
            let (GenericArgument::Type(ok), GenericArgument::Type(err)) = (&args.args[0], &args.args[1])
            else {
                return Err(syn::Error::new(args.span(), "expected `Result<T, E>`"));
            };
            let ok = return_value(ok, self_ty)?;
            let err = match parse_type(err, Position::Field) {
                Ok(Type::Named(name)) => name,
                _ => {
                    return Err(syn::Error::new(
                        err.span(),
                        "the error type must be a `#[ferrogo::error]` enum of this crate: wrap a foreign error (e.g. `semver::Error`) in a variant of your own `#[ferrogo::error]` enum, or convert it to one with `map_err`",
                    ))
                }
            };
            return Ok(Return { ok, err: Some(err) });
        }
    }
    Ok(Return {
        ok: return_value(ty, self_ty)?,
        err: None,
    })
}

fn return_value(ty: &SynType, self_ty: Option<&str>) -> syn::Result<Type> {
    if let (SynType::Path(p), Some(obj)) = (ty, self_ty) {
        if is_ident(p, "Self") || is_ident(p, obj) {
            return Ok(Type::Named(obj.to_string()));
        }
    }
    if let (SynType::Reference(r), Some(obj)) = (ty, self_ty) {
        if matches!(&*r.elem, SynType::Path(p) if is_ident(p, "Self") || is_ident(p, obj)) {
            let refer = if r.mutability.is_some() {
                "&mut Self"
            } else {
                "&Self"
            };
            return Err(syn::Error::new_spanned(
                r,
                format!("a method returning `{refer}` (a builder-style chain) cannot hand it to Go: Go's `*{obj}` already is the object; return nothing (`fn set_x(&mut self, x: i64)`: Go calls `b.SetX(1)` and goes on using `b`), or consume and return the value (`fn with_x(self, x: i64) -> Self`: Go gets a new `*{obj}`, and the old one is closed)"),
            ));
        }
    }
    match ty {
        SynType::Path(p) => {
            let last = p.path.segments.last().expect("non-empty path");
            let ferrogo_iter = p.path.segments.len() == 1 || is_path_prefix(p, "ferrogo");
            if last.ident == "Iter" && ferrogo_iter && p.qself.is_none() {
                return iter_of(single_generic(last, "Iter")?, self_ty, last.span());
            }
            if last.ident == "Option" {
                // `Option<(A, B)>`: Go's `(A, B, bool)`.
                let inner = single_generic(last, "Option")?;
                if let SynType::Tuple(t) = inner {
                    if !t.elems.is_empty() {
                        return Ok(Type::Option(Box::new(tuple(t, self_ty)?)));
                    }
                }
            }
        }
        SynType::Tuple(t) if !t.elems.is_empty() => return tuple(t, self_ty),
        SynType::ImplTrait(t) if !is_callback(&t.bounds) => {
            if let Some(item) = iterator_item(&t.bounds) {
                return iter_of(item, self_ty, t.span());
            }
        }
        _ => {}
    }
    parse_type(ty, Position::Return)
}

fn iter_of(item: &SynType, self_ty: Option<&str>, span: proc_macro2::Span) -> syn::Result<Type> {
    let item = match return_value(item, self_ty)? {
        Type::Unit => {
            return Err(syn::Error::new(
                span,
                "an iterator needs an item type other than `()`",
            ))
        }
        Type::Iter(_) | Type::Tuple(_) => {
            return Err(syn::Error::new(
                span,
                "an iterator's items cannot be iterators or tuples: use a `#[ferrogo::record]`",
            ))
        }
        t => t,
    };
    Ok(Type::Iter(Box::new(item)))
}

/// Whether a function's result is a lazy iterator that may borrow from the call: `impl
/// Iterator<Item = T>` (alone or in `Result`) unless bounded by `'static` or capturing no
/// lifetime (`use<>`). `ferrogo::Iter<T>` owns its data (`Iter::new` takes `'static`).
pub fn lazy_borrowing_result(ret: &ReturnType) -> bool {
    fn borrowing(ty: &SynType) -> bool {
        match ty {
            SynType::Paren(p) => borrowing(&p.elem),
            SynType::Group(g) => borrowing(&g.elem),
            SynType::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Result") => {
                let last = p.path.segments.last().expect("non-empty path");
                matches!(&last.arguments, PathArguments::AngleBracketed(a)
                    if matches!(a.args.first(), Some(GenericArgument::Type(ok)) if borrowing(ok)))
            }
            SynType::ImplTrait(t) => {
                iterator_item(&t.bounds).is_some()
                    && !t.bounds.iter().any(|b| match b {
                        TypeParamBound::Lifetime(l) => l.ident == "static",
                        TypeParamBound::PreciseCapture(c) => !c
                            .params
                            .iter()
                            .any(|p| matches!(p, syn::CapturedParam::Lifetime(_))),
                        _ => false,
                    })
            }
            _ => false,
        }
    }
    matches!(ret, ReturnType::Type(_, ty) if borrowing(ty))
}

/// Whether generic arguments are all lifetimes (`Words<'a>`), and there is at least one.
fn only_lifetimes(args: &PathArguments) -> bool {
    matches!(args, PathArguments::AngleBracketed(a)
        if !a.args.is_empty() && a.args.iter().all(|g| matches!(g, GenericArgument::Lifetime(_))))
}

/// The first `'static` lifetime an argument type borrows with (`&'static str`,
/// `Cow<'static, str>`): Go lends its memory for the call (or a lazy iterator's loop) only.
/// Trait objects and `impl Trait` are not looked into: `Box<dyn Trait + 'static>` owns its value.
pub fn static_borrow(ty: &SynType) -> Option<proc_macro2::Span> {
    match ty {
        SynType::Reference(r) => match &r.lifetime {
            Some(l) if l.ident == "static" => Some(l.span()),
            _ => static_borrow(&r.elem),
        },
        SynType::Paren(p) => static_borrow(&p.elem),
        SynType::Group(g) => static_borrow(&g.elem),
        SynType::Slice(s) => static_borrow(&s.elem),
        SynType::Array(a) => static_borrow(&a.elem),
        SynType::Tuple(t) => t.elems.iter().find_map(static_borrow),
        SynType::Path(p) => p.path.segments.iter().find_map(|s| match &s.arguments {
            PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                GenericArgument::Lifetime(l) if l.ident == "static" => Some(l.span()),
                GenericArgument::Type(t) => static_borrow(t),
                _ => None,
            }),
            _ => None,
        }),
        _ => None,
    }
}

/// The `T` of `impl Iterator<Item = T> (+ Send + 'static)`.
pub fn iterator_item<'a>(bounds: impl IntoIterator<Item = &'a TypeParamBound>) -> Option<&'a SynType> {
    bounds.into_iter().find_map(|b| {
        let TypeParamBound::Trait(t) = b else { return None };
        let last = t.path.segments.last()?;
        if last.ident != "Iterator" {
            return None;
        }
        let PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        args.args.iter().find_map(|a| match a {
            GenericArgument::AssocType(assoc) if assoc.ident == "Item" => Some(&assoc.ty),
            _ => None,
        })
    })
}

fn tuple(t: &syn::TypeTuple, self_ty: Option<&str>) -> syn::Result<Type> {
    if t.elems.len() > 4 {
        return Err(syn::Error::new_spanned(
            t,
            "tuples of up to 4 values can be results: return a `#[ferrogo::record]` struct for more",
        ));
    }
    let elems = t
        .elems
        .iter()
        .map(|e| match return_value(e, self_ty)? {
            Type::Unit | Type::Tuple(_) | Type::Iter(_) => Err(syn::Error::new(
                e.span(),
                "a tuple result holds plain values: no `()`, nested tuples or iterators",
            )),
            ty => Ok(ty),
        })
        .collect::<syn::Result<Vec<_>>>()?;
    Ok(Type::Tuple(elems))
}

fn is_path_prefix(p: &TypePath, first: &str) -> bool {
    p.path.segments.len() == 2 && p.path.segments[0].ident == first
}

fn is_ident(p: &TypePath, name: &str) -> bool {
    p.qself.is_none() && p.path.is_ident(name)
}

fn is_path(p: &TypePath, names: &[&str]) -> bool {
    p.path.segments.len() == names.len() && p.path.segments.iter().zip(names).all(|(s, n)| s.ident == n)
}

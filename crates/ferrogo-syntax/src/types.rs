//! `syn::Type` -> IR [`Type`], with an actionable error for everything that cannot cross.

use syn::spanned::Spanned;
use syn::{GenericArgument, PathArguments, ReturnType, Type as SynType, TypePath};

use crate::ir::{Return, Type};

/// Where a type appears: what is allowed differs between arguments and returns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Arg,
    Return,
    Field,
}

const SUPPORTED: &str = "supported types: bool, i8..i64, u8..u64, isize, usize, f32, f64, &str, String, &[u8], Vec<u8>, Vec<T>, Option<T>, and ferrogo records, enums and objects of this crate";

pub fn parse_type(ty: &SynType, pos: Position) -> syn::Result<Type> {
    match ty {
        SynType::Reference(r) => {
            if r.mutability.is_some() {
                return Err(syn::Error::new_spanned(
                    r,
                    "`&mut` arguments cannot cross to Go: Go cannot observe the mutation; take the value and return the result instead",
                ));
            }
            if pos != Position::Arg {
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
                SynType::Slice(s) if matches!(&*s.elem, SynType::Path(p) if is_ident(p, "u8")) => {
                    Ok(Type::Bytes)
                }
                SynType::Slice(s) => match parse_type(&s.elem, Position::Field)? {
                    t if t.is_scalar() && t != Type::Bool => Ok(Type::Slice(Box::new(t))),
                    _ => Err(syn::Error::new(
                        s.span(),
                        "only slices of numbers (`&[i64]`, `&[f64]`, ...) and bytes (`&[u8]`) can be borrowed from Go; for strings take `Vec<&str>`",
                    )),
                },
                SynType::Path(p) if is_ident(p, "Cancel") || is_path(p, &["ferrogo", "Cancel"]) => {
                    Ok(Type::Cancel)
                }
                other => Err(syn::Error::new(
                    other.span(),
                    "only `&str` and `&[u8]` can be borrowed from Go: pass other values by value (`String`, `Vec<T>`, a record)",
                )),
            }
        }
        SynType::Ptr(p) => Err(syn::Error::new_spanned(
            p,
            "raw pointers cannot cross to Go safely: use `&[u8]`/`Vec<u8>` for memory, or a `#[ferrogo::object]` for a handle",
        )),
        SynType::Tuple(t) if t.elems.is_empty() => Ok(Type::Unit),
        SynType::Path(p) => parse_path(p, pos),
        SynType::Paren(p) => parse_type(&p.elem, pos),
        SynType::ImplTrait(t) => Err(syn::Error::new_spanned(
            t,
            "`impl Trait` cannot cross to Go: use a concrete type, e.g. collect an iterator into a `Vec<T>`",
        )),
        SynType::Tuple(t) => Err(syn::Error::new_spanned(
            t,
            "tuples cannot cross to Go: use a `#[ferrogo::record]` struct with named fields (Go gets a struct)",
        )),
        other => Err(syn::Error::new(
            other.span(),
            format!("this type cannot cross to Go; {SUPPORTED}"),
        )),
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
    let scalar = match name.as_str() {
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
        "String" => Some(Type::String),
        _ => None,
    };
    if let Some(t) = scalar {
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
            if pos == Position::Arg {
                // Lists Go passes in one crossing: strings, byte strings and numbers.
                let inner = parse_type(inner_ty, Position::Arg)?;
                return match inner {
                    Type::U8 => Ok(Type::ByteVec),
                    Type::Str | Type::String | Type::Bytes | Type::ByteVec => Ok(Type::Vec(Box::new(inner))),
                    t if t.is_scalar() && t != Type::Bool => Ok(Type::Vec(Box::new(t))),
                    _ => Err(syn::Error::new(
                        inner_ty.span(),
                        "`Vec<T>` arguments can hold strings (`&str`, `String`), bytes (`&[u8]`, `Vec<u8>`) or numbers; pass other values one per call or as a record",
                    )),
                };
            }
            let inner = parse_type(inner_ty, element_pos(pos))?;
            // Records cross both ways, so a field's vector must also be passable from Go.
            let field_ok = matches!(inner, Type::U8 | Type::String | Type::ByteVec)
                || (inner.is_scalar() && inner != Type::Bool);
            if pos == Position::Field && !field_ok {
                return Err(syn::Error::new(
                    inner_ty.span(),
                    "a `Vec` field of a record can hold strings, bytes or numbers; return a `Vec` of records from a function instead",
                ));
            }
            Ok(if inner == Type::U8 {
                Type::ByteVec
            } else {
                Type::Vec(Box::new(inner))
            })
        }
        "Option" => {
            let inner = single_generic(last, "Option")?;
            // `Option<&str>` arguments borrow like `&str` does.
            let inner = parse_type(inner, pos)?;
            if matches!(inner, Type::Option(_) | Type::Unit | Type::Cancel) {
                return Err(syn::Error::new_spanned(
                    p,
                    "`Option<Option<T>>`, `Option<()>` and `Option<&Cancel>` have no Go counterpart: use a single `Option<T>` of a value type",
                ));
            }
            Ok(Type::Option(Box::new(inner)))
        }
        "Iter" => Err(syn::Error::new(
            last.ident.span(),
            "`ferrogo::Iter<T>` is only supported as the result of an exported function (Go gets `iter.Seq[T]`)",
        )),
        "Result" => Err(syn::Error::new_spanned(
            p,
            "`Result` is only supported as the return type of an exported function (Go gets `(T, error)`): take or store the value itself",
        )),
        "Box" | "Rc" | "Arc" | "HashMap" | "BTreeMap" | "HashSet" | "Cow" => Err(syn::Error::new(
            last.ident.span(),
            format!("`{name}` cannot cross to Go; {SUPPORTED}"),
        )),
        "Self" => Err(syn::Error::new(
            last.ident.span(),
            "`Self` is only supported as the return type of a `#[ferrogo::constructor]`",
        )),
        _ => {
            if !matches!(last.arguments, PathArguments::None) {
                return Err(syn::Error::new_spanned(
                    p,
                    "generic types cannot cross to Go: use a concrete, non-generic `#[ferrogo::record]` or `#[ferrogo::object]`",
                ));
            }
            Ok(Type::Named(name))
        }
    }
}

/// Elements of returned vectors are returned too; elements of arguments are owned values.
fn element_pos(pos: Position) -> Position {
    match pos {
        Position::Arg => Position::Field,
        other => other,
    }
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

/// Return type of a function; `self_ty` is the object name inside an impl (for constructors).
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
            let err = match parse_type(err, Position::Field)? {
                Type::Named(name) => name,
                _ => {
                    return Err(syn::Error::new(
                        err.span(),
                        "the error type must be a `#[ferrogo::error]` enum of this crate",
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
    if let SynType::Path(p) = ty {
        let last = p.path.segments.last().expect("non-empty path");
        let ferrogo_iter = p.path.segments.len() == 1 || is_path_prefix(p, "ferrogo");
        if last.ident == "Iter" && ferrogo_iter && p.qself.is_none() {
            let item = parse_type(single_generic(last, "Iter")?, Position::Return)?;
            if matches!(item, Type::Unit) {
                return Err(syn::Error::new(
                    last.span(),
                    "an iterator needs an item type other than `()`",
                ));
            }
            return Ok(Type::Iter(Box::new(item)));
        }
    }
    parse_type(ty, Position::Return)
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

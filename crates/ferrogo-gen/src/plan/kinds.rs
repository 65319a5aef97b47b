//! How a value crosses, by kind: each IR type is classified once here, and every emitter
//! (arguments, results, record fields, list elements, callback values) matches on the kind
//! instead of on the IR type. A new target writes one conversion per kind; a new kind is one
//! variant here and one arm in each target, which the compiler lists.

use ferrogo_syntax::ir::{Crate, Enum, Object, Record, Type};

use crate::types::{c_scalar, in_place_element, is_number, named, Named};

/// How a Go value reaches Rust as an argument (or a value Go hands back to Rust).
#[derive(Clone, Debug)]
pub enum Lower<'a> {
    /// `bool`: a byte.
    Bool,
    /// `time.Time`: Unix seconds and nanoseconds.
    Time,
    /// A number, rune, `cmp` result or `time.Duration`: by value, as the C scalar of this type.
    Scalar(&'a Type),
    /// A string or path: borrowed in place for the call (`&str`, `String`, `Path`, `Cow<str>`).
    String,
    /// `[]byte`: borrowed in place for the call.
    Bytes,
    /// A slice of numbers: borrowed in place (same layout in Go and Rust).
    NumberSlice,
    /// `[]string` or `[][]byte`: Rust reads the slice's headers in place (ADR 0007).
    TextList { bytes: bool },
    /// A slice whose Go layout is Rust's (`[]bool`, `[]rune`, `[]time.Duration`), in place.
    InPlaceList,
    /// Any other list: Go builds a C array of the elements, kept for the call.
    BuiltList(&'a Type),
    /// A map: Go builds a C array of entries, kept for the call.
    Map { key: &'a Type, value: &'a Type },
    /// `*T` (or a nilable `T`) for `Option<T>`: a flag and the value.
    Optional { option: &'a Type, inner: &'a Type },
    /// `Box<T>`: the address of `T`'s C value, kept for the call.
    Boxed(&'a Type),
    /// `ferrogo.Range[T]` / `ferrogo.RangeInclusive[T]`: its two bounds by value (`ranges`).
    Range { bound: &'a Type, inclusive: bool },
    /// A C-like enum: `int32`.
    Enum,
    /// A record: its flat C mirror, field by field.
    Record(&'a Record),
    /// An enum with data: a tag and the variant's fields.
    SumType(&'a Enum),
    /// An object: its handle (the call holds the object).
    Handle,
    /// A Go value implementing a callback trait: registered, Rust adopts its handle.
    Callback(&'a str),
    /// `ferrogo::Cancel`: the address of a flag the context sets (function arguments only).
    CancelFlag,
    /// A Go func, callable during the call: registered for it, its handle passed (function
    /// arguments only).
    Func,
}

impl<'a> Lower<'a> {
    /// The kind of an argument of type `ty`. Panics on types the parser rejects as arguments.
    pub fn of(krate: &'a Crate, ty: &'a Type) -> Lower<'a> {
        match ty {
            Type::Bool => Lower::Bool,
            Type::SystemTime => Lower::Time,
            // The ABI's scalars: what every target passes by value.
            t if c_scalar(t).is_some() => Lower::Scalar(t),
            Type::Str | Type::String | Type::Path | Type::PathBuf | Type::CowStr => Lower::String,
            Type::Bytes | Type::ByteVec => Lower::Bytes,
            Type::Slice(_) => Lower::NumberSlice,
            Type::Vec(inner) if is_number(inner) => Lower::NumberSlice,
            Type::Vec(inner) if matches!(**inner, Type::Str | Type::String) => {
                Lower::TextList { bytes: false }
            }
            Type::Vec(inner) if matches!(**inner, Type::Bytes | Type::ByteVec) => {
                Lower::TextList { bytes: true }
            }
            Type::Vec(inner) if in_place_element(inner) => Lower::InPlaceList,
            Type::Vec(inner) => Lower::BuiltList(inner),
            Type::Map { key, value, .. } => Lower::Map { key, value },
            Type::Option(inner) => Lower::Optional { option: ty, inner },
            Type::Boxed(t) => Lower::Boxed(t),
            Type::Range { bound, inclusive } => Lower::Range {
                bound,
                inclusive: *inclusive,
            },
            Type::Ref(t) => Lower::of(krate, t),
            Type::Named(n) => match named(krate, n) {
                Named::Enum(_) => Lower::Enum,
                Named::Record(r) => Lower::Record(r),
                Named::Sum(e) => Lower::SumType(e),
                Named::Object(_) => Lower::Handle,
            },
            Type::Callback { name, .. } => Lower::Callback(name),
            Type::Cancel => Lower::CancelFlag,
            Type::Closure { .. } => Lower::Func,
            other => panic!("type {other:?} cannot be an argument: the parser rejects it"),
        }
    }
}

/// How a value Rust returns (or lends to Go code it calls) becomes a Go value.
#[derive(Clone, Debug)]
pub enum Lift<'a> {
    /// `bool` from a byte.
    Bool,
    /// `time.Time` from Unix seconds and nanoseconds.
    Time,
    /// A number, rune, `cmp` result or `time.Duration`, converted to Go's type.
    Scalar(&'a Type),
    /// A string (or path) copied into Go memory.
    String,
    /// `[]byte` copied into Go memory.
    Bytes,
    /// A list copied element by element (`list` is the `Vec` type, `item` its element).
    List { list: &'a Type, item: &'a Type },
    /// A map copied entry by entry.
    Map { key: &'a Type, value: &'a Type },
    /// `Option<T>`: nil, or the value (behind a pointer unless nilable).
    Optional { option: &'a Type, inner: &'a Type },
    /// `Box<T>`: the C value it points to, converted as `T`.
    Boxed(&'a Type),
    /// `ferrogo.Range[T]` / `ferrogo.RangeInclusive[T]` from its two bounds (`ranges`).
    Range { bound: &'a Type, inclusive: bool },
    /// A C-like enum from `int32`.
    Enum(&'a Enum),
    /// A new object adopting the handle Rust returned.
    Handle(&'a Object),
    /// A record, field by field.
    Record(&'a Record),
    /// An enum with data: the variant its tag names.
    SumType(&'a Enum),
}

impl<'a> Lift<'a> {
    /// The kind of a result of type `ty`. Panics on types the parser rejects as results.
    pub fn of(krate: &'a Crate, ty: &'a Type) -> Lift<'a> {
        match ty {
            Type::Bool => Lift::Bool,
            Type::SystemTime => Lift::Time,
            t if c_scalar(t).is_some() => Lift::Scalar(t),
            // `&str`, `&Path` and `&[u8]` are lent by Rust to Go code it calls: copied alike.
            Type::String | Type::PathBuf | Type::CowStr | Type::Str | Type::Path => Lift::String,
            Type::ByteVec | Type::Bytes => Lift::Bytes,
            Type::Vec(item) => Lift::List { list: ty, item },
            Type::Map { key, value, .. } => Lift::Map { key, value },
            Type::Option(inner) => Lift::Optional { option: ty, inner },
            Type::Boxed(t) => Lift::Boxed(t),
            Type::Range { bound, inclusive } => Lift::Range {
                bound,
                inclusive: *inclusive,
            },
            Type::Named(n) => match named(krate, n) {
                Named::Enum(e) => Lift::Enum(e),
                Named::Object(o) => Lift::Handle(o),
                Named::Record(r) => Lift::Record(r),
                Named::Sum(e) => Lift::SumType(e),
            },
            other => panic!("type {other:?} cannot be returned: the parser rejects it"),
        }
    }
}

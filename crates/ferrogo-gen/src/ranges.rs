//! `Range<T>` and `RangeInclusive<T>` of an integer `T` (a kind of the call plan): Go's
//! `ferrogo.Range[T]` and `ferrogo.RangeInclusive[T]` (`Start`, `End`), crossing as a C struct
//! of the two bounds both ways. Nothing is validated: every pair of bounds is a Rust range
//! (`Start > End` is an empty one).

use ferrogo_syntax::ir::{Crate, Type};

use crate::types::{c_scalar, go_type as bound_go, key as bound_key, Helpers};

/// The Go type: `ferrogo.Range[uint]`, `ferrogo.RangeInclusive[int64]`.
pub fn go_type(krate: &Crate, bound: &Type, inclusive: bool) -> String {
    format!("ferrogo.{}[{}]", name(inclusive), bound_go(krate, bound))
}

/// The key naming helpers and typedefs: `RangeU32`, `RangeInclusiveI64`.
pub fn key(bound: &Type, inclusive: bool) -> String {
    format!("{}{}", name(inclusive), bound_key(bound))
}

/// The C struct of the two bounds (the same for arguments and results; both kinds of range of
/// one bound type share it).
pub fn c_type(bound: &Type, h: &mut Helpers) -> String {
    let scalar = c_scalar(bound).expect("a range's bound is an integer (the parser checks)");
    let name = format!("fg_range_{}", bound_key(bound));
    h.typedef_once(
        &name,
        &format!("typedef struct {{ {scalar} start; {scalar} end; }} {name};"),
    );
    name
}

/// Go expression passing the range `expr` to Rust.
pub fn lower(krate: &Crate, bound: &Type, inclusive: bool, expr: &str, h: &mut Helpers) -> String {
    let c = c_type(bound, h);
    let scalar = c_scalar(bound).unwrap_or_default();
    let go = go_type(krate, bound, inclusive);
    let helper = format!("c{}", key(bound, inclusive));
    h.func(&helper, |_| {
        format!("func {helper}(r {go}) C.{c} {{\n\treturn C.{c}{{start: C.{scalar}(r.Start), end: C.{scalar}(r.End)}}\n}}")
    });
    format!("{helper}({expr})")
}

/// Go expression converting the C range `expr` Rust returned.
pub fn lift(krate: &Crate, bound: &Type, inclusive: bool, expr: &str, h: &mut Helpers) -> String {
    let c = c_type(bound, h);
    let go = go_type(krate, bound, inclusive);
    let b = bound_go(krate, bound);
    let helper = format!("go{}", key(bound, inclusive));
    h.func(&helper, |_| {
        format!("func {helper}(v C.{c}) {go} {{\n\treturn {go}{{Start: {b}(v.start), End: {b}(v.end)}}\n}}")
    });
    format!("{helper}({expr})")
}

fn name(inclusive: bool) -> &'static str {
    if inclusive {
        "RangeInclusive"
    } else {
        "Range"
    }
}

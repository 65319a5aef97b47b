//! How values sit in wasm32 memory and cross as wasm parameters under the C ABI rustc uses for
//! wasm32-unknown-unknown: scalars by value (`usize` is 4 bytes), structs of more than one
//! field by address, results through a return pointer (every shim returns a `Ret`).

use ferrogo_syntax::ir::{Crate, Type};

/// A number (or bool) as it sits in wasm32 memory and crosses as a wasm parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool,
    I8,
    I16,
    I32,
    I64,
    Isize,
    U8,
    U16,
    U32,
    U64,
    Usize,
    F32,
    F64,
}

impl Scalar {
    pub fn of(ty: &Type) -> Option<Scalar> {
        Some(match ty {
            Type::Bool => Scalar::Bool,
            Type::I8 => Scalar::I8,
            Type::I16 => Scalar::I16,
            Type::I32 => Scalar::I32,
            Type::I64 | Type::Ordering | Type::Duration => Scalar::I64,
            Type::Isize => Scalar::Isize,
            Type::U8 => Scalar::U8,
            Type::U16 => Scalar::U16,
            Type::U32 | Type::Char => Scalar::U32,
            Type::U64 => Scalar::U64,
            Type::Usize => Scalar::Usize,
            Type::F32 => Scalar::F32,
            Type::F64 => Scalar::F64,
            _ => return None,
        })
    }

    /// Size (= alignment) on wasm32.
    pub fn size(self) -> u32 {
        match self {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::Isize | Scalar::Usize | Scalar::F32 => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
        }
    }
}

/// A record of scalar fields: its Go name and each field's Go name, type and wasm32 offset.
#[derive(Clone, Debug)]
pub struct Layout {
    pub go_name: String,
    /// Go name, kind, offset and Go type of each field.
    pub fields: Vec<(String, Scalar, u32, String)>,
    pub size: u32,
    pub align: u32,
}

/// The wasm32 layout of a record of numbers; `None` when a field is not a number.
pub fn record_layout(krate: &Crate, name: &str) -> Option<Layout> {
    let r = krate.record(name)?;
    let mut fields = Vec::new();
    let (mut at, mut align) = (0u32, 1u32);
    for f in &r.fields {
        // isize and usize fields would need the range check arguments get: not yet.
        let s = Scalar::of(&f.ty).filter(|s| !matches!(s, Scalar::Isize | Scalar::Usize))?;
        at = at.next_multiple_of(s.size());
        align = align.max(s.size());
        fields.push((f.go_name.clone(), s, at, crate::types::go_type(krate, &f.ty)));
        at += s.size();
    }
    Some(Layout {
        go_name: r.go_name.clone(),
        fields,
        size: at.next_multiple_of(align).max(1),
        align,
    })
}

//! The call plan of one function as the wasm emitter reads it: how each argument is lowered
//! into guest memory or a wasm parameter, which shim is called, and how its `Ret` is lifted out
//! of guest memory. Steps are data, computed once from the IR; `emit.rs` only prints them.
//!
//! This is a small adapter over the IR, standing in for the generator's shared plan
//! (`plan` branch) until that lands: it computes the same steps, for the kinds the wasm path
//! supports so far, and says which kind stops a crate from building for wasm.

use ferrogo_syntax::ir::{Crate, FnKind, Function, Type};
use ferrogo_syntax::mangle;

use crate::functions::{go_signature, param_name, stats_key};

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
            Type::I64 => Scalar::I64,
            Type::Isize => Scalar::Isize,
            Type::U8 => Scalar::U8,
            Type::U16 => Scalar::U16,
            Type::U32 => Scalar::U32,
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
    pub fields: Vec<(String, Scalar, u32)>,
    pub size: u32,
    pub align: u32,
}

/// How one argument crosses.
#[derive(Clone, Debug)]
pub enum Lower {
    /// A wasm parameter.
    Scalar { go: String, scalar: Scalar },
    /// Bytes copied into guest memory; the parameter is the address of its `FfiSlice`.
    Text { go: String },
    /// A record copied into guest memory; the parameter is its address (the C ABI passes a
    /// struct of more than one field by address on wasm32), or its one field's value.
    Record { go: String, layout: Layout },
}

/// How the `Ret`'s value becomes the Go result.
#[derive(Clone, Debug)]
pub enum Lift {
    Unit,
    Scalar(Scalar),
    /// An `FfiVec` of UTF-8 Rust owns; freed through the function's free shim after the copy.
    Text { free: String },
    Record(Layout),
    /// A new object's handle (constructors): Go name of the object.
    Object { go_name: String },
}

impl Lift {
    /// Size and alignment of the value in `Ret` on wasm32.
    pub fn layout(&self) -> (u32, u32) {
        match self {
            Lift::Unit => (1, 1), // `()` crosses as a u8
            Lift::Scalar(s) => (s.size(), s.size()),
            Lift::Text { .. } => (12, 4),
            Lift::Record(l) => (l.size, l.align),
            Lift::Object { .. } => (8, 8),
        }
    }
}

/// The plan of one call.
#[derive(Clone, Debug)]
pub struct CallPlan {
    pub shim: String,
    /// `quickstart.(*Counter).Incr`: the name errors carry.
    pub func: String,
    /// The Go declaration line up to the body (`func (c *Counter) Incr(by int64) int64`).
    pub signature: String,
    /// `Some((receiver, Rust object name))` for an object's method.
    pub receiver: Option<(String, String)>,
    pub args: Vec<Lower>,
    /// The shim takes a scratch buffer (`ptr, cap`): the wasm path passes none.
    pub scratch: bool,
    pub lift: Lift,
    /// The error's Go decoder (`decodeConfigError`), when the function returns a user error.
    pub user_error: Option<String>,
    /// Whether the Go function returns `error` (else errors are raised with `ferrogo.Raise`).
    pub returns_error: bool,
    /// The Go zero values returned beside an error.
    pub zero: Option<String>,
    pub result_type: Option<String>,
}

/// The plan of `f`, or why the wasm path cannot call it yet.
pub fn plan(krate: &Crate, package: &str, f: &Function) -> Result<CallPlan, String> {
    let unsupported = |what: &str| Err(format!("{} ({what})", f.name));
    if f.is_async || f.cancelable() || f.iter_item().is_some() || f.blocking {
        return unsupported("async, cancelable, blocking and iterator functions");
    }
    let mut args = Vec::new();
    for a in &f.args {
        let go = param_name(f, &a.name);
        args.push(match &a.ty {
            Type::Str | Type::String => Lower::Text { go },
            ty if named(ty).is_some_and(|n| krate.record(n).is_some()) => {
                let n = named(ty).unwrap_or_default();
                Lower::Record {
                    go,
                    layout: record_layout(krate, n)
                        .ok_or_else(|| format!("{} (record {n} has non-number fields)", f.name))?,
                }
            }
            ty => match Scalar::of(ty) {
                Some(scalar) => Lower::Scalar { go, scalar },
                None => return unsupported(&format!("argument type {ty:?}")),
            },
        });
    }
    let lift = match (&f.kind, &f.ret.ok) {
        (FnKind::Constructor { object }, _) => Lift::Object {
            go_name: krate.object(object).map(|o| o.go_name.clone()).unwrap_or_else(|| object.clone()),
        },
        (_, Type::Unit) => Lift::Unit,
        (_, Type::String) => Lift::Text {
            free: mangle::free_return(&krate.name, f),
        },
        (_, Type::Named(n)) if krate.record(n).is_some() => {
            Lift::Record(record_layout(krate, n).ok_or_else(|| format!("{} (record {n} has non-number fields)", f.name))?)
        }
        (_, ty) => match Scalar::of(ty) {
            Some(s) => Lift::Scalar(s),
            None => return unsupported(&format!("result type {ty:?}")),
        },
    };
    let user_error = match &f.ret.err {
        Some(e) => {
            let Some(err) = krate.error(e) else {
                return unsupported(&format!("error type {e}"));
            };
            for v in &err.variants {
                for field in &v.fields {
                    if !matches!(field.ty, Type::String) && Scalar::of(&field.ty).is_none() {
                        return unsupported(&format!("error field {}::{} of type {:?}", e, v.name, field.ty));
                    }
                }
            }
            Some(format!("decode{}", err.go_name))
        }
        None => None,
    };
    let receiver = match &f.kind {
        FnKind::Method { object, .. } => {
            if krate.object(object).is_none() {
                return unsupported("methods of records");
            }
            Some((crate::objects::receiver(krate, object), object.clone()))
        }
        _ => None,
    };
    let sig = go_signature(krate, f);
    let params: Vec<String> = sig.params.iter().map(|(n, t)| format!("{n} {t}")).collect();
    let results = match sig.results.len() {
        0 => String::new(),
        1 => format!(" {}", sig.results[0]),
        _ => format!(" ({})", sig.results.join(", ")),
    };
    let go_fn = &f.go_name;
    let signature = match &receiver {
        Some((recv, object)) => {
            let go = krate.object(object).map_or(object.as_str(), |o| o.go_name.as_str());
            format!("func ({recv} *{go}) {}({}){results}", f.go_name, params.join(", "))
        }
        None => format!("func {go_fn}({}){results}", params.join(", ")),
    };
    let key = stats_key(&crate::Context { krate, package }, f);
    let returns_error = f.returns_error();
    let (zero, result_type) = match &lift {
        Lift::Unit => (None, None),
        _ => {
            let t = sig.results[0].clone();
            (Some(zero_of(&lift, &t)), Some(t))
        }
    };
    Ok(CallPlan {
        shim: mangle::function(&krate.name, f),
        func: format!("{package}.{key}"),
        signature,
        receiver,
        args,
        scratch: f.uses_scratch(),
        lift,
        user_error,
        returns_error,
        zero,
        result_type,
    })
}

fn zero_of(lift: &Lift, go_type: &str) -> String {
    match lift {
        Lift::Unit => String::new(),
        Lift::Scalar(Scalar::Bool) => "false".into(),
        Lift::Scalar(_) => "0".into(),
        Lift::Text { .. } => "\"\"".into(),
        Lift::Record(_) => format!("{go_type}{{}}"),
        Lift::Object { .. } => "nil".into(),
    }
}

/// The record or object a type names, by value or by reference.
fn named(ty: &Type) -> Option<&str> {
    match ty {
        Type::Named(n) => Some(n),
        Type::Ref(inner) => match &**inner {
            Type::Named(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// The wasm32 layout of a record of numbers; `None` when a field is not a number.
pub fn record_layout(krate: &Crate, name: &str) -> Option<Layout> {
    let r = krate.record(name)?;
    let mut fields = Vec::new();
    let (mut at, mut align) = (0u32, 1u32);
    for f in &r.fields {
        let s = Scalar::of(&f.ty)?;
        at = at.next_multiple_of(s.size());
        align = align.max(s.size());
        fields.push((f.go_name.clone(), s, at));
        at += s.size();
    }
    Some(Layout {
        go_name: r.go_name.clone(),
        fields,
        size: at.next_multiple_of(align).max(1),
        align,
    })
}

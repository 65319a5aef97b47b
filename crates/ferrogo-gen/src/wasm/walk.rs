//! The wasm emitter's walk over a function's call plan (`crate::plan`): each step becomes what
//! the wazero call needs (arguments lowered into guest memory, the error check, the lift of
//! the `Ret`), or the reason the wasm path cannot take it yet. The plan made every decision
//! (argument kinds, where errors go, what to free); this module only reads it.

use ferrogo_syntax::ir::{Crate, Function, Type};
use ferrogo_syntax::mangle;

use super::layout::{record_layout, Layout, Scalar};
use crate::go_names::{qualified, receiver};
use crate::plan::{CallKind, ErrorTo, Free, Lift, Lower, Plan, Shape, Step};
use crate::types::go_type;

/// How one argument crosses.
#[derive(Clone, Debug)]
pub enum Param {
    /// A wasm parameter (`rust`: the Rust parameter's name, for errors).
    Scalar {
        rust: String,
        go: String,
        scalar: Scalar,
    },
    /// Bytes copied into guest memory; the parameter is the address of its `FfiSlice`.
    Text {
        go: String,
    },
    Bytes {
        go: String,
    },
    /// A slice of fixed-size numbers, copied (`FfiSlice` of the elements).
    Numbers {
        go: String,
    },
    /// `[]string` or `[][]byte`, copied as the `FfiList` of headers Rust reads.
    TextList {
        go: String,
        bytes: bool,
    },
    /// A record copied into guest memory: its address, or its one field's value (the C ABI
    /// passes a struct of one scalar as that scalar).
    Record {
        go: String,
        layout: Layout,
    },
    /// An object's handle; `receiver` when it is the method's receiver. An object of an instance
    /// a panic retired is closed.
    Handle {
        go: String,
        object: String,
        receiver: bool,
    },
}

/// How one Rust value in guest memory becomes a Go value.
#[derive(Clone, Debug)]
pub enum Elem {
    Scalar {
        scalar: Scalar,
        go_type: String,
    },
    /// UTF-8 (or bytes) in an `FfiVec` (`{ptr, len, cap}`, 12 bytes).
    Text,
    Bytes,
    Record(Layout),
    /// A new object adopting the handle: the object's Go name.
    Handle {
        go_name: String,
    },
    /// A `Vec` of elements in an `FfiVec`: the list's Go type, the element.
    List {
        go_type: String,
        item: Box<Elem>,
    },
}

impl Elem {
    /// Size and alignment on wasm32.
    pub fn layout(&self) -> (u32, u32) {
        match self {
            Elem::Scalar { scalar, .. } => (scalar.size(), scalar.size()),
            Elem::Text | Elem::Bytes | Elem::List { .. } => (12, 4),
            Elem::Record(l) => (l.size, l.align),
            Elem::Handle { .. } => (8, 8),
        }
    }
}

/// The Go results: none, one value, or `(value, found)` of an `Option` (`FfiOption`: a byte,
/// then the value).
#[derive(Clone, Debug)]
pub enum Value {
    Unit,
    One(Elem),
    Optional(Elem),
}

impl Value {
    /// Size and alignment of the value in `Ret` on wasm32.
    pub fn layout(&self) -> (u32, u32) {
        match self {
            Value::Unit => (1, 1), // `()` crosses as a u8
            Value::One(e) => e.layout(),
            Value::Optional(e) => {
                let (size, align) = e.layout();
                ((align + size).next_multiple_of(align), align)
            }
        }
    }
}

/// A function returning `iter.Seq`/`iter.Seq2`: the iterator's item, where errors go, and the
/// shims that fetch chunks and close it.
#[derive(Clone, Debug)]
pub struct Sequence {
    pub item: Elem,
    /// The Go zero value of an item (for `yield(zero, err)`).
    pub zero: String,
    pub to: ErrorTo,
    pub next: String,
    pub next_free: String,
    pub close: String,
}

/// What the wasm emitter prints for one function.
#[derive(Clone, Debug)]
pub struct WasmCall {
    pub shim: String,
    /// `pkg.(*Counter).Incr`: the name errors carry.
    pub func: String,
    pub params: Vec<Param>,
    /// The shim takes a scratch buffer (`ptr, cap`): the wasm path passes none.
    pub scratch: bool,
    pub stress: bool,
    pub value: Value,
    /// The Go decoder of the function's error enum (`decodeConfigError`), if any.
    pub decoder: Option<String>,
    /// Set for a function returning a sequence: the call returns the iterator's handle.
    pub sequence: Option<Sequence>,
    /// The shim that frees the result Rust allocated, after Go copied it.
    pub free: Option<String>,
    /// Whether an error is the Go function's `error` result (else a panic: `ferrogo.Raise`).
    pub returns_error: bool,
    /// The Go zero values of the results before `error`.
    pub zeros: Vec<String>,
}

/// Reads `plan` (of `f`) for the wasm emitter, or says which step or kind it cannot take yet.
pub fn walk(krate: &Crate, package: &str, f: &Function, plan: &Plan) -> Result<WasmCall, String> {
    let no = |what: String| Err(format!("{} ({what})", f.name));
    let mut call = WasmCall {
        shim: plan.symbol.clone(),
        func: qualified(package, krate, f),
        params: Vec::new(),
        scratch: false,
        stress: false,
        value: Value::Unit,
        decoder: None,
        sequence: None,
        free: None,
        returns_error: false,
        zeros: crate::signature::result_parts(krate, &f.ret.ok).1,
    };
    let recv = f.object().filter(|o| krate.object(o).is_some());
    for step in &plan.steps {
        match step {
            Step::Stress => call.stress = true,
            // Arguments are copied into guest memory: nothing of Go's is read during the call.
            Step::DeclareKeep | Step::KeepAlive(_) | Step::DeclareScratch => {}
            Step::BeginSequence { item, .. } => {
                let lift = Lift::of(krate, item);
                call.sequence = Some(Sequence {
                    item: elem(krate, item, &lift).map_err(|why| format!("{} ({why})", f.name))?,
                    zero: crate::types::go_zero(krate, item),
                    to: ErrorTo::LoopPanic,
                    next: mangle::iter_next(&krate.name, f),
                    next_free: mangle::iter_free(&krate.name, f),
                    close: mangle::iter_close(&krate.name, f),
                });
                // The call returns the iterator's handle.
                call.value = Value::One(Elem::Scalar {
                    scalar: Scalar::U64,
                    go_type: "uint64".into(),
                });
            }
            Step::Chunks(chunks) => {
                if let Some(seq) = &mut call.sequence {
                    seq.to = chunks.to;
                }
            }
            Step::EndSequence => {}
            Step::Call(c) => {
                if c.kind == CallKind::Iterator && call.sequence.is_some() {
                    // The sequence's first step: each range makes the iterator.
                } else if c.kind != CallKind::Sync {
                    return no(format!("{:?} calls", c.kind).to_lowercase());
                }
                call.scratch = c.scratch;
                for (i, a) in c.args.iter().enumerate() {
                    let go = a.local.clone();
                    call.params.push(match &a.lower {
                        Lower::Bool => Param::Scalar {
                            rust: String::new(),
                            go,
                            scalar: Scalar::Bool,
                        },
                        Lower::Scalar(ty) => match Scalar::of(ty) {
                            Some(scalar) => Param::Scalar {
                                rust: f
                                    .args
                                    .iter()
                                    .find(|x| crate::go_names::param_name(f, &x.name) == go)
                                    .map_or_else(|| go.clone(), |x| x.name.clone()),
                                go,
                                scalar,
                            },
                            None => return no(format!("argument type {ty:?}")),
                        },
                        Lower::String => Param::Text { go },
                        Lower::Bytes => Param::Bytes { go },
                        Lower::TextList { bytes } => Param::TextList { go, bytes: *bytes },
                        Lower::NumberSlice => {
                            // int and uint are 8 bytes in Go, 4 in wasm32: not copied as they are.
                            let ty = f
                                .args
                                .iter()
                                .find(|x| crate::go_names::param_name(f, &x.name) == go)
                                .map(|x| &x.ty);
                            let item = match ty {
                                Some(Type::Slice(t) | Type::Vec(t)) => Scalar::of(t),
                                _ => None,
                            };
                            match item {
                                Some(Scalar::Isize | Scalar::Usize | Scalar::Bool) | None => {
                                    return no(format!("argument type {ty:?}"))
                                }
                                Some(_) => Param::Numbers { go },
                            }
                        }
                        Lower::Record(r) => match record_layout(krate, &r.name) {
                            Some(layout) => Param::Record { go, layout },
                            None => return no(format!("record {} with fields other than numbers", r.name)),
                        },
                        Lower::Handle => {
                            let is_recv = i == 0
                                && recv.is_some()
                                && recv.map(|o| receiver(krate, o)) == Some(go.clone());
                            let object = match (
                                is_recv,
                                f.args
                                    .iter()
                                    .find(|x| crate::go_names::param_name(f, &x.name) == go),
                            ) {
                                (true, _) => recv.unwrap_or_default().to_string(),
                                (false, Some(arg)) => object_of(&arg.ty).unwrap_or_default(),
                                (false, None) => return no("an object argument".into()),
                            };
                            Param::Handle {
                                go,
                                object,
                                receiver: is_recv,
                            }
                        }
                        other => return no(format!("argument kind {}", kind_name(other))),
                    });
                }
            }
            Step::CheckError(check) => {
                call.returns_error = match check.to {
                    ErrorTo::Result => true,
                    ErrorTo::Panic | ErrorTo::Yield | ErrorTo::LoopPanic => false,
                };
                if let Some(e) = check.error_enum {
                    let Some(err) = krate.error(e) else {
                        return no(format!("error type {e}"));
                    };
                    for v in &err.variants {
                        for field in &v.fields {
                            if !matches!(field.ty, Type::String) && Scalar::of(&field.ty).is_none() {
                                return no(format!("error field {}::{} of type {:?}", e, v.name, field.ty));
                            }
                        }
                    }
                    call.decoder = Some(format!("decode{e}"));
                }
            }
            Step::Lift(returned) => {
                call.free = match returned.free {
                    Free::Result | Free::ResultUnlessScratch => Some(mangle::free_return(&krate.name, f)),
                    Free::Nothing | Free::Object(_) => None,
                };
                call.value = match &returned.shape {
                    Shape::Unit => Value::Unit,
                    Shape::Value(v) => {
                        Value::One(elem(krate, v.ty, &v.lift).map_err(|why| format!("{} ({why})", f.name))?)
                    }
                    Shape::Optional(v) => Value::Optional(
                        elem(krate, v.ty, &v.lift).map_err(|why| format!("{} ({why})", f.name))?,
                    ),
                    _ => return no("tuple results".into()),
                };
            }
            other => return no(format!("step {}", step_name(other))),
        }
    }
    Ok(call)
}

/// How a result of type `ty` (lifted as `lift`) is read from guest memory.
fn elem(krate: &Crate, ty: &Type, lift: &Lift) -> Result<Elem, String> {
    Ok(match lift {
        Lift::Bool => Elem::Scalar {
            scalar: Scalar::Bool,
            go_type: "bool".into(),
        },
        Lift::Scalar(t) => Elem::Scalar {
            scalar: Scalar::of(t).ok_or_else(|| format!("result type {t:?}"))?,
            go_type: go_type(krate, t),
        },
        Lift::String => Elem::Text,
        Lift::Bytes => Elem::Bytes,
        Lift::Record(r) => Elem::Record(
            record_layout(krate, &r.name)
                .ok_or_else(|| format!("record {} with fields other than numbers", r.name))?,
        ),
        Lift::Handle(o) => Elem::Handle {
            go_name: o.go_name.clone(),
        },
        Lift::List { list, item } => {
            let inner = elem(krate, item, &Lift::of(krate, item))?;
            if matches!(inner, Elem::Handle { .. } | Elem::List { .. }) {
                return Err(format!("result type {ty:?}"));
            }
            Elem::List {
                go_type: go_type(krate, list),
                item: Box::new(inner),
            }
        }
        other => return Err(format!("result kind {}", lift_name(other))),
    })
}

fn object_of(ty: &Type) -> Option<String> {
    match ty {
        Type::Named(n) => Some(n.clone()),
        Type::Ref(t) => object_of(t),
        _ => None,
    }
}

fn kind_name(l: &Lower) -> String {
    format!("{l:?}")
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

fn lift_name(l: &Lift) -> String {
    format!("{l:?}")
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

fn step_name(s: &Step) -> String {
    format!("{s:?}")
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

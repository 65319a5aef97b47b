//! Prints a function's walked plan ([`WasmCall`]) as its Go body for `//go:build !cgo`:
//! arguments lowered into guest memory, the shim invoked through wazero, the `Ret` lifted out.

use super::layout::{Layout, Scalar};
use super::walk::{Elem, Param, Sequence, Value, WasmCall};
use crate::plan::ErrorTo;
use crate::signature::with_err;
use crate::writer::Writer;

/// The Go value of a scalar read at a guest address (`at`), in the Go type `go_type` names.
pub fn read(s: Scalar, at: &str) -> String {
    match s {
        Scalar::Bool => format!("h.U8({at}) != 0"),
        Scalar::I8 => format!("int8(h.U8({at}))"),
        Scalar::I16 => format!("int16(h.U16({at}))"),
        Scalar::I32 => format!("int32(h.U32({at}))"),
        Scalar::I64 => format!("int64(h.U64({at}))"),
        Scalar::Isize => format!("int(int32(h.U32({at})))"),
        Scalar::U8 => format!("h.U8({at})"),
        Scalar::U16 => format!("h.U16({at})"),
        Scalar::U32 => format!("h.U32({at})"),
        Scalar::U64 => format!("h.U64({at})"),
        Scalar::Usize => format!("uint(h.U32({at}))"),
        Scalar::F32 => format!("h.F32({at})"),
        Scalar::F64 => format!("h.F64({at})"),
    }
}

/// The statement writing Go value `v` of scalar type `s` at guest address `at`.
pub fn write(s: Scalar, at: &str, v: &str) -> String {
    match s {
        Scalar::Bool => format!("h.PutU8({at}, wasmrt.Bool8({v}))"),
        Scalar::I8 | Scalar::U8 => format!("h.PutU8({at}, uint8({v}))"),
        Scalar::I16 | Scalar::U16 => format!("h.PutU16({at}, uint16({v}))"),
        Scalar::I32 | Scalar::U32 | Scalar::Isize | Scalar::Usize => format!("h.PutU32({at}, uint32({v}))"),
        Scalar::I64 | Scalar::U64 => format!("h.PutU64({at}, uint64({v}))"),
        Scalar::F32 => format!("h.PutF32({at}, {v})"),
        Scalar::F64 => format!("h.PutF64({at}, {v})"),
    }
}

/// A scalar as a wasm parameter (wazero's uint64 encoding: i32 in the low bits, floats as bits).
pub fn param(s: Scalar, v: &str) -> String {
    match s {
        Scalar::Bool => format!("uint64(wasmrt.Bool8({v}))"),
        Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::Isize => format!("uint64(uint32(int32({v})))"),
        Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::Usize => format!("uint64(uint32({v}))"),
        Scalar::I64 | Scalar::U64 => format!("uint64({v})"),
        Scalar::F32 => format!("uint64(math.Float32bits({v}))"),
        Scalar::F64 => format!("math.Float64bits({v})"),
    }
}

/// The helper that copies a record into guest memory, returning its address.
pub fn put_record(l: &Layout, w: &mut Writer) {
    w.line(format!(
        "func wasmPut{}(h *wasmrt.Call, v {}) uint32 {{",
        l.go_name, l.go_name
    ));
    w.line(format!("p := h.Space({}, {})", l.size, l.align));
    for (name, s, off, _) in &l.fields {
        w.line(write(*s, &format!("p+{off}"), &format!("v.{name}")));
    }
    w.line("return p");
    w.line("}");
    w.blank();
}

/// A record's Go value read at guest address `at`.
pub fn read_record(l: &Layout, at: &str) -> String {
    let fields: Vec<String> = l
        .fields
        .iter()
        .map(|(name, s, off, go)| match s {
            Scalar::Bool => format!("{name}: {}", read(*s, &format!("{at}+{off}"))),
            _ => format!("{name}: {go}({})", read(*s, &format!("{at}+{off}"))),
        })
        .collect();
    format!("{}{{{}}}", l.go_name, fields.join(", "))
}

/// The body of the Go function (after its signature line) that makes `call`; `module` is the
/// package's `*wasmrt.Module` variable.
pub fn body(call: &WasmCall, module: &str, w: &mut Writer) {
    if let Some(seq) = &call.sequence {
        return sequence(call, seq, module, w);
    }
    if call.stress {
        w.line("rt.Stress()");
    }
    w.line(format!("h, err := {module}.Begin(\"{}\")", call.func));
    w.line("defer h.End()");
    let (size, align) = call.value.layout();
    let err_at = size.next_multiple_of(4);
    let ret_size = (err_at + 4).next_multiple_of(align.max(4));
    let params = params(call, w);
    w.line("if err == nil {");
    w.line(format!("r := h.Space({ret_size}, {})", align.max(4)));
    w.line(format!(
        "if _, err = h.Invoke(\"{}\", {}); err == nil {{",
        call.shim,
        params.join(", ")
    ));
    let decoder = call.decoder.as_deref().unwrap_or("nil");
    w.line(format!("if v := h.U32(r + {err_at}); v != 0 {{"));
    w.line(format!("err = h.Error(v, {decoder})"));
    w.line("} else {");
    let ok = |v: &str| -> String {
        match (call.returns_error, v.is_empty()) {
            (true, true) => "return nil".into(),
            (true, false) => format!("return {v}, nil"),
            (false, true) => "return".into(),
            (false, false) => format!("return {v}"),
        }
    };
    let free = |at: &str, w: &mut Writer| {
        if let Some(free) = &call.free {
            // The free shim takes the FfiVec by address: the one in the result.
            w.line(format!("h.Invoke(\"{free}\", uint64({at}))"));
        }
    };
    match &call.value {
        Value::Unit => w.line(ok("")),
        Value::One(e) => {
            w.line(format!("v := {}", elem(e, "r")));
            free("r", w);
            w.line(ok("v"));
        }
        Value::Optional(e) => {
            let (_, align) = e.layout();
            w.line("if h.U8(r) == 0 {");
            w.line(ok(&format!(
                "{}, false",
                call.zeros.first().map_or("nil", String::as_str)
            )));
            w.line("}");
            w.line(format!("v := {}", elem(e, &format!("r+{align}"))));
            free(&format!("r+{align}"), w);
            w.line(ok("v, true"));
        }
    }
    w.line("}");
    w.line("}");
    w.line("}");
    if call.returns_error {
        w.line(format!("return {}", with_err(&call.zeros, "err")));
    } else {
        w.line("ferrogo.Raise(err)");
        if call.zeros.is_empty() {
            w.line("return");
        } else {
            w.line(format!("return {}", call.zeros.join(", ")));
        }
    }
}

/// The Go value (an expression) of `e` at guest address `at`.
pub fn elem(e: &Elem, at: &str) -> String {
    match e {
        Elem::Scalar { scalar, go_type } => match scalar {
            Scalar::Bool => read(*scalar, at),
            _ => format!("{go_type}({})", read(*scalar, at)),
        },
        Elem::Text => format!("h.String(h.U32({at}), h.U32({at}+4))"),
        Elem::Bytes => format!("h.Read(h.U32({at}), h.U32({at}+4))"),
        Elem::Record(l) => read_record(l, at),
        Elem::Handle { go_name } => format!("wasmNew{go_name}(h.U64({at}), h.Generation())"),
        Elem::List { go_type, item } => {
            let (size, _) = item.layout();
            // Each element is read at its address `p`, in a function literal so that nested
            // statements stay inside the loop.
            let one = elem(item, "p");
            format!(
                "func() {go_type} {{\nbase, n := h.U32({at}), h.U32({at}+4)\nout := make({go_type}, n)\nfor i := range out {{\np := base + uint32(i)*{size}\nout[i] = {one}\n}}\nreturn out\n}}()"
            )
        }
    }
}

/// The wasm parameters of the call (the `Ret` pointer `r` first), writing the checks and copies
/// they need to `w` (an object of a retired instance sets `err`).
fn params(call: &WasmCall, w: &mut Writer) -> Vec<String> {
    let mut params = vec!["uint64(r)".to_string()];
    for p in &call.params {
        params.push(match p {
            Param::Scalar { rust, go, scalar } => {
                // Go's int and uint are 64 bits, Rust's isize and usize 32 on wasm32: a value
                // that does not fit is an argument Rust cannot accept, never truncated.
                let range = match scalar {
                    Scalar::Isize => Some(format!(
                        "int64({go}) < math.MinInt32 || int64({go}) > math.MaxInt32"
                    )),
                    Scalar::Usize => Some(format!("uint64({go}) > math.MaxUint32")),
                    _ => None,
                };
                if let Some(out) = range {
                    w.line(format!("if err == nil && ({out}) {{"));
                    w.line(format!(
                        "err = wasmrt.OutOfRange(\"{}\", \"{rust}\", {go})",
                        call.func
                    ));
                    w.line("}");
                }
                param(*scalar, go)
            }
            Param::Text { go } => format!("uint64(h.Text({go}))"),
            Param::Bytes { go } => format!("uint64(h.Bytes({go}))"),
            Param::Numbers { go } => format!("uint64(wasmrt.Numbers(h, {go}))"),
            Param::TextList { go, bytes: false } => format!("uint64(h.Strings({go}))"),
            Param::TextList { go, bytes: true } => format!("uint64(h.ByteSlices({go}))"),
            Param::Record { go, layout } if layout.fields.len() == 1 => {
                let (name, s, _, _) = &layout.fields[0];
                param(*s, &format!("{go}.{name}"))
            }
            Param::Record { go, layout } => format!("uint64(wasmPut{}(h, {go}))", layout.go_name),
            Param::Handle { go, object, receiver } => {
                // An object of an instance a panic retired is closed: its handle means nothing
                // in the new one.
                w.line(format!(
                    "if err == nil && {go} != nil && {go}.gen != h.Generation() {{"
                ));
                let arg = if *receiver { String::new() } else { go.clone() };
                w.line(format!(
                    "err = wasmrt.Closed(\"{}\", \"{object}\", \"{arg}\")",
                    call.func
                ));
                w.line("}");
                format!("{go}.wasmHandle()")
            }
        });
    }
    if call.scratch {
        params.push("0".into());
        params.push("0".into());
    }
    params
}

/// A function returning a sequence: each range makes the iterator (one crossing), then
/// fetches its items in chunks (one crossing each, so the loop body may call the package), and
/// closes it when the range ends. An instance retired by a panic meanwhile closes it too.
fn sequence(call: &WasmCall, seq: &Sequence, module: &str, w: &mut Writer) {
    let fail = |err: &str, w: &mut Writer| match seq.to {
        ErrorTo::Yield => {
            w.line(format!("yield({}, {err})", seq.zero));
            w.line("return");
        }
        _ => {
            w.line(format!("ferrogo.Raise({err})"));
            w.line("return");
        }
    };
    let yield_ok = if seq.to == ErrorTo::Yield { ", nil" } else { "" };
    let yield_ty = match seq.to {
        ErrorTo::Yield => format!("func({}, error) bool", go_item(seq)),
        _ => format!("func({}) bool", go_item(seq)),
    };
    w.line(format!("return func(yield {yield_ty}) {{"));
    if call.stress {
        w.line("rt.Stress()");
    }
    w.line("it, gen, err := func() (uint64, uint64, error) {");
    w.line(format!("h, err := {module}.Begin(\"{}\")", call.func));
    w.line("defer h.End()");
    let params = params(call, w);
    w.line("if err != nil {");
    w.line("return 0, 0, err");
    w.line("}");
    w.line("r := h.Space(16, 8)");
    w.line(format!(
        "if _, err = h.Invoke(\"{}\", {}); err != nil {{",
        call.shim,
        params.join(", ")
    ));
    w.line("return 0, 0, err");
    w.line("}");
    let decoder = call.decoder.as_deref().unwrap_or("nil");
    w.line("if v := h.U32(r + 8); v != 0 {");
    w.line(format!("return 0, 0, h.Error(v, {decoder})"));
    w.line("}");
    w.line("return h.U64(r), h.Generation(), nil");
    w.line("}()");
    w.line("if err != nil {");
    fail("err", w);
    w.line("}");
    w.line(format!("defer {module}.Release(\"{}\", it, gen)", seq.close));
    w.line("for {");
    w.line("rt.Stress()");
    w.line(format!("items, err := func() ([]{}, error) {{", go_item(seq)));
    w.line(format!("h, err := {module}.Begin(\"{}\")", call.func));
    w.line("defer h.End()");
    w.line("if err == nil && h.Generation() != gen {");
    w.line(format!("err = wasmrt.Closed(\"{}\", \"Iter\", \"\")", call.func));
    w.line("}");
    w.line("if err != nil {");
    w.line("return nil, err");
    w.line("}");
    w.line("r := h.Space(16, 4)");
    w.line(format!(
        "if _, err = h.Invoke(\"{}\", uint64(r), it, wasmrt.IterChunk); err != nil {{",
        seq.next
    ));
    w.line("return nil, err");
    w.line("}");
    // A chunk can carry items and an error (the items made before it come first).
    w.line("if v := h.U32(r + 12); v != 0 {");
    w.line("err = h.Error(v, nil)");
    w.line("}");
    let list = Elem::List {
        go_type: format!("[]{}", go_item(seq)),
        item: Box::new(seq.item.clone()),
    };
    w.line(format!("items := {}", elem(&list, "r")));
    w.line("if h.U32(r) != 0 {");
    w.line(format!("h.Invoke(\"{}\", uint64(r))", seq.next_free));
    w.line("}");
    w.line("return items, err");
    w.line("}()");
    w.line("for _, v := range items {");
    w.line(format!("if !yield(v{yield_ok}) {{"));
    w.line("return");
    w.line("}");
    w.line("}");
    w.line("if err != nil {");
    fail("err", w);
    w.line("}");
    w.line("if len(items) < wasmrt.IterChunk {");
    w.line("return");
    w.line("}");
    w.line("}");
    w.line("}");
}

/// The Go type of a sequence's item.
fn go_item(seq: &Sequence) -> String {
    match &seq.item {
        Elem::Scalar { go_type, .. } | Elem::List { go_type, .. } => go_type.clone(),
        Elem::Text => "string".into(),
        Elem::Bytes => "[]byte".into(),
        Elem::Record(l) => l.go_name.clone(),
        Elem::Handle { go_name } => format!("*{go_name}"),
    }
}

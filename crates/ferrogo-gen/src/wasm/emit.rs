//! Prints a [`CallPlan`] as the body of the Go function for `//go:build !cgo`: arguments
//! lowered into guest memory, the shim invoked through wazero, the `Ret` lifted out.

use super::plan::{CallPlan, Layout, Lift, Lower, Scalar};
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
    for (name, s, off) in &l.fields {
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
        .map(|(name, s, off)| format!("{name}: {}", read(*s, &format!("{at}+{off}"))))
        .collect();
    format!("{}{{{}}}", l.go_name, fields.join(", "))
}

/// The Go function for `p`; `module` is the package's `*wasmrt.Module` variable.
pub fn function(p: &CallPlan, module: &str, w: &mut Writer) {
    w.line(format!("{} {{", p.signature));
    w.line(format!("h, err := {module}.Begin(\"{}\")", p.func));
    w.line("defer h.End()");
    let (size, align) = p.lift.layout();
    let err_at = size.next_multiple_of(4);
    let ret_size = (err_at + 4).next_multiple_of(align.max(4));
    let mut params = vec!["uint64(r)".to_string()];
    if let Some((recv, object)) = &p.receiver {
        // An object of an instance a panic retired is closed: its handle means nothing now.
        w.line(format!("if err == nil && {recv} != nil && {recv}.gen != h.Generation() {{"));
        w.line(format!("err = wasmrt.Closed(\"{}\", \"{object}\")", p.func));
        w.line("}");
        params.push(format!("{recv}.wasmHandle()"));
    }
    for a in &p.args {
        params.push(match a {
            Lower::Scalar { go, scalar } => param(*scalar, go),
            Lower::Text { go } => format!("uint64(h.Text({go}))"),
            Lower::Record { go, layout } if layout.fields.len() == 1 => {
                let (name, s, _) = &layout.fields[0];
                param(*s, &format!("{go}.{name}"))
            }
            Lower::Record { go, layout } => format!("uint64(wasmPut{}(h, {go}))", layout.go_name),
        });
    }
    if p.scratch {
        params.push("0".into());
        params.push("0".into());
    }
    w.line("if err == nil {");
    w.line(format!("r := h.Space({ret_size}, {})", align.max(4)));
    w.line(format!(
        "if _, err = h.Invoke(\"{}\", {}); err == nil {{",
        p.shim,
        params.join(", ")
    ));
    let decoder = p.user_error.as_deref().unwrap_or("nil");
    w.line(format!("if v := h.U32(r + {err_at}); v != 0 {{"));
    w.line(format!("err = h.Error(v, {decoder})"));
    w.line("} else {");
    match &p.lift {
        Lift::Unit => w.line(if p.returns_error { "return nil" } else { "return" }),
        Lift::Text { free } => {
            w.line("v := h.String(h.U32(r), h.U32(r+4))");
            w.line("if h.U32(r) != 0 {");
            // The free shim takes the FfiVec by address: the one in `r`.
            w.line(format!("h.Invoke(\"{free}\", uint64(r))"));
            w.line("}");
            w.line(ok_return(p, "v"));
        }
        Lift::Scalar(s) => {
            let v = read(*s, "r");
            let typed = match p.result_type.as_deref() {
                Some(t) if *s != Scalar::Bool => format!("{t}({v})"),
                _ => v,
            };
            w.line(ok_return(p, &typed));
        }
        Lift::Record(l) => w.line(ok_return(p, &read_record(l, "r"))),
        Lift::Object { go_name } => w.line(ok_return(
            p,
            &format!("wasmNew{go_name}(h.U64(r), h.Generation())"),
        )),
    }
    w.line("}");
    w.line("}");
    w.line("}");
    if p.returns_error {
        match &p.zero {
            Some(z) => w.line(format!("return {z}, err")),
            None => w.line("return err"),
        }
    } else {
        w.line("ferrogo.Raise(err)");
        if let Some(z) = &p.zero {
            w.line(format!("return {z}"));
        } else {
            w.line("return");
        }
    }
    w.line("}");
    w.blank();
}

fn ok_return(p: &CallPlan, v: &str) -> String {
    if p.returns_error {
        format!("return {v}, nil")
    } else {
        format!("return {v}")
    }
}

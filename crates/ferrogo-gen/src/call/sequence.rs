//! A function returning `ferrogo::Iter<T>`: each range calls Rust for a fresh iterator, then
//! fetches its items in chunks until Rust runs out or the loop breaks. A lazy iterator's
//! borrowed arguments are copied (where Go code could change them) and kept until it closes.

use ferrogo_syntax::ir::Type;
use ferrogo_syntax::mangle;

use super::outcome::fail;
use super::Walk;
use crate::lift::lift_ret;
use crate::plan::{Borrowed, Chunks, ErrorTo};
use crate::types::{go_type, Helpers};
use crate::writer::Writer;

/// `return func(yield ...) {`: what follows runs on each range.
pub fn begin(walk: &Walk, item: &Type, seq2: bool, w: &mut Writer, h: &mut Helpers) {
    let go_item = go_type(walk.cx.krate, item);
    let yield_ty = match seq2 {
        true => format!("func({go_item}, error) bool"),
        false => format!("func({go_item}) bool"),
    };
    h.imports.insert("iter");
    h.func("iterChunk", |_| {
        "// iterChunk is how many items of a Rust iterator cross per cgo call.\nconst iterChunk = 256".into()
    });
    w.line(format!("return func(yield {yield_ty}) {{"));
}

/// What the Rust iterator may borrow: changeable memory is copied for this loop first, and
/// all of it is on the heap, since the loop body may grow (so move) this goroutine's stack.
pub fn hold(borrowed: &[Borrowed], w: &mut Writer, h: &mut Helpers) {
    let copies: Vec<(&str, String)> = borrowed
        .iter()
        .filter(|b| b.copied)
        .map(|b| (b.local.as_str(), copy_for_loop(b.ty, &b.local, h)))
        .collect();
    if !copies.is_empty() {
        w.line("// The Rust iterator reads these while the loop runs: copies nothing else changes.");
    }
    for (local, copy) in &copies {
        w.line(format!("{local} := {copy}"));
    }
    if !borrowed.is_empty() {
        w.line("// On the heap, which never moves (the loop body may grow this goroutine's stack).");
    }
    for b in borrowed {
        w.line(format!("rt.OnHeap({})", b.local));
    }
}

/// From the iterator handle `r.value` to the end of the chunk loop; the iterator is closed
/// (and the borrowed arguments released) when the range ends.
pub fn chunks(walk: &Walk, chunks: &Chunks, w: &mut Writer, h: &mut Helpers) {
    let krate = walk.cx.krate;
    let f = walk.f;
    w.line("h := r.value");
    let close = mangle::iter_close(&krate.name, f);
    if chunks.borrowed.is_empty() {
        w.line(format!("defer C.{close}(h)"));
    } else {
        w.line("defer func() {");
        w.line(format!("C.{close}(h)"));
        w.line("// The Rust iterator read these until it was closed.");
        for local in &chunks.borrowed {
            w.line(format!("runtime.KeepAlive({local})"));
        }
        w.line("}()");
    }
    w.line("for {");
    // A GC between chunks (under GC stress) exposes memory released while Rust still reads it.
    w.line("rt.Stress()");
    w.line(format!(
        "chunk := C.{}(h, iterChunk)",
        mangle::iter_next(&krate.name, f)
    ));
    // A chunk can carry items and an error: the items made before a panic come first.
    w.line("var err error");
    w.line("if chunk.err != nil {");
    w.line(format!("err = {}", walk.take_error("chunk.err", "nil")));
    w.line("}");
    let items = lift_ret(krate, &Type::Vec(Box::new(chunks.item.clone())), "chunk.value", h);
    w.line(format!("items := {items}"));
    w.line(format!("C.{}(chunk.value)", mangle::iter_free(&krate.name, f)));
    w.line("for _, v := range items {");
    let yield_ok = match chunks.to {
        ErrorTo::Yield => ", nil",
        _ => "",
    };
    w.line(format!("if !yield(v{yield_ok}) {{"));
    w.line("return");
    w.line("}");
    w.line("}");
    w.line("if err != nil {");
    fail(walk, chunks.to, "err".into(), w);
    w.line("}");
    w.line("if len(items) < iterChunk {");
    w.line("return");
    w.line("}");
    w.line("}");
}

/// The Go expression copying the parameter `local` for a lazy iterator's loop, where Go code
/// could change what Rust reads (a `[]byte`, a `[]string`'s elements, what a `*string` points
/// to): the loop's copy is its own, so Rust never sees a change and nothing it reads is
/// collected.
fn copy_for_loop(ty: &Type, local: &str, h: &mut Helpers) -> String {
    match ty {
        Type::Vec(inner) if **inner == Type::Bytes => {
            h.imports.insert("slices");
            h.func("cloneByteSlices", |_| {
                "// cloneByteSlices copies v and its byte slices, for a Rust iterator that reads them after the\n// call: the loop's copy is its own.\nfunc cloneByteSlices(v [][]byte) [][]byte {\n\tif v == nil {\n\t\treturn nil\n\t}\n\tc := make([][]byte, len(v))\n\tfor i, b := range v {\n\t\tc[i] = slices.Clone(b)\n\t}\n\treturn c\n}".into()
            });
            format!("cloneByteSlices({local})")
        }
        Type::Option(inner) if **inner == Type::Bytes => {
            h.imports.insert("slices");
            h.func("cloneBytesPtr", |_| {
                "// cloneBytesPtr points to a copy of *p (nil for nil), for a Rust iterator that reads it after\n// the call: the loop's copy is its own.\nfunc cloneBytesPtr(p *[]byte) *[]byte {\n\tif p == nil {\n\t\treturn nil\n\t}\n\tb := slices.Clone(*p)\n\treturn &b\n}".into()
            });
            format!("cloneBytesPtr({local})")
        }
        Type::Option(_) => {
            h.func("clonePtr", |_| {
                "// clonePtr points to a copy of *p (nil for nil), for a Rust iterator that reads it after the\n// call: the loop's copy is its own.\nfunc clonePtr[T any](p *T) *T {\n\tif p == nil {\n\t\treturn nil\n\t}\n\tv := *p\n\treturn &v\n}".into()
            });
            format!("clonePtr({local})")
        }
        _ => {
            h.imports.insert("slices");
            format!("slices.Clone({local})")
        }
    }
}

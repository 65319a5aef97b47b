//! The package's `Stats()` snapshot: per-function counters read through each function's
//! `__stats` symbol, per-object live handles from Rust and leaks counted in Go.

use ferrogo_syntax::ir::Item;
use ferrogo_syntax::mangle;

use crate::go_names::{callback_values, func_table, stats_key};
use crate::writer::Writer;
use crate::Context;

pub fn emit(cx: &Context, w: &mut Writer) {
    let krate = cx.krate;
    w.comment(&[
        "Stats returns a snapshot of the calls into Rust made through this package: calls, errors,"
            .to_string(),
        "panics, bytes and sampled latency per function, and live and leaked handles per object type."
            .to_string(),
        "It is cheap enough to call from a metrics scrape; import github.com/ferrogo/ferrogo/go/expvar"
            .to_string(),
        "to publish it with expvar.".to_string(),
    ]);
    w.line("func Stats() ferrogo.Stats {");
    let n = krate.functions().count();
    w.line(format!(
        "s := ferrogo.Stats{{Package: \"{}\", Functions: make(map[string]ferrogo.FuncStats, {n})}}",
        cx.package
    ));
    if n > 0 {
        w.line("var st C.fg_fn_stats");
    }
    for f in krate.functions() {
        w.line(format!("st = C.{}()", mangle::stats(&krate.name, f)));
        w.line(format!(
            "s.Functions[\"{}\"] = rt.ConvertFnStats(unsafe.Pointer(&st))",
            stats_key(krate, f)
        ));
    }
    let objects: Vec<_> = krate
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Object(o) => Some(o),
            _ => None,
        })
        .collect();
    if !objects.is_empty() {
        w.line(format!(
            "s.Objects = make(map[string]ferrogo.ObjectStats, {})",
            objects.len()
        ));
        for o in objects {
            w.line(format!(
                "s.Objects[\"{}\"] = ferrogo.ObjectStats{{Live: uint64(C.{}()), Leaked: {}Leaks.Load()}}",
                o.go_name,
                mangle::object_live(&krate.name, &o.name),
                ferrogo_syntax::names::go_unexported(&o.go_name)
            ));
        }
    }
    let mut tables: Vec<(String, String)> = krate
        .callbacks()
        .map(|c| (c.go_name.clone(), callback_values(c)))
        .collect();
    for f in krate.functions() {
        for a in f
            .args
            .iter()
            .filter(|a| matches!(a.ty, ferrogo_syntax::ir::Type::Closure { .. }))
        {
            let key = format!(
                "{}.{}",
                stats_key(krate, f),
                ferrogo_syntax::names::go_local(&a.name)
            );
            tables.push((key, func_table(f, &a.name)));
        }
    }
    if !tables.is_empty() {
        w.line(format!(
            "s.Callbacks = make(map[string]ferrogo.CallbackStats, {})",
            tables.len()
        ));
        for (key, table) in tables {
            w.line(format!(
                "s.Callbacks[\"{key}\"] = ferrogo.CallbackStats{{Live: uint64({table}.Live()), Panics: {table}.Panics()}}"
            ));
        }
    }
    w.line("return s");
    w.line("}");
    w.blank();
}

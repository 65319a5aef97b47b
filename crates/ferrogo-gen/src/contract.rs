//! The godoc paragraphs of a function's contract: ownership of its arguments, how invalid
//! UTF-8 is read, errors and panics, cancellation, blocking, what a lazy iterator keeps.

use ferrogo_syntax::borrows::{kept, Kept};
use ferrogo_syntax::ir::{self, Crate, FnKind, Function, Receiver, Type};

use crate::go_names::{method_of, param_name, receiver, Owner};
use crate::plan::borrowed_args;
use crate::types::{named, Named};
use crate::Context;

/// Whether an argument is a Go slice Rust reads in place (bytes, numbers, lists).
fn reads_slice_in_place(ty: &Type) -> bool {
    match ty {
        Type::Bytes | Type::ByteVec | Type::Slice(_) | Type::Vec(_) => true,
        Type::Option(t) => reads_slice_in_place(t),
        _ => false,
    }
}

/// Whether a value of `ty` carries Go text of the kind `leaf` accepts (strings, or paths) into
/// Rust, inside lists, maps, records and sum types (each looked into once: types may nest
/// themselves).
fn carries<'a>(krate: &'a Crate, ty: &'a Type, leaf: fn(&Type) -> bool, seen: &mut Vec<&'a str>) -> bool {
    if leaf(ty) {
        return true;
    }
    match ty {
        Type::Vec(t) | Type::Option(t) | Type::Boxed(t) | Type::Ref(t) => carries(krate, t, leaf, seen),
        Type::Map { key, value, .. } => carries(krate, key, leaf, seen) || carries(krate, value, leaf, seen),
        Type::Named(n) if !seen.contains(&n.as_str()) => {
            seen.push(n);
            let mut fields: Box<dyn Iterator<Item = &ir::Field>> = match named(krate, n) {
                Named::Record(r) => Box::new(r.fields.iter()),
                Named::Sum(e) => Box::new(e.variants.iter().flat_map(|v| &v.fields)),
                Named::Enum(_) | Named::Object(_) => Box::new(std::iter::empty()),
            };
            fields.any(|f| carries(krate, &f.ty, leaf, seen))
        }
        _ => false,
    }
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Str | Type::String | Type::CowStr)
}

fn is_path(ty: &Type) -> bool {
    matches!(ty, Type::Path | Type::PathBuf)
}

/// The Go names of `f`'s receiver (a record's) and parameters that carry text `leaf` accepts.
fn text_params(krate: &Crate, f: &Function, leaf: fn(&Type) -> bool) -> Vec<String> {
    let receiver = match method_of(krate, f) {
        Some(Owner::Record(r)) => Some((Type::Named(r.name.clone()), receiver(krate, &r.name))),
        _ => None,
    };
    let args = f.args.iter().map(|a| (a.ty.clone(), param_name(f, &a.name)));
    receiver
        .into_iter()
        .chain(args)
        .filter(|(ty, _)| carries(krate, ty, leaf, &mut Vec::new()))
        .map(|(_, name)| name)
        .collect()
}

/// `a`, `a and b`, `a, b and c`.
fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the godoc of a function whose lazy iterator borrows says about it (ADR 0014).
fn lazy_contract(cx: &Context, f: &Function) -> Vec<String> {
    let mut out = Vec::new();
    let borrowed = borrowed_args(f);
    if !borrowed.is_empty() {
        let all: Vec<String> = borrowed.iter().map(|b| b.local.clone()).collect();
        let copied: Vec<String> = borrowed
            .iter()
            .filter(|b| b.copied)
            .map(|b| b.local.clone())
            .collect();
        let them = |names: &[String]| if names.len() == 1 { "it" } else { "them" };
        let mut text = format!(
            "The Rust iterator reads {} while the loop runs, and the loop keeps {} until it ends",
            english_list(&all),
            them(&all)
        );
        if !copied.is_empty() {
            text.push_str(&format!(
                ": each loop first copies {} and reads the copy, so changing {} meanwhile does not change the items",
                english_list(&copied),
                them(&copied)
            ));
        }
        text.push('.');
        out.push(text);
    }
    if let (
        true,
        FnKind::Method {
            receiver: Receiver::Shared,
            ..
        },
        Some(Owner::Object(go)),
    ) = (f.borrows, &f.kind, method_of(cx.krate, f))
    {
        out.push(format!(
            "The loop holds the {go} shared until it ends, as sync.RWMutex.RLock would: a Close meanwhile takes effect when the loop ends, and methods that change the {go} wait for it (so calling one inside the loop never returns)."
        ));
    }
    out
}

/// The godoc paragraphs stating ownership, errors and panics.
pub fn contract(cx: &Context, f: &Function) -> Vec<String> {
    let mut out = Vec::new();
    // Invalid UTF-8 (ADR 0016): read as Go reads it where the function has no error result.
    let strings = text_params(cx.krate, f, is_string);
    let paths = text_params(cx.krate, f, is_path);
    if f.lossy_utf8() {
        if !strings.is_empty() {
            out.push(format!(
                "Rust reads invalid UTF-8 in {} as a range loop does: each invalid byte is utf8.RuneError (U+FFFD).",
                english_list(&strings)
            ));
        }
        if !paths.is_empty() {
            out.push(format!(
                "Rust gets file names in {} byte for byte on Unix, as the os package passes them to the system.",
                english_list(&paths)
            ));
        }
    } else {
        let checked = text_params(cx.krate, f, |t| is_string(t) || is_path(t));
        if !checked.is_empty() {
            out.push(format!(
                "Rust requires valid UTF-8 in {}: invalid input is reported as ferrogo.ErrInvalidUTF8.",
                english_list(&checked)
            ));
        }
    }
    // A lazy iterator's loop copies the slices its iterator may borrow (see below).
    let copied = |ty: &Type| f.borrows && kept(ty) == Ok(Kept::Copied);
    if f.args
        .iter()
        .any(|a| reads_slice_in_place(&a.ty) && !copied(&a.ty))
    {
        out.push("Slices are read in place during the call and never retained. Changing one from another goroutine during the call is a data race (which the race detector cannot see inside Rust).".into());
    }
    if let Some(e) = &f.ret.err {
        let go = cx.krate.error(e).map(|e| e.go_name.as_str()).unwrap_or(e);
        out.push(format!(
            "Errors are of the Rust error type {go} (see the {go} interface); a Rust panic is returned as a *ferrogo.PanicError."
        ));
    } else if f.returns_error() {
        out.push("A Rust panic is returned as a *ferrogo.PanicError.".into());
    } else if f.iter_item().is_some() {
        out.push(
            "If the Rust code panics, the range loop panics with a *ferrogo.PanicError (recoverable).".into(),
        );
    } else {
        out.push(format!(
            "If the Rust code panics, {} panics with a *ferrogo.PanicError (recoverable).",
            f.go_name
        ));
    }
    if f.iter_item().is_some() {
        out.push(
            "Each range over the result calls the Rust function again; items cross in chunks, one cgo call per 256, and breaking out of the loop drops the Rust iterator."
                .into(),
        );
    }
    out.extend(lazy_contract(cx, f));
    if f.cancelable() {
        out.push(format!(
            "If ctx is canceled or its deadline passes before the call completes, {} returns ctx.Err(); the Rust code sees the cancellation and stops early.",
            f.go_name
        ));
    }
    if f.is_async {
        out.push(format!(
            "{} runs a Rust async function: the goroutine waits for its future without holding an OS thread (the future runs on ferrogo's async runtime, see ferrogo.Config.AsyncThreads). If ctx is canceled or its deadline passes first, the future is dropped and {} returns ctx.Err().",
            f.go_name, f.go_name
        ));
    }
    if f.blocking {
        out.push(
            "It may block or run long: when ferrogo.Config.BlockingCalls caps such calls, it first waits for a free slot."
                .into(),
        );
    }
    if let (FnKind::Method { receiver, .. }, Some(Owner::Object(go))) = (&f.kind, method_of(cx.krate, f)) {
        let reports = match f.returns_error() || f.iter_item().is_some() {
            true => "reports",
            false => "panics with",
        };
        let closed = format!("after Close it {reports} ferrogo.ErrClosed");
        // Waiting would never end when the call that holds it is this goroutine's own (ADR 0012).
        let reentrant = format!("Called back from inside another call on the same {go}, it {reports} ferrogo.ErrReentrant at once.");
        out.push(match receiver {
            Receiver::Shared => format!("It is safe to call concurrently; {closed}."),
            Receiver::Exclusive => format!("It changes the {go} in place: it waits for other calls on it to end and holds it alone while it runs; {closed}. {reentrant}"),
            Receiver::Owned => format!("It consumes the {go}: once it returns, the {go} is closed (later calls report ferrogo.ErrClosed). It waits for other calls on it to end first. {reentrant}"),
        });
    }
    out
}

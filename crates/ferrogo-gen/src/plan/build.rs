//! IR -> plan: every decision about a call, made once. The order of the steps is the order
//! of the Go body (the golden tests hold it).

use ferrogo_syntax::borrows::{kept, Kept};
use ferrogo_syntax::ir::{Crate, Function, Type};
use ferrogo_syntax::mangle;

use super::{
    Alive, Arg, Borrowed, Call, CallKind, CheckError, Chunks, ErrorTo, Free, FuncArg, Lift, Lifted, Lower,
    Plan, Returned, Shape, Step,
};
use crate::go_names::{func_table, method_of, param_name, receiver, Owner};
use crate::types::{borrows_go_memory, needs_free, needs_keep};

/// The call plan of `f`.
pub fn plan<'a>(krate: &'a Crate, f: &'a Function) -> Plan<'a> {
    let (args, mut alive, funcs) = arguments(krate, f);
    let keep = uses_keep(krate, f);
    if keep {
        alive.push(Alive::Keep);
    }
    let error = CheckError {
        to: error_to(f),
        error_enum: f.ret.err.as_deref(),
    };
    let mut steps = Vec::new();
    if let Some(item) = f.iter_item() {
        // Each range calls Rust for a fresh iterator.
        let borrowed = borrowed_args(f);
        steps.push(Step::BeginSequence {
            item,
            seq2: f.returns_error(),
        });
        let locals = borrowed.iter().map(|b| b.local.clone()).collect();
        if !borrowed.is_empty() {
            steps.push(Step::HoldBorrowed(borrowed));
        }
        steps.push(Step::Stress);
        if keep {
            steps.push(Step::DeclareKeep);
        }
        steps.push(Step::Call(Call {
            kind: CallKind::Iterator,
            args,
            scratch: false,
        }));
        push_alive(&mut steps, alive);
        steps.push(Step::CheckError(error.clone()));
        steps.push(Step::Chunks(Chunks {
            item,
            to: error.to,
            borrowed: locals,
        }));
        steps.push(Step::EndSequence);
        return Plan {
            symbol: mangle::function(&krate.name, f),
            steps,
        };
    }
    if f.is_async {
        steps.push(Step::CheckContext);
    }
    steps.push(Step::Stress);
    if f.cancelable() {
        steps.push(Step::ArmCancel);
    }
    if keep {
        steps.push(Step::DeclareKeep);
    }
    if f.uses_scratch() {
        steps.push(Step::DeclareScratch);
    }
    if f.blocking {
        steps.push(Step::EnterBlocking {
            cancelable: f.cancelable(),
        });
    }
    steps.extend(funcs.iter().cloned().map(Step::RegisterFunc));
    let kind = if f.is_async {
        CallKind::Async
    } else {
        CallKind::Sync
    };
    steps.push(Step::Call(Call {
        kind,
        args,
        scratch: f.uses_scratch(),
    }));
    if f.is_async {
        // Rust has read the arguments once the future starts: keep them only that long.
        push_alive(&mut steps, std::mem::take(&mut alive));
        steps.push(Step::Await);
    }
    steps.extend(funcs.into_iter().map(Step::ReleaseFunc));
    if f.blocking {
        steps.push(Step::LeaveBlocking);
    }
    push_alive(&mut steps, alive);
    if f.cancelable() {
        steps.push(Step::CheckCanceled {
            free: canceled_free(krate, f),
            error_enum: error.error_enum,
        });
    }
    steps.push(Step::CheckError(error));
    steps.push(Step::Lift(returned(krate, f)));
    Plan {
        symbol: mangle::function(&krate.name, f),
        steps,
    }
}

fn push_alive(steps: &mut Vec<Step>, alive: Vec<Alive>) {
    if !alive.is_empty() {
        steps.push(Step::KeepAlive(alive));
    }
}

/// The call's arguments (receiver first), what it keeps alive, and its func arguments.
fn arguments<'a>(krate: &'a Crate, f: &'a Function) -> (Vec<Arg<'a>>, Vec<Alive>, Vec<FuncArg>) {
    let mut args = Vec::new();
    let mut alive = Vec::new();
    let mut funcs = Vec::new();
    match method_of(krate, f) {
        Some(Owner::Object(_)) => {
            let local = receiver(krate, f.object().unwrap_or_default());
            alive.push(Alive::Local(local.clone()));
            args.push(Arg {
                local,
                lower: Lower::Handle,
            });
        }
        Some(Owner::Record(r)) => {
            let local = receiver(krate, &r.name);
            if borrows_go_memory(krate, &Type::Named(r.name.clone())) {
                alive.push(Alive::Local(local.clone()));
            }
            args.push(Arg {
                local,
                lower: Lower::Record(r),
            });
        }
        None => {}
    }
    for a in &f.args {
        let lower = Lower::of(krate, &a.ty);
        let local = match lower {
            Lower::CancelFlag => "canceled".to_string(),
            _ => param_name(f, &a.name),
        };
        if let Lower::Func = lower {
            funcs.push(FuncArg {
                local: local.clone(),
                table: func_table(f, &a.name),
            });
        } else if !matches!(lower, Lower::CancelFlag) && borrows_go_memory(krate, &a.ty) {
            alive.push(Alive::Local(local.clone()));
        }
        args.push(Arg { local, lower });
    }
    (args, alive, funcs)
}

/// Whether the call builds C arrays (lists of records, maps, ...) that an `rt.Keep` holds.
fn uses_keep(krate: &Crate, f: &Function) -> bool {
    let receiver = match method_of(krate, f) {
        Some(Owner::Record(r)) => needs_keep(krate, &Type::Named(r.name.clone())),
        _ => false,
    };
    receiver || f.args.iter().any(|a| needs_keep(krate, &a.ty))
}

fn error_to(f: &Function) -> ErrorTo {
    match (f.iter_item().is_some(), f.returns_error()) {
        (false, true) => ErrorTo::Result,
        (false, false) => ErrorTo::Panic,
        (true, true) => ErrorTo::Yield,
        (true, false) => ErrorTo::LoopPanic,
    }
}

/// The Go parameters a lazy iterator may borrow (ADR 0014), with their types: the loop keeps
/// them until Rust's iterator is closed. Empty unless the function's iterator borrows.
pub fn borrowed_args(f: &Function) -> Vec<Borrowed<'_>> {
    if !f.borrows {
        return Vec::new();
    }
    f.args
        .iter()
        .filter(|a| matches!(kept(&a.ty), Ok(Kept::Alive | Kept::Copied)))
        .map(|a| Borrowed {
            local: param_name(f, &a.name),
            ty: &a.ty,
            copied: kept(&a.ty) == Ok(Kept::Copied),
        })
        .collect()
}

/// What Rust allocated for a result Go copies: freed after the copy.
fn result_free<'a>(krate: &Crate, f: &Function) -> Free<'a> {
    if f.uses_scratch() {
        Free::ResultUnlessScratch
    } else if needs_free(krate, &f.ret.ok) {
        Free::Result
    } else {
        Free::Nothing
    }
}

/// What a result dropped on cancellation holds: its allocation, or an object nobody adopts.
fn canceled_free<'a>(krate: &Crate, f: &'a Function) -> Free<'a> {
    match (result_free(krate, f), &f.ret.ok) {
        (Free::Nothing, Type::Named(n)) if krate.object(n).is_some() => Free::Object(n),
        (free, _) => free,
    }
}

fn returned<'a>(krate: &'a Crate, f: &'a Function) -> Returned<'a> {
    let lifted = |ty: &'a Type| Lifted {
        ty,
        lift: Lift::of(krate, ty),
    };
    let shape = match &f.ret.ok {
        Type::Unit => Shape::Unit,
        Type::Tuple(items) => Shape::Tuple(items.iter().map(lifted).collect()),
        Type::Option(inner) => match &**inner {
            Type::Tuple(items) => Shape::OptionalTuple(items.iter().map(lifted).collect()),
            inner => Shape::Optional(lifted(inner)),
        },
        ty => Shape::Value(lifted(ty)),
    };
    Returned {
        shape,
        free: result_free(krate, f),
        with_error: f.returns_error(),
    }
}

//! The cgo emitter of call plans (`plan/`): walks a function's steps in order and writes each
//! as Go calling the C shim. Every decision was made by the plan; this module only spells the
//! steps in cgo, one small function per step, so a second target is a second walker over the
//! same plans, not a branch here.

mod invoke;
mod outcome;
mod sequence;
mod setup;

use ferrogo_syntax::ir::{Function, Type};

use crate::go_names::qualified;
use crate::plan::{Plan, Step};
use crate::signature::result_parts;
use crate::types::Helpers;
use crate::writer::Writer;
use crate::Context;

/// What the steps of one function's body share.
pub(crate) struct Walk<'a> {
    pub cx: &'a Context<'a>,
    pub f: &'a Function,
    /// The shim the call goes to.
    pub symbol: &'a str,
    /// The zero values of the Go results before `error`, for early returns.
    pub zeros: Vec<String>,
    /// The Go name errors carry (`pkg.Func`).
    pub name: String,
    /// The item type, inside a sequence's steps.
    pub item: Option<&'a Type>,
}

impl Walk<'_> {
    /// `takeError(<err>, "pkg.Func", decodeE)`: the Go error of an error from Rust.
    fn take_error(&self, err: &str, decoder: &str) -> String {
        format!("takeError({err}, \"{}\", {decoder})", self.name)
    }
}

/// Writes the body of `f` (after its signature line) from its plan.
pub fn emit_body(cx: &Context, f: &Function, plan: &Plan, w: &mut Writer, h: &mut Helpers) {
    let mut walk = Walk {
        cx,
        f,
        symbol: &plan.symbol,
        zeros: result_parts(cx.krate, &f.ret.ok).1,
        name: qualified(cx.package, cx.krate, f),
        item: None,
    };
    for step in &plan.steps {
        match step {
            Step::CheckContext => setup::check_context(&walk, w),
            Step::BeginSequence { item, seq2 } => {
                walk.item = Some(item);
                sequence::begin(&walk, item, *seq2, w, h);
            }
            Step::HoldBorrowed(borrowed) => sequence::hold(borrowed, w, h),
            Step::Stress => w.line("rt.Stress()"),
            Step::ArmCancel => setup::arm_cancel(&walk, w),
            // The C arrays the arguments' conversion builds: alive (and on the heap) for the call.
            Step::DeclareKeep => w.line("var keep rt.Keep"),
            Step::DeclareScratch => setup::declare_scratch(w, h),
            Step::EnterBlocking { cancelable } => setup::enter_blocking(&walk, *cancelable, w),
            Step::RegisterFunc(func) => w.line(format!(
                "{}Func := {}.Add({})",
                func.local, func.table, func.local
            )),
            Step::Call(call) => invoke::call(&walk, call, w, h),
            Step::Await => invoke::wait(&walk, w),
            Step::ReleaseFunc(func) => w.line(format!("{}.Release({}Func)", func.table, func.local)),
            Step::LeaveBlocking => w.line("rt.LeaveBlocking(gate)"),
            Step::KeepAlive(alive) => invoke::keep_alive(alive, w, h),
            Step::CheckCanceled { free, error_enum } => outcome::check_canceled(&walk, free, *error_enum, w),
            Step::CheckError(check) => outcome::check_error(&walk, check, w),
            Step::Lift(returned) => outcome::results(&walk, returned, w, h),
            Step::Chunks(chunks) => sequence::chunks(&walk, chunks, w, h),
            Step::EndSequence => {
                walk.item = None;
                w.line("}");
            }
        }
    }
}

//! The plans of small crates: the steps, in order, that each kind of function gets. The
//! golden tests hold the Go the cgo emitter writes from them; these hold the plan itself, which
//! every target reads.

use ferrogo_syntax::ir::Crate;
use ferrogo_syntax::load::load_crate;

use super::{plan, Alive, CallKind, ErrorTo, Free, Lower, Step};

/// Loads `source` as the lib.rs of crate `demo`.
fn krate(source: &str) -> Crate {
    let dir = std::env::temp_dir().join(format!("ferrogo-plan-{}-{:x}", std::process::id(), fnv(source)));
    std::fs::create_dir_all(&dir).unwrap();
    let lib = dir.join("lib.rs");
    std::fs::write(&lib, source).unwrap();
    let krate = load_crate("demo", &lib).unwrap_or_else(|e| panic!("{e:?}"));
    std::fs::remove_dir_all(&dir).ok();
    krate
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// The step names of function `name`'s plan.
fn steps(krate: &Crate, name: &str) -> Vec<String> {
    let f = krate.functions().find(|f| f.name == name).unwrap();
    plan(krate, f)
        .steps
        .iter()
        .map(|s| {
            format!("{s:?}")
                .split([' ', '(', '{'])
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn a_sync_call_lowers_calls_keeps_alive_checks_and_lifts() {
    let k = krate("#[ferrogo::export]\npub fn greet(name: &str) -> String { name.into() }\n");
    assert_eq!(
        steps(&k, "greet"),
        [
            "Stress",
            "DeclareScratch",
            "Call",
            "KeepAlive",
            "CheckError",
            "Lift"
        ]
    );
    let f = k.functions().next().unwrap();
    let p = plan(&k, f);
    let Step::Call(call) = &p.steps[2] else { panic!() };
    assert_eq!(call.kind, CallKind::Sync);
    assert!(call.scratch);
    assert!(matches!(call.args[0].lower, Lower::String));
    assert_eq!(p.steps[3].clone_alive(), vec![Alive::Local("name".into())]);
    let Step::CheckError(check) = &p.steps[4] else {
        panic!()
    };
    assert_eq!(check.to, ErrorTo::Panic);
    let Step::Lift(ret) = &p.steps[5] else { panic!() };
    assert_eq!(ret.free, Free::ResultUnlessScratch);
}

#[test]
fn a_cancelable_blocking_call_arms_the_flag_and_takes_a_slot() {
    let k = krate(
        "#[ferrogo::export(blocking)]\npub fn wait(cancel: &ferrogo::Cancel, ms: u64) -> bool { false }\n",
    );
    assert_eq!(
        steps(&k, "wait"),
        [
            "Stress",
            "ArmCancel",
            "EnterBlocking",
            "Call",
            "LeaveBlocking",
            "CheckCanceled",
            "CheckError",
            "Lift"
        ]
    );
}

#[test]
fn an_async_call_keeps_its_arguments_until_the_future_starts() {
    let k = krate("#[ferrogo::export]\npub async fn fetch(url: String) -> String { url }\n");
    assert_eq!(
        steps(&k, "fetch"),
        [
            "CheckContext",
            "Stress",
            "Call",
            "KeepAlive",
            "Await",
            "CheckError",
            "Lift"
        ]
    );
}

#[test]
fn a_sequence_calls_once_per_range_and_fetches_chunks() {
    let k = krate(
        "#[ferrogo::export]\npub fn count(n: u32) -> ferrogo::Iter<u32> { ferrogo::Iter::new(0..n) }\n",
    );
    assert_eq!(
        steps(&k, "count"),
        [
            "BeginSequence",
            "Stress",
            "Call",
            "CheckError",
            "Chunks",
            "EndSequence"
        ]
    );
}

#[test]
fn func_arguments_are_registered_around_the_call() {
    let k = krate("#[ferrogo::export]\npub fn each(n: u32, f: impl Fn(u32)) { (0..n).for_each(f) }\n");
    assert_eq!(
        steps(&k, "each"),
        [
            "Stress",
            "RegisterFunc",
            "Call",
            "ReleaseFunc",
            "CheckError",
            "Lift"
        ]
    );
}

impl Step<'_> {
    fn clone_alive(&self) -> Vec<Alive> {
        match self {
            Step::KeepAlive(a) => a.clone(),
            _ => Vec::new(),
        }
    }
}

#[test]
fn a_range_is_lowered_and_lifted_by_value_as_its_own_kind() {
    let k = krate(
        "#[ferrogo::export]\npub fn shift(r: std::ops::RangeInclusive<i64>) -> std::ops::Range<u32> { 0..1 }\n",
    );
    // By value: nothing to keep alive, nothing to free.
    assert_eq!(steps(&k, "shift"), ["Stress", "Call", "CheckError", "Lift"]);
    let f = k.functions().next().unwrap();
    let p = plan(&k, f);
    let call = p.steps.iter().find_map(|s| match s {
        Step::Call(c) => Some(c),
        _ => None,
    });
    assert!(matches!(
        call.unwrap().args[0].lower,
        Lower::Range {
            inclusive: true,
            bound: ferrogo_syntax::ir::Type::I64
        }
    ));
    let lifted = p.steps.iter().find_map(|s| match s {
        Step::Lift(r) => Some(r),
        _ => None,
    });
    let returned = lifted.unwrap();
    assert_eq!(returned.free, Free::Nothing);
    assert!(matches!(
        &returned.shape,
        super::Shape::Value(v) if matches!(v.lift, super::Lift::Range { inclusive: false, bound: ferrogo_syntax::ir::Type::U32 })
    ));
}

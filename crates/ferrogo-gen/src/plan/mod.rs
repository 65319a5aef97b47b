//! A function's *call plan*: what a Go function does around the one call into Rust, computed
//! once from the IR as an ordered list of steps (as wasm-bindgen's instruction lists, ADR
//! 0017). The steps are data, not Go text: each target writes its own code for each step
//! (`call/` for cgo), so a new target is a new walker over the same plans, and the decisions
//! (what to keep alive, what to free, how an error is reported) are made here once.
//!
//! Names in a plan (parameters, the receiver, tables) are the Go package's own (`go_names`):
//! every target writes the same Go API.

mod build;
mod kinds;
#[cfg(test)]
mod tests;

use ferrogo_syntax::ir::Type;

pub use build::{borrowed_args, plan};
pub use kinds::{Lift, Lower};

/// The steps of one exported function's Go body, in order.
#[derive(Clone, Debug)]
pub struct Plan<'a> {
    /// The shim the call goes to (`mangle::function`): the same Rust export for every target.
    pub symbol: String,
    pub steps: Vec<Step<'a>>,
}

/// One thing the Go body does.
#[derive(Clone, Debug)]
pub enum Step<'a> {
    /// An async call fails at once on a done context, before Rust runs.
    CheckContext,
    /// The function returns a sequence: the steps up to `EndSequence` run on each range over it.
    BeginSequence { item: &'a Type, seq2: bool },
    /// A lazy iterator may read these arguments after the call (ADR 0014): copy the ones Go
    /// code could change, and keep them all where they do not move.
    HoldBorrowed(Vec<Borrowed<'a>>),
    /// The GC-stress hook (`rt.Stress`): a collection here exposes a missing keep-alive.
    Stress,
    /// Arm the flag Rust polls for cancellation, from the call's context.
    ArmCancel,
    /// Declare the holder of the arrays the arguments' conversions build.
    DeclareKeep,
    /// Provide a stack buffer small string and byte results are copied into.
    DeclareScratch,
    /// Wait for a slot among the `blocking` calls (`Config.BlockingCalls`), or for the context.
    EnterBlocking { cancelable: bool },
    /// Register a Go func argument for the call.
    RegisterFunc(FuncArg),
    /// The call itself, with the lowered arguments.
    Call(Call<'a>),
    /// The goroutine waits for the async call started by `Call` (without holding a thread).
    Await,
    /// Release a Go func argument registered for the call.
    ReleaseFunc(FuncArg),
    /// Free the slot `EnterBlocking` took.
    LeaveBlocking,
    /// Keep these Go values alive until here: Rust read them during the call.
    KeepAlive(Vec<Alive>),
    /// If the context ended during the call, drop what Rust returned and report the context's
    /// error (joined with a panic of the call, decoded with the function's error enum).
    CheckCanceled {
        free: Free<'a>,
        error_enum: Option<&'a str>,
    },
    /// An error (or panic) from Rust ends the call, reported as `ErrorTo` says.
    CheckError(CheckError<'a>),
    /// Convert the result to Go values and free Rust's copy.
    Lift(Returned<'a>),
    /// Fetch a sequence's items from the iterator the call returned, in chunks, until Rust
    /// runs out, the loop breaks or an error ends it; then close the iterator.
    Chunks(Chunks<'a>),
    /// End of the steps each range over the sequence runs.
    EndSequence,
}

/// A lazy iterator's borrowed argument.
#[derive(Clone, Debug)]
pub struct Borrowed<'a> {
    /// The Go parameter.
    pub local: String,
    pub ty: &'a Type,
    /// Whether the loop reads its own copy (Go code could change what Rust reads).
    pub copied: bool,
}

/// A Go func argument and the table it is registered in for the call.
#[derive(Clone, Debug)]
pub struct FuncArg {
    pub local: String,
    pub table: String,
}

/// What the call invokes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// The result comes back by value.
    Sync,
    /// Starts the future; a ready one returns its result at once, else `Await` follows.
    Async,
    /// Returns a handle to a Rust iterator that `Chunks` drains.
    Iterator,
}

/// The call: its kind and its arguments, in the shim's order.
#[derive(Clone, Debug)]
pub struct Call<'a> {
    pub kind: CallKind,
    /// The receiver first (a method's), then each parameter.
    pub args: Vec<Arg<'a>>,
    /// Whether the scratch buffer (`DeclareScratch`) follows the arguments.
    pub scratch: bool,
}

/// One argument: the Go value and how it is lowered.
#[derive(Clone, Debug)]
pub struct Arg<'a> {
    /// The Go local holding it: the receiver, a parameter, `canceled` for the cancel flag.
    pub local: String,
    pub lower: Lower<'a>,
}

/// A Go value the call must keep alive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Alive {
    /// A parameter or the receiver.
    Local(String),
    /// The arrays built for the call (`DeclareKeep`).
    Keep,
}

/// What must be freed of a result Go drops or has copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Free<'a> {
    Nothing,
    /// Rust's allocation (`<sym>__free`).
    Result,
    /// Rust's allocation, unless the result landed in the scratch buffer.
    ResultUnlessScratch,
    /// A returned object's handle, nobody adopting it (the object type's name).
    Object(&'a str),
}

/// Where an error from Rust goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorTo {
    /// The Go function's `error` result.
    Result,
    /// A panic of the Go function (it has no `error` result).
    Panic,
    /// The sequence's error (`iter.Seq2`), after which the loop stops.
    Yield,
    /// A panic of the range loop (`iter.Seq`).
    LoopPanic,
}

/// The error check after the call.
#[derive(Clone, Debug)]
pub struct CheckError<'a> {
    pub to: ErrorTo,
    /// The function's own Rust error enum, decoded into its Go variants.
    pub error_enum: Option<&'a str>,
}

/// A result value: its IR type and how it lifts.
#[derive(Clone, Debug)]
pub struct Lifted<'a> {
    pub ty: &'a Type,
    pub lift: Lift<'a>,
}

/// The shape of the Go results.
#[derive(Clone, Debug)]
pub enum Shape<'a> {
    /// No value (an `error` result only, if any).
    Unit,
    Value(Lifted<'a>),
    /// `(value, found bool)`.
    Optional(Lifted<'a>),
    /// Several Go results.
    Tuple(Vec<Lifted<'a>>),
    /// Several Go results and `found bool`.
    OptionalTuple(Vec<Lifted<'a>>),
}

/// The success path: the Go results, what to free after copying, and whether an `error` result
/// (nil) follows.
#[derive(Clone, Debug)]
pub struct Returned<'a> {
    pub shape: Shape<'a>,
    pub free: Free<'a>,
    pub with_error: bool,
}

/// A sequence's chunked fetching.
#[derive(Clone, Debug)]
pub struct Chunks<'a> {
    pub item: &'a Type,
    pub to: ErrorTo,
    /// The borrowed arguments, kept alive until the iterator is closed.
    pub borrowed: Vec<String>,
}

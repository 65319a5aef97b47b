//! Rust `async fn`s called from Go without blocking an OS thread (the `async` feature).
//!
//! A call is four small crossings at most. `start` lifts the arguments (owned: the future
//! outlives the call), builds the future and polls it once on the calling thread, inside the
//! runtime's context: a future that is ready at once returns its result there and then. A
//! pending one is spawned on the runtime and Go gets its id; Go then parks its goroutine (not a
//! thread) after registering a wake token with `wait`. When the future completes, the runtime
//! thread calls Go's wake function with the token, and Go `take`s the result. `cancel` (the
//! context ended) drops the future, or the result nobody will take.
//!
//! Futures run on a multi-threaded tokio runtime ferrogo starts on first use, with
//! `FERROGO_ASYNC_THREADS` workers (set by Go's `ferrogo.Configure`; default: one per CPU), or on
//! the crate's own runtime if it registered one with [`crate::use_tokio_runtime`]. Panics in a
//! future are caught and reported like panics in a sync call.

// Without the `async` feature the runtime parts are left out and `start` cannot run.
#![cfg_attr(not(feature = "async"), allow(dead_code, unused_imports))]

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
#[cfg(feature = "async")]
use std::sync::OnceLock;
use std::task::{Context, Poll, Waker};

use crate::__private::convert::Lower;
use crate::__private::error::{BuiltError, CallError};
use crate::__private::panic::catching;
use crate::__private::registry::Registry;
use crate::abi::Ret;

// Without the `async` feature this module still compiles (so that a crate exporting an async fn
// without it gets one clear error, from `require_async`), but nothing can run.
#[cfg(not(feature = "async"))]
mod tokio {
    pub mod task {
        #[derive(Clone)]
        pub struct AbortHandle;
        impl AbortHandle {
            pub fn abort(&self) {}
        }
    }
}

#[cfg(feature = "async")]
static USER_RUNTIME: OnceLock<tokio::runtime::Handle> = OnceLock::new();
#[cfg(feature = "async")]
static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();

/// See [`crate::use_tokio_runtime`].
#[cfg(feature = "async")]
pub fn use_runtime(handle: tokio::runtime::Handle) -> bool {
    USER_RUNTIME.set(handle).is_ok()
}

/// The runtime futures run on.
#[cfg(feature = "async")]
fn handle() -> &'static tokio::runtime::Handle {
    if let Some(h) = USER_RUNTIME.get() {
        return h;
    }
    RUNTIME
        .get_or_init(|| {
            let workers = std::env::var("FERROGO_ASYNC_THREADS")
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|n| *n > 0)
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(workers)
                .thread_name("ferrogo-async")
                .enable_all()
                .build()
                .expect("ferrogo: cannot start the async runtime")
        })
        .handle()
}

/// What `start` returns: `pending` is the id of a spawned call, or 0 when `value` is the result.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FfiPoll<A: Copy> {
    pub pending: u64,
    pub value: A,
}

/// The call's outcome, lowered as a sync call's result would be.
type Outcome<T> = Result<T, CallError>;

/// A future whose polls run as ferrogo calls do: panics caught (with their location captured by
/// the hook) and turned into the call's error.
struct Guarded<F>(Pin<Box<F>>);

impl<T, F: Future<Output = Outcome<T>>> Future for Guarded<F> {
    type Output = Outcome<T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome<T>> {
        let fut = self.0.as_mut();
        catching(move || fut.poll(cx))
            .unwrap_or_else(|panic| Poll::Ready(Err(CallError::Built(BuiltError(panic)))))
    }
}

enum State<A: Copy> {
    Running {
        /// Go's wake function and token, once Go waits.
        wake: Option<(unsafe extern "C" fn(u64), u64)>,
        abort: Option<tokio::task::AbortHandle>,
    },
    Done(Ret<A>),
}

impl<A: Copy> State<A> {
    /// A call that runs, Go not waiting yet (also what a taken or canceled call is left as).
    fn running() -> State<A> {
        State::Running {
            wake: None,
            abort: None,
        }
    }

    /// The result, if the call is done; the state is left running (empty) then.
    fn take_done(&mut self) -> Option<Ret<A>> {
        match self {
            State::Done(_) => match std::mem::replace(self, State::running()) {
                State::Done(ret) => Some(ret),
                State::Running { .. } => None,
            },
            State::Running { .. } => None,
        }
    }
}

/// A spawned call, in its function's registry until Go takes or cancels it.
pub struct Task<A: Copy + 'static> {
    state: Mutex<State<A>>,
}

// SAFETY: `Ret<A>` holds a lowered result (and an error pointer) that only the thread holding the
// state's lock touches, and that Go frees exactly once, through `take` or `cancel`.
unsafe impl<A: Copy + 'static> Send for Task<A> {}
// SAFETY: as above; all access goes through the mutex.
unsafe impl<A: Copy + 'static> Sync for Task<A> {}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The registry of one async function's spawned calls.
pub type Tasks<T> = Registry<Task<<T as Lower>::Abi>>;

fn finish<T: Lower>(out: Outcome<T>) -> Ret<T::Abi> {
    let checked = out.and_then(|v| {
        crate::__private::convert::check_result::<T>(&v)?;
        Ok(v)
    });
    match checked {
        Ok(v) => Ret::ok(v.lower()),
        Err(e) => Ret::err(e.into_ffi()),
    }
}

/// Without the `async` feature, `require_async` stops the build before this could be called.
#[cfg(not(feature = "async"))]
pub fn start<T: Lower + 'static, F>(_tasks: &'static Tasks<T>, _fut: F) -> Result<FfiPoll<T::Abi>, CallError>
where
    F: Future<Output = Outcome<T>> + Send + 'static,
{
    unreachable!("exported async functions need the `async` feature")
}

/// Starts a call: polls `fut` once here; if it is pending, spawns it and returns its id.
#[cfg(feature = "async")]
pub fn start<T: Lower + 'static, F>(tasks: &'static Tasks<T>, fut: F) -> Result<FfiPoll<T::Abi>, CallError>
where
    F: Future<Output = Outcome<T>> + Send + 'static,
{
    let handle = handle();
    let mut fut = Guarded(Box::pin(fut));
    let first = {
        let _runtime = handle.enter();
        let mut cx = Context::from_waker(Waker::noop());
        Pin::new(&mut fut).poll(&mut cx)
    };
    if let Poll::Ready(out) = first {
        let ret = finish(out);
        if !ret.err.is_null() {
            // The trampoline reports the error (and counts it) as for a sync call.
            return Err(CallError::Built(BuiltError(ret.err)));
        }
        // SAFETY: `value` is initialized when `err` is null.
        let value = unsafe { ret.value.assume_init() };
        return Ok(FfiPoll { pending: 0, value });
    }
    let id = tasks.insert(Task {
        state: Mutex::new(State::running()),
    });
    let join = handle.spawn(async move {
        let ret = finish(fut.await);
        let Ok(pin) = tasks.pin(id) else {
            // Canceled meanwhile: nobody takes the result.
            free_ret::<T>(ret);
            return;
        };
        let wake = {
            let mut state = lock(&pin.value().state);
            match std::mem::replace(&mut *state, State::Done(ret)) {
                State::Running { wake, .. } => wake,
                State::Done(_) => None,
            }
        };
        drop(pin);
        if let Some((wake, token)) = wake {
            // SAFETY: Go's wake function, registered at init; the token is Go's to check.
            unsafe { wake(token) };
        }
    });
    if let Ok(pin) = tasks.pin(id) {
        if let State::Running { abort, .. } = &mut *lock(&pin.value().state) {
            *abort = Some(join.abort_handle());
        }
    }
    Ok(FfiPoll {
        pending: id,
        value: unsafe_zeroed(),
    })
}

/// A placeholder for `FfiPoll::value` of a pending call (Go does not read it).
fn unsafe_zeroed<A: Copy>() -> A {
    // SAFETY: ABI values are C structs of integers, floats and pointers, for which all-zero
    // bytes are a valid value; Go never reads this one.
    unsafe { std::mem::zeroed() }
}

/// Registers Go's wake token for call `id`. Returns 1 if Go must wait for the wake, 0 if the
/// result is there already (or the call is unknown): Go takes it at once.
pub fn wait<A: Copy + 'static>(
    tasks: &'static Registry<Task<A>>,
    id: u64,
    wake: unsafe extern "C" fn(u64),
    token: u64,
) -> u8 {
    let Ok(pin) = tasks.pin(id) else { return 0 };
    let mut state = lock(&pin.value().state);
    match &mut *state {
        State::Running { wake: w, .. } => {
            *w = Some((wake, token));
            1
        }
        State::Done(_) => 0,
    }
}

/// The result of call `id`, which Go was woken for: the lowered value or error, freed by Go as a
/// sync call's.
pub fn take<A: Copy + 'static>(tasks: &'static Registry<Task<A>>, id: u64) -> Ret<A> {
    let result = tasks
        .pin(id)
        .ok()
        .and_then(|pin| lock(&pin.value().state).take_done());
    match result {
        Some(ret) => {
            tasks.release(id);
            ret
        }
        None => Ret::err(
            CallError::InvalidResult(
                "the async call has no result (taken, canceled or still running)".into(),
            )
            .into_ffi(),
        ),
    }
}

/// Drops call `id`: its future if it still runs, its result if nobody will take it.
pub fn cancel<T: Lower>(tasks: &'static Tasks<T>, id: u64) {
    let state = tasks
        .pin(id)
        .ok()
        .map(|pin| std::mem::replace(&mut *lock(&pin.value().state), State::running()));
    tasks.release(id);
    match state {
        Some(State::Running { abort: Some(a), .. }) => a.abort(),
        Some(State::Done(ret)) => free_ret::<T>(ret),
        _ => {}
    }
}

fn free_ret<T: Lower>(ret: Ret<T::Abi>) {
    if ret.err.is_null() {
        // SAFETY: a successful result, lowered by `finish`, that Go never saw.
        crate::__private::trampoline::free::<T>(unsafe { ret.value.assume_init() });
    } else {
        ret.discard();
    }
}

//! Calls that leave the calling thread. Callbacks (Rust into Go) are measured against the floor
//! of Rust calling an `//export`ed Go function through a plain C function pointer (`raw.rs`);
//! async functions against the same work done by a sync function. A separate crate from
//! `tests/bench`, because a crate with callbacks gives up cgo's `nocallback` on all its shims.

use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};

pub mod raw;

/// Go code Rust calls in a loop.
#[ferrogo::callback]
pub trait Sink: Send + Sync {
    fn put(&self, x: u64) -> u64;
}

/// Calls `s.put` `n` times; returns the sum of the results.
#[ferrogo::export]
pub fn call_sink(s: &dyn Sink, n: u64) -> u64 {
    (0..n).fold(0u64, |acc, i| acc.wrapping_add(s.put(i)))
}

/// The same from a thread Rust created (long-lived: its first call to Go is behind it).
#[ferrogo::export]
pub fn call_sink_on_worker(s: Arc<dyn Sink>, n: u64) -> u64 {
    on_worker(Box::new(move || call_sink(&*s, n)))
}

/// Adds two numbers, as an async function whose future is ready at once.
#[ferrogo::export]
pub async fn add_async(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Yields to the runtime once: the path of a future that is not ready at once (spawned, woken,
/// taken).
#[ferrogo::export]
pub async fn yield_once(x: i64) -> i64 {
    tokio::task::yield_now().await;
    x
}

/// Adds two numbers (a scalar call in a crate that calls Go back).
#[ferrogo::export]
pub fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

type Job = Box<dyn FnOnce() -> u64 + Send>;
/// A job and where its result goes.
type Request = (Job, mpsc::Sender<u64>);

/// Runs `job` on the one worker thread, waiting for its result.
pub fn on_worker(job: Job) -> u64 {
    static WORKER: OnceLock<Mutex<mpsc::Sender<Request>>> = OnceLock::new();
    let worker = WORKER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Request>();
        std::thread::spawn(move || {
            for (job, done) in rx {
                let _ = done.send(job());
            }
        });
        Mutex::new(tx)
    });
    let (done, result) = mpsc::channel();
    worker
        .lock()
        .unwrap()
        .send((job, done))
        .expect("the worker thread runs for the process");
    result.recv().unwrap_or(0)
}

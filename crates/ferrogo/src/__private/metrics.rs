//! Per-function call statistics, cheap enough for every call.
//!
//! Counters live in the calling thread's record ([`thread`](super::thread)), written only by that
//! thread (relaxed load + store, no read-modify-write), so parallel callers never share a cache
//! line. They are allocated in chunks of [`CHUNK`] functions on first use, so a thread that calls
//! one function costs about a kilobyte, and are folded into the totals of exited threads when
//! their thread ends. A snapshot sums those totals and the counters of live threads. Latency is
//! sampled: every Nth call on a thread is timed into a per-function log2 histogram (N from
//! `FERROGO_METRICS_SAMPLE`, default 64; 0 turns timing off). `FERROGO_METRICS=off` turns the
//! statistics off altogether (`Stats()` then reports no calls), for the last few nanoseconds.

use std::sync::atomic::{
    AtomicPtr, AtomicU32, AtomicU64, AtomicU8, AtomicUsize,
    Ordering::{Acquire, Relaxed, Release},
};
use std::sync::OnceLock;
use std::time::Instant;

use super::thread;

/// Functions per library that get counters; later ones share the overflow slot.
const MAX_FNS: usize = 512;
/// Functions per chunk of counters.
const CHUNK: usize = 16;
const CHUNKS: usize = (MAX_FNS + 1).div_ceil(CHUNK);
/// Latency buckets: bucket `i` counts calls that took less than `2^i` ns (the last one, the rest).
pub const BUCKETS: usize = 32;

/// Per-function static data, one per exported shim.
pub struct FnMeta {
    /// 1 + the function's index in thread blocks; 0 until its first call.
    id: AtomicUsize,
    sampled: AtomicU64,
    sum_ns: AtomicU64,
    hist: [AtomicU64; BUCKETS],
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

impl FnMeta {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> FnMeta {
        FnMeta {
            id: AtomicUsize::new(0),
            sampled: AtomicU64::new(0),
            sum_ns: AtomicU64::new(0),
            hist: [const { AtomicU64::new(0) }; BUCKETS],
        }
    }

    #[inline]
    fn index(&self) -> usize {
        match self.id.load(Relaxed) {
            0 => self.assign(),
            id => id - 1,
        }
    }

    #[cold]
    fn assign(&self) -> usize {
        let candidate = NEXT_ID.fetch_add(1, Relaxed).min(MAX_FNS);
        match self.id.compare_exchange(0, candidate + 1, Relaxed, Relaxed) {
            Ok(_) => candidate,
            Err(existing) => existing - 1,
        }
    }

    fn record_latency(&self, ns: u64) {
        let bucket = (u64::BITS - ns.leading_zeros()) as usize;
        self.hist[bucket.min(BUCKETS - 1)].fetch_add(1, Relaxed);
        self.sampled.fetch_add(1, Relaxed);
        self.sum_ns.fetch_add(ns, Relaxed);
    }
}

#[derive(Default)]
struct Slot {
    calls: AtomicU64,
    errors: AtomicU64,
    panics: AtomicU64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
}

impl Slot {
    fn add_to(&self, out: &mut FfiFnStats) {
        out.calls += self.calls.load(Relaxed);
        out.errors += self.errors.load(Relaxed);
        out.panics += self.panics.load(Relaxed);
        out.bytes_in += self.bytes_in.load(Relaxed);
        out.bytes_out += self.bytes_out.load(Relaxed);
    }
}

type Chunk = [Slot; CHUNK];

/// A thread's counters (or the totals of exited threads). Chunks are written by their owner
/// only, and freed only under the thread set's lock, where snapshots read them.
pub(crate) struct Counters {
    chunks: [AtomicPtr<Chunk>; CHUNKS],
    countdown: AtomicU32,
}

impl Counters {
    pub(crate) const fn new() -> Counters {
        Counters {
            chunks: [const { AtomicPtr::new(std::ptr::null_mut()) }; CHUNKS],
            countdown: AtomicU32::new(0),
        }
    }

    /// The owner's slot for function `index`, allocating its chunk on first use.
    #[inline]
    fn slot(&self, index: usize) -> &Slot {
        let chunk = self.chunks[index / CHUNK].load(Relaxed);
        let chunk = if chunk.is_null() {
            self.new_chunk(index / CHUNK)
        } else {
            chunk
        };
        // SAFETY: non-null chunks are live allocations, freed only by `absorb` when their owner
        // thread has ended (no call of it runs).
        unsafe { &(*chunk)[index % CHUNK] }
    }

    #[cold]
    #[inline(never)]
    fn new_chunk(&self, i: usize) -> *mut Chunk {
        let chunk = Box::into_raw(Box::new(std::array::from_fn(|_| Slot::default())));
        // Release: a snapshot that sees the pointer sees zeroed counters.
        self.chunks[i].store(chunk, Release);
        chunk
    }

    /// Adds function `index`'s counts to `out` (a reader on any thread).
    fn add_to(&self, index: usize, out: &mut FfiFnStats) {
        let chunk = self.chunks[index / CHUNK].load(Acquire);
        // SAFETY: as in `slot`; the caller holds the thread set's lock, so `absorb` cannot run.
        if let Some(chunk) = unsafe { chunk.as_ref() } {
            chunk[index % CHUNK].add_to(out);
        }
    }

    /// Moves an exited thread's counts into these totals and frees its chunks. Called with the
    /// thread set's lock held, by the exiting thread.
    pub(crate) fn absorb(&self, exited: &Counters) {
        for (i, from) in exited.chunks.iter().enumerate() {
            let chunk = from.swap(std::ptr::null_mut(), Acquire);
            if chunk.is_null() {
                continue;
            }
            // SAFETY: the chunk came from `new_chunk` and its owner thread is ending.
            let chunk = unsafe { Box::from_raw(chunk) };
            for (j, s) in chunk.iter().enumerate() {
                let to = self.slot(i * CHUNK + j);
                bump(&to.calls, s.calls.load(Relaxed));
                bump(&to.errors, s.errors.load(Relaxed));
                bump(&to.panics, s.panics.load(Relaxed));
                bump(&to.bytes_in, s.bytes_in.load(Relaxed));
                bump(&to.bytes_out, s.bytes_out.load(Relaxed));
            }
        }
    }
}

/// Whether calls are counted: on unless `FERROGO_METRICS` is `off` (or `0`), read once. On every
/// call's path: a load and a compare, with the first read of the variable out of line.
#[inline]
pub fn enabled() -> bool {
    match METRICS.load(Relaxed) {
        1 => true,
        2 => false,
        _ => read_metrics_setting(),
    }
}

/// 0: `FERROGO_METRICS` not read yet, 1: on, 2: off.
static METRICS: AtomicU8 = AtomicU8::new(0);

#[cold]
#[inline(never)]
fn read_metrics_setting() -> bool {
    let off = std::env::var("FERROGO_METRICS").is_ok_and(|v| matches!(v.trim(), "off" | "0" | "false"));
    METRICS.store(if off { 2 } else { 1 }, Relaxed);
    !off
}

fn sample_every() -> u32 {
    // wasm32-unknown-unknown has no clock (`Instant::now` panics): no latency sampling there.
    if cfg!(all(target_family = "wasm", target_os = "unknown")) {
        return 0;
    }
    static EVERY: OnceLock<u32> = OnceLock::new();
    *EVERY.get_or_init(|| {
        std::env::var("FERROGO_METRICS_SAMPLE")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(64)
    })
}

/// Owner-only increment: no RMW needed since no other thread writes this counter.
#[inline]
fn bump(counter: &AtomicU64, by: u64) {
    counter.store(counter.load(Relaxed).wrapping_add(by), Relaxed);
}

/// A call in progress: counts it, and times it when it is sampled.
pub struct CallRecord {
    meta: &'static FnMeta,
    /// In this thread's record, which outlives the call.
    slot: &'static Slot,
    started: Option<Instant>,
}

/// How a call ended.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Error,
    Panic,
    /// The receiver was busy and Go calls again: not a call of its own.
    Busy,
}

impl CallRecord {
    #[inline]
    pub fn start(meta: &'static FnMeta, bytes_in: usize) -> CallRecord {
        let counters = &thread::current().counters;
        let slot = counters.slot(meta.index());
        bump(&slot.calls, 1);
        if bytes_in != 0 {
            bump(&slot.bytes_in, bytes_in as u64);
        }
        let left = counters.countdown.load(Relaxed);
        let started = if left > 1 {
            counters.countdown.store(left - 1, Relaxed);
            None
        } else {
            sample_now(counters, left)
        };
        CallRecord { meta, slot, started }
    }

    #[inline]
    pub fn finish(self, outcome: Outcome, bytes_out: usize) {
        match outcome {
            Outcome::Ok => {}
            Outcome::Error => bump(&self.slot.errors, 1),
            Outcome::Panic => bump(&self.slot.panics, 1),
            Outcome::Busy => return bump(&self.slot.calls, u64::MAX), // minus the one start counted
        }
        if bytes_out != 0 {
            bump(&self.slot.bytes_out, bytes_out as u64);
        }
        if let Some(t) = self.started {
            self.meta
                .record_latency(u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX));
        }
    }
}

#[cold]
fn sample_now(counters: &Counters, left: u32) -> Option<Instant> {
    let every = sample_every();
    counters.countdown.store(every, Relaxed);
    // A fresh thread (`left == 0`) starts its countdown; rate 0 turns sampling off.
    (every != 0 && left == 1).then(Instant::now)
}

/// A function's totals, as Go reads them (`fg_fn_stats` in the generated preamble).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct FfiFnStats {
    pub calls: u64,
    pub errors: u64,
    pub panics: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub sampled: u64,
    pub sum_ns: u64,
    pub hist: [u64; BUCKETS],
}

/// Sums one function's counters over every thread, live or exited.
pub fn snapshot(meta: &'static FnMeta) -> FfiFnStats {
    let mut out = FfiFnStats::default();
    let id = meta.id.load(Relaxed);
    if id != 0 {
        let threads = thread::threads();
        threads.exited.add_to(id - 1, &mut out);
        for record in &threads.live {
            record.counters.add_to(id - 1, &mut out);
        }
    }
    out.sampled = meta.sampled.load(Relaxed);
    out.sum_ns = meta.sum_ns.load(Relaxed);
    for (o, h) in out.hist.iter_mut().zip(&meta.hist) {
        *o = h.load(Relaxed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_sum_over_threads() {
        static META: FnMeta = FnMeta::new();
        let run = || {
            for i in 0..1000 {
                let r = CallRecord::start(&META, 3);
                r.finish(if i % 10 == 0 { Outcome::Error } else { Outcome::Ok }, 2);
            }
        };
        std::thread::scope(|s| {
            s.spawn(run);
            s.spawn(run);
        });
        let st = snapshot(&META);
        assert_eq!(
            (st.calls, st.errors, st.bytes_in, st.bytes_out),
            (2000, 200, 6000, 4000)
        );
        assert_eq!(st.hist.iter().sum::<u64>(), st.sampled);
        assert!(
            st.sampled > 0 && st.sampled <= 2000 / 64 + 2,
            "sampled {}",
            st.sampled
        );
    }

    #[test]
    fn counts_of_exited_threads_are_kept_and_their_memory_reused() {
        static META: FnMeta = FnMeta::new();
        let before = thread::all().count();
        for _ in 0..300 {
            std::thread::spawn(|| CallRecord::start(&META, 5).finish(Outcome::Panic, 0))
                .join()
                .unwrap();
        }
        let st = snapshot(&META);
        assert_eq!((st.calls, st.panics, st.bytes_in), (300, 300, 1500));
        let grown = thread::all().count() - before;
        assert!(grown <= 32, "{grown} thread records for 300 sequential threads");
    }
}

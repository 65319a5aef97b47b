//! Per-function call statistics, cheap enough for every call.
//!
//! Counters live in per-thread blocks that only their own thread writes (relaxed load + store, no
//! read-modify-write), so parallel callers never share a cache line. A snapshot sums the blocks of
//! every thread that ever made a call. Latency is sampled: every Nth call on a thread is timed into a
//! per-function log2 histogram (N from `FERROGO_METRICS_SAMPLE`, default 64; 0 turns timing off).

use std::cell::Cell;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// Functions per library that get counters; later ones share the overflow slot.
const MAX_FNS: usize = 512;
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

/// Written by its own thread only; read by snapshots from any thread.
struct ThreadBlock {
    slots: Box<[Slot]>,
    countdown: AtomicU32,
}

/// Every block ever created (blocks are leaked so counts survive thread exit).
static BLOCKS: Mutex<Vec<&'static ThreadBlock>> = Mutex::new(Vec::new());

thread_local! {
    static BLOCK: Cell<Option<&'static ThreadBlock>> = const { Cell::new(None) };
}

fn sample_every() -> u32 {
    static EVERY: OnceLock<u32> = OnceLock::new();
    *EVERY.get_or_init(|| {
        std::env::var("FERROGO_METRICS_SAMPLE")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(64)
    })
}

/// This thread's counters. The lookup is one TLS read; only a thread's first call allocates
/// (kept out of line so the fast path inlines into every shim).
#[inline]
fn block() -> &'static ThreadBlock {
    match BLOCK.with(Cell::get) {
        Some(block) => block,
        None => new_block(),
    }
}

#[cold]
#[inline(never)]
fn new_block() -> &'static ThreadBlock {
    let block: &'static ThreadBlock = Box::leak(Box::new(ThreadBlock {
        slots: (0..=MAX_FNS).map(|_| Slot::default()).collect(),
        countdown: AtomicU32::new(sample_every()),
    }));
    BLOCKS.lock().unwrap_or_else(|e| e.into_inner()).push(block);
    BLOCK.with(|b| b.set(Some(block)));
    block
}

/// Owner-only increment: no RMW needed since no other thread writes this counter.
#[inline]
fn bump(counter: &AtomicU64, by: u64) {
    counter.store(counter.load(Relaxed).wrapping_add(by), Relaxed);
}

/// A call in progress: counts it, and times it when it is sampled.
pub struct CallRecord {
    meta: &'static FnMeta,
    slot: &'static Slot,
    started: Option<Instant>,
}

/// How a call ended.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Error,
    Panic,
}

impl CallRecord {
    #[inline]
    pub fn start(meta: &'static FnMeta, bytes_in: usize) -> CallRecord {
        let block = block();
        let slot = &block.slots[meta.index()];
        bump(&slot.calls, 1);
        if bytes_in != 0 {
            bump(&slot.bytes_in, bytes_in as u64);
        }
        let left = block.countdown.load(Relaxed);
        let started = if left > 1 {
            block.countdown.store(left - 1, Relaxed);
            None
        } else {
            sample_now(block, left)
        };
        CallRecord { meta, slot, started }
    }

    #[inline]
    pub fn finish(self, outcome: Outcome, bytes_out: usize) {
        match outcome {
            Outcome::Ok => {}
            Outcome::Error => bump(&self.slot.errors, 1),
            Outcome::Panic => bump(&self.slot.panics, 1),
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
fn sample_now(block: &ThreadBlock, left: u32) -> Option<Instant> {
    let every = sample_every();
    block.countdown.store(every, Relaxed);
    // `left == 0` means sampling is off (rate 0).
    (every != 0 && left != 0).then(Instant::now)
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

/// Sums one function's counters over every thread.
pub fn snapshot(meta: &'static FnMeta) -> FfiFnStats {
    let mut out = FfiFnStats::default();
    let id = meta.id.load(Relaxed);
    if id != 0 {
        for block in BLOCKS.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let s = &block.slots[id - 1];
            out.calls += s.calls.load(Relaxed);
            out.errors += s.errors.load(Relaxed);
            out.panics += s.panics.load(Relaxed);
            out.bytes_in += s.bytes_in.load(Relaxed);
            out.bytes_out += s.bytes_out.load(Relaxed);
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
}

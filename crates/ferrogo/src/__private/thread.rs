//! One record of runtime state per OS thread that calls into Rust: its call counters
//! ([`metrics`](super::metrics)) and its hazard slots ([`hazard`](super::hazard)), found with one
//! thread-local read.
//!
//! Go starts and ends OS threads freely (a goroutine that exits while locked to its thread ends
//! it), so records are recycled: when a thread exits, a TLS destructor folds its counters into
//! the totals of exited threads, frees them and hands the record to the next new thread. The
//! process keeps as many records as it ever had calling threads *at once*, every count survives,
//! and a statistics snapshot reads only the records of live threads.
//!
//! Records are never freed, so other threads may read them at any time: hazard scans walk the
//! lock-free list of all records, snapshots the set of live ones (under [`THREADS`]).

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::hazard::Slots;
use super::metrics::Counters;

pub struct ThreadRecord {
    pub(crate) counters: Counters,
    pub(crate) hazards: Slots,
    /// Owned by a live thread (set when taken, cleared when its thread exits).
    in_use: AtomicBool,
    /// The next record in the list of all records; fixed once the record is published.
    next: AtomicPtr<ThreadRecord>,
}

/// Every record ever made, newest first (push-only).
static ALL: AtomicPtr<ThreadRecord> = AtomicPtr::new(std::ptr::null_mut());

/// Records of live threads and the counters of exited ones.
pub(crate) struct Threads {
    pub(crate) live: Vec<&'static ThreadRecord>,
    free: Vec<&'static ThreadRecord>,
    pub(crate) exited: Counters,
}

static THREADS: Mutex<Threads> = Mutex::new(Threads {
    live: Vec::new(),
    free: Vec::new(),
    exited: Counters::new(),
});

pub(crate) fn threads() -> MutexGuard<'static, Threads> {
    THREADS.lock().unwrap_or_else(|e| e.into_inner())
}

thread_local! {
    /// This thread's record; null until its first call (and again once it gave it back).
    static CURRENT: Cell<*const ThreadRecord> = const { Cell::new(std::ptr::null()) };
    /// Gives the record back when the thread exits (registered on the first call only, so the
    /// hot path reads `CURRENT` alone).
    static GIVE_BACK: GiveBackOnExit = const { GiveBackOnExit };
}

/// This thread's record. One TLS read; a thread's first call takes a record (out of line).
#[inline]
pub fn current() -> &'static ThreadRecord {
    let ptr = CURRENT.with(Cell::get);
    if ptr.is_null() {
        return take();
    }
    // SAFETY: records are leaked (`'static`) and CURRENT only holds ones this thread owns.
    unsafe { &*ptr }
}

/// A nonzero number naming this thread while it lives (its record's address; a later thread
/// may reuse it).
#[inline]
pub fn id() -> usize {
    current() as *const ThreadRecord as usize
}

#[cold]
#[inline(never)]
fn take() -> &'static ThreadRecord {
    let record = {
        let mut threads = threads();
        let record = threads.free.pop().unwrap_or_else(new_record);
        record.in_use.store(true, Ordering::Relaxed);
        threads.live.push(record);
        record
    };
    // When this thread's TLS is already being torn down (a call from another TLS destructor),
    // the record cannot be given back: it stays this thread's for good, which is only a leak.
    if GIVE_BACK.try_with(|_| ()).is_ok() {
        CURRENT.with(|c| c.set(record));
    }
    record
}

fn new_record() -> &'static ThreadRecord {
    let record: &'static ThreadRecord = Box::leak(Box::new(ThreadRecord {
        counters: Counters::new(),
        hazards: Slots::new(),
        in_use: AtomicBool::new(false),
        next: AtomicPtr::new(std::ptr::null_mut()),
    }));
    let ptr = record as *const ThreadRecord as *mut ThreadRecord;
    let mut head = ALL.load(Ordering::Relaxed);
    loop {
        record.next.store(head, Ordering::Relaxed);
        match ALL.compare_exchange_weak(head, ptr, Ordering::Release, Ordering::Relaxed) {
            Ok(_) => return record,
            Err(now) => head = now,
        }
    }
}

struct GiveBackOnExit;

impl Drop for GiveBackOnExit {
    fn drop(&mut self) {
        let ptr = CURRENT.with(|c| c.replace(std::ptr::null()));
        if ptr.is_null() {
            return;
        }
        // SAFETY: as in `current`.
        let record = unsafe { &*ptr };
        let mut threads = threads();
        // The thread is ending: no call of it runs, so its counters are final.
        let Threads { live, free, exited } = &mut *threads;
        exited.absorb(&record.counters);
        record.in_use.store(false, Ordering::Relaxed);
        if let Some(pos) = live.iter().position(|r| std::ptr::eq(*r, record)) {
            live.swap_remove(pos);
        }
        free.push(record);
    }
}

/// Every record ever made (live or free), for hazard scans.
pub fn all() -> impl Iterator<Item = &'static ThreadRecord> {
    let mut next = ALL.load(Ordering::Acquire);
    std::iter::from_fn(move || {
        // SAFETY: records are leaked and published (Release) before they are reachable.
        let record = unsafe { next.as_ref() }?;
        next = record.next.load(Ordering::Relaxed);
        Some(record)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exited_threads_give_their_record_to_the_next_thread() {
        // Sequential threads reuse records: the list grows by far less than the thread count
        // (other tests running meanwhile may take a few).
        let before = all().count();
        for _ in 0..200 {
            std::thread::spawn(|| {
                let _ = current();
            })
            .join()
            .unwrap();
        }
        let grown = all().count() - before;
        assert!(grown <= 32, "{grown} records for 200 sequential threads");
    }
}

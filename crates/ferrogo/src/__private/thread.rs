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

/// A nonzero number naming this thread while it lives (the address of its `CURRENT`, which a
/// later thread may reuse). Not the record's address: calls made after the record went back
/// share [`LATE`], and must still tell their thread's hazards and exclusive calls from others'.
#[inline]
pub fn id() -> usize {
    CURRENT.with(|c| c as *const Cell<*const ThreadRecord> as usize)
}

#[cold]
#[inline(never)]
fn take() -> &'static ThreadRecord {
    // When this thread's TLS is being torn down (a call from another TLS destructor, after ours
    // gave the record back or before any was taken), a record taken now could never be given
    // back: such calls share one record instead of taking one each (issue 19, item 8).
    if GIVE_BACK.try_with(|_| ()).is_err() {
        return late();
    }
    let record = {
        let mut threads = threads();
        let record = threads.free.pop().unwrap_or_else(new_record);
        record.in_use.store(true, Ordering::Relaxed);
        threads.live.push(record);
        record
    };
    CURRENT.with(|c| c.set(record));
    record
}

/// The record of calls made while their thread's TLS is torn down: made once, counted as live
/// for good. Several threads may use it at once, so its hazard slots are never written (see
/// [`Slots::shared`]); its counters may lose a count when two such calls race, which is all.
static LATE: AtomicPtr<ThreadRecord> = AtomicPtr::new(std::ptr::null_mut());

#[cold]
fn late() -> &'static ThreadRecord {
    let ptr = LATE.load(Ordering::Acquire);
    if !ptr.is_null() {
        // SAFETY: records are leaked; LATE is set once, below, to a published record.
        return unsafe { &*ptr };
    }
    let mut threads = threads();
    let ptr = LATE.load(Ordering::Acquire);
    if !ptr.is_null() {
        // SAFETY: as above.
        return unsafe { &*ptr };
    }
    let record = publish(ThreadRecord {
        counters: Counters::new(),
        hazards: Slots::shared(),
        in_use: AtomicBool::new(true),
        next: AtomicPtr::new(std::ptr::null_mut()),
    });
    threads.live.push(record);
    LATE.store(
        record as *const ThreadRecord as *mut ThreadRecord,
        Ordering::Release,
    );
    record
}

fn new_record() -> &'static ThreadRecord {
    publish(ThreadRecord {
        counters: Counters::new(),
        hazards: Slots::new(),
        in_use: AtomicBool::new(false),
        next: AtomicPtr::new(std::ptr::null_mut()),
    })
}

/// Leaks `record` and pushes it on the list of all records.
fn publish(record: ThreadRecord) -> &'static ThreadRecord {
    let record: &'static ThreadRecord = Box::leak(Box::new(record));
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

    /// A TLS destructor that calls into Rust after this thread gave its record back, `calls`
    /// times, and reports the records it got.
    struct LateCalls(usize, std::sync::mpsc::Sender<Vec<usize>>);

    impl Drop for LateCalls {
        fn drop(&mut self) {
            let seen = (0..self.0)
                .map(|_| current() as *const ThreadRecord as usize)
                .collect();
            let _ = self.1.send(seen);
        }
    }

    thread_local! {
        static LATE_CALLS: std::cell::RefCell<Option<LateCalls>> = const { std::cell::RefCell::new(None) };
    }

    /// Calls from TLS destructors that run after the thread's record went back share one record
    /// (they used to take a fresh one each, never given back), and keep telling their hazards
    /// from other threads'.
    #[test]
    fn calls_after_the_record_went_back_share_one_record() {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            // TLS destructors run in reverse order of registration: GIVE_BACK's, registered
            // by the first call, runs before LATE_CALLS'.
            LATE_CALLS.with(|l| *l.borrow_mut() = Some(LateCalls(50, tx)));
            let _ = current();
        })
        .join()
        .unwrap();
        let seen = rx.recv().unwrap();
        let first = seen[0];
        assert!(seen.iter().all(|r| *r == first), "a record per late call");
        assert_eq!(
            first,
            late() as *const ThreadRecord as usize,
            "not the shared record"
        );
        let counted = threads()
            .live
            .iter()
            .filter(|r| std::ptr::eq(**r, late()))
            .count();
        assert_eq!(counted, 1, "the shared record is counted once");
    }

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

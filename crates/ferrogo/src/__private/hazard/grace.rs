//! The grace period after `membarrier` went away while the process ran (issue 19 item 4,
//! ADR 0012). A seccomp filter installed after the first object makes the heavy fence fail; calls
//! that ran a compiler fence only before that may have published hazards that a scan does not
//! see yet. From the failure on, calls use full fences ([`super::light`] reads the mode), and
//! scans are trusted again once every other thread of the process has passed a full barrier
//! since: then every hazard published before the switch is visible, and every later call sees the
//! full-fence mode. A context switch is such a barrier (the scheduler's, which membarrier itself
//! relies on), so a thread has passed one when its context-switch count changed, it is not
//! running, or it exited; `/proc/self/task` tells. Where it cannot be read, the period ends after
//! [`FALLBACK`], by which every running thread has taken timer interrupts.

use std::sync::atomic::{fence, AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const NONE: u8 = 0;
const WAITING: u8 = 1;
const OVER: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(NONE);

/// A thread id and its context-switch count.
type Switches = (u64, u64);

/// The threads that have not passed a barrier since the switch, with their context-switch
/// counts then (`None`: `/proc` could not be read), and when the period began.
static PENDING: Mutex<Option<(Option<Vec<Switches>>, Instant)>> = Mutex::new(None);

/// How long the period lasts where `/proc/self/task` cannot be read.
const FALLBACK: Duration = Duration::from_millis(100);

/// Begins the grace period (once): switches calls to full fences and takes the snapshot.
/// Returns whether it is over already.
#[cold]
pub fn begin(mode: &AtomicU8, symmetric: u8) -> bool {
    {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        if pending.is_none() && STATE.load(Ordering::Acquire) == NONE {
            mode.store(symmetric, Ordering::SeqCst);
            // The switch is visible to a thread once it passes a barrier after this.
            fence(Ordering::SeqCst);
            *pending = Some((threads(), Instant::now()));
            STATE.store(WAITING, Ordering::Release);
            eprintln!(
                "ferrogo: membarrier failed after start (a seccomp filter installed after the first object?); \
                 calls use full fences from now on, and objects closed meanwhile are freed after a grace period"
            );
        }
    }
    over()
}

/// Whether hazard scans can be trusted: no grace period began, or it is over.
pub fn over() -> bool {
    if STATE.load(Ordering::Acquire) != WAITING {
        return true;
    }
    let mut guard = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let Some((pending, began)) = guard.as_mut() else {
        return true;
    };
    let done = match pending {
        Some(threads) => {
            let me = own_tid();
            threads.retain(|(tid, switches)| Some(*tid) != me && !passed(*tid, *switches));
            threads.is_empty()
        }
        None => began.elapsed() >= FALLBACK,
    };
    if done {
        // Scans after this see every hazard published before the switch.
        fence(Ordering::SeqCst);
        STATE.store(OVER, Ordering::Release);
    }
    done
}

/// Every thread of the process and its context-switch count.
fn threads() -> Option<Vec<Switches>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc/self/task").ok()? {
        let tid: u64 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        if let Some((_, switches)) = status(tid) {
            out.push((tid, switches));
        }
    }
    Some(out)
}

/// Whether thread `tid` passed a full barrier since its count was `then`.
fn passed(tid: u64, then: u64) -> bool {
    match status(tid) {
        None => true, // exited
        Some((running, switches)) => !running || switches != then,
    }
}

/// Whether the thread is running (state R), and its voluntary plus involuntary context switches.
fn status(tid: u64) -> Option<(bool, u64)> {
    let text = std::fs::read_to_string(format!("/proc/self/task/{tid}/status")).ok()?;
    let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name)).map(str::trim);
    let running = field("State:")?.starts_with('R');
    let count = |name: &str| field(name).and_then(|v| v.parse::<u64>().ok());
    Some((
        running,
        count("voluntary_ctxt_switches:")? + count("nonvoluntary_ctxt_switches:")?,
    ))
}

fn own_tid() -> Option<u64> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    link.file_name()?.to_str()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_threads_are_listed_with_their_switches() {
        let threads = threads().expect("/proc/self/task");
        let me = own_tid().expect("/proc/thread-self");
        assert!(threads.iter().any(|(tid, _)| *tid == me));
        // A thread that sleeps is not running: it passed a barrier.
        let (tx, rx) = std::sync::mpsc::channel();
        let (_hold, wait) = std::sync::mpsc::channel::<()>();
        let sleeper = std::thread::spawn(move || {
            tx.send(own_tid().unwrap()).unwrap();
            let _ = wait.recv();
        });
        let tid = rx.recv().unwrap();
        while status(tid).is_some_and(|(running, _)| running) {
            std::thread::yield_now();
        }
        assert!(passed(tid, u64::MAX));
        drop(_hold);
        sleeper.join().unwrap();
        assert!(passed(tid, 0), "an exited thread passed");
    }
}

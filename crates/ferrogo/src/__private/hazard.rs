//! Hazard slots: how a call tells `Close` which object it is using, without writing memory any
//! other thread writes.
//!
//! A call publishes the address of the entry it is about to use in a slot of its own thread
//! record, then checks that the handle still leads to that entry. `Close` unlinks the entry, then
//! scans every thread's slots: no slot holds it, so no call can still reach it, and it is dropped
//! at once; otherwise each call that leaves it checks whether it was unlinked and the last one
//! drops it ([`registry`](super::registry)). Reclamation is per object: a long call on one object
//! delays nothing else.
//!
//! Both sides are a store followed by a load of the other side's location (Dekker), which needs
//! a full fence on each. The call side is hot and `Close` is not, so the fences are asymmetric,
//! as in folly's hazptr and liburcu: a call pays a compiler fence ([`light`]) and `Close` issues
//! `membarrier(2)` ([`heavy`]), which makes every running thread of the process execute a full
//! barrier. Where membarrier is unavailable both sides use a SeqCst fence.

use std::sync::atomic::{compiler_fence, fence, AtomicPtr, AtomicU32, AtomicU8, Ordering};
use std::sync::{Mutex, Once};

use super::thread;

/// Hazard slots per thread: enough for a method and its object arguments, or a call that
/// re-enters Rust through a callback. More at once spill into [`OVERFLOW`].
pub const SLOTS: usize = 8;

pub struct Slots {
    ptrs: [AtomicPtr<()>; SLOTS],
    /// Bit `i` set: slot `i` is in use. Only the owning thread reads or writes it.
    used: AtomicU8,
    /// Hazards of the owner(s) in [`OVERFLOW`]: lets [`own_protections`] skip the list's lock
    /// when there are none, which is always but past eight at once.
    spilled: AtomicU32,
}

impl Slots {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Slots {
        Slots {
            ptrs: [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS],
            used: AtomicU8::new(0),
            spilled: AtomicU32::new(0),
        }
    }

    /// Slots that several threads share (calls from a thread's TLS destructors after its own
    /// record went back, [`thread`]): every slot reads as taken, so each of their hazards goes to
    /// [`OVERFLOW`] under its lock, tagged with its thread, and the slots are never written.
    pub const fn shared() -> Slots {
        Slots {
            ptrs: [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS],
            used: AtomicU8::new(u8::MAX),
            spilled: AtomicU32::new(0),
        }
    }
}

/// Hazards of threads whose slots are all in use, as (thread id, pointer): a mutex is fine for
/// this rare case. The thread is recorded so a call can tell its own hazards from others' at any
/// nesting depth ([`own_protections`]).
static OVERFLOW: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

/// A published hazard. Not cleared on drop: [`Hazard::clear`] takes the pointer it protects,
/// which its owner (a registry `Pin`) keeps anyway, so the hot path carries two words.
pub struct Hazard {
    slots: &'static Slots,
    /// The slot index, or `SLOTS` when the hazard is in [`OVERFLOW`].
    index: usize,
}

impl Hazard {
    /// Publishes `ptr` as in use by this thread. The caller must then re-check (after this
    /// returns, which includes the fence) that `ptr` is still reachable before dereferencing it.
    #[inline(always)]
    pub fn protect(ptr: *const ()) -> Hazard {
        let slots = &thread::current().hazards;
        let used = slots.used.load(Ordering::Relaxed);
        let index = (!used).trailing_zeros() as usize;
        if index >= SLOTS {
            return Self::protect_overflow(slots, ptr);
        }
        slots.used.store(used | (1 << index), Ordering::Relaxed);
        slots.ptrs[index].store(ptr as *mut (), Ordering::Relaxed);
        light();
        Hazard { slots, index }
    }

    #[cold]
    #[inline(never)]
    fn protect_overflow(slots: &'static Slots, ptr: *const ()) -> Hazard {
        lock_overflow().push((thread::id(), ptr as usize));
        slots.spilled.fetch_add(1, Ordering::Relaxed);
        // The mutex's release does not order the push before the caller's re-check.
        fence(Ordering::SeqCst);
        Hazard { slots, index: SLOTS }
    }

    /// Clears the hazard on `ptr` (the pointer it was made for). Release: the call's uses of the
    /// entry happen before a scan that finds the slot empty. The caller must fence ([`light`])
    /// before checking whether it has to reclaim.
    #[inline(always)]
    pub fn clear(self, ptr: *const ()) {
        if self.index >= SLOTS {
            return clear_overflow(self.slots, ptr);
        }
        self.slots.ptrs[self.index].store(std::ptr::null_mut(), Ordering::Release);
        let used = self.slots.used.load(Ordering::Relaxed);
        self.slots
            .used
            .store(used & !(1 << self.index), Ordering::Relaxed);
    }
}

#[cold]
#[inline(never)]
fn clear_overflow(slots: &Slots, ptr: *const ()) {
    let mine = (thread::id(), ptr as usize);
    let mut overflow = lock_overflow();
    if let Some(pos) = overflow.iter().position(|h| *h == mine) {
        overflow.swap_remove(pos);
        slots.spilled.fetch_sub(1, Ordering::Relaxed);
    }
}

fn lock_overflow() -> std::sync::MutexGuard<'static, Vec<(usize, usize)>> {
    OVERFLOW.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether any thread has published `ptr`. Call after [`heavy`].
pub fn is_protected(ptr: *const ()) -> bool {
    protections(ptr) > 0
}

/// How many hazards on `ptr` this thread has published: in its slots and, past eight at once,
/// in the overflow list. A call that finds more than its own uses the object already, in an
/// enclosing call (through a callback) or as another argument, at whatever depth.
pub fn own_protections(ptr: *const ()) -> usize {
    let slots = &thread::current().hazards;
    let in_slots = slots
        .ptrs
        .iter()
        .filter(|slot| std::ptr::eq(slot.load(Ordering::Relaxed), ptr))
        .count();
    if slots.spilled.load(Ordering::Relaxed) == 0 {
        return in_slots;
    }
    let mine = (thread::id(), ptr as usize);
    in_slots + lock_overflow().iter().filter(|h| **h == mine).count()
}

/// How many hazards on `ptr` all threads have published. Call after [`heavy`].
pub fn protections(ptr: *const ()) -> usize {
    let in_slots: usize = thread::all()
        .map(|record| {
            record
                .hazards
                .ptrs
                .iter()
                .filter(|slot| std::ptr::eq(slot.load(Ordering::Acquire), ptr))
                .count()
        })
        .sum();
    in_slots + lock_overflow().iter().filter(|(_, p)| *p == ptr as usize).count()
}

const UNKNOWN: u8 = 0;
const ASYMMETRIC: u8 = 1;
const SYMMETRIC: u8 = 2;

static MODE: AtomicU8 = AtomicU8::new(UNKNOWN);
static INIT: Once = Once::new();

/// The call side's fence: a compiler fence once membarrier is registered, else a full fence.
#[inline]
pub fn light() {
    if MODE.load(Ordering::Relaxed) == ASYMMETRIC {
        compiler_fence(Ordering::SeqCst);
    } else {
        fence(Ordering::SeqCst);
    }
}

/// The reclaiming side's fence: every thread that ran a [`light`] fence before this call has had
/// a full barrier by the time it returns, if this returns true. False only in the grace period
/// after membarrier went away while the process ran (a seccomp filter installed after the first
/// object, [`grace`]): a scan may then miss a call's hazard, so the caller must neither free an
/// entry nor use it alone on the strength of a scan, and tries again later.
#[must_use]
pub fn heavy() -> bool {
    init();
    fence(Ordering::SeqCst);
    match MODE.load(Ordering::Relaxed) {
        ASYMMETRIC if membarrier::private_expedited() => true,
        ASYMMETRIC => grace::begin(&MODE, SYMMETRIC),
        _ => grace::over(),
    }
}

/// Chooses the fence mode; called before the first object exists (and by [`heavy`]), so a
/// thread that sees [`ASYMMETRIC`] in [`light`] is paired with membarrier on the other side.
pub fn init() {
    INIT.call_once(|| {
        let mode = if membarrier::register() {
            ASYMMETRIC
        } else {
            SYMMETRIC
        };
        MODE.store(mode, Ordering::Release);
    });
}

#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
mod membarrier {
    use std::ffi::{c_int, c_long};

    #[cfg(target_arch = "x86_64")]
    const SYS_MEMBARRIER: c_long = 324;
    #[cfg(target_arch = "aarch64")]
    const SYS_MEMBARRIER: c_long = 283;

    const CMD_QUERY: c_int = 0;
    const CMD_PRIVATE_EXPEDITED: c_int = 1 << 3;
    const CMD_REGISTER_PRIVATE_EXPEDITED: c_int = 1 << 4;

    extern "C" {
        fn syscall(number: c_long, ...) -> c_long;
    }

    fn call(cmd: c_int) -> c_long {
        // SAFETY: membarrier takes (cmd, flags, cpu_id) and touches no memory of ours.
        unsafe { syscall(SYS_MEMBARRIER, cmd, 0 as c_int, 0 as c_int) }
    }

    /// Registers the process for private expedited barriers; false where the kernel (or a
    /// seccomp filter) does not offer them.
    pub fn register() -> bool {
        if std::env::var_os("FERROGO_NO_MEMBARRIER").is_some() {
            return false;
        }
        let supported = call(CMD_QUERY);
        supported > 0
            && supported & c_long::from(CMD_PRIVATE_EXPEDITED) != 0
            && call(CMD_REGISTER_PRIVATE_EXPEDITED) == 0
    }

    /// False when the barrier failed: registered in `register`, it still fails once a seccomp
    /// filter installed later denies the system call ([`super::grace`]).
    pub fn private_expedited() -> bool {
        call(CMD_PRIVATE_EXPEDITED) == 0
    }
}

#[cfg(not(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64"))))]
mod membarrier {
    pub fn register() -> bool {
        false
    }
    pub fn private_expedited() -> bool {
        true
    }
}

mod grace;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_reused_and_overflow_spills() {
        let marker = |i: usize| (0x1000 + i * 8) as *const ();
        let hazards: Vec<Hazard> = (0..SLOTS + 3).map(|i| Hazard::protect(marker(i))).collect();
        assert!(heavy());
        assert!((0..SLOTS + 3).all(|i| is_protected(marker(i))));
        for (i, h) in hazards.into_iter().enumerate() {
            h.clear(marker(i));
        }
        assert!((0..SLOTS + 3).all(|i| !is_protected(marker(i))));
        let again = Hazard::protect(marker(0));
        assert_eq!(again.index, 0, "the first slot is free again");
        again.clear(marker(0));
    }

    /// A thread counts its own hazards on an object wherever they are: past eight at once they
    /// are in the overflow list, and a call that missed them there would wait for itself (issue
    /// 19, item 2). Another thread's hazards, in the list too, are not this thread's.
    #[test]
    fn own_protections_count_the_overflow_list_at_any_depth() {
        const TARGET: usize = 0x9000;
        let target = TARGET as *const ();
        let marker = |i: usize| (0x10_000 + i * 8) as *const ();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
        let other = std::thread::spawn(move || {
            let fill: Vec<Hazard> = (0..SLOTS).map(|i| Hazard::protect(marker(1000 + i))).collect();
            let spilled = Hazard::protect(TARGET as *const ());
            ready_tx.send(()).unwrap();
            done_rx.recv().unwrap();
            spilled.clear(TARGET as *const ());
            for (i, h) in fill.into_iter().enumerate() {
                h.clear(marker(1000 + i));
            }
        });
        ready_rx.recv().unwrap();
        assert_eq!(
            own_protections(target),
            0,
            "another thread's overflow hazard counted"
        );
        for others in [SLOTS - 2, SLOTS - 1, SLOTS, SLOTS + 1, 100] {
            let first = Hazard::protect(target);
            let fill: Vec<Hazard> = (0..others).map(|i| Hazard::protect(marker(i))).collect();
            let again = Hazard::protect(target);
            assert_eq!(own_protections(target), 2, "with {others} other objects");
            again.clear(target);
            assert_eq!(own_protections(target), 1, "with {others} other objects");
            for (i, h) in fill.into_iter().enumerate() {
                h.clear(marker(i));
            }
            first.clear(target);
            assert_eq!(own_protections(target), 0);
        }
        done_tx.send(()).unwrap();
        other.join().unwrap();
    }
}

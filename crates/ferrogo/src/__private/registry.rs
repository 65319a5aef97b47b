//! Generational handle registry: Go holds `u64` handles, never pointers.
//!
//! A handle is `generation << 32 | (index + 1)`; handle 0 is never valid. A stale, closed or forged
//! handle fails the generation check (or finds no slot) and yields `ErrClosed`, never memory access.
//! A slot whose generation reaches `u32::MAX` is retired instead of reused, so a generation never
//! wraps around to one a stale handle still carries.
//!
//! A call reaches its entry through a [`Pin`]: it publishes the entry in a hazard slot of its own
//! thread ([`hazard`]) and re-checks the slot, so the read path writes no shared memory.
//! [`Registry::release`] unlinks the entry and drops it at once unless a call still holds it;
//! then the last such call drops it when it ends. Reclamation is per object (ADR 0008): calls
//! on other objects never delay it, and a slow `Drop` runs in `Close` or in a call on that same
//! object, never in an unrelated one. Slots live in chunks that never move.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::hazard::{self, Hazard};
use super::thread;

/// Slot chunk `k` holds `FIRST_CHUNK << k` slots, so 27 chunks address every u32 index.
const FIRST_CHUNK: usize = 64;
const CHUNKS: usize = 27;

pub struct Entry<T> {
    generation: u32,
    poisoned: AtomicBool,
    /// The thread record of a call that uses the value exclusively (`&mut self`, `self`, or any
    /// call on an object that is not `Sync`), or 0; shared calls wait while it is held. See
    /// [`Registry::pin_exclusive`].
    writer: AtomicUsize,
    /// Serializes exclusive calls (they park here, rather than spin, while another runs).
    writers: Mutex<()>,
    /// Exclusive calls parked on `writers`. They hold no hazard meanwhile (the call holding
    /// the lock waits for hazards to go), so this count keeps the entry from being freed.
    waiters: AtomicU32,
    /// Async calls holding the value shared beyond one thread's call ([`Held`]): they keep the
    /// entry alive like `waiters`, and exclusive calls wait for them like for hazards.
    holds: AtomicU32,
    value: UnsafeCell<T>,
}

impl<T> Entry<T> {
    pub fn is_poisoned(&self) -> bool {
        self.poisoned.load(Ordering::Relaxed)
    }
    pub fn poison(&self) {
        self.poisoned.store(true, Ordering::Relaxed);
    }
}

struct Slot<T> {
    entry: AtomicPtr<Entry<T>>,
    /// Last generation handed out for this slot.
    generation: AtomicU32,
}

struct FreeList {
    free: Vec<u32>,
    next: u32,
}

pub struct Registry<T> {
    chunks: [AtomicPtr<Slot<T>>; CHUNKS],
    free: Mutex<FreeList>,
    /// Unlinked entries that a call still held when they were released (as addresses).
    retired: Mutex<Vec<usize>>,
    live: AtomicU64,
    created: AtomicU64,
}

fn locate(index: u32) -> (usize, usize) {
    // Chunk k starts at FIRST_CHUNK * (2^k - 1).
    let n = index as usize / FIRST_CHUNK + 1;
    let chunk = (usize::BITS - 1 - n.leading_zeros()) as usize;
    let start = FIRST_CHUNK * ((1 << chunk) - 1);
    (chunk, index as usize - start)
}

fn split(handle: u64) -> Option<(u32, u32)> {
    let low = handle as u32;
    let generation = (handle >> 32) as u32;
    if low == 0 || generation == 0 {
        return None;
    }
    Some((low - 1, generation))
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A live entry in use by the current call. While it exists the entry is not dropped; when it
/// goes, the entry is dropped if it was released meanwhile and no other call holds it.
pub struct Pin<'r, T: Send + 'static> {
    registry: &'r Registry<T>,
    slot: &'r Slot<T>,
    entry: *mut Entry<T>,
    /// Always `Some` until dropped.
    hazard: Option<Hazard>,
}

impl<T: Send + 'static> Pin<'_, T> {
    #[inline(always)]
    pub fn entry(&self) -> &Entry<T> {
        // SAFETY: a pin only exists for an entry that was validated under its hazard, which
        // keeps it from being dropped until the pin is.
        unsafe { &*self.entry }
    }

    /// Clears the hazard without checking whether the entry was released: the caller unlinked
    /// it and owns it now (or reclaims it after a heavy fence, `release_many`), or keeps it alive
    /// otherwise (an exclusive call counted in `waiters`).
    fn leave_owned(mut self) {
        if let Some(hazard) = self.hazard.take() {
            hazard.clear(self.entry as *const ());
        }
        std::mem::forget(self);
    }

    /// The value, shared. Only for pins from [`Registry::pin`], which wait out exclusive calls.
    #[inline(always)]
    pub fn value(&self) -> &T {
        // SAFETY: `pin` returned this pin with no exclusive call holding the entry, and
        // exclusive calls wait for every shared pin to go before they touch the value.
        unsafe { &*self.entry().value.get() }
    }
}

/// A [`Pin`] that holds its entry's writer flag, with no other call on the value: it may
/// change or take the value.
pub struct Exclusive<'r, T: Send + 'static> {
    /// Declared (so dropped) before the pin: the pin's leaving may free the entry.
    guard: Option<MutexGuard<'r, ()>>,
    pin: Pin<'r, T>,
}

impl<'r, T: Send + 'static> Exclusive<'r, T> {
    pub fn entry(&self) -> &Entry<T> {
        self.pin.entry()
    }

    pub fn value(&self) -> &T {
        // SAFETY: the writer flag is ours and no other pin uses the value.
        unsafe { &*self.pin.entry().value.get() }
    }

    /// The pin, keeping the writer flag set (the caller is about to free the entry) but letting
    /// other exclusive calls waiting on the entry go (they find it unlinked).
    fn into_pin(mut self) -> Pin<'r, T> {
        drop(self.guard.take());
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never dropped or used again, so the pin is moved out exactly once.
        unsafe { std::ptr::read(&this.pin) }
    }

    pub fn value_mut(&mut self) -> &mut T {
        // SAFETY: the writer flag is ours and no other pin uses the value (see `pin_exclusive`).
        unsafe { &mut *self.pin.entry().value.get() }
    }
}

impl<T: Send + 'static> Drop for Exclusive<'_, T> {
    fn drop(&mut self) {
        self.pin.entry().writer.store(0, Ordering::Release);
        wake_waiting();
    }
}

impl<T: Send + 'static> Drop for Pin<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(hazard) = self.hazard.take() {
            hazard.clear(self.entry as *const ());
        }
        hazard::light();
        wake_waiting();
        // The slot (never freed) tells whether the entry was released; the entry itself may be
        // gone already, so it is not touched unless it is still on the retired list.
        if self.slot.entry.load(Ordering::Acquire) != self.entry {
            self.registry.reclaim(self.entry);
        }
    }
}

impl<T: Send + 'static> Registry<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Registry<T> {
        Registry {
            chunks: [const { AtomicPtr::new(std::ptr::null_mut()) }; CHUNKS],
            free: Mutex::new(FreeList {
                free: Vec::new(),
                next: 0,
            }),
            retired: Mutex::new(Vec::new()),
            live: AtomicU64::new(0),
            created: AtomicU64::new(0),
        }
    }

    /// Handles currently open (not yet released).
    pub fn live(&self) -> u64 {
        self.live.load(Ordering::Relaxed)
    }

    /// Handles ever created.
    pub fn created(&self) -> u64 {
        self.created.load(Ordering::Relaxed)
    }

    fn slot(&self, index: u32) -> Option<&Slot<T>> {
        let (chunk, offset) = locate(index);
        let base = self.chunks.get(chunk)?.load(Ordering::Acquire);
        if base.is_null() || offset >= FIRST_CHUNK << chunk {
            return None;
        }
        // SAFETY: chunk `chunk` was allocated with `FIRST_CHUNK << chunk` slots and is never freed
        // while the registry (a static) lives; offset is in bounds.
        Some(unsafe { &*base.add(offset) })
    }

    fn ensure_chunk(&self, chunk: usize) {
        if self.chunks[chunk].load(Ordering::Acquire).is_null() {
            let slots: Box<[Slot<T>]> = (0..FIRST_CHUNK << chunk)
                .map(|_| Slot {
                    entry: AtomicPtr::new(std::ptr::null_mut()),
                    generation: AtomicU32::new(0),
                })
                .collect();
            // Only called with the free-list lock held, so no other thread races this store.
            self.chunks[chunk].store(Box::into_raw(slots).cast(), Ordering::Release);
        }
    }

    /// Stores `value` and returns its handle.
    pub fn insert(&self, value: T) -> u64 {
        // Calls that reach this entry pair their fence with `Close`'s: choose the kind first.
        hazard::init();
        let mut free = lock(&self.free);
        let index = match free.free.pop() {
            Some(i) => i,
            None => {
                let i = free.next;
                free.next = free
                    .next
                    .checked_add(1)
                    .expect("ferrogo: more than 2^32 live handles");
                self.ensure_chunk(locate(i).0);
                i
            }
        };
        let slot = self.slot(index).expect("chunk was just ensured");
        // Never 0 and never wrapped: slots at u32::MAX are not put back on the free list.
        let generation = slot.generation.load(Ordering::Relaxed) + 1;
        slot.generation.store(generation, Ordering::Relaxed);
        let entry = Box::new(Entry {
            generation,
            poisoned: AtomicBool::new(false),
            writer: AtomicUsize::new(0),
            writers: Mutex::new(()),
            waiters: AtomicU32::new(0),
            holds: AtomicU32::new(0),
            value: UnsafeCell::new(value),
        });
        slot.entry.store(Box::into_raw(entry), Ordering::Release);
        self.live.fetch_add(1, Ordering::Relaxed);
        self.created.fetch_add(1, Ordering::Relaxed);
        (u64::from(generation) << 32) | u64::from(index + 1)
    }

    /// Pins the entry of a live handle for a call that shares the value (`&self`). Waits while
    /// an exclusive call of another thread holds the entry.
    #[inline(always)]
    pub fn pin(&self, handle: u64) -> Result<Pin<'_, T>, Unavailable> {
        self.pin_in::<false>(handle)
    }

    /// [`pin`](Self::pin); with `BUSY`, an exclusive call of another thread is
    /// [`Unavailable::Busy`] at once instead of waited for (ADR 0012: the Go caller parks its
    /// goroutine rather than this OS thread, and calls again).
    #[inline(always)]
    pub fn pin_in<const BUSY: bool>(&self, handle: u64) -> Result<Pin<'_, T>, Unavailable> {
        loop {
            let pin = self.pin_entry(handle).ok_or(Unavailable::Closed)?;
            // After our hazard is published (and fenced): an exclusive call that takes the flag
            // later sees the hazard and waits for us.
            let writer = pin.entry().writer.load(Ordering::Acquire);
            if writer == 0 {
                return Ok(pin);
            }
            if writer == thread::id() {
                return Err(Unavailable::InUse); // this call holds it exclusively already
            }
            if BUSY {
                return Err(Unavailable::Busy);
            }
            let entry = pin.entry;
            drop(pin);
            self.wait_for_writer(handle, entry);
        }
    }

    #[cold]
    #[inline(never)]
    fn wait_for_writer(&self, handle: u64, entry: *mut Entry<T>) {
        let mut wait = Wait::default();
        loop {
            let seen = wait.prepare();
            let Some(pin) = self.pin_entry(handle) else {
                return;
            };
            if pin.entry != entry || pin.entry().writer.load(Ordering::Acquire) == 0 {
                return;
            }
            drop(pin);
            wait.wait(seen);
        }
    }

    /// Pins the entry of a live handle for a call that needs the value to itself (`&mut self`,
    /// `self`, or an object that is not `Sync`): takes the entry's writer flag, then waits until
    /// no other call uses the value. Shared calls arriving meanwhile wait for the flag. A call
    /// that uses the object twice (receiver and argument) gets `InUse` instead of waiting for
    /// itself.
    pub fn pin_exclusive(&self, handle: u64) -> Result<Exclusive<'_, T>, Unavailable> {
        self.pin_exclusive_in::<false>(handle)
    }

    /// [`pin_exclusive`](Self::pin_exclusive); with `BUSY`, another exclusive call holding the
    /// entry is [`Unavailable::Busy`] at once. Shared calls still running are waited for here
    /// (parked, one thread per object: the writers' lock is ours), and they wait for us.
    pub fn pin_exclusive_in<const BUSY: bool>(&self, handle: u64) -> Result<Exclusive<'_, T>, Unavailable> {
        let pin = self.pin_entry(handle).ok_or(Unavailable::Closed)?;
        // SAFETY: the entry stays allocated while `pin` holds its hazard, and `Exclusive` drops
        // the guard before the pin.
        let entry: &Entry<T> = unsafe { &*pin.entry };
        let me = thread::id();
        if entry.writer.load(Ordering::Relaxed) == me || hazard::own_protections(pin.entry as *const ()) > 1 {
            return Err(Unavailable::InUse); // this call holds or shares it already
        }
        let (pin, guard) = match entry.writers.try_lock() {
            Ok(guard) => (pin, guard),
            Err(std::sync::TryLockError::Poisoned(p)) => (pin, p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if BUSY => return Err(Unavailable::Busy),
            Err(std::sync::TryLockError::WouldBlock) => {
                // Park without our hazard, which the lock's holder waits for: the waiters
                // count keeps the entry alive instead (counted before the hazard goes).
                entry.waiters.fetch_add(1, Ordering::SeqCst);
                let (slot, raw) = (pin.slot, pin.entry);
                pin.leave_owned();
                let guard = entry.writers.lock().unwrap_or_else(|e| e.into_inner());
                let pin = Pin {
                    registry: self,
                    slot,
                    entry: raw,
                    hazard: Some(Hazard::protect(raw as *const ())),
                };
                entry.waiters.fetch_sub(1, Ordering::SeqCst);
                (pin, guard)
            }
        };
        if pin.slot.entry.load(Ordering::Acquire) != pin.entry {
            return Err(Unavailable::Closed); // closed or taken while we waited
        }
        entry.writer.store(me, Ordering::Relaxed);
        let exclusive = Exclusive {
            guard: Some(guard),
            pin,
        };
        // Dekker with `pin`: the flag is set (and fenced by `heavy`), so every hazard published
        // before it is visible now, and every shared call publishing one later sees the flag
        // and backs off.
        self.wait_until_alone(exclusive.pin.entry);
        Ok(exclusive)
    }

    /// Waits until no thread other than this one's pin holds a hazard on `entry`, and no async
    /// call holds it. Parks between scans (each a heavy fence): calls that leave while a thread
    /// waits here wake it ([`Wait`]).
    fn wait_until_alone(&self, entry: *mut Entry<T>) {
        let mut wait = Wait::default();
        loop {
            let seen = wait.prepare();
            // An untrusted scan (the grace period after membarrier went away) may miss a call.
            let trusted = hazard::heavy();
            // SAFETY: the caller's pin holds a hazard on `entry`, which keeps it allocated.
            let held = unsafe { (*entry).holds.load(Ordering::SeqCst) };
            if trusted && hazard::protections(entry as *const ()) <= 1 && held == 0 {
                return;
            }
            wait.wait(seen);
        }
    }

    /// Holds a live handle's value shared beyond this call, for an async call's future: like a
    /// [`Pin`] from [`Registry::pin`] (it waits out exclusive calls, and they wait for it), but
    /// counted in the entry instead of a thread's hazard, so it may move between threads. A
    /// `Close` meanwhile drops the value when the hold goes.
    pub fn hold(&'static self, handle: u64) -> Result<Held<T>, Unavailable> {
        let pin = self.pin(handle)?;
        // Counted while our hazard still protects the entry: an exclusive call waiting for the
        // hazard to go sees the hold after it.
        pin.entry().holds.fetch_add(1, Ordering::SeqCst);
        let held = Held {
            registry: self,
            slot: pin.slot,
            entry: pin.entry,
        };
        drop(pin);
        Ok(held)
    }

    /// Moves the value out of a live handle, which is closed by it (`self` methods, objects
    /// passed by value). Waits for calls in flight on the object to end.
    pub fn take(&self, handle: u64, poison: bool) -> Result<T, Unavailable> {
        self.take_in::<false>(handle, poison)
    }

    /// [`take`](Self::take); with `BUSY`, another exclusive call holding the entry is
    /// [`Unavailable::Busy`] at once.
    pub fn take_in<const BUSY: bool>(&self, handle: u64, poison: bool) -> Result<T, Unavailable> {
        let exclusive = self.pin_exclusive_in::<BUSY>(handle)?;
        if poison && exclusive.entry().is_poisoned() {
            return Err(Unavailable::Poisoned);
        }
        let (slot, entry) = (exclusive.pin.slot, exclusive.pin.entry);
        if slot
            .entry
            .compare_exchange(entry, std::ptr::null_mut(), Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return Err(Unavailable::Closed); // a concurrent Close won
        }
        // Unlinked: release the writers' lock (exclusive calls waiting for it find the entry
        // gone), then wait until every call that still holds a hazard on it has left. Shared
        // calls back off when they see the writer flag, which stays set.
        let pin = exclusive.into_pin();
        self.wait_until_alone(entry);
        // SAFETY: our hazard keeps the entry allocated.
        let waiting = unsafe { &(*entry).waiters };
        let mut wait = Wait::default();
        loop {
            let seen = wait.prepare();
            if waiting.load(Ordering::SeqCst) == 0 {
                break;
            }
            wait.wait(seen); // parked exclusive calls wake, see it unlinked, and leave
        }
        self.wait_until_alone(entry);
        pin.leave_owned();
        self.closed(handle, slot);
        // SAFETY: unlinked, no hazard left on it, never put on the retired list: ours alone.
        let boxed = unsafe { Box::from_raw(entry) };
        Ok(boxed.value.into_inner())
    }

    /// Pins the entry of a live handle, whatever calls use it: enough to keep it from being
    /// dropped (`release`), not to use the value.
    #[inline(always)]
    fn pin_entry(&self, handle: u64) -> Option<Pin<'_, T>> {
        let (index, generation) = split(handle)?;
        let slot = self.slot(index)?;
        let entry = slot.entry.load(Ordering::Acquire);
        if entry.is_null() {
            return None;
        }
        let pin = Pin {
            registry: self,
            slot,
            entry,
            hazard: Some(Hazard::protect(entry as *const ())),
        };
        // Published before this load (fenced in `protect`): if the entry is still linked, a
        // release that unlinks it later will see the hazard.
        if slot.entry.load(Ordering::Acquire) != entry {
            return None;
        }
        (pin.entry().generation == generation).then_some(pin)
    }

    /// Closes a handle. Returns whether it was live (false for closed, stale or forged handles).
    /// The value is dropped before this returns unless a call on it is still running; then the
    /// last such call drops it when it ends.
    pub fn release(&self, handle: u64) -> bool {
        match self.unlink(handle) {
            // Dropping the pin reclaims the entry unless another call holds it.
            Some(pin) => {
                drop(pin);
                true
            }
            None => false,
        }
    }

    /// Closes many handles, as [`release`](Self::release) does each, with one heavy fence for
    /// all of them instead of one each: the garbage collector's cleanups of never-closed objects
    /// come in bursts, and a fence per object (a `membarrier`, which interrupts every CPU running
    /// a thread of the process) let them fall behind the allocations. Sets `released[i]` to
    /// whether `handles[i]` was live.
    pub fn release_many(&self, handles: &[u64], released: &mut [bool]) {
        let mut unlinked = Vec::with_capacity(handles.len());
        for (handle, out) in handles.iter().zip(released.iter_mut()) {
            *out = match self.unlink(*handle) {
                Some(pin) => {
                    unlinked.push(pin.entry);
                    pin.leave_owned();
                    true
                }
                None => false,
            };
        }
        if !unlinked.is_empty() {
            let trusted = hazard::heavy();
            for entry in unlinked {
                if trusted {
                    self.reclaim_fenced(entry);
                } else {
                    self.defer(entry);
                }
            }
        }
    }

    /// Unlinks a live handle's entry and puts it on the retired list; the pin returned still
    /// protects it. `None` for closed, stale or forged handles (or a concurrent release).
    fn unlink(&self, handle: u64) -> Option<Pin<'_, T>> {
        // Not `pin`: Close never waits, not even for an exclusive call.
        let pin = self.pin_entry(handle)?;
        if pin
            .slot
            .entry
            .compare_exchange(
                pin.entry,
                std::ptr::null_mut(),
                Ordering::AcqRel,
                Ordering::Acquire,
            )
            .is_err()
        {
            return None; // a concurrent release won
        }
        // On the list before our pin goes: whoever reclaims finds it there.
        lock(&self.retired).push(pin.entry as usize);
        self.closed(handle, pin.slot);
        Some(pin)
    }

    /// Counts an unlinked handle as closed and gives its slot back for reuse, unless the slot's
    /// generation would wrap (then it is retired for good).
    fn closed(&self, handle: u64, slot: &Slot<T>) {
        self.live.fetch_sub(1, Ordering::Relaxed);
        if slot.generation.load(Ordering::Relaxed) < u32::MAX {
            let (index, _) = split(handle).expect("a pinned handle is well-formed");
            lock(&self.free).free.push(index);
        }
    }

    /// Drops `entry` (unlinked) if it is still on the retired list and no call holds it.
    #[cold]
    #[inline(never)]
    fn reclaim(&self, entry: *mut Entry<T>) {
        if hazard::heavy() {
            self.reclaim_fenced(entry);
            deferred::run();
        } else {
            self.defer(entry);
        }
    }

    /// Leaves `entry` (unlinked, on the retired list) to be reclaimed once scans are trusted
    /// again: a call that published its hazard with a compiler fence only, before membarrier
    /// went away, may hold it unseen (ADR 0012).
    #[cold]
    fn defer(&self, entry: *mut Entry<T>) {
        /// # Safety
        /// `registry` is the address of a `Registry<T>` that lives for good (every registry is a
        /// static: `Object::registry`), and `entry` one of its entries.
        unsafe fn reclaim_later<T: Send + 'static>(registry: usize, entry: usize) {
            // SAFETY: as the function's contract says.
            let registry = unsafe { &*(registry as *const Registry<T>) };
            registry.reclaim(entry as *mut Entry<T>);
        }
        deferred::push(self as *const Self as usize, entry as usize, reclaim_later::<T>);
    }

    /// [`reclaim`](Self::reclaim) after a heavy fence issued since `entry` was unlinked.
    fn reclaim_fenced(&self, entry: *mut Entry<T>) {
        let mut retired = lock(&self.retired);
        let Some(pos) = retired.iter().position(|e| *e == entry as usize) else {
            return; // reclaimed already (or not on the list yet: its releaser reclaims)
        };
        // SAFETY: the entry is on the retired list, which only the holder of its lock frees.
        let parked =
            unsafe { (*entry).waiters.load(Ordering::SeqCst) + (*entry).holds.load(Ordering::SeqCst) } != 0;
        if parked || hazard::is_protected(entry as *const ()) {
            return; // the call holding it reclaims when it ends
        }
        retired.swap_remove(pos);
        drop(retired);
        drop_entry(entry);
    }

    /// Entries released while a call held them, not yet dropped.
    pub fn retired(&self) -> usize {
        lock(&self.retired).len()
    }

    #[cfg(test)]
    fn set_generation(&self, handle: u64, generation: u32) {
        let (index, _) = split(handle).unwrap();
        self.slot(index)
            .unwrap()
            .generation
            .store(generation, Ordering::Relaxed);
    }
}

/// Why a handle could not be pinned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// Closed, stale or forged.
    Closed,
    /// Poisoned by an earlier panic (only `take` checks).
    Poisoned,
    /// Used by this same call already (as receiver or another argument) in a way that excludes
    /// this use: waiting would never end.
    InUse,
    /// Held by an exclusive call of another thread (only when asked not to wait for it).
    Busy,
}

/// Entries whose reclamation waits for the grace period after membarrier went away.
mod deferred {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;

    type Reclaim = unsafe fn(usize, usize);

    static ANY: AtomicBool = AtomicBool::new(false);
    static LIST: Mutex<Vec<(usize, usize, Reclaim)>> = Mutex::new(Vec::new());

    pub fn push(registry: usize, entry: usize, reclaim: Reclaim) {
        LIST.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((registry, entry, reclaim));
        ANY.store(true, Ordering::SeqCst);
    }

    /// Reclaims the deferred entries; called after a trusted heavy fence.
    #[inline]
    pub fn run() {
        if ANY.load(Ordering::Relaxed) {
            run_slow();
        }
    }

    #[cold]
    fn run_slow() {
        let list = std::mem::take(&mut *LIST.lock().unwrap_or_else(|e| e.into_inner()));
        ANY.store(false, Ordering::SeqCst);
        for (registry, entry, reclaim) in list {
            // SAFETY: pushed by `Registry::defer`, whose registries are statics; an entry
            // reclaimed meanwhile is no longer on its retired list, which `reclaim` checks.
            unsafe { reclaim(registry, entry) };
        }
    }
}

/// Threads parked in [`Wait::wait`]: a call leaving reads it (one load of a line no call writes)
/// and wakes them only when there are some.
static PARKED: AtomicUsize = AtomicUsize::new(0);
/// Bumped by every wake: a parked thread sleeps while it is the value it saw before its check.
static WAKES: Mutex<u64> = Mutex::new(0);
static WOKEN: std::sync::Condvar = std::sync::Condvar::new();

/// Wakes threads waiting for calls to leave, if any. A leaving call may miss a waiter that
/// registered just now (the call side has no fence to see it): the waiter's timeout covers it.
#[inline(always)]
fn wake_waiting() {
    if PARKED.load(Ordering::Relaxed) != 0 {
        wake_slow();
    }
}

#[cold]
#[inline(never)]
fn wake_slow() {
    *lock(&WAKES) += 1;
    WOKEN.notify_all();
}

/// How a thread waits for other calls in Rust (an exclusive call for shared ones to leave, a
/// waited-for pin for an exclusive call): a few spins for short calls, then parked until a call
/// leaves or a timeout that grows from 50 µs to 10 ms, so a long wait costs next to no CPU
/// (ADR 0012). The timeout covers what wakes nobody: an async call's hold on another thread
/// ends without a wake it cannot see is needed, and wakes a leaving call missed.
#[derive(Default)]
struct Wait {
    rounds: u32,
    registered: bool,
}

impl Wait {
    const SPINS: u32 = 64;

    /// Call before checking the condition; pass the result to [`wait`](Self::wait).
    fn prepare(&mut self) -> u64 {
        if self.rounds < Self::SPINS {
            return 0;
        }
        if !self.registered {
            PARKED.fetch_add(1, Ordering::SeqCst);
            self.registered = true;
        }
        *lock(&WAKES)
    }

    /// Waits after a check that failed: spins at first, then parks until a wake after `seen`.
    fn wait(&mut self, seen: u64) {
        self.rounds += 1;
        if self.rounds <= Self::SPINS {
            std::hint::spin_loop();
            return;
        }
        let exp = (self.rounds - Self::SPINS - 1).min(8);
        let timeout = std::time::Duration::from_micros(50 << exp).min(std::time::Duration::from_millis(10));
        let wakes = lock(&WAKES);
        if *wakes == seen {
            let _ = WOKEN.wait_timeout(wakes, timeout);
        }
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        if self.registered {
            PARKED.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A shared hold on an entry by an async call (see [`Registry::hold`]).
pub struct Held<T: Send + 'static> {
    registry: &'static Registry<T>,
    slot: &'static Slot<T>,
    entry: *mut Entry<T>,
}

// SAFETY: a hold gives shared access to a `T: Sync` from whichever thread polls the future;
// the counts it touches are atomic.
unsafe impl<T: Send + Sync + 'static> Send for Held<T> {}
// SAFETY: as above.
unsafe impl<T: Send + Sync + 'static> Sync for Held<T> {}

impl<T: Send + 'static> Held<T> {
    pub fn is_poisoned(&self) -> bool {
        // SAFETY: `holds` keeps the entry allocated while we exist.
        unsafe { (*self.entry).is_poisoned() }
    }

    pub fn poison(&self) {
        // SAFETY: as above.
        unsafe { (*self.entry).poison() }
    }

    pub fn value(&self) -> &T {
        // SAFETY: `holds` keeps the entry allocated and exclusive calls away while we exist.
        unsafe { &*(*self.entry).value.get() }
    }
}

impl<T: Send + 'static> Drop for Held<T> {
    fn drop(&mut self) {
        // SAFETY: the entry is allocated until our count goes; it is not touched after.
        unsafe { (*self.entry).holds.fetch_sub(1, Ordering::SeqCst) };
        hazard::light();
        wake_waiting();
        if self.slot.entry.load(Ordering::Acquire) != self.entry {
            self.registry.reclaim(self.entry);
        }
    }
}

/// Drops an unlinked entry. A panicking `Drop` is contained.
fn drop_entry<T>(ptr: *mut Entry<T>) {
    // SAFETY: `ptr` came from Box::into_raw in `insert`, was unlinked exactly once, and the
    // caller took it off the retired list with no hazard on it: nothing else can reach it.
    let boxed = unsafe { Box::from_raw(ptr) };
    if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(boxed))) {
        // The payload itself may panic when dropped: never let that unwind into the caller.
        crate::__private::panic::drop_payload(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    #[test]
    fn locate_covers_chunks_contiguously() {
        assert_eq!(locate(0), (0, 0));
        assert_eq!(locate(63), (0, 63));
        assert_eq!(locate(64), (1, 0));
        assert_eq!(locate(191), (1, 127));
        assert_eq!(locate(192), (2, 0));
        assert_eq!(locate(u32::MAX - 1).0, CHUNKS - 1);
    }

    fn value<T: Clone + Send + Sync + 'static>(r: &Registry<T>, h: u64) -> Option<T> {
        r.pin(h).ok().map(|p| p.value().clone())
    }

    #[test]
    fn stale_and_forged_handles_are_rejected() {
        static R: Registry<String> = Registry::new();
        let h = R.insert("a".to_string());
        assert_eq!(value(&R, h).as_deref(), Some("a"));
        assert!(R.release(h));
        assert!(!R.release(h), "double release");
        let h2 = R.insert("b".to_string());
        assert_eq!(h2 as u32, h as u32, "slot is reused");
        assert!(value(&R, h).is_none(), "stale generation");
        assert!(value(&R, 0).is_none());
        assert!(value(&R, u64::MAX).is_none());
        assert!(value(&R, h2 ^ (1 << 40)).is_none());
        assert_eq!(R.live(), 1);
    }

    #[test]
    fn many_handles_span_chunks() {
        static R: Registry<u64> = Registry::new();
        let handles: Vec<u64> = (0..10_000).map(|i| R.insert(i)).collect();
        for (i, h) in handles.iter().enumerate() {
            assert_eq!(value(&R, *h), Some(i as u64));
        }
        assert!(handles.iter().all(|h| R.release(*h)));
        assert_eq!(R.live(), 0);
    }

    #[test]
    fn a_slot_at_the_last_generation_is_retired_not_wrapped() {
        static R: Registry<u32> = Registry::new();
        let first = R.insert(1);
        // Force the slot to the end of its generations, as 2^32 - 2 reuses would.
        R.set_generation(first, u32::MAX - 1);
        assert!(R.release(first));
        let last = R.insert(2);
        assert_eq!(last as u32, first as u32, "the slot is reused once more");
        assert_eq!(last >> 32, u64::from(u32::MAX));
        assert!(R.release(last));
        // Every handle this slot ever had, including ones with small generations that a wrap
        // would hand out again, stays closed: the slot is never reused.
        let next = R.insert(3);
        assert_ne!(next as u32, first as u32, "a slot at u32::MAX is not reused");
        for generation in [1u64, 2, 0xffff_fffe, 0xffff_ffff] {
            let stale = (generation << 32) | u64::from(first as u32);
            assert!(value(&R, stale).is_none(), "generation {generation:#x}");
        }
        assert_eq!(value(&R, next), Some(3));
    }

    struct CountsDrop(Arc<AtomicUsize>);
    impl Drop for CountsDrop {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn release_drops_the_value_before_returning_when_no_call_is_running() {
        static R: Registry<CountsDrop> = Registry::new();
        let drops = Arc::new(AtomicUsize::new(0));
        for i in 1..=5 {
            let h = R.insert(CountsDrop(drops.clone()));
            assert!(R.release(h));
            assert_eq!(
                drops.load(Ordering::SeqCst),
                i,
                "value {i} was not dropped by release"
            );
        }
    }

    /// A batch release (the GC's cleanups) drops every value it closes before returning, except
    /// one a call still holds, which that call drops when it ends; closed and forged handles in
    /// the batch are reported as not live.
    #[test]
    fn release_many_drops_each_value_once_and_spares_held_ones() {
        static R: Registry<CountsDrop> = Registry::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let handles: Vec<u64> = (0..10).map(|_| R.insert(CountsDrop(drops.clone()))).collect();
        assert!(R.release(handles[3]));
        let held = R.pin(handles[5]).ok().unwrap();
        let mut batch = handles.clone();
        batch.push(0xdead_beef_0000_0001);
        let mut released = vec![false; batch.len()];
        R.release_many(&batch, &mut released);
        let want: Vec<bool> = (0..11).map(|i| i != 3 && i != 10).collect();
        assert_eq!(released, want);
        assert_eq!(drops.load(Ordering::SeqCst), 9, "all but the held value dropped");
        assert_eq!(R.live(), 0);
        drop(held);
        assert_eq!(
            drops.load(Ordering::SeqCst),
            10,
            "the held value dropped when its call ended"
        );
        assert_eq!(R.retired(), 0);
        R.release_many(&handles, &mut released[..10]);
        assert!(released[..10].iter().all(|r| !r), "released twice");
        assert_eq!(drops.load(Ordering::SeqCst), 10);
    }

    /// An async call's hold moves between threads; a release meanwhile drops the value when the
    /// hold goes, not before.
    #[test]
    fn a_release_during_a_hold_drops_when_the_hold_goes() {
        static R: Registry<CountsDrop> = Registry::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let h = R.insert(CountsDrop(drops.clone()));
        let held = R.hold(h).ok().unwrap();
        assert!(R.release(h));
        assert_eq!(drops.load(Ordering::SeqCst), 0, "dropped while held");
        assert!(R.pin(h).is_err(), "a released handle is closed for new calls");
        let other = std::thread::spawn(move || drop(held));
        other.join().unwrap();
        assert_eq!(drops.load(Ordering::SeqCst), 1, "not dropped when the hold went");
        assert_eq!(R.retired(), 0);
    }

    /// Exclusive calls wait for holds like for shared calls, and a value with no hold is dropped
    /// by release at once.
    #[test]
    fn exclusive_pins_wait_for_holds() {
        static R: Registry<AtomicUsize> = Registry::new();
        let h = R.insert(AtomicUsize::new(0));
        let held = R.hold(h).ok().unwrap();
        let writer = std::thread::spawn(move || {
            let mut ex = R.pin_exclusive(h).ok().unwrap();
            // The hold is gone: no async call reads the value now.
            *ex.value_mut().get_mut() += 1;
        });
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(
            held.value().load(Ordering::SeqCst),
            0,
            "an exclusive call ran during a hold"
        );
        drop(held);
        writer.join().unwrap();
        assert_eq!(R.pin(h).ok().unwrap().value().load(Ordering::SeqCst), 1);
        assert!(R.release(h));
    }

    #[test]
    fn a_call_in_flight_on_another_object_delays_nothing() {
        static R: Registry<CountsDrop> = Registry::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let busy = R.insert(CountsDrop(drops.clone()));
        let long_call = R.pin(busy).ok().unwrap();
        for i in 1..=100 {
            let h = R.insert(CountsDrop(drops.clone()));
            assert!(R.release(h));
            assert_eq!(drops.load(Ordering::SeqCst), i);
        }
        drop(long_call);
        assert!(R.release(busy));
        assert_eq!(drops.load(Ordering::SeqCst), 101);
    }

    #[test]
    fn a_release_during_calls_drops_when_the_last_call_ends() {
        static R: Registry<CountsDrop> = Registry::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let h = R.insert(CountsDrop(drops.clone()));
        let (first, second) = (R.pin(h).ok().unwrap(), R.pin(h).ok().unwrap());
        assert!(R.release(h));
        assert!(R.pin(h).is_err(), "closed for new calls");
        assert_eq!(drops.load(Ordering::SeqCst), 0, "dropped under a running call");
        drop(first);
        assert_eq!(drops.load(Ordering::SeqCst), 0, "dropped under the second call");
        drop(second);
        assert_eq!(
            drops.load(Ordering::SeqCst),
            1,
            "not dropped when the last call ended"
        );
        assert_eq!(R.retired(), 0);
    }

    #[test]
    fn calls_racing_release_on_many_threads_drop_each_value_once() {
        static R: Registry<CountsDrop> = Registry::new();
        let drops = Arc::new(AtomicUsize::new(0));
        const ROUNDS: usize = 2000;
        for _ in 0..ROUNDS {
            let h = R.insert(CountsDrop(drops.clone()));
            std::thread::scope(|s| {
                for _ in 0..3 {
                    s.spawn(|| {
                        for _ in 0..20 {
                            if let Ok(p) = R.pin(h) {
                                // The value is alive while pinned.
                                assert!(p.value().0.load(Ordering::SeqCst) <= ROUNDS);
                            }
                        }
                    });
                }
                s.spawn(|| R.release(h));
            });
        }
        assert_eq!(drops.load(Ordering::SeqCst), ROUNDS);
        assert_eq!((R.live(), R.retired()), (0, 0));
    }

    #[test]
    fn exclusive_pins_wait_for_shared_ones_and_shared_ones_for_them() {
        static R: Registry<std::sync::atomic::AtomicU64> = Registry::new();
        let h = R.insert(AtomicU64::new(0));
        let reader = R.pin(h).ok().unwrap();
        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                let mut w = R.pin_exclusive(h).ok().unwrap();
                // The shared pin is gone by now.
                assert!(
                    done.load(Ordering::SeqCst),
                    "exclusive while a shared pin was held"
                );
                *w.value_mut().get_mut() += 1;
            });
            std::thread::sleep(std::time::Duration::from_millis(50));
            done.store(true, Ordering::SeqCst);
            drop(reader);
        });
        assert_eq!(R.pin(h).ok().unwrap().value().load(Ordering::SeqCst), 1);
    }

    #[test]
    fn many_exclusive_calls_are_serialized_and_lose_no_update() {
        static R: Registry<std::cell::Cell<u64>> = Registry::new();
        let h = R.insert(std::cell::Cell::new(0));
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..500 {
                        let mut w = R.pin_exclusive(h).ok().unwrap();
                        let v = w.value_mut();
                        let n = v.get();
                        std::thread::yield_now();
                        v.set(n + 1);
                    }
                });
            }
        });
        assert_eq!(R.pin_exclusive(h).ok().unwrap().value().get(), 2000);
    }

    #[test]
    fn take_moves_the_value_out_and_closes_the_handle() {
        static R: Registry<String> = Registry::new();
        let h = R.insert("mine".to_string());
        assert_eq!(R.take(h, true).ok().as_deref(), Some("mine"));
        assert!(R.pin(h).is_err(), "taken handles are closed");
        assert!(!R.release(h));
        assert_eq!(R.live(), 0);
        // Exclusive calls waiting while it is taken find it closed.
        let h = R.insert("contended".to_string());
        let taken = std::thread::scope(|s| {
            let waiters: Vec<_> = (0..3)
                .map(|_| s.spawn(|| R.pin_exclusive(h).map(|_| ()).err()))
                .collect();
            let taken = R.take(h, true);
            for w in waiters {
                let got = w.join().unwrap();
                assert!(got.is_none() || got == Some(Unavailable::Closed), "{got:?}");
            }
            taken
        });
        assert!(taken.is_ok() || R.live() == 0);
    }

    #[test]
    fn a_call_that_holds_an_object_cannot_wait_for_itself() {
        static R: Registry<u32> = Registry::new();
        let h = R.insert(1);
        let shared = R.pin(h).ok().unwrap();
        assert_eq!(R.pin_exclusive(h).err(), Some(Unavailable::InUse));
        assert_eq!(R.take(h, true).err(), Some(Unavailable::InUse));
        drop(shared);
        let exclusive = R.pin_exclusive(h).ok().unwrap();
        assert_eq!(R.pin(h).err(), Some(Unavailable::InUse));
        drop(exclusive);
        assert!(R.pin(h).is_ok());
    }

    /// Re-entrancy is refused at once however many objects the thread holds: an enclosing call's
    /// pin of the object may sit in a hazard slot while the re-entrant one spills into the
    /// overflow list (issue 19, item 2: it waited for itself forever).
    #[test]
    fn a_call_that_holds_an_object_cannot_wait_for_itself_past_eight_objects() {
        static R: Registry<u32> = Registry::new();
        let h = R.insert(1);
        let others: Vec<u64> = (0..100).map(|i| R.insert(i)).collect();
        for n in [7, 8, 9, 100] {
            let shared = R.pin(h).ok().unwrap();
            let held: Vec<_> = others[..n].iter().map(|o| R.pin(*o).ok().unwrap()).collect();
            assert_eq!(R.pin_exclusive(h).err(), Some(Unavailable::InUse), "{n} others");
            assert_eq!(R.take(h, true).err(), Some(Unavailable::InUse), "{n} others");
            drop(held);
            drop(shared);
            let exclusive = R.pin_exclusive(h).ok().unwrap();
            let held: Vec<_> = others[..n].iter().map(|o| R.pin(*o).ok().unwrap()).collect();
            assert_eq!(R.pin(h).err(), Some(Unavailable::InUse), "{n} others");
            assert_eq!(R.pin_exclusive(h).err(), Some(Unavailable::InUse), "{n} others");
            drop(held);
            drop(exclusive);
        }
        assert!(R.pin_exclusive(h).is_ok(), "usable after the refusals");
    }
}

//! Generational handle registry: Go holds `u64` handles, never pointers.
//!
//! A handle is `generation << 32 | (index + 1)`; handle 0 is never valid. A stale, closed or forged
//! handle fails the generation check (or finds no slot) and yields `ErrClosed`, never memory access.
//!
//! The read path (every method call) does no shared writes: it pins the calling thread's epoch
//! (crossbeam-epoch, thread-local), loads the slot pointer and compares the generation. `release`
//! unlinks the entry and retires it to the epoch collector, so a `Close` racing with in-flight calls
//! frees the object only after the last of them finishes. Slots live in chunks that never move.

use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::sync::Mutex;

use crossbeam_epoch::{self as epoch, Guard};

/// Slot chunk `k` holds `FIRST_CHUNK << k` slots, so 27 chunks address every u32 index.
const FIRST_CHUNK: usize = 64;
const CHUNKS: usize = 27;

pub struct Entry<T> {
    generation: u32,
    poisoned: AtomicBool,
    /// Set when the handle is released while calls may still use the entry.
    retired: AtomicBool,
    pub value: T,
}

impl<T> Entry<T> {
    pub fn is_poisoned(&self) -> bool {
        self.poisoned.load(Ordering::Relaxed)
    }
    pub fn poison(&self) {
        self.poisoned.store(true, Ordering::Relaxed);
    }
    /// Whether the handle was released (the entry is waiting for in-flight calls to end).
    pub fn is_retired(&self) -> bool {
        self.retired.load(Ordering::Acquire)
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

impl<T: Send + Sync + 'static> Registry<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Registry<T> {
        Registry {
            chunks: [const { AtomicPtr::new(std::ptr::null_mut()) }; CHUNKS],
            free: Mutex::new(FreeList {
                free: Vec::new(),
                next: 0,
            }),
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
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
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
        let mut generation = slot.generation.load(Ordering::Relaxed).wrapping_add(1);
        if generation == 0 {
            generation = 1;
        }
        slot.generation.store(generation, Ordering::Relaxed);
        let entry = Box::new(Entry {
            generation,
            poisoned: AtomicBool::new(false),
            retired: AtomicBool::new(false),
            value,
        });
        slot.entry.store(Box::into_raw(entry), Ordering::Release);
        self.live.fetch_add(1, Ordering::Relaxed);
        self.created.fetch_add(1, Ordering::Relaxed);
        (u64::from(generation) << 32) | u64::from(index + 1)
    }

    /// Looks up a live handle. The entry stays valid while `guard` is held.
    #[inline]
    pub fn get<'g>(&self, handle: u64, _guard: &'g Guard) -> Option<&'g Entry<T>> {
        let (index, generation) = split(handle)?;
        let ptr = self.slot(index)?.entry.load(Ordering::Acquire);
        if ptr.is_null() {
            return None;
        }
        // SAFETY: a non-null entry pointer is only retired after being unlinked, and retired entries
        // are freed only once every guard pinned before the unlink is dropped; `_guard` is one.
        let entry = unsafe { &*ptr };
        (entry.generation == generation).then_some(entry)
    }

    /// Closes a handle. Returns whether it was live (false for closed, stale or forged handles).
    /// The value is dropped once no call that could see it is still running.
    pub fn release(&self, handle: u64) -> bool {
        let Some((index, generation)) = split(handle) else {
            return false;
        };
        let Some(slot) = self.slot(index) else {
            return false;
        };
        let guard = epoch::pin();
        let ptr = slot.entry.load(Ordering::Acquire);
        if ptr.is_null() {
            return false;
        }
        // SAFETY: as in `get`: we hold a guard, so the entry is not freed under us.
        if unsafe { (*ptr).generation } != generation {
            return false;
        }
        if slot
            .entry
            .compare_exchange(ptr, std::ptr::null_mut(), Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return false; // a concurrent release won
        }
        let addr = ptr as usize;
        // SAFETY: the entry is unlinked, so no new reader can find it; readers that already hold it
        // are pinned, and the collector runs this only after they unpin.
        unsafe {
            guard.defer_unchecked(move || drop_entry::<T>(addr as *mut Entry<T>));
        }
        // SAFETY: as above; we hold a guard.
        unsafe { (*ptr).retired.store(true, Ordering::Release) };
        drop(guard);
        collect_garbage();
        self.live.fetch_sub(1, Ordering::Relaxed);
        self.free
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .free
            .push(index);
        true
    }
}

/// Runs the epoch collector until garbage retired before this call is freed, unless a call pinned
/// earlier is still running (that call collects when it ends: see `call_method`). Two epoch
/// advances make a retired entry collectable; a third round covers a concurrent advance.
pub fn collect_garbage() {
    for _ in 0..3 {
        epoch::pin().flush();
    }
}

/// Drops a retired entry. A panicking `Drop` is contained: it may run inside any later call.
fn drop_entry<T>(ptr: *mut Entry<T>) {
    // SAFETY: `ptr` came from Box::into_raw in `insert` and was unlinked exactly once.
    let boxed = unsafe { Box::from_raw(ptr) };
    if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(boxed))) {
        // The payload itself may panic when dropped: never let that unwind into the collector.
        crate::__private::panic::drop_payload(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_covers_chunks_contiguously() {
        assert_eq!(locate(0), (0, 0));
        assert_eq!(locate(63), (0, 63));
        assert_eq!(locate(64), (1, 0));
        assert_eq!(locate(191), (1, 127));
        assert_eq!(locate(192), (2, 0));
        assert_eq!(locate(u32::MAX - 1).0, CHUNKS - 1);
    }

    #[test]
    fn stale_and_forged_handles_are_rejected() {
        static R: Registry<String> = Registry::new();
        let h = R.insert("a".to_string());
        let g = epoch::pin();
        assert_eq!(R.get(h, &g).map(|e| e.value.as_str()), Some("a"));
        drop(g);
        assert!(R.release(h));
        assert!(!R.release(h), "double release");
        let h2 = R.insert("b".to_string());
        assert_eq!(h2 as u32, h as u32, "slot is reused");
        let g = epoch::pin();
        assert!(R.get(h, &g).is_none(), "stale generation");
        assert!(R.get(0, &g).is_none());
        assert!(R.get(u64::MAX, &g).is_none());
        assert!(R.get(h2 ^ (1 << 40), &g).is_none());
        assert_eq!(R.live(), 1);
    }

    #[test]
    fn many_handles_span_chunks() {
        static R: Registry<u64> = Registry::new();
        let handles: Vec<u64> = (0..10_000).map(|i| R.insert(i)).collect();
        let g = epoch::pin();
        for (i, h) in handles.iter().enumerate() {
            assert_eq!(R.get(*h, &g).unwrap().value, i as u64);
        }
        drop(g);
        assert!(handles.iter().all(|h| R.release(*h)));
        assert_eq!(R.live(), 0);
    }
}

#[cfg(test)]
mod drop_tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    static DROPS: AtomicUsize = AtomicUsize::new(0);

    struct CountsDrop;
    impl Drop for CountsDrop {
        fn drop(&mut self) {
            DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn release_drops_the_value_before_returning_when_no_call_is_running() {
        static R: Registry<CountsDrop> = Registry::new();
        for i in 1..=5 {
            let h = R.insert(CountsDrop);
            assert!(R.release(h));
            assert_eq!(
                DROPS.load(Ordering::SeqCst),
                i,
                "value {i} was not dropped by release"
            );
        }
    }
}

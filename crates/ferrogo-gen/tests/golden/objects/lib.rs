//! Golden case: objects with constructors, methods, fallible methods and returned objects.

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

/// A counter shared between goroutines.
#[ferrogo::object]
pub struct Counter {
    n: AtomicI64,
}

/// A cache that is not poisoned by panics.
#[ferrogo::object(no_poison)]
pub struct Cache {
    items: Mutex<Vec<String>>,
}

/// Why a counter could not be made.
#[ferrogo::error]
#[derive(Debug)]
pub enum CounterError {
    Negative { start: i64 },
}

impl fmt::Display for CounterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

#[ferrogo::export]
impl Counter {
    /// Creates a counter starting at start.
    #[ferrogo::constructor]
    pub fn new(start: i64) -> Self {
        Counter { n: AtomicI64::new(start) }
    }

    /// Creates a counter, refusing negative starts.
    #[ferrogo::constructor]
    pub fn checked(start: i64) -> Result<Self, CounterError> {
        if start < 0 {
            return Err(CounterError::Negative { start });
        }
        Ok(Counter::new(start))
    }

    /// Adds by and returns the new value.
    pub fn incr(&self, by: i64) -> i64 {
        self.n.fetch_add(by, Ordering::SeqCst) + by
    }

    /// Returns the current value.
    #[ferrogo(fallible)]
    pub fn get(&self) -> i64 {
        self.n.load(Ordering::SeqCst)
    }

    /// Returns a new counter with the same value.
    pub fn fork(&self) -> Counter {
        Counter::new(self.get())
    }

    /// Returns a new counter if this one is positive.
    pub fn fork_if_positive(&self) -> Option<Counter> {
        (self.get() > 0).then(|| self.fork())
    }

    /// Splits the counter into n counters.
    pub fn split(&self, n: u32) -> Vec<Counter> {
        (0..n).map(|_| self.fork()).collect()
    }

    /// Resets the counter.
    pub fn reset(&self) {
        self.n.store(0, Ordering::SeqCst);
    }

    fn helper(&self) {}
}

#[ferrogo::export]
impl Cache {
    /// Creates an empty cache.
    #[ferrogo::constructor]
    pub fn new() -> Self {
        Cache { items: Mutex::new(Vec::new()) }
    }

    /// Adds an item.
    pub fn put(&self, item: String) {
        self.items.lock().unwrap().push(item);
    }

    /// Returns all items.
    pub fn items(&self) -> Vec<String> {
        self.items.lock().unwrap().clone()
    }

    /// Returns the item at i.
    pub fn item(&self, i: u32) -> Option<String> {
        self.items.lock().unwrap().get(i as usize).cloned()
    }
}

//! The README's quick start: a small Rust library exposed to Go with ferrogo.

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};

/// Adds two numbers.
#[ferrogo::export]
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Greets someone by name.
#[ferrogo::export]
pub fn greet(name: &str) -> String {
    format!("Hello, {name}! (from Rust)")
}

/// A point in the plane.
#[ferrogo::record]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Returns the midpoint of a and b.
#[ferrogo::export]
pub fn midpoint(a: Point, b: Point) -> Point {
    Point {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    }
}

/// Why a port number was rejected.
#[ferrogo::error]
pub enum ConfigError {
    /// The input was empty.
    Empty,
    /// The input is not a port number.
    Invalid { port: String },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Empty => write!(f, "empty port"),
            ConfigError::Invalid { port } => write!(f, "invalid port {port:?}"),
        }
    }
}

/// Parses a TCP port number.
#[ferrogo::export]
pub fn parse_port(s: &str) -> Result<u16, ConfigError> {
    if s.is_empty() {
        return Err(ConfigError::Empty);
    }
    s.parse()
        .map_err(|_| ConfigError::Invalid { port: s.to_string() })
}

/// A counter shared between goroutines.
#[ferrogo::object]
pub struct Counter {
    n: AtomicI64,
}

#[ferrogo::export]
impl Counter {
    /// Creates a counter starting at start.
    #[ferrogo::constructor]
    pub fn new(start: i64) -> Self {
        Counter {
            n: AtomicI64::new(start),
        }
    }

    /// Adds by and returns the new value.
    pub fn incr(&self, by: i64) -> i64 {
        self.n.fetch_add(by, Ordering::SeqCst) + by
    }
}

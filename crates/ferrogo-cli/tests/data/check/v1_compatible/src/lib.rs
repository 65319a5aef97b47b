//! Version 1.1 of the API (compatible) `ferrogo check` compares.

#[ferrogo::export]
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[ferrogo::export]
pub fn parse_port(s: &str) -> Result<u16, ConfigError> {
    s.parse().map_err(|_| ConfigError::Empty)
}

#[ferrogo::export]
pub fn old_name() -> u32 {
    1
}

#[ferrogo::export]
#[deprecated(since = "1.1", note = "use add")]
pub fn stays() -> u32 {
    2
}

#[ferrogo::record]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[ferrogo::record]
pub enum Mode {
    Read,
    Write,
}

#[ferrogo::error]
#[derive(Debug)]
pub enum ConfigError {
    Empty,
    Invalid { port: String },
}

#[ferrogo::object]
pub struct Counter {
    n: std::sync::atomic::AtomicI64,
}

#[ferrogo::export]
impl Counter {
    #[ferrogo::constructor]
    pub fn new(start: i64) -> Self {
        Counter { n: start.into() }
    }

    pub fn get(&self) -> i64 {
        0
    }

    pub fn reset(&self) {}
}

#[ferrogo::export]
pub fn sub(a: i64, b: i64) -> i64 {
    a - b
}

//! Version 2 of the API (breaking) `ferrogo check` compares.

#[ferrogo::export]
pub fn add(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

#[ferrogo::export]
pub fn parse_port(s: &str) -> Result<u16, ConfigError> {
    s.parse().map_err(|_| ConfigError::Empty)
}

#[ferrogo::export]
pub fn new_name() -> u32 {
    1
}

#[ferrogo::export]
#[deprecated(since = "2.0", note = "use new_name")]
pub fn stays() -> u32 {
    2
}

#[ferrogo::record]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

#[ferrogo::record]
pub enum Mode {
    Read,
    Write,
    Append,
}

#[ferrogo::error]
#[derive(Debug)]
pub enum ConfigError {
    Empty,
    Invalid { port: String },
    TooLong { max: u32 },
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

    pub fn incr(&self, by: i64) -> i64 {
        by
    }
}

#[ferrogo::export]
pub fn sub(a: i64, b: i64) -> i64 {
    a - b
}

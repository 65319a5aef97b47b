//! Version 2 of the API: v1 with breaking changes (see tests/check.rs).

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

#[ferrogo::export]
pub fn port_of(s: i64) -> u16 {
    s as u16
}

#[ferrogo::export]
pub fn count() -> u64 {
    0
}

#[ferrogo::export]
pub fn load(path: &str) -> Result<u32, ConfigError> {
    Ok(path.len() as u32)
}

#[ferrogo::export]
pub fn save(path: &str) {
    let _ = path;
}

#[ferrogo::export]
pub fn slow(cancel: &ferrogo::Cancel, n: u64) -> u64 {
    let _ = cancel;
    n
}

#[ferrogo::export]
pub fn greet(name: &str) -> String {
    name.to_string()
}

#[ferrogo::export]
pub fn scale(factor: f64) -> f64 {
    factor
}

#[ferrogo::export(name = "Find")]
pub fn lookup(key: &str) -> i64 {
    key.len() as i64
}

#[ferrogo::export]
pub fn area() -> f64 {
    0.0
}

#[ferrogo::export(name = "rawFind")]
pub fn raw_find(s: &str) -> i64 {
    s.len() as i64
}

#[ferrogo::record]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

#[ferrogo::record]
pub struct Size {
    pub w: u64,
    pub h: u32,
}

#[ferrogo::record]
pub struct Rect {
    pub y: f64,
    pub x: f64,
}

#[ferrogo::record]
pub enum Mode {
    Read,
    Write,
    Append,
}

#[ferrogo::record]
pub enum Level {
    High,
    Low,
}

#[ferrogo::record]
pub enum Color {
    Red,
    Green,
}

#[ferrogo::error]
#[derive(Debug)]
pub enum ConfigError {
    Empty,
    Invalid { port: String },
    Timeout { secs: u64 },
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

    #[ferrogo::constructor]
    pub fn with_step(step: i64) -> Self {
        Counter { n: step.into() }
    }

    #[ferrogo(name = "Value")]
    pub fn get(&self) -> i64 {
        0
    }

    #[ferrogo(name = "total")]
    pub fn total(&self) -> i64 {
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

/// A shape: an enum with data (a sealed interface in Go).
#[ferrogo::record]
pub enum Shape {
    Circle { r: f64 },
    Square { side: f64 },
}

/// An email address, crossing as a number.
#[ferrogo::custom(u64)]
pub struct Email(String);

#[ferrogo::export]
pub fn send(to: Email) -> bool {
    let _ = to;
    true
}

#[ferrogo::export]
pub fn word_counts(text: &str) -> std::collections::HashMap<String, u64> {
    let _ = text;
    Default::default()
}

#[ferrogo::export]
pub fn area_of(s: Shape) -> f64 {
    let _ = s;
    0.0
}

//! Version 1.1 of the API: v1 with compatible changes only (see tests/check.rs).

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

#[ferrogo::export]
pub fn port_of(s: &str) -> u16 {
    s.len() as u16
}

#[ferrogo::export]
pub fn count() -> u32 {
    0
}

#[ferrogo::export]
pub fn load(path: &str) -> u32 {
    path.len() as u32
}

#[ferrogo::export]
pub fn save(path: &str) -> Result<(), ConfigError> {
    let _ = path;
    Ok(())
}

#[ferrogo::export]
pub fn slow(n: u64) -> u64 {
    n
}

#[ferrogo::export]
pub fn greet(name: String) -> String {
    name
}

#[ferrogo::export]
pub fn scale(by: f64) -> f64 {
    by
}

#[ferrogo::export(name = "Lookup")]
pub fn lookup(key: &str) -> i64 {
    key.len() as i64
}

#[ferrogo::export(name = "Area")]
pub fn surface_area() -> f64 {
    0.0
}

#[ferrogo::export(name = "rawFind")]
pub fn raw_find(s: &str, start: i64) -> i64 {
    s.len() as i64 - start
}

#[ferrogo::record]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[ferrogo::record]
pub struct Size {
    pub w: u32,
    pub h: u32,
}

#[ferrogo::record]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

#[ferrogo::record]
pub struct Legacy {
    pub id: u64,
}

#[ferrogo::record]
pub enum Mode {
    Read,
    Write,
    Append,
}

#[ferrogo::record]
pub enum Level {
    Low,
    High,
}

#[ferrogo::record]
pub enum Color {
    Red,
    Green,
    Blue,
}

#[ferrogo::error]
#[derive(Debug)]
pub enum ConfigError {
    Empty,
    Invalid { port: String, code: i32 },
    Missing,
    Timeout,
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
    pub fn with_step(start: i64, step: i64) -> Self {
        Counter {
            n: (start + step).into(),
        }
    }

    pub fn get(&self) -> i64 {
        0
    }

    pub fn total(&self) -> i64 {
        0
    }

    pub fn reset(&self) {}
}

#[ferrogo::object]
pub struct Cache {
    n: u64,
}

#[ferrogo::export]
impl Cache {
    #[ferrogo::constructor]
    pub fn new() -> Self {
        Cache { n: 0 }
    }

    pub fn len(&self) -> u64 {
        self.n
    }
}

#[ferrogo::export]
pub fn sub(a: i64, b: i64) -> i64 {
    a - b
}

#[ferrogo::record]
pub enum Shade {
    Light,
    Dark,
}

#[ferrogo::object]
pub struct Pool {
    size: u64,
}

#[ferrogo::export]
impl Pool {
    #[ferrogo::constructor]
    pub fn new(size: u64) -> Self {
        Pool { size }
    }

    pub fn size(&self) -> u64 {
        self.size
    }
}

/// A shape: an enum with data (a sealed interface in Go).
#[ferrogo::record]
pub enum Shape {
    Circle { r: f64 },
    Square { side: f64 },
    Triangle { a: f64, b: f64, c: f64 },
}

/// An email address, crossing as a string.
#[ferrogo::custom(String)]
pub struct Email(String);

#[ferrogo::export]
pub fn send(to: Email) -> bool {
    let _ = to;
    true
}

#[ferrogo::export]
pub fn word_counts(text: &str) -> std::collections::HashMap<String, u32> {
    let _ = text;
    Default::default()
}

#[ferrogo::export]
pub fn area_of(s: Shape) -> f64 {
    let _ = s;
    0.0
}

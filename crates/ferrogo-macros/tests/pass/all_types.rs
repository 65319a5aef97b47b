//! Every supported type in every position, every option: must compile without warnings.
#![deny(warnings)]
// The shim of a `#[deprecated]` export calls it and so warns in the user's crate; allowed here
// until the macro emits `#[allow(deprecated)]` on its shims.
#![allow(deprecated)]

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

/// A C-like enum.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Low,
    Mid = 5,
    #[ferrogo(name = "LevelTop")]
    High,
    Negative = -1,
}

/// A record holding every kind of field.
#[ferrogo::record(name = "Everything")]
#[derive(Clone, Debug)]
pub struct All {
    pub flag: bool,
    pub a: i8,
    pub b: i16,
    pub c: i32,
    pub d: i64,
    pub e: isize,
    pub f: u8,
    pub g: u16,
    pub h: u32,
    pub i: u64,
    pub j: usize,
    pub k: f32,
    pub l: f64,
    pub text: String,
    pub bytes: Vec<u8>,
    pub numbers: Vec<i64>,
    pub names: Vec<String>,
    pub maybe: Option<i32>,
    pub maybe_text: Option<String>,
    pub level: Level,
    pub inner: Inner,
    #[ferrogo(name = "Renamed")]
    pub other: Option<Inner>,
}

#[ferrogo::record]
#[derive(Clone, Debug)]
pub struct Inner {
    pub x: f64,
}

#[ferrogo::error]
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("empty")]
    Empty,
    #[error("bad {0} {1} {2}")]
    Bad(String, i64, bool),
    #[error("range {lo}..{hi}")]
    #[ferrogo(name = "RangeErr")]
    Range { lo: f64, hi: u32 },
}

#[ferrogo::export]
pub fn scalars(
    a: bool,
    b: i8,
    c: i16,
    d: i32,
    e: i64,
    f: isize,
    g: u8,
    h: u16,
    i: u32,
    j: u64,
    k: usize,
    l: f32,
    m: f64,
) -> f64 {
    let ints = b as f64 + c as f64 + d as f64 + e as f64 + f as f64;
    let uints = g as f64 + h as f64 + i as f64 + j as f64 + k as f64;
    if a { ints + uints + l as f64 + m } else { 0.0 }
}

#[ferrogo::export]
pub fn nothing() {}

#[ferrogo::export]
pub fn borrowed(s: &str, b: &[u8], n: &[i64], f: &[f64], _: &ferrogo::Cancel) -> usize {
    s.len() + b.len() + n.len() + f.len()
}

#[ferrogo::export]
pub fn owned(s: String, b: Vec<u8>, strs: Vec<&str>, strings: Vec<String>, blobs: Vec<&[u8]>, nums: Vec<u32>) -> String {
    format!("{s}{b:?}{strs:?}{strings:?}{blobs:?}{nums:?}")
}

#[ferrogo::export]
pub fn bytes() -> Vec<u8> {
    vec![1, 2, 3]
}

#[ferrogo::export]
pub fn lists() -> Vec<String> {
    vec![]
}

#[ferrogo::export]
pub fn options(a: Option<i64>, s: Option<&str>, o: Option<String>, r: Option<Inner>) -> Option<f64> {
    let _ = (s, o);
    a.map(|v| v as f64).or(r.map(|r| r.x))
}

#[ferrogo::export]
pub fn optional_record() -> Option<All> {
    None
}

#[ferrogo::export]
pub fn records(all: All, level: Level) -> Vec<Inner> {
    let _ = level;
    vec![all.inner]
}

#[ferrogo::export]
pub fn fallible_unit(n: i64) -> Result<(), AppError> {
    if n < 0 { Err(AppError::Empty) } else { Ok(()) }
}

#[ferrogo::export]
pub fn fallible_value(n: i64) -> Result<String, AppError> {
    if n < 0 { Err(AppError::Bad("n".into(), n, true)) } else { Ok(n.to_string()) }
}

#[ferrogo::export]
pub fn fallible_range(n: f64) -> Result<Level, AppError> {
    if n < 0.0 { Err(AppError::Range { lo: n, hi: 3 }) } else { Ok(Level::Low) }
}

#[ferrogo::export(fallible, name = "MayPanic")]
pub fn may_panic(n: u32) -> u32 {
    n
}

#[deprecated(since = "0.2.0", note = "use `scalars`")]
#[ferrogo::export]
pub fn old() -> i32 {
    1
}

/// An object.
#[ferrogo::object]
pub struct Counter {
    n: AtomicI64,
    name: Mutex<String>,
}

#[ferrogo::object(no_poison, name = "Store")]
pub struct KeyValue {
    data: Mutex<Vec<String>>,
}

#[ferrogo::export]
impl Counter {
    #[ferrogo::constructor]
    pub fn new(start: i64) -> Self {
        Counter { n: AtomicI64::new(start), name: Mutex::new(String::new()) }
    }

    #[ferrogo::constructor]
    pub fn named(name: &str) -> Result<Counter, AppError> {
        if name.is_empty() {
            return Err(AppError::Empty);
        }
        Ok(Counter { n: AtomicI64::new(0), name: Mutex::new(name.to_string()) })
    }

    #[ferrogo(constructor, name = "ZeroCounter")]
    pub fn zero() -> Self {
        Counter::new(0)
    }

    pub fn incr(&self, by: i64) -> i64 {
        self.n.fetch_add(by, Ordering::SeqCst) + by
    }

    #[ferrogo(fallible)]
    pub fn name(&self) -> String {
        self.name.lock().unwrap().clone()
    }

    pub fn rename(&self, name: String) -> Result<(), AppError> {
        *self.name.lock().unwrap() = name;
        Ok(())
    }

    pub fn spawn(&self) -> Counter {
        Counter::new(self.n.load(Ordering::SeqCst))
    }

    pub fn maybe_spawn(&self) -> Option<Counter> {
        None
    }

    pub fn spawn_many(&self, n: u32) -> Vec<Counter> {
        (0..n).map(|_| self.spawn()).collect()
    }

    pub fn store(&self) -> Result<KeyValue, AppError> {
        Ok(KeyValue { data: Mutex::new(vec![]) })
    }

    fn private_helper(&self) -> i64 {
        1
    }

    #[ferrogo(name = "Peek")]
    pub fn peek_with_helper(&self) -> i64 {
        self.private_helper()
    }
}

#[ferrogo::export]
impl KeyValue {
    pub fn put(&self, v: &str, _cancel: &ferrogo::Cancel) -> usize {
        let mut d = self.data.lock().unwrap();
        d.push(v.to_string());
        d.len()
    }

    pub fn all(&self) -> Vec<String> {
        self.data.lock().unwrap().clone()
    }
}

fn main() {}

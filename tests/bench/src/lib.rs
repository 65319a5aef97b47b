//! Boundary benchmarks (`make bench`, docs/PERFORMANCE.md): each case's work lives in `work` and is
//! exposed four ways, so the Go benchmarks compare only the boundary:
//! - here, through ferrogo;
//! - `raw`: the floor, plain `extern "C"` with pointer+len in and values out;
//! - `handwritten`: the style of existing hand-written cgo wrappers (NUL-terminated strings,
//!   malloc'd results freed by a second call, `char**` error out-parameters);
//! - `serialized`: the style of serializing generators (UniFFI's RustBuffer + RustCallStatus).

use std::fmt;

pub mod handwritten;
pub mod raw;
pub mod serialized;
mod work;

const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz";

/// Adds two numbers (the scalar case).
#[ferrogo::export]
pub fn add(a: i64, b: i64) -> i64 {
    work::add(a, b)
}

/// An object whose method only reads it, so parallel callers share nothing but the handle lookup.
#[ferrogo::object]
pub struct Acc {
    base: i64,
}

#[ferrogo::export]
impl Acc {
    /// Creates an accumulator with a base value.
    #[ferrogo::constructor]
    pub fn new(base: i64) -> Self {
        Acc { base }
    }

    /// Returns base + x.
    pub fn offset(&self, x: i64) -> i64 {
        work::add(self.base, x)
    }
}

/// Counts the occurrences of byte b in s (string in, integer out).
#[ferrogo::export]
pub fn count_byte(s: &str, b: u8) -> u64 {
    work::count_byte(s, b)
}

/// Sums the bytes of b.
#[ferrogo::export]
pub fn byte_sum(b: &[u8]) -> u64 {
    work::byte_sum(b)
}

/// Returns n bytes of the alphabet, repeated.
#[ferrogo::export]
pub fn make_string(n: usize) -> String {
    work::make_string(n)
}

/// A rectangle.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Scales every field of r by k.
#[ferrogo::export]
pub fn scale(r: Rect, k: f64) -> Rect {
    work::scale(r, k)
}

/// Returns n rectangles.
#[ferrogo::export]
pub fn grid(n: u32) -> Vec<Rect> {
    work::grid(n)
}

/// Why digits did not parse.
#[ferrogo::error]
#[derive(Debug)]
pub enum ParseError {
    /// A byte that is not an ASCII digit.
    NotADigit { at: u32 },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotADigit { at } => write!(f, "not a digit at {at}"),
        }
    }
}

/// Parses decimal digits (the error case calls it with a non-digit).
#[ferrogo::export]
pub fn parse_digits(s: &str) -> Result<u64, ParseError> {
    work::parse_digits(s).map_err(|at| ParseError::NotADigit { at })
}

/// Why a lookup failed (written with thiserror, as most Rust error enums are).
#[ferrogo::error]
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// No value for the key.
    #[error("not found")]
    NotFound,
}

/// Looks a key up (odd keys are missing: Go sees the sentinel `ErrNotFound`).
#[ferrogo::export]
pub fn lookup(key: u64) -> Result<u64, LookupError> {
    work::lookup(key).ok_or(LookupError::NotFound)
}

/// Hashes one string (FNV-1a).
#[ferrogo::export]
pub fn hash(s: &str) -> u64 {
    work::hash(s)
}

/// Hashes every string in one crossing (the batch case).
#[ferrogo::export]
pub fn hash_all(items: Vec<&str>) -> Vec<u64> {
    items.iter().map(|s| work::hash(s)).collect()
}

/// One step of an edit script (the sum-type case).
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Insert(u64),
    Delete { at: u64, len: u64 },
    Reset,
}

/// n sum-type values in one crossing.
#[ferrogo::export]
pub fn ops(n: u32) -> Vec<Op> {
    work::ops(n)
}

/// A line of a diff (similar's `Change` without its text): two optional indexes.
#[ferrogo::record]
#[derive(Clone, Debug, PartialEq)]
pub struct LineChange {
    pub tag: u8,
    pub old_index: Option<usize>,
    pub new_index: Option<usize>,
}

/// n records with optional fields in one crossing (the optional-fields case).
#[ferrogo::export]
pub fn line_changes(n: u32) -> Vec<LineChange> {
    work::line_changes(n)
}

/// A 1000-entry map in one crossing (the map case).
#[ferrogo::export]
pub fn counts(n: u32) -> std::collections::HashMap<String, u64> {
    work::counts(n)
}

/// The map case's Rust work alone (the map is built and dropped in Rust): what `counts` costs
/// before anything crosses.
#[ferrogo::export]
pub fn counts_len(n: u32) -> u64 {
    work::counts(n).len() as u64
}

/// An item of a batch.
#[ferrogo::record]
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: u64,
    pub label: String,
    pub score: f64,
}

/// A record holding a list of records (the nested case).
#[ferrogo::record]
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub name: String,
    pub items: Vec<Item>,
}

/// Rescores a batch: a nested record in and out.
#[ferrogo::export]
pub fn rescore(b: Batch) -> Batch {
    work::rescore(b)
}

//! Golden case: iterators (`iter.Seq`, `iter.Seq2` with errors) and parameters named like the
//! generated code's locals.

use ferrogo::Iter;

/// Counts down from from to 0.
#[ferrogo::export]
pub fn countdown(from: u32) -> Iter<u32> {
    Iter::new((0..=from).rev())
}

/// Why parsing failed.
#[ferrogo::error]
pub enum ParseError {
    Bad { item: String },
}

/// Parses each item: `items` names a local of the iterator's loop, in a scope of its own.
#[ferrogo::export]
pub fn parse_all(items: Vec<String>) -> Result<Iter<i64>, ParseError> {
    let _ = items;
    Ok(Iter::new(0..1))
}

/// Parameters named like locals of the body get a `_`: r, v, err, yield.
#[ferrogo::export]
pub fn shadowing(r: &str, v: u32, err: bool, h: u8) -> Iter<u8> {
    let _ = (r, v, err);
    Iter::new(0..h)
}

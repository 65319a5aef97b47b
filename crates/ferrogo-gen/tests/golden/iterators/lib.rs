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

/// Yields the words of text lazily: the loop keeps text (a string nothing changes).
#[ferrogo::export]
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(' ').map(String::from)
}

/// Borrows every kind of argument a lazy iterator may: each loop copies the slices and what the
/// pointers point to; `owned` is copied by Rust during the call.
#[ferrogo::export]
pub fn everything<'a>(
    text: &'a str,
    data: &'a [u8],
    nums: &'a [i32],
    items: Vec<&'a str>,
    chunks: Vec<&'a [u8]>,
    maybe: Option<&'a str>,
    maybe_data: Option<&'a [u8]>,
    owned: Vec<String>,
) -> Result<impl Iterator<Item = u64> + 'a, ParseError> {
    let _ = (text, data, nums, items, chunks, maybe, maybe_data, owned);
    Ok(0..1)
}

/// A shelf of words.
#[ferrogo::object]
pub struct Shelf {
    words: Vec<String>,
}

#[ferrogo::export]
impl Shelf {
    /// Yields the words, borrowing the shelf (the loop holds it).
    pub fn words(&self) -> impl Iterator<Item = String> + '_ {
        self.words.iter().cloned()
    }

    /// Yields the words that start with prefix: they own their data, so nothing is held.
    pub fn starting_with(&self, prefix: &str) -> impl Iterator<Item = String> + Send + 'static {
        let _ = prefix;
        Vec::<String>::new().into_iter()
    }
}

/// A lazy iterator's parameters named like the loop's locals: `h` gets a `_` (the deferred
/// keep-alive names it after the handle), `items` and `chunk` do not.
#[ferrogo::export]
pub fn lazy_shadowing<'a>(h: &'a str, items: &'a [u8], chunk: &'a str) -> impl Iterator<Item = u8> + 'a {
    let _ = (h, chunk);
    items.iter().copied()
}

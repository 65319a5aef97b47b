//! Golden case: strings, bytes, slices and lists in both directions.

/// Greets name.
#[ferrogo::export]
pub fn greet(name: &str) -> String {
    format!("hello, {name}")
}

/// Reverses an owned string.
#[ferrogo::export]
pub fn reverse(s: String) -> String {
    s.chars().rev().collect()
}

/// Returns a copy of data with every byte inverted.
#[ferrogo::export]
pub fn invert(data: &[u8]) -> Vec<u8> {
    data.iter().map(|b| !b).collect()
}

/// Counts the bytes of an owned buffer.
#[ferrogo::export]
pub fn byte_len(data: Vec<u8>) -> usize {
    data.len()
}

/// Sums a borrowed slice.
#[ferrogo::export]
pub fn sum(values: &[f64]) -> f64 {
    values.iter().sum()
}

/// Joins words with sep.
#[ferrogo::export]
pub fn join(words: Vec<&str>, sep: &str) -> String {
    words.join(sep)
}

/// Splits s on whitespace.
#[ferrogo::export]
pub fn split(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

/// Returns the first n squares.
#[ferrogo::export]
pub fn squares(n: u32) -> Vec<u64> {
    (0..u64::from(n)).map(|i| i * i).collect()
}

/// Waits until cancelled.
#[ferrogo::export]
pub fn wait(cancel: &ferrogo::Cancel, max_ms: u64) -> bool {
    let _ = (cancel, max_ms);
    true
}

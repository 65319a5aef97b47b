use std::collections::HashMap;

#[ferrogo::export]
pub fn counts(words: Vec<String>) -> HashMap<String, u32> {
    let _ = words;
    HashMap::new()
}

#[ferrogo::export]
pub fn boxed(n: Box<i64>) -> i64 {
    *n
}

fn main() {}

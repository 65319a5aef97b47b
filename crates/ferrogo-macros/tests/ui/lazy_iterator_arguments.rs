// What a lazy iterator (an `impl Iterator` that may borrow from the call) cannot borrow: what the
// call holds only while it runs (records, objects, `&dyn Trait`), borrows nested in other types,
// and a `&mut self` object.
use std::collections::HashMap;

#[ferrogo::record]
pub struct Query {
    pub key: String,
}

#[ferrogo::object]
pub struct Index {
    words: Vec<String>,
}

#[ferrogo::callback]
pub trait Progress: Send + Sync {
    fn step(&self, n: u64);
}

#[ferrogo::export]
pub fn matches<'a>(q: &'a Query, text: &'a str) -> impl Iterator<Item = String> + 'a {
    text.split(' ').filter(|w| *w == q.key).map(String::from)
}

#[ferrogo::export]
pub fn lookups<'a>(index: Option<&'a Index>) -> impl Iterator<Item = String> + 'a {
    index.into_iter().flat_map(|i| i.words.iter().cloned())
}

#[ferrogo::export]
pub fn each<'a>(indexes: Vec<&'a Index>) -> impl Iterator<Item = usize> + 'a {
    indexes.into_iter().map(|i| i.words.len())
}

#[ferrogo::export]
pub fn report<'a>(p: &'a dyn Progress, n: u64) -> impl Iterator<Item = u64> + 'a {
    (0..n).inspect(move |i| p.step(*i))
}

#[ferrogo::export]
pub fn keys<'a>(m: HashMap<&'a str, u32>) -> impl Iterator<Item = String> + 'a {
    m.into_keys().map(String::from)
}

#[ferrogo::export]
pub fn cells<'a>(rows: Vec<Vec<&'a str>>) -> impl Iterator<Item = String> + 'a {
    rows.into_iter().flatten().map(String::from)
}

#[ferrogo::export]
impl Index {
    #[ferrogo::constructor]
    pub fn new() -> Self {
        Index { words: Vec::new() }
    }

    pub fn drain(&mut self) -> impl Iterator<Item = String> + '_ {
        self.words.drain(..)
    }
}

fn main() {}

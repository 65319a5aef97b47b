// A lazy iterator of a `&self` method holds its object for the loop: an object that is not
// `Sync` cannot be held that way, and a record's methods get a copy that the call drops.
use std::cell::RefCell;

#[ferrogo::object]
pub struct Cache {
    words: RefCell<Vec<String>>,
}

#[ferrogo::export]
impl Cache {
    pub fn words(&self) -> impl Iterator<Item = String> + '_ {
        self.words.borrow().clone().into_iter()
    }
}

#[ferrogo::record]
pub struct Pair {
    pub a: String,
    pub b: String,
}

#[ferrogo::export]
impl Pair {
    pub fn both(&self) -> impl Iterator<Item = String> + '_ {
        [&self.a, &self.b].into_iter().cloned()
    }
}

fn main() {}

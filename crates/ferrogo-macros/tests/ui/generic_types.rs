use std::marker::PhantomData;

#[ferrogo::record]
pub struct Pair<T> {
    pub a: i64,
    pub t: PhantomData<T>,
}

#[ferrogo::object]
pub struct Cache<T: Send + Sync> {
    items: Vec<T>,
}

fn main() {}

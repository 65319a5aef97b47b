use std::cell::Cell;

#[ferrogo::object]
pub struct Counter {
    n: Cell<i64>,
}

fn main() {}

#[ferrogo::object]
pub struct Counter;

pub trait Incr {
    fn incr(&self) -> i64;
}

#[ferrogo::export]
impl Incr for Counter {
    fn incr(&self) -> i64 {
        1
    }
}

fn main() {}

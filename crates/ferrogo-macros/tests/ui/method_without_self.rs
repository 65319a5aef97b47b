#[ferrogo::object]
pub struct Counter;

#[ferrogo::export]
impl Counter {
    pub fn zero() -> i64 {
        0
    }
}

fn main() {}

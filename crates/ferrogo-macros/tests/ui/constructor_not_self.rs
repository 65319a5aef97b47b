#[ferrogo::object]
pub struct Counter;

#[ferrogo::export]
impl Counter {
    #[ferrogo::constructor]
    pub fn new() -> i64 {
        0
    }
}

fn main() {}

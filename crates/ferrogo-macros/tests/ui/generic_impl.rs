#[ferrogo::object]
pub struct Counter;

#[ferrogo::export]
impl<'a> Counter {
    pub fn get(&self) -> i64 {
        0
    }
}

fn main() {}

pub struct Counter;

#[ferrogo::export]
impl Counter {
    pub fn get(&self) -> i64 {
        0
    }
}

fn main() {}

#[ferrogo::object]
pub struct Counter;

#[ferrogo::export]
impl Counter {
    #[ferrogo]
    pub fn get(&self) -> i64 {
        0
    }
}

fn main() {}

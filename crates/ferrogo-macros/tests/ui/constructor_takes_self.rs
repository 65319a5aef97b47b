#[ferrogo::object]
pub struct Counter;

#[ferrogo::export]
impl Counter {
    #[ferrogo::constructor]
    pub fn again(&self) -> Self {
        Counter
    }
}

fn main() {}

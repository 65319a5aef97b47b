#[ferrogo::object]
pub struct Counter;

#[ferrogo::export]
impl Counter {
    pub fn same(&self, other: Self) -> bool {
        let _ = other;
        true
    }
}

fn main() {}

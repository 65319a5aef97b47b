#[ferrogo::export]
pub fn evens() -> impl Iterator<Item = u32> {
    (0..10).step_by(2)
}

fn main() {}

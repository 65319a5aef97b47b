#[ferrogo::export]
pub fn empty() -> Vec {
    Vec::new()
}

fn main() {}

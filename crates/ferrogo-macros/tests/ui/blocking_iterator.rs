#[ferrogo::export(blocking)]
pub fn numbers(n: u32) -> ferrogo::Iter<u32> {
    ferrogo::Iter::new(0..n)
}

fn main() {}

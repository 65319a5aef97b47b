#[ferrogo::constructor]
pub fn new() -> i64 {
    0
}

fn main() {}

#[ferrogo::export]
pub struct Point {
    pub x: f64,
}

fn main() {}

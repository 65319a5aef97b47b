#[ferrogo::record]
pub struct Point {
    pub x: f64,
}

#[ferrogo::export]
pub fn norm(p: &Point) -> f64 {
    p.x
}

fn main() {}

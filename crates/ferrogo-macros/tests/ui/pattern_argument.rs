#[ferrogo::record]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[ferrogo::export]
pub fn norm(Point { x, y }: Point) -> f64 {
    (x * x + y * y).sqrt()
}

fn main() {}

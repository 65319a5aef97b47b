#[ferrogo::record]
pub struct Point {
    pub x: f64,
}

#[ferrogo::custom(Point)]
pub struct Meters(f64);

fn main() {}

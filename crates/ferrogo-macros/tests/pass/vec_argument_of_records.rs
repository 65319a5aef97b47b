#[ferrogo::record]
pub struct Point {
    pub x: f64,
}

#[ferrogo::export]
pub fn sum(points: Vec<Point>) -> f64 {
    points.iter().map(|p| p.x).sum()
}

fn main() {}

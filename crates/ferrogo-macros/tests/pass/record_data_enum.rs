#[ferrogo::record]
pub enum Shape {
    Circle { radius: f64 },
    Square(f64),
    Empty,
}

fn main() {}

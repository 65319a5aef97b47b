#[ferrogo::record]
pub enum Shape {
    Circle { radius: f64 } = 1,
    Empty = 2,
}

fn main() {}

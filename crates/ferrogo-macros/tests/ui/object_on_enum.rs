#[ferrogo::object]
pub enum Shape {
    Circle,
    Square,
}

fn main() {}

#[ferrogo::custom(String)]
pub enum Color {
    Red,
}

fn main() {}

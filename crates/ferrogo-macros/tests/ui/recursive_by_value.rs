// A type cannot hold itself by value (Rust could not size it): ferrogo says how to box it.

#[ferrogo::record]
pub struct Node {
    pub name: String,
    pub parent: Option<Node>,
}

#[ferrogo::record]
pub enum Expr {
    Num(f64),
    Neg(Expr),
}

fn main() {}

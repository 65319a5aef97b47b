#[ferrogo::record]
pub fn origin() -> f64 {
    0.0
}

fn main() {}

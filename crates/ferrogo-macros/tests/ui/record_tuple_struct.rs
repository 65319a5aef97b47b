#[ferrogo::record]
pub struct Meters(pub f64);

fn main() {}

pub trait Unit {
    type Value;
}

pub struct Meters;

impl Unit for Meters {
    type Value = f64;
}

#[ferrogo::export]
pub fn zero() -> <Meters as Unit>::Value {
    0.0
}

fn main() {}

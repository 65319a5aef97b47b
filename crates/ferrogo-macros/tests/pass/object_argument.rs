#[ferrogo::object]
pub struct Counter;

#[ferrogo::export]
pub fn read(c: Counter) -> i64 {
    let _ = c;
    0
}

fn main() {}

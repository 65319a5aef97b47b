#[ferrogo::export(name = One)]
pub fn one() -> i64 {
    1
}

fn main() {}

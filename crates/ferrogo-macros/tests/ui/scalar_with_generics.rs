#[ferrogo::export]
pub fn one() -> i64<u8> {
    1
}

fn main() {}

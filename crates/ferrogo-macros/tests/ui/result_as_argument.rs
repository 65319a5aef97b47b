#[ferrogo::export]
pub fn unwrap_or_zero(r: Result<i64, String>) -> i64 {
    r.unwrap_or(0)
}

fn main() {}

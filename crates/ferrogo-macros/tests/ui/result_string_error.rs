#[ferrogo::export]
pub fn parse(s: &str) -> Result<i64, String> {
    s.parse().map_err(|_| s.to_string())
}

fn main() {}

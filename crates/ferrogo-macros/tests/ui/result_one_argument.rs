type Result<T> = std::result::Result<T, std::fmt::Error>;

#[ferrogo::export]
pub fn one() -> Result<i64> {
    Ok(1)
}

fn main() {}

#[ferrogo::export]
pub fn maybe() -> Option<Option<i64>> {
    None
}

fn main() {}

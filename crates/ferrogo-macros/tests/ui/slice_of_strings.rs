#[ferrogo::export]
pub fn join(parts: &[String]) -> String {
    parts.concat()
}

fn main() {}

#[ferrogo::export]
pub fn greeting() -> &'static str {
    "hello"
}

fn main() {}

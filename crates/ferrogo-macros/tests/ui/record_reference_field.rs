#[ferrogo::record]
pub struct Person {
    pub name: &'static str,
}

fn main() {}

#[ferrogo::custom]
pub struct Email(String);

fn main() {}

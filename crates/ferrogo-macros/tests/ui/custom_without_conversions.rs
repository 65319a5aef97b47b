// A custom type needs `TryFrom<Builtin>` (Go to Rust) and `Builtin: From<Self>` (Rust to Go).
#[ferrogo::custom(String)]
pub struct Email(String);

fn main() {}

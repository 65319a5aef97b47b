// A trait declared in the attribute must be implemented.
#[ferrogo::object(Ord)]
pub struct Handle {
    id: u32,
}

fn main() {}

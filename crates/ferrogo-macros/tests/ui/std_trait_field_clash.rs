// A field whose Go name is the method a declared std trait gives (a derived one yields to the
// field).
#[ferrogo::record(Hash)]
#[derive(PartialEq, Eq, Hash)]
pub struct Key {
    pub hash: u64,
}

fn main() {}

// A field whose Go name is the method a std trait gives.
#[ferrogo::record]
#[derive(PartialEq, Eq, Hash)]
pub struct Key {
    pub hash: u64,
}

fn main() {}

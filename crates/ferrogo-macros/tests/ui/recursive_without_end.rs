// A record whose every value holds another through a box has no finite value (and Go cannot
// declare a struct containing itself).

#[ferrogo::record]
pub struct Chain {
    pub head: i64,
    pub tail: Box<Chain>,
}

fn main() {}

#[ferrogo::object]
pub struct Counter;

#[ferrogo::record]
pub struct Holder {
    pub counter: Counter,
}

fn main() {}

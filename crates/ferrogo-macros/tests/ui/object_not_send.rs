use std::rc::Rc;

#[ferrogo::object]
pub struct Shared {
    inner: Rc<String>,
}

fn main() {}

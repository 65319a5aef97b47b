// What a trait Go implements cannot be.
#[ferrogo::callback]
pub trait NotShared {
    fn ping(&self);
}

#[ferrogo::callback]
pub trait Mutating: Send + Sync {
    fn bump(&mut self);
    fn generic<T>(&self, t: T);
    fn borrowed(&self) -> &str;
    fn kept(&self, out: &mut Vec<u8>);
}

#[ferrogo::callback]
pub struct NotATrait;

fn main() {}

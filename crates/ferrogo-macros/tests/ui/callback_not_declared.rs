// A `dyn Trait` argument must name a `#[ferrogo::callback]` trait.
pub trait Plain: Send + Sync {
    fn ping(&self);
}

#[ferrogo::export]
pub fn ping(p: &dyn Plain) {
    p.ping()
}

fn main() {}

// Go code is passed to functions, not stored in records (Rust keeps it in its own fields).
#[ferrogo::callback]
pub trait Hook: Send + Sync {
    fn fire(&self);
}

#[ferrogo::record]
pub struct Config {
    pub hook: Box<dyn Hook>,
}

fn main() {}

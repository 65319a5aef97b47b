// The error type of a callback method is a `#[ferrogo::error]` enum that converts from
// `ferrogo::CallbackError`: Go returns its variants (or any other error, converted).
#[derive(Debug)]
pub enum PlainError {
    Missing,
}

#[ferrogo::callback]
pub trait Source: Send + Sync {
    fn next(&self) -> Result<u32, PlainError>;
}

fn main() {}

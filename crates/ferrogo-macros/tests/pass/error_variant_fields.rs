#[ferrogo::error]
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("bad lines")]
    BadLines { lines: Vec<u32> },
    #[error("bad byte")]
    BadByte(Option<u8>),
}

fn main() {}

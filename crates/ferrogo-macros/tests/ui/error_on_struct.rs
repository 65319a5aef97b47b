#[ferrogo::error]
#[derive(Debug)]
pub struct ParseError {
    pub line: u32,
}

fn main() {}

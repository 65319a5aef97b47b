#[derive(Debug)]
pub struct ParseError;

#[ferrogo::export]
pub fn parse(s: &str) -> Result<i64, ParseError> {
    s.parse().map_err(|_| ParseError)
}

fn main() {}

// Results that borrow from the call, other than a lazy `impl Iterator`, cannot cross.
pub struct Words<'a>(std::str::SplitWhitespace<'a>);

impl Iterator for Words<'_> {
    type Item = String;
    fn next(&mut self) -> Option<String> {
        self.0.next().map(String::from)
    }
}

#[ferrogo::export]
pub fn words(text: &str) -> Words<'_> {
    Words(text.split_whitespace())
}

#[ferrogo::export]
pub fn boxed(text: &str) -> Box<dyn Iterator<Item = String> + Send + '_> {
    Box::new(text.split_whitespace().map(String::from))
}

fn main() {}

// Lifetime parameters are not generics: each says why none is needed and what to write.
// (An exported function may have them: tests/pass/ covers `fn f<'a>(s: &'a str)`.)

#[ferrogo::record]
pub struct Token<'a> {
    pub text: &'a str,
}

#[ferrogo::export]
pub fn token_len(t: Token<'_>) -> usize {
    t.text.len()
}

#[ferrogo::callback]
pub trait Visitor<'a>: Send + Sync {
    fn visit(&self, word: &'a str);
}

#[ferrogo::callback]
pub trait Sink: Send + Sync {
    fn put<'a>(&self, word: &'a str);
}

fn main() {}

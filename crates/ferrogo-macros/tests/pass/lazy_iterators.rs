// Lazy iterators borrowing what Go keeps until its loop ends (ADR 0014): arguments (elided or
// named lifetimes, `use<..>`), a `&self` method's object, inside a `Result`; and ones that own
// their data (`+ 'static`, `use<>`), which borrow nothing.
use std::borrow::Cow;
use std::path::Path;

#[ferrogo::error]
#[derive(Debug)]
pub enum Empty {
    Text,
}

impl std::fmt::Display for Empty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("empty")
    }
}

#[ferrogo::export]
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(' ').map(String::from)
}

#[ferrogo::export]
pub fn all<'a>(
    text: &'a str,
    data: &'a [u8],
    nums: &'a [f64],
    items: Vec<&'a str>,
    chunks: Vec<&'a [u8]>,
    maybe: Option<&'a str>,
    path: &'a Path,
    cow: Cow<'a, str>,
    owned: Vec<String>,
) -> impl Iterator<Item = Cow<'a, str>> + Send + 'a {
    let _ = (data, nums, items, chunks, maybe, path, owned);
    std::iter::once(cow).chain(text.split(' ').map(Cow::Borrowed))
}

#[ferrogo::export]
pub fn precise<'a>(text: &'a str) -> impl Iterator<Item = u8> + use<'a> {
    text.bytes()
}

#[ferrogo::export]
pub fn numbers(text: &str) -> Result<impl Iterator<Item = i64> + '_, Empty> {
    if text.is_empty() {
        return Err(Empty::Text);
    }
    Ok(text.split(' ').map(|w| w.parse().unwrap_or(0)))
}

#[ferrogo::export]
pub fn owned(text: &str) -> impl Iterator<Item = String> + 'static {
    text.split(' ').map(String::from).collect::<Vec<_>>().into_iter()
}

#[ferrogo::export]
pub fn captures_nothing(n: u32) -> impl Iterator<Item = u32> + use<> {
    0..n
}

#[ferrogo::object]
pub struct Shelf {
    words: Vec<String>,
}

#[ferrogo::export]
impl Shelf {
    #[ferrogo::constructor]
    pub fn new(text: &str) -> Self {
        Shelf {
            words: text.split(' ').map(String::from).collect(),
        }
    }

    pub fn words(&self) -> impl Iterator<Item = String> + '_ {
        self.words.iter().cloned()
    }

    pub fn starting_with<'a>(&'a self, prefix: &'a str) -> Result<impl Iterator<Item = String> + 'a, Empty> {
        Ok(self.words.iter().filter(move |w| w.starts_with(prefix)).cloned())
    }

    pub fn into_words(self) -> impl Iterator<Item = String> {
        self.words.into_iter()
    }

    pub fn add(&mut self, word: String) {
        self.words.push(word);
    }
}

fn main() {}

// `strict_utf8` on a function, a method, and an impl block (every method), including methods
// that take no text and functions that report errors already (where it changes nothing).

#[ferrogo::error]
#[derive(Debug)]
pub enum ParseError {
    Empty,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("empty")
    }
}

#[ferrogo::export(strict_utf8)]
pub fn shout(s: &str) -> String {
    s.to_uppercase()
}

#[ferrogo::export(strict_utf8)]
pub fn parse(s: &str) -> Result<u32, ParseError> {
    s.parse().map_err(|_| ParseError::Empty)
}

#[ferrogo::export]
#[ferrogo(strict_utf8)]
pub fn count(items: Vec<&str>, opt: Option<&str>) -> usize {
    items.len() + opt.map_or(0, str::len)
}

#[ferrogo::object]
pub struct Names {
    names: std::sync::Mutex<Vec<String>>,
}

#[ferrogo::export(strict_utf8)]
impl Names {
    #[ferrogo::constructor]
    pub fn new(first: String) -> Self {
        Names {
            names: std::sync::Mutex::new(vec![first]),
        }
    }

    pub fn add(&self, name: &str) {
        self.names.lock().unwrap().push(name.to_owned());
    }

    pub fn len(&self) -> usize {
        self.names.lock().unwrap().len()
    }
}

#[ferrogo::record]
pub struct Tag {
    pub text: String,
}

#[ferrogo::export]
impl Tag {
    #[ferrogo(strict_utf8)]
    pub fn with(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.text)
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }
}

fn main() {}

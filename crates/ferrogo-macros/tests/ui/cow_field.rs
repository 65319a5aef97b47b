use std::borrow::Cow;

#[ferrogo::record]
pub struct Note {
    pub text: Cow<'static, str>,
}

fn main() {}

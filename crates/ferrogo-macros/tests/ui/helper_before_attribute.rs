// `#[ferrogo(...)]` must follow the item's ferrogo attribute: above it, rustc rejects it as an
// unknown attribute before ferrogo runs (`ferrogo build` reads the source first and says where it
// goes, see crates/ferrogo-syntax/tests/check.rs). Below it, it names the item; a second,
// different name is an error.
#[ferrogo(name = "TokenSource")]
#[ferrogo::callback]
pub trait Tokens: Send + Sync {
    fn next(&self) -> u32;
}

#[ferrogo::callback(name = "Source")]
#[ferrogo(name = "TokenSource")]
pub trait Words: Send + Sync {
    fn next(&self) -> u32;
}

#[ferrogo::record]
#[ferrogo(no_poison)]
pub struct Span {
    pub start: u32,
}

fn main() {}

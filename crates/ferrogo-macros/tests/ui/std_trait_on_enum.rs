// C-like enums already have Go's `String`; std traits apply to record structs and objects.
#[ferrogo::record(Display)]
pub enum Level {
    Low,
    High,
}

fn main() {}

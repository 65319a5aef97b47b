const BASE: isize = 10;

#[ferrogo::record]
pub enum Level {
    Low = BASE,
    High,
}

fn main() {}

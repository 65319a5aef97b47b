#[ferrogo::record]
#[repr(i64)]
pub enum Level {
    Low = 0,
    High = 4_000_000_000,
}

fn main() {}

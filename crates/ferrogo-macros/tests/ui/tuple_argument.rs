#[ferrogo::export]
pub fn span(range: (u32, u32)) -> u32 {
    range.1 - range.0
}

#[ferrogo::record]
pub struct Pair {
    pub both: (u32, u32),
}

#[ferrogo::export]
pub fn nested() -> Vec<(u32, u32)> {
    vec![]
}

fn main() {}

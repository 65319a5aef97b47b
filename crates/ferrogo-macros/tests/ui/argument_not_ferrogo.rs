pub struct Color {
    pub r: u8,
}

#[ferrogo::export]
pub fn paint(c: Color) -> u8 {
    c.r
}

fn main() {}

pub struct Color {
    pub r: u8,
}

#[ferrogo::record]
pub struct Pixel {
    pub x: u32,
    pub color: Color,
}

fn main() {}

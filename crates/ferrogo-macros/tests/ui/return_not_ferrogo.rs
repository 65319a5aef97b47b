pub struct Color {
    pub r: u8,
}

#[ferrogo::export]
pub fn red() -> Color {
    Color { r: 255 }
}

fn main() {}

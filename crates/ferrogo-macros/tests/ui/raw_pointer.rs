#[ferrogo::export]
pub fn read(p: *const u8) -> u8 {
    let _ = p;
    0
}

fn main() {}

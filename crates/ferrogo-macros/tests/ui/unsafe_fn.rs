#[ferrogo::export]
pub unsafe fn read(n: usize) -> u8 {
    n as u8
}

fn main() {}

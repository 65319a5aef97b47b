#[ferrogo::export]
pub fn fill(buf: &mut [u8]) {
    buf.fill(0);
}

fn main() {}

#[ferrogo::export]
pub fn wait(a: &ferrogo::Cancel, b: &ferrogo::Cancel) {
    let _ = (a, b);
}

fn main() {}

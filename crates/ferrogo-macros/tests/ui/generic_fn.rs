#[ferrogo::export]
pub fn first<T: Copy>(items: Vec<i64>) -> i64 {
    items[0]
}

fn main() {}

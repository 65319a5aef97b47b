#[ferrogo::export]
pub fn min_max(v: Vec<i64>) -> (i64, i64) {
    (v[0], v[1])
}

fn main() {}

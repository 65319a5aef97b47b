#[ferrogo::export(name = "2fast")]
pub fn one() -> i64 {
    1
}

#[ferrogo::record(name = "go-point")]
pub struct Point {
    #[ferrogo(name = "")]
    pub x: f64,
}

fn main() {}

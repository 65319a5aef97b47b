#[ferrogo::export(fast)]
pub fn one() -> i64 {
    1
}

#[ferrogo::object(fallible)]
pub struct Counter;

#[ferrogo::export(name = "Counter")]
impl Counter {
    #[ferrogo(no_poison)]
    pub fn get(&self) -> i64 {
        0
    }
}

#[ferrogo::record]
pub struct Point {
    #[ferrogo(fallible)]
    pub x: f64,
}

#[ferrogo::record]
pub enum Level {
    #[ferrogo(constructor)]
    Low,
}

fn main() {}

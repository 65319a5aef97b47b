#[ferrogo::object]
pub struct Counter {
    n: i64,
}

#[ferrogo::export]
impl Counter {
    pub fn incr(&mut self) -> i64 {
        self.n += 1;
        self.n
    }
}

fn main() {}

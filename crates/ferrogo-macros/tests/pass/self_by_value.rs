#[ferrogo::object]
pub struct Builder {
    n: i64,
}

#[ferrogo::export]
impl Builder {
    pub fn finish(self) -> i64 {
        self.n
    }
}

fn main() {}

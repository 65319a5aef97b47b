// A builder-style method returning `&mut Self` is not a `&mut` argument: the message says what
// it is and what to write instead.
#[ferrogo::object]
pub struct Builder {
    x: std::sync::Mutex<i64>,
}

#[ferrogo::export]
impl Builder {
    pub fn set_x(&mut self, x: i64) -> &mut Self {
        *self.x.get_mut().unwrap() = x;
        self
    }

    pub fn peek(&self) -> &Builder {
        self
    }
}

fn main() {}

// `PartialOrd` gives no `Compare`: it is not a total order.
#[ferrogo::object(Display, PartialOrd)]
pub struct Score {
    value: f64,
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.value)
    }
}

fn main() {}

pub struct Wrapper<T>(pub T);

#[ferrogo::export]
pub fn wrap(n: i64) -> Wrapper<i64> {
    Wrapper(n)
}

fn main() {}

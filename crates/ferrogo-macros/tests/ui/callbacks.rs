#[ferrogo::export]
pub fn each(items: Vec<u32>, f: impl Fn(u32)) {
    items.into_iter().for_each(f)
}

#[ferrogo::export]
pub fn visit(f: &dyn Fn(u32) -> bool) -> bool {
    f(1)
}

#[ferrogo::export]
pub fn store(f: Box<dyn FnMut(u32)>) {
    let _ = f;
}

#[ferrogo::export]
pub fn pointer(f: fn(u32) -> u32) -> u32 {
    f(1)
}

fn main() {}

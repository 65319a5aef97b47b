// Go funcs are valid only during the call: Rust cannot keep one, and fn pointers cannot be Go code.
#[ferrogo::export]
pub fn store(f: Box<dyn FnMut(u32)>) {
    let _ = f;
}

#[ferrogo::export]
pub fn pointer(f: fn(u32) -> u32) -> u32 {
    f(1)
}

#[ferrogo::export]
pub fn once(f: impl FnOnce(u32)) {
    f(1)
}

#[ferrogo::export]
pub fn lazy(f: impl Fn(u32) -> u32) -> ferrogo::Iter<u32> {
    ferrogo::Iter::new(vec![f(1)].into_iter())
}

fn main() {}

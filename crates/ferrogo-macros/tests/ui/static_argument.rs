// Go lends argument memory for the call (or a lazy iterator's loop), never for `'static`.
use std::borrow::Cow;

static KEPT: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());

#[ferrogo::export]
pub fn keep(s: &'static str) {
    KEPT.lock().unwrap().push(s);
}

#[ferrogo::export]
pub fn keep_all(list: Vec<&'static str>) {
    KEPT.lock().unwrap().extend(list);
}

#[ferrogo::export]
pub fn keep_cow(s: Cow<'static, str>) -> usize {
    s.len()
}

#[ferrogo::export]
pub fn outlives<'a: 'static>(s: &'a str) {
    KEPT.lock().unwrap().push(s);
}

fn main() {}

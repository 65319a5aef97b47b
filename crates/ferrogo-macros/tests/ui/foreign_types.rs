use std::collections::{HashMap, HashSet};
use std::rc::Rc;

#[ferrogo::export]
pub fn addr(a: std::net::IpAddr) -> bool {
    a.is_loopback()
}

#[ferrogo::export]
pub fn unique(words: HashSet<String>) -> usize {
    words.len()
}

#[ferrogo::export]
pub fn shared(v: Rc<String>) -> usize {
    v.len()
}

#[ferrogo::export]
pub fn by_float(m: HashMap<f64, String>) -> usize {
    m.len()
}

fn main() {}

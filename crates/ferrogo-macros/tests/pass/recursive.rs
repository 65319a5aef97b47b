// Recursive types: through Vec, maps, Box and Option<Box<T>>, `Self` in fields, two types
// holding each other, as arguments and results.

use std::collections::{BTreeMap, HashMap};

#[ferrogo::record]
pub enum Value {
    Null,
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
}

#[ferrogo::record]
#[derive(Clone)]
pub struct Node {
    pub name: String,
    pub kids: Vec<Self>,
    pub index: HashMap<String, Node>,
}

#[ferrogo::record]
pub enum Expr {
    Num(f64),
    Add(Box<Expr>, Box<Self>),
}

#[ferrogo::record]
pub struct Cons {
    pub head: i64,
    pub tail: Option<Box<Cons>>,
}

#[ferrogo::record]
pub struct Dir {
    pub entries: Vec<Entry>,
}

#[ferrogo::record]
pub enum Entry {
    File(String),
    Dir(Dir),
}

#[ferrogo::export]
pub fn values(v: Value, n: &Node, e: Expr) -> (Value, Node, Expr) {
    (v, n.clone(), e)
}

#[ferrogo::export]
pub fn lists(c: Option<Box<Cons>>, d: Vec<Dir>) -> (Option<Box<Cons>>, Vec<Dir>) {
    (c, d)
}

fn main() {}

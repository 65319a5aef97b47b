// Go implements traits (kept in objects, called from any thread) and passes funcs for a call.
use std::sync::{Arc, Mutex};

#[ferrogo::record]
pub struct Point {
    pub x: f64,
}

#[ferrogo::error]
#[derive(Debug)]
pub enum HookError {
    Missing,
    Go(String),
}

impl std::fmt::Display for HookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl From<ferrogo::CallbackError> for HookError {
    fn from(e: ferrogo::CallbackError) -> Self {
        HookError::Go(e.to_string())
    }
}

#[ferrogo::callback]
pub trait Hook: Send + Sync {
    fn fire(&self, name: &str, data: &[u8], p: Point) -> bool;
    fn lookup(&self, key: String) -> Result<Option<Vec<Point>>, HookError>;
    fn done(&self);
}

#[ferrogo::object]
pub struct Hooks {
    all: Mutex<Vec<Arc<dyn Hook>>>,
}

#[ferrogo::export]
impl Hooks {
    #[ferrogo::constructor]
    pub fn new() -> Self {
        Hooks { all: Mutex::new(Vec::new()) }
    }

    pub fn add(&self, h: Arc<dyn Hook>) {
        self.all.lock().unwrap().push(h);
    }

    pub fn fire(&self, name: &str) -> u32 {
        let all = self.all.lock().unwrap().clone();
        all.iter().filter(|h| h.fire(name, b"x", Point { x: 1.0 })).count() as u32
    }
}

#[ferrogo::export]
pub fn once(h: Box<dyn Hook + Send>, borrowed: &dyn Hook) -> Result<usize, HookError> {
    borrowed.done();
    Ok(h.lookup("k".into())?.map_or(0, |v| v.len()))
}

#[ferrogo::export]
pub fn each(items: Vec<u32>, f: impl Fn(u32)) {
    items.into_iter().for_each(f)
}

#[ferrogo::export]
pub fn visit(f: &dyn Fn(&str, u32) -> bool) -> bool {
    f("a", 1)
}

#[ferrogo::export]
pub fn collect(mut sink: impl FnMut(Point), also: &mut dyn FnMut(String)) {
    sink(Point { x: 2.0 });
    also("b".into());
}

fn main() {}

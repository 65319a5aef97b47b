//! Golden case: `Option<T>` as argument (Go pointer) and result (`(T, bool)`).

/// A point in the plane.
#[ferrogo::record]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Returns the default port when port is absent.
#[ferrogo::export]
pub fn port_or_default(port: Option<u16>) -> u16 {
    port.unwrap_or(80)
}

/// Finds the index of needle in haystack.
#[ferrogo::export]
pub fn find(haystack: &str, needle: Option<&str>) -> Option<u32> {
    let _ = (haystack, needle);
    None
}

/// Looks up an environment-like value.
#[ferrogo::export]
pub fn lookup(key: String) -> Option<String> {
    let _ = key;
    None
}

/// Returns the origin when asked for it.
#[ferrogo::export]
pub fn origin(want: bool, hint: Option<Point>) -> Option<Point> {
    let _ = hint;
    want.then_some(Point { x: 0.0, y: 0.0 })
}

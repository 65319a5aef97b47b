//! Golden case: doc comments of every item kind and `#[deprecated]` in all its forms.

/// Computes the area of a rectangle.
///
/// Both sides must be positive. A second paragraph
/// spans two lines.
///
/// ```
/// assert_eq!(area(2.0, 3.0), 6.0);
/// ```
#[ferrogo::export]
pub fn area(w: f64, h: f64) -> f64 {
    w * h
}

/// Computes the area the old way.
#[deprecated(since = "0.2.0", note = "use `area` instead")]
#[ferrogo::export]
pub fn old_area(w: f64, h: f64) -> f64 {
    w * h
}

/// Also old.
#[deprecated = "use area"]
#[ferrogo::export]
pub fn older_area(w: f64) -> f64 {
    w * w
}

#[deprecated]
#[ferrogo::export]
pub fn oldest_area() -> f64 {
    0.0
}

#[ferrogo::export]
pub fn undocumented() -> i32 {
    1
}

/// A size.
#[deprecated(note = "use Rect")]
#[ferrogo::record]
pub struct Size {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    #[deprecated(since = "0.3.0")]
    pub height: u32,
}

/// How to round.
#[ferrogo::record]
pub enum Rounding {
    /// Round down.
    Down,
    /// Round up.
    #[deprecated(note = "use Down")]
    Up,
}

/// Failures of the geometry functions.
#[ferrogo::error]
#[derive(Debug, thiserror::Error)]
pub enum GeometryError {
    /// A side was negative.
    #[error("negative side")]
    Negative,
    /// The area overflowed.
    #[error("overflow at {at}")]
    Overflow {
        /// Where it overflowed.
        at: f64,
    },
}

/// A canvas to draw on.
#[ferrogo::object]
pub struct Canvas {
    w: u32,
}

#[ferrogo::export]
impl Canvas {
    /// Makes a canvas w pixels wide.
    #[ferrogo::constructor]
    pub fn new(w: u32) -> Self {
        Canvas { w }
    }

    /// Returns the width.
    #[deprecated(note = "use size")]
    pub fn width(&self) -> u32 {
        self.w
    }

    /// Checks the canvas.
    pub fn check(&self) -> Result<(), GeometryError> {
        Ok(())
    }
}

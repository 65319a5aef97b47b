//! Golden case: records with nested records, enums, lists and options; C-like enums.

/// How bright a light is.
#[ferrogo::record]
pub enum Level {
    /// Barely visible.
    Low,
    Medium = 5,
    High,
    Off = -1,
}

/// A colour in RGB.
#[ferrogo::record]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// A light in a room.
#[ferrogo::record]
pub struct Light {
    /// Display name.
    pub name: String,
    pub color: Color,
    pub level: Level,
    pub tags: Vec<String>,
    pub dimmer: Option<f32>,
    pub raw_id: Vec<u8>,
    pub http_url: String,
}

/// Brightens a light by one level.
#[ferrogo::export]
pub fn brighten(light: Light) -> Light {
    light
}

/// Lists the known levels.
#[ferrogo::export]
pub fn levels() -> Vec<Level> {
    vec![Level::Low, Level::Medium, Level::High, Level::Off]
}

/// Returns the palette.
#[ferrogo::export]
pub fn palette() -> Vec<Color> {
    Vec::new()
}

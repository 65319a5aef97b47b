//! Golden case: error enums with unit, struct and tuple variants.

use std::fmt;

/// Why a port was rejected.
#[ferrogo::error]
#[derive(Debug)]
pub enum ConfigError {
    /// The input was empty.
    Empty,
    /// The input is not a number.
    Invalid { port: String },
    /// The number is out of range.
    OutOfRange { value: i64, max: u16 },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Errors of the store.
#[ferrogo::error]
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("io: {0}")]
    Io(String),
    #[error("locked by {0} for {1}s")]
    Locked(String, u32),
    #[error("corrupt")]
    Corrupt { fatal: bool, ratio: f64 },
}

/// Parses a TCP port number.
#[ferrogo::export]
pub fn parse_port(s: &str) -> Result<u16, ConfigError> {
    s.parse().map_err(|_| ConfigError::Invalid { port: s.to_string() })
}

/// Checks a port without returning it.
#[ferrogo::export]
pub fn validate(s: &str) -> Result<(), ConfigError> {
    parse_port(s).map(|_| ())
}

/// Reads a key.
#[ferrogo::export]
pub fn get(key: &str) -> Result<Vec<u8>, StoreError> {
    let _ = key;
    Err(StoreError::NotFound)
}

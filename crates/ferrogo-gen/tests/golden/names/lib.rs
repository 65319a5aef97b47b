//! Golden case: Go initialisms and `#[ferrogo(name = "...")]` overrides on every item kind.

/// Parses an HTTP URL.
#[ferrogo::export]
pub fn parse_http_url(url: &str) -> String {
    url.to_string()
}

/// Returns the user id.
#[ferrogo::export]
pub fn user_id_json(id: u64) -> String {
    id.to_string()
}

/// Renamed function.
#[ferrogo::export(name = "Sum64")]
pub fn sum_i64(a: i64, b: i64) -> i64 {
    a + b
}

/// A renamed record.
#[ferrogo::record(name = "Vec2")]
pub struct Vector {
    #[ferrogo(name = "DX")]
    pub x: f64,
    pub y_pos: f64,
    pub api_key: String,
}

/// A renamed enum.
#[ferrogo::record(name = "Mode")]
pub enum IoMode {
    Read,
    #[ferrogo(name = "ModeRW")]
    ReadWrite,
}

/// A renamed error.
#[ferrogo::error(name = "DBError")]
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("gone")]
    #[ferrogo(name = "ErrDBGone")]
    Gone,
    #[error("sql")]
    #[ferrogo(name = "SQLFailure")]
    SqlFailed { query: String },
    #[error("id")]
    BadId(u64),
}

/// A renamed object.
#[ferrogo::object(name = "Conn")]
pub struct Connection {
    id: u64,
}

#[ferrogo::export]
impl Connection {
    /// Opens a connection.
    #[ferrogo::constructor]
    pub fn open(id: u64) -> Self {
        Connection { id }
    }

    /// Opens with a renamed constructor.
    #[ferrogo(constructor, name = "Dial")]
    pub fn dial(id: u64) -> Result<Self, DbError> {
        Ok(Connection { id })
    }

    /// Returns the id.
    #[ferrogo(name = "ID")]
    pub fn get_id(&self) -> u64 {
        self.id
    }

    /// Queries by SQL.
    pub fn run_sql(&self, sql: &str, mode: IoMode) -> Result<Vector, DbError> {
        let _ = (sql, mode);
        Err(DbError::Gone)
    }
}

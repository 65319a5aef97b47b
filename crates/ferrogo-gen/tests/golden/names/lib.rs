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

/// Plural initialisms: the function is `HTTPURLs`, the field `TypeIDs`, the parameter `userIDs`.
#[ferrogo::export]
pub fn http_urls(user_ids: Vec<u64>) -> Tokens {
    Tokens { type_ids: user_ids.iter().map(|&i| i as u32).collect(), urls: vec![] }
}

/// A record with plural initialisms in its field names.
#[ferrogo::record]
pub struct Tokens {
    pub type_ids: Vec<u32>,
    pub urls: Vec<String>,
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

/// A record renamed with the helper attribute, below the record attribute.
#[ferrogo::record]
#[ferrogo(name = "Span")]
pub struct TokenSpan {
    pub start: u32,
    pub end: u32,
}

/// An error with data variants only: the Go code reporting the errors Go returns from a
/// callback uses package errors (errors.As) but has no sentinel to match (errors.Is).
#[ferrogo::error]
#[derive(Debug, thiserror::Error)]
pub enum ParseProblem {
    #[error("bad token {token} at {at}")]
    BadToken { token: String, at: u32 },
    #[error("{0}")]
    Other(String),
}

/// A callback trait renamed with the helper attribute, below the callback attribute.
#[ferrogo::callback]
#[ferrogo(name = "TokenSource")]
pub trait Tokens: Send + Sync {
    fn next_token(&self) -> Result<String, ParseProblem>;
}

/// The span of the first token `source` gives.
#[ferrogo::export]
pub fn first_token(source: &dyn Tokens) -> Result<TokenSpan, ParseProblem> {
    let token = source.next_token()?;
    Ok(TokenSpan {
        start: 0,
        end: token.len() as u32,
    })
}

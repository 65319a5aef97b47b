//! The one error type every fallible call returns; Go gets one struct per variant (errors.As).

use std::fmt;

/// Why a tokenizer could not be built, or an input could not be encoded or decoded.
#[ferrogo::error]
#[derive(Debug)]
pub enum TokenizerError {
    /// The tokenizer definition (tokenizer.json, or a tiktoken model or config) is malformed.
    Load { message: String },
    /// An option passed to the constructor is invalid for this tokenizer.
    InvalidOption { message: String },
    /// The tokenizer failed on an input (for example a word piece without an unknown token
    /// in the vocabulary). Batches name the failing input by its index.
    Encode { message: String },
    /// The decoder failed on the tokens of the ids.
    Decode { message: String },
    /// Strict decoding met an id that is not in the vocabulary, at position of the sequence
    /// numbered input in a batch (0 for a single sequence).
    UnknownId { id: u32, input: u64, position: u64 },
}

impl fmt::Display for TokenizerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenizerError::Load { message } => write!(f, "loading the tokenizer: {message}"),
            TokenizerError::InvalidOption { message } => write!(f, "invalid option: {message}"),
            TokenizerError::Encode { message } => write!(f, "encoding: {message}"),
            TokenizerError::Decode { message } => write!(f, "decoding: {message}"),
            TokenizerError::UnknownId { id, input, position } => write!(
                f,
                "decoding: id {id} (input {input}, position {position}) is not in the vocabulary"
            ),
        }
    }
}

impl TokenizerError {
    pub(crate) fn load(e: impl fmt::Display) -> Self {
        TokenizerError::Load {
            message: e.to_string(),
        }
    }

    pub(crate) fn encode(e: impl fmt::Display) -> Self {
        TokenizerError::Encode {
            message: e.to_string(),
        }
    }

    pub(crate) fn decode(e: impl fmt::Display) -> Self {
        TokenizerError::Decode {
            message: e.to_string(),
        }
    }

    pub(crate) fn option(message: impl Into<String>) -> Self {
        TokenizerError::InvalidOption {
            message: message.into(),
        }
    }

    /// The same error, its message prefixed with the batch position of the input that caused it.
    pub(crate) fn at_input(self, index: usize) -> Self {
        match self {
            TokenizerError::Encode { message } => TokenizerError::Encode {
                message: format!("input {index}: {message}"),
            },
            TokenizerError::Decode { message } => TokenizerError::Decode {
                message: format!("input {index}: {message}"),
            },
            TokenizerError::UnknownId { id, position, .. } => TokenizerError::UnknownId {
                id,
                input: index as u64,
                position,
            },
            other => other,
        }
    }
}

//! What Go passes to the constructors and to each encode: plain records, turned here into the
//! `tokenizers` crate's parameters.

use tokenizers::{AddedToken, PaddingParams, PaddingStrategy, PostProcessor, TruncationParams};

use crate::error::TokenizerError;

/// Which end of a sequence truncation removes tokens from.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TruncationDirection {
    /// Remove tokens from the start.
    Left,
    /// Remove tokens from the end (the Hugging Face default).
    Right,
}

/// How truncation shares the length between the two sequences of a pair; for single
/// sequences all strategies cut the one sequence.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TruncationStrategy {
    /// Cut the longer sequence first, token by token (the Hugging Face default).
    LongestFirst,
    /// Cut only the first sequence.
    OnlyFirst,
    /// Cut only the second sequence.
    OnlySecond,
}

/// Which end of a sequence padding adds tokens to.
#[ferrogo::record]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PaddingDirection {
    /// Add pad tokens after the sequence (the Hugging Face default).
    Right,
    /// Add pad tokens before the sequence.
    Left,
}

/// Truncation parameters: encodings longer than MaxLength tokens (special tokens included)
/// are cut, as by the Python binding's enable_truncation.
#[ferrogo::record]
#[derive(Clone, Debug)]
pub struct Truncation {
    /// The longest encoding kept, in tokens; must be larger than the special tokens the
    /// tokenizer adds.
    pub max_length: u32,
    /// Tokens repeated between an encoding and its overflow.
    pub stride: u32,
    pub strategy: TruncationStrategy,
    pub direction: TruncationDirection,
}

/// Padding parameters, as by the Python binding's enable_padding: encodings are padded to
/// Length tokens, or, when Length is 0, each batch to its longest encoding.
#[ferrogo::record]
#[derive(Clone, Debug)]
pub struct Padding {
    /// The padded length in tokens; 0 pads a batch to its longest encoding.
    pub length: u32,
    /// When not 0, the padded length is rounded up to a multiple of it.
    pub pad_to_multiple_of: u32,
    pub direction: PaddingDirection,
    pub pad_id: u32,
    pub pad_type_id: u32,
    /// The pad token; "" means "[PAD]", the Python binding's default.
    pub pad_token: String,
}

/// Everything a constructor can be asked for besides the tokenizer definition.
#[ferrogo::record(name = "buildOptions")]
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Split special tokens in the input as ordinary text instead of matching them.
    pub encode_special_tokens: bool,
    /// Replace the truncation of the tokenizer definition.
    pub truncation: Option<Truncation>,
    /// Remove the truncation of the tokenizer definition.
    pub no_truncation: bool,
    /// Replace the padding of the tokenizer definition.
    pub padding: Option<Padding>,
    /// Remove the padding of the tokenizer definition.
    pub no_padding: bool,
    /// Tokens added to the vocabulary (matched in the input before the model runs).
    pub added_tokens: Vec<String>,
    /// Special tokens added to the vocabulary (also skipped by decoding with skip).
    pub added_special_tokens: Vec<String>,
}

impl BuildOptions {
    /// Whether any option needs a Hugging Face tokenizer (tiktoken encoders have none of them).
    pub(crate) fn needs_hf(&self) -> bool {
        self.encode_special_tokens
            || self.truncation.is_some()
            || self.no_truncation
            || self.padding.is_some()
            || self.no_padding
            || !self.added_tokens.is_empty()
            || !self.added_special_tokens.is_empty()
    }

    /// Applies the options to a freshly loaded tokenizer.
    pub(crate) fn apply(&self, tk: &mut tokenizers::Tokenizer) -> Result<(), TokenizerError> {
        tk.set_encode_special_tokens(self.encode_special_tokens);
        // Added tokens first: they can change how many special tokens a post-processor adds,
        // which the truncation check below depends on.
        if !self.added_tokens.is_empty() {
            let tokens: Vec<AddedToken> = self
                .added_tokens
                .iter()
                .map(|t| added(t, false))
                .collect::<Result<_, _>>()?;
            tk.add_tokens(&tokens);
        }
        if !self.added_special_tokens.is_empty() {
            let tokens: Vec<AddedToken> = self
                .added_special_tokens
                .iter()
                .map(|t| added(t, true))
                .collect::<Result<_, _>>()?;
            tk.add_special_tokens(&tokens);
        }
        if self.no_truncation {
            tk.with_truncation(None).map_err(TokenizerError::load)?;
        }
        if let Some(t) = &self.truncation {
            let params = t.params();
            let special = tk.get_post_processor().map_or(0, |p| p.added_tokens(false));
            // The tokenizers crate subtracts the special tokens from max_length without a check.
            if params.max_length <= special {
                return Err(TokenizerError::option(format!(
                    "truncation max length {} leaves no room: the tokenizer adds {special} special tokens",
                    params.max_length
                )));
            }
            tk.with_truncation(Some(params))
                .map_err(|e| TokenizerError::option(e.to_string()))?;
        }
        if self.no_padding {
            tk.with_padding(None);
        }
        if let Some(p) = &self.padding {
            tk.with_padding(Some(p.params()));
        }
        Ok(())
    }
}

fn added(content: &str, special: bool) -> Result<AddedToken, TokenizerError> {
    if content.is_empty() {
        return Err(TokenizerError::option("an added token cannot be empty"));
    }
    Ok(AddedToken::from(content.to_string(), special))
}

impl Truncation {
    fn params(&self) -> TruncationParams {
        TruncationParams {
            max_length: self.max_length as usize,
            stride: self.stride as usize,
            strategy: match self.strategy {
                TruncationStrategy::LongestFirst => tokenizers::TruncationStrategy::LongestFirst,
                TruncationStrategy::OnlyFirst => tokenizers::TruncationStrategy::OnlyFirst,
                TruncationStrategy::OnlySecond => tokenizers::TruncationStrategy::OnlySecond,
            },
            direction: match self.direction {
                TruncationDirection::Left => tokenizers::TruncationDirection::Left,
                TruncationDirection::Right => tokenizers::TruncationDirection::Right,
            },
        }
    }
}

impl Padding {
    fn params(&self) -> PaddingParams {
        PaddingParams {
            strategy: match self.length {
                0 => PaddingStrategy::BatchLongest,
                n => PaddingStrategy::Fixed(n as usize),
            },
            direction: match self.direction {
                PaddingDirection::Right => tokenizers::PaddingDirection::Right,
                PaddingDirection::Left => tokenizers::PaddingDirection::Left,
            },
            pad_to_multiple_of: (self.pad_to_multiple_of > 0).then_some(self.pad_to_multiple_of as usize),
            pad_id: self.pad_id,
            pad_type_id: self.pad_type_id,
            pad_token: if self.pad_token.is_empty() {
                "[PAD]".to_string()
            } else {
                self.pad_token.clone()
            },
        }
    }
}

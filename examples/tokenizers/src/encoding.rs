//! How encodings travel to Go: every number of one or many encodings in one flat `Vec<u32>`
//! and every token in one `String`, so Go receives a whole batch with a handful of copies and
//! builds its slices by slicing them, without an allocation per encoding or per token.

use crate::error::TokenizerError;

/// Which parts of an encoding Go asks for, besides the ids.
#[ferrogo::record(name = "encodeRequest")]
#[derive(Clone, Copy, Debug, Default)]
pub struct EncodeRequest {
    /// Let the post-processor add the tokenizer's special tokens ([CLS], <|begin_of_text|>, ...).
    pub add_special_tokens: bool,
    pub type_ids: bool,
    pub tokens: bool,
    pub special_tokens_mask: bool,
    pub attention_mask: bool,
    pub offsets: bool,
}

impl EncodeRequest {
    /// How many numbers each token takes in [`Packed::columns`].
    pub(crate) fn width(&self) -> usize {
        1 + usize::from(self.type_ids)
            + usize::from(self.special_tokens_mask)
            + usize::from(self.attention_mask)
            + 2 * usize::from(self.offsets)
            + usize::from(self.tokens)
    }
}

/// One or more encodings, packed.
///
/// For each encoding of n tokens, `columns` holds in this order: the ids (n), then those of the
/// following that were requested: type ids (n), special tokens mask (n), attention mask (n),
/// offsets (2n: start and end byte of each token in the input), token ends (n: where each
/// token ends in `tokens`, counted from where this encoding's tokens start, so packed
/// encodings concatenate without changing a number).
#[ferrogo::record(name = "packed")]
#[derive(Debug, Default)]
pub struct Packed {
    /// The number of tokens of each encoding of a batch; empty for a single encoding, whose
    /// count is the length of `columns` divided by the request's width.
    pub counts: Vec<u32>,
    pub columns: Vec<u32>,
    /// The tokens of every encoding, concatenated.
    pub tokens: String,
}

/// Values that must fit in the `u32` columns (offsets and token ends): 4 GiB inputs are out.
fn narrow(v: usize) -> Result<u32, TokenizerError> {
    u32::try_from(v).map_err(|_| TokenizerError::encode("input too large: offsets must fit in 32 bits"))
}

impl Packed {
    pub(crate) fn with_capacity(tokens: usize, req: &EncodeRequest) -> Packed {
        Packed {
            counts: Vec::new(),
            columns: Vec::with_capacity(tokens * req.width()),
            tokens: String::new(),
        }
    }

    /// Appends an encoding of the `tokenizers` crate.
    pub(crate) fn push_hf(
        &mut self,
        e: &tokenizers::Encoding,
        req: &EncodeRequest,
    ) -> Result<(), TokenizerError> {
        self.columns.extend_from_slice(e.get_ids());
        if req.type_ids {
            self.columns.extend_from_slice(e.get_type_ids());
        }
        if req.special_tokens_mask {
            self.columns.extend_from_slice(e.get_special_tokens_mask());
        }
        if req.attention_mask {
            self.columns.extend_from_slice(e.get_attention_mask());
        }
        if req.offsets {
            for &(start, end) in e.get_offsets() {
                self.columns.push(narrow(start)?);
                self.columns.push(narrow(end)?);
            }
        }
        if req.tokens {
            self.push_tokens(e.get_tokens().iter().map(String::as_str))?;
        }
        Ok(())
    }

    /// Appends the token ends and the tokens.
    pub(crate) fn push_tokens<'t>(
        &mut self,
        tokens: impl Iterator<Item = &'t str>,
    ) -> Result<(), TokenizerError> {
        for t in tokens {
            self.tokens.push_str(t);
            self.columns.push(narrow(self.tokens.len())?);
        }
        Ok(())
    }

    /// Records the token count of a batch member.
    pub(crate) fn count(&mut self, n: usize) -> Result<(), TokenizerError> {
        self.counts.push(narrow(n)?);
        Ok(())
    }
}

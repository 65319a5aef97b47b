//! The two kinds of tokenizer behind one Go type: a Hugging Face tokenizer (tokenizer.json)
//! or a tiktoken encoder. Each call dispatches once, then runs the library's own code.

use std::borrow::Cow;

use tokenizers::Encoding;

use crate::encoding::{EncodeRequest, Packed};
use crate::error::TokenizerError;
use crate::tiktoken::Tiktoken;

pub(crate) enum Engine {
    Hf(Box<tokenizers::Tokenizer>),
    Tiktoken(Box<Tiktoken>),
}

/// One encoded input, before packing (a batch pads all of them first).
// Boxing the large variant would add an allocation to every Hugging Face encode, the common case.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Encoded {
    Hf(Encoding),
    Tiktoken(Vec<u32>),
}

impl Encoded {
    /// The number of tokens.
    pub(crate) fn len(&self) -> usize {
        match self {
            Encoded::Hf(e) => e.len(),
            Encoded::Tiktoken(ids) => ids.len(),
        }
    }
}

impl Engine {
    /// Encodes one input. Offsets and tokens are tracked only when asked for (`encode_fast`
    /// leaves both empty and gives the same ids and masks).
    pub(crate) fn encode(&self, text: &str, req: &EncodeRequest) -> Result<Encoded, TokenizerError> {
        match self {
            Engine::Hf(tk) => {
                let e = if req.offsets || req.tokens {
                    tk.encode(text, req.add_special_tokens)
                } else {
                    tk.encode_fast(text, req.add_special_tokens)
                };
                e.map(Encoded::Hf).map_err(TokenizerError::encode)
            }
            Engine::Tiktoken(tt) => tt.encode_ids(text, req.add_special_tokens).map(Encoded::Tiktoken),
        }
    }

    /// Whether encodings of a batch are padded together (to the longest of the batch); a
    /// fixed length is applied to each encoding by itself.
    pub(crate) fn pads_batches(&self) -> bool {
        matches!(self, Engine::Hf(tk) if tk.get_padding().is_some_and(|p| matches!(p.strategy, tokenizers::PaddingStrategy::BatchLongest)))
    }

    /// Pads the encodings of a batch together when the tokenizer pads (to the longest of the
    /// batch, or a fixed length), as `tokenizers`' encode_batch does.
    pub(crate) fn pad_batch(&self, encoded: &mut [Encoded]) -> Result<(), TokenizerError> {
        let Engine::Hf(tk) = self else { return Ok(()) };
        let Some(params) = tk.get_padding() else {
            return Ok(());
        };
        let mut encodings: Vec<Encoding> = encoded
            .iter_mut()
            .map(|e| match e {
                Encoded::Hf(e) => std::mem::take(e),
                Encoded::Tiktoken(_) => Encoding::default(),
            })
            .collect();
        tokenizers::utils::padding::pad_encodings(&mut encodings, params).map_err(TokenizerError::encode)?;
        for (slot, e) in encoded.iter_mut().zip(encodings) {
            *slot = Encoded::Hf(e);
        }
        Ok(())
    }

    pub(crate) fn pack(
        &self,
        e: &Encoded,
        req: &EncodeRequest,
        out: &mut Packed,
    ) -> Result<(), TokenizerError> {
        match (self, e) {
            (_, Encoded::Hf(e)) => out.push_hf(e, req),
            (Engine::Tiktoken(tt), Encoded::Tiktoken(ids)) => tt.push(ids, req, out),
            (Engine::Hf(_), Encoded::Tiktoken(_)) => {
                unreachable!("a Hugging Face tokenizer made tiktoken ids")
            }
        }
    }

    /// The text of ids. Unknown ids are skipped (as the Python bindings do), or an error when
    /// strict.
    pub(crate) fn decode(
        &self,
        ids: &[u32],
        skip_special_tokens: bool,
        strict: bool,
    ) -> Result<String, TokenizerError> {
        match self {
            Engine::Hf(tk) => {
                if strict {
                    if let Some(position) = ids.iter().position(|&id| tk.id_to_token(id).is_none()) {
                        return Err(TokenizerError::UnknownId {
                            id: ids[position],
                            input: 0,
                            position: position as u64,
                        });
                    }
                }
                tk.decode(ids, skip_special_tokens)
                    .map_err(TokenizerError::decode)
            }
            Engine::Tiktoken(tt) => tt.decode(ids, skip_special_tokens, strict),
        }
    }

    pub(crate) fn vocab_size(&self, with_added_tokens: bool) -> u32 {
        match self {
            Engine::Hf(tk) => tk.get_vocab_size(with_added_tokens) as u32,
            Engine::Tiktoken(tt) => tt.vocab_size(),
        }
    }

    pub(crate) fn token_to_id(&self, token: &str) -> Option<u32> {
        match self {
            Engine::Hf(tk) => tk.token_to_id(token),
            Engine::Tiktoken(tt) => tt.token_to_id(token),
        }
    }

    pub(crate) fn id_to_token(&self, id: u32) -> Option<String> {
        match self {
            Engine::Hf(tk) => tk.id_to_token(id),
            Engine::Tiktoken(tt) => tt.id_to_token(id),
        }
    }
}

/// Invalid UTF-8 made valid the way daulet/tokenizers does (Rust's `from_utf8_lossy`: each
/// maximal invalid sequence becomes one U+FFFD).
pub(crate) fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

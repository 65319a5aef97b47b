//! Hugging Face `tokenizers` (and tiktoken encoders through `tiktoken-rs`), bound to Go with
//! ferrogo: the engine of the Go package in `go/`, whose API is that of
//! github.com/daulet/tokenizers plus batches, cancellation, padding and truncation options.
//!
//! Every call is coarse: one crossing per Go call, a whole batch included, with the results
//! packed in a few flat buffers (see `encoding`). A `Tokenizer` is immutable once built, so Go
//! may share it between goroutines; batches run on a pool of Rust threads (`batch`).

mod batch;
mod encoding;
mod engine;
mod error;
mod options;
mod tiktoken;

use ferrogo::Cancel;

pub use crate::encoding::{EncodeRequest, Packed};
pub use crate::error::TokenizerError;
pub use crate::options::{
    BuildOptions, Padding, PaddingDirection, Truncation, TruncationDirection, TruncationStrategy,
};

use crate::engine::Engine;
use crate::tiktoken::Tiktoken;

/// A tokenizer: a Hugging Face tokenizer.json or a tiktoken encoder. Safe for concurrent use.
// no_poison: a tokenizer is never mutated after it is built, so a panic in one call cannot
// leave it half-changed for the next.
#[ferrogo::object(no_poison)]
pub struct Tokenizer {
    engine: Engine,
}

/// Texts decoded by a batch, concatenated, and where each ends.
#[ferrogo::record(name = "texts")]
#[derive(Debug, Default)]
pub struct Texts {
    pub text: String,
    pub ends: Vec<u64>,
}

#[ferrogo::export]
impl Tokenizer {
    /// Loads a tokenizer from the contents of a tokenizer.json and applies options.
    #[ferrogo(constructor, name = "fromBytes")]
    pub fn from_bytes(json: &[u8], options: BuildOptions) -> Result<Self, TokenizerError> {
        // Batches parallelize over inputs on their own pool; without this, the crate's inner
        // parallel helpers (padding) would start rayon's global pool, one thread per CPU.
        tokenizers::utils::parallelism::set_parallelism(false);
        let mut tk = load(json)?;
        options.apply(&mut tk)?;
        Ok(Tokenizer {
            engine: Engine::Hf(Box::new(tk)),
        })
    }

    /// Builds a tiktoken encoder from the contents of its .model file (base64 token and rank
    /// per line), of its tokenizer_config.json (special tokens) and its split pattern.
    #[ferrogo(constructor, name = "fromTiktoken")]
    pub fn from_tiktoken(
        model: &[u8],
        config: &[u8],
        pattern: &str,
        options: BuildOptions,
    ) -> Result<Self, TokenizerError> {
        if options.needs_hf() {
            return Err(TokenizerError::option(
                "tiktoken encoders take no options (special tokens, truncation, padding and added tokens need a tokenizer.json)",
            ));
        }
        Ok(Tokenizer {
            engine: Engine::Tiktoken(Box::new(Tiktoken::new(model, config, pattern)?)),
        })
    }

    /// Encodes text.
    #[ferrogo(name = "encode")]
    pub fn encode(&self, text: &str, req: EncodeRequest) -> Result<Packed, TokenizerError> {
        let e = self.engine.encode(text, &req)?;
        let mut out = Packed::with_capacity(e.len(), &req);
        self.engine.pack(&e, &req, &mut out)?;
        Ok(out)
    }

    /// Encodes text that is not valid UTF-8 after replacing each invalid sequence with U+FFFD
    /// (offsets then refer to the replaced text), as daulet/tokenizers does.
    #[ferrogo(name = "encodeLossy")]
    pub fn encode_lossy(&self, text: &[u8], req: EncodeRequest) -> Result<Packed, TokenizerError> {
        self.encode(&engine::lossy(text), req)
    }

    /// Encodes every text, in parallel.
    #[ferrogo(name = "encodeBatch")]
    pub fn encode_batch(
        &self,
        cancel: &Cancel,
        texts: Vec<&str>,
        req: EncodeRequest,
    ) -> Result<Packed, TokenizerError> {
        batch::encode(&self.engine, cancel, &texts, &req)
    }

    /// Decodes ids to text, skipping special tokens when asked; unknown ids are skipped, or an
    /// error when strict.
    #[ferrogo(name = "decode")]
    pub fn decode(
        &self,
        ids: &[u32],
        skip_special_tokens: bool,
        strict: bool,
    ) -> Result<String, TokenizerError> {
        self.engine.decode(ids, skip_special_tokens, strict)
    }

    /// Decodes the sequences of ids (concatenated, with their lengths), in parallel.
    #[ferrogo(name = "decodeBatch")]
    pub fn decode_batch(
        &self,
        cancel: &Cancel,
        ids: &[u32],
        lengths: &[u32],
        skip_special_tokens: bool,
        strict: bool,
    ) -> Result<Texts, TokenizerError> {
        let (text, ends) = batch::decode(&self.engine, cancel, ids, lengths, skip_special_tokens, strict)?;
        Ok(Texts { text, ends })
    }

    /// The size of the vocabulary, with or without the added tokens.
    #[ferrogo(name = "vocabSize")]
    pub fn vocab_size(&self, with_added_tokens: bool) -> Result<u32, TokenizerError> {
        Ok(self.engine.vocab_size(with_added_tokens))
    }

    /// The id of a token, if it is in the vocabulary.
    #[ferrogo(name = "tokenToID")]
    pub fn token_to_id(&self, token: &str) -> Result<Option<u32>, TokenizerError> {
        Ok(self.engine.token_to_id(token))
    }

    /// The token of an id, if it is in the vocabulary.
    #[ferrogo(name = "idToToken")]
    pub fn id_to_token(&self, id: u32) -> Result<Option<String>, TokenizerError> {
        Ok(self.engine.id_to_token(id))
    }

    /// Benchmark baseline: encodes text n times in one Rust loop, as a Rust program would
    /// (ids and tokens, offsets when asked), and returns the number of ids of the last.
    #[ferrogo(name = "nativeEncode")]
    pub fn native_encode(&self, text: &str, req: EncodeRequest, n: u64) -> Result<u64, TokenizerError> {
        let mut len = 0;
        for _ in 0..n {
            len = self.engine.encode(std::hint::black_box(text), &req)?.len();
        }
        Ok(len as u64)
    }

    /// Benchmark baseline: decodes ids n times in one Rust loop; returns the last text's length.
    #[ferrogo(name = "nativeDecode")]
    pub fn native_decode(
        &self,
        ids: &[u32],
        skip_special_tokens: bool,
        n: u64,
    ) -> Result<u64, TokenizerError> {
        let mut len = 0;
        for _ in 0..n {
            len = self
                .engine
                .decode(std::hint::black_box(ids), skip_special_tokens, false)?
                .len();
        }
        Ok(len as u64)
    }
}

/// Parses a tokenizer.json. The tokenizers crate panics on some malformed definitions (its
/// deserializers `expect` parts of the JSON), so a panic while parsing is a load error too.
fn load(json: &[u8]) -> Result<tokenizers::Tokenizer, TokenizerError> {
    match std::panic::catch_unwind(|| tokenizers::Tokenizer::from_bytes(json)) {
        Ok(parsed) => parsed.map_err(TokenizerError::load),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_string());
            Err(TokenizerError::load(format!(
                "malformed definition (the tokenizers crate panicked: {message})"
            )))
        }
    }
}

/// Sets how many threads batches (EncodeBatch, DecodeBatch) use, at most 256; 0 restores the
/// default, one per CPU available to the process. Batches already running keep their threads.
#[ferrogo::export(name = "setBatchParallelism")]
pub fn set_batch_parallelism(threads: u32) {
    batch::set_parallelism(threads as usize);
}

/// The number of threads batches use.
#[ferrogo::export(name = "batchParallelism")]
pub fn batch_parallelism() -> u32 {
    batch::parallelism() as u32
}

//! tiktoken encoders (OpenAI's BPE format, used by Llama 3 and Kimi K2), built as
//! daulet/tokenizers builds them: the `.model` file's ranks, the special tokens of
//! `tokenizer_config.json`'s `added_tokens_decoder`, and a split pattern.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use tiktoken_rs::{CoreBPE, Rank};

use crate::encoding::{EncodeRequest, Packed};
use crate::error::TokenizerError;

/// The largest id accepted: the id table below is dense, so a forged rank must not size it.
const MAX_ID: u32 = 1 << 24;

pub(crate) struct Tiktoken {
    bpe: CoreBPE,
    /// The bytes of every id (ranks and special tokens), `None` for ids nobody uses.
    bytes: Vec<Option<Box<[u8]>>>,
    /// The special tokens, which `encode` matches in the input when asked to.
    special: Vec<String>,
    /// `special_ids[id]`: whether id is a special token.
    special_ids: Vec<bool>,
    vocab_size: u32,
}

#[derive(Deserialize)]
struct Config {
    added_tokens_decoder: HashMap<String, AddedToken>,
}

#[derive(Deserialize)]
struct AddedToken {
    content: String,
}

impl Tiktoken {
    pub(crate) fn new(model: &[u8], config: &[u8], pattern: &str) -> Result<Tiktoken, TokenizerError> {
        let mut encoder: FxHashMap<Vec<u8>, Rank> = FxHashMap::default();
        let mut ranks = HashSet::new();
        let model =
            std::str::from_utf8(model).map_err(|e| TokenizerError::load(format!("model file: {e}")))?;
        for (i, line) in model.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |what: &str| TokenizerError::load(format!("model file line {}: {what}", i + 1));
            let mut parts = line.split(' ');
            let token = STANDARD
                .decode(parts.next().unwrap_or_default())
                .map_err(|e| bad(&format!("token is not base64: {e}")))?;
            let rank: Rank = parts
                .next()
                .ok_or_else(|| bad("missing rank"))?
                .trim()
                .parse()
                .map_err(|e| bad(&format!("rank: {e}")))?;
            if rank >= MAX_ID {
                return Err(bad(&format!("rank {rank} is above the limit {MAX_ID}")));
            }
            if !ranks.insert(rank) {
                return Err(bad(&format!("rank {rank} appears twice")));
            }
            if encoder.insert(token, rank).is_some() {
                return Err(bad("token appears twice"));
            }
        }
        // tiktoken-rs indexes its ranks by every single byte, and would panic on a missing one.
        if let Some(b) = (0..=255u8).find(|&b| !encoder.contains_key(&[b][..])) {
            return Err(TokenizerError::load(format!(
                "model file: no token for the byte {b:#04x}"
            )));
        }
        let config: Config =
            serde_json::from_slice(config).map_err(|e| TokenizerError::load(format!("config: {e}")))?;
        let mut specials: FxHashMap<String, Rank> = FxHashMap::default();
        for (id, token) in config.added_tokens_decoder {
            let id: Rank = id
                .parse()
                .map_err(|e| TokenizerError::load(format!("config: added token id {id:?}: {e}")))?;
            if id >= MAX_ID {
                return Err(TokenizerError::load(format!(
                    "config: added token id {id} is above the limit {MAX_ID}"
                )));
            }
            if token.content.is_empty() {
                return Err(TokenizerError::load(format!("config: added token {id} is empty")));
            }
            specials.insert(token.content, id);
        }
        // An empty alternation would match everywhere, and tiktoken-rs's special-token search
        // would then step into the middle of characters.
        if specials.is_empty() {
            return Err(TokenizerError::load(
                "config: added_tokens_decoder lists no tokens",
            ));
        }
        check_pattern(pattern)?;
        // As daulet/tokenizers does: ranks missing below the largest are filled with reserved
        // tokens, and the vocabulary runs to the largest rank or special id.
        let max_rank = encoder.values().copied().max().unwrap_or(0);
        let max_special = specials.values().copied().max().unwrap_or(0);
        let vocab_size = max_rank.max(max_special) + 1;
        let mut reserved = 0;
        for rank in 0..max_rank {
            if !ranks.contains(&rank) {
                let token = format!("<|reserved_special_token_{reserved}|>").into_bytes();
                reserved += 1;
                if encoder.insert(token, rank).is_some() {
                    return Err(TokenizerError::load(format!(
                        "model file: reserved token {reserved} is also an ordinary token"
                    )));
                }
            }
        }
        let mut bytes: Vec<Option<Box<[u8]>>> = vec![None; vocab_size as usize];
        let mut special_ids = vec![false; vocab_size as usize];
        for (token, &rank) in &encoder {
            bytes[rank as usize] = Some(token.clone().into_boxed_slice());
        }
        for (token, &id) in &specials {
            bytes[id as usize] = Some(token.as_bytes().into());
            special_ids[id as usize] = true;
        }
        let special = specials.keys().cloned().collect();
        let bpe = CoreBPE::new(encoder, specials, pattern)
            .map_err(|e| TokenizerError::load(format!("pattern: {e}")))?;
        Ok(Tiktoken {
            bpe,
            bytes,
            special,
            special_ids,
            vocab_size,
        })
    }

    pub(crate) fn vocab_size(&self) -> u32 {
        self.vocab_size
    }

    /// The ids of text; special tokens in the text are matched only with add_special_tokens,
    /// as daulet/tokenizers does (tiktoken adds no tokens of its own).
    pub(crate) fn encode_ids(
        &self,
        text: &str,
        add_special_tokens: bool,
    ) -> Result<Vec<u32>, TokenizerError> {
        let allowed: HashSet<&str> = if add_special_tokens {
            self.special.iter().map(String::as_str).collect()
        } else {
            HashSet::new()
        };
        self.bpe
            .encode(text, &allowed)
            .map(|(ids, _)| ids)
            .map_err(|e| TokenizerError::encode(e.message))
    }

    /// Appends the encoding of ids: type ids 0, attention 1, special tokens marked, offsets
    /// from the tokens' byte lengths (tiktoken tokens tile the input), tokens as UTF-8 with
    /// U+FFFD where a token holds part of a character.
    pub(crate) fn push(
        &self,
        ids: &[u32],
        req: &EncodeRequest,
        out: &mut Packed,
    ) -> Result<(), TokenizerError> {
        out.columns.extend_from_slice(ids);
        if req.type_ids {
            out.columns.extend(ids.iter().map(|_| 0));
        }
        if req.special_tokens_mask {
            out.columns
                .extend(ids.iter().map(|&id| u32::from(self.is_special(id))));
        }
        if req.attention_mask {
            out.columns.extend(ids.iter().map(|_| 1));
        }
        if req.offsets {
            let mut at = 0u32;
            for &id in ids {
                let len = u32::try_from(self.token(id).len())
                    .ok()
                    .and_then(|n| at.checked_add(n))
                    .ok_or_else(|| TokenizerError::encode("input too large: offsets must fit in 32 bits"))?;
                out.columns.extend([at, len]);
                at = len;
            }
        }
        if req.tokens {
            let tokens: Vec<Cow<'_, str>> = ids
                .iter()
                .map(|&id| String::from_utf8_lossy(self.token(id)))
                .collect();
            out.push_tokens(tokens.iter().map(|t| t.as_ref()))?;
        }
        Ok(())
    }

    fn token(&self, id: u32) -> &[u8] {
        self.bytes
            .get(id as usize)
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }

    fn is_special(&self, id: u32) -> bool {
        self.special_ids.get(id as usize).copied().unwrap_or(false)
    }

    /// The text of ids, invalid UTF-8 replaced by U+FFFD as Python's tiktoken decodes; unknown
    /// ids are skipped, or an error when strict.
    pub(crate) fn decode(
        &self,
        ids: &[u32],
        skip_special_tokens: bool,
        strict: bool,
    ) -> Result<String, TokenizerError> {
        let mut text = Vec::with_capacity(ids.len() * 4);
        for (position, &id) in ids.iter().enumerate() {
            match self.bytes.get(id as usize).and_then(Option::as_deref) {
                Some(_) if skip_special_tokens && self.is_special(id) => {}
                Some(bytes) => text.extend_from_slice(bytes),
                None if strict => {
                    return Err(TokenizerError::UnknownId {
                        id,
                        input: 0,
                        position: position as u64,
                    })
                }
                None => {}
            }
        }
        Ok(String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    pub(crate) fn token_to_id(&self, token: &str) -> Option<u32> {
        // Rare (a lookup by hand): a scan keeps no second map of 100k+ entries.
        self.bytes
            .iter()
            .position(|b| b.as_deref() == Some(token.as_bytes()))
            .map(|i| i as u32)
    }

    pub(crate) fn id_to_token(&self, id: u32) -> Option<String> {
        self.bytes
            .get(id as usize)
            .and_then(Option::as_deref)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }
}

/// Rejects patterns that fail to compile or match the empty string (tiktoken-rs would split an
/// input into empty pieces and panic on them), probing a few typical inputs.
fn check_pattern(pattern: &str) -> Result<(), TokenizerError> {
    let re = fancy_regex::Regex::new(pattern).map_err(|e| TokenizerError::load(format!("pattern: {e}")))?;
    for probe in ["", "a", "A1 b", " \n\t", "1", "!?", "你好"] {
        for m in re.find_iter(probe) {
            let m = m.map_err(|e| TokenizerError::load(format!("pattern: {e}")))?;
            if m.start() == m.end() {
                return Err(TokenizerError::load(format!(
                    "pattern: matches the empty string (in {probe:?}), which tiktoken cannot split on"
                )));
            }
        }
    }
    Ok(())
}

//! Batches: many inputs in one crossing, spread over a pool of Rust threads, polling Go's
//! context between inputs.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use ferrogo::Cancel;
use rayon::prelude::*;
use rayon::ThreadPool;

use crate::encoding::{EncodeRequest, Packed};
use crate::engine::{Encoded, Engine};
use crate::error::TokenizerError;

/// The pool batches run on, made on first use with [`parallelism`] threads; replaced (and the
/// old one dropped after its running batches) when the size changes.
static POOL: RwLock<Option<(usize, Arc<ThreadPool>)>> = RwLock::new(None);
/// The requested size; 0 until set, meaning one thread per CPU available to the process.
static REQUESTED: AtomicUsize = AtomicUsize::new(0);

/// The number of threads batches use: the last size set, or the CPUs available to the process
/// (its affinity and cgroup quota, as `std::thread::available_parallelism` reports them when
/// first asked: it reads files, too slow for every batch).
pub(crate) fn parallelism() -> usize {
    static DEFAULT: OnceLock<usize> = OnceLock::new();
    match REQUESTED.load(Ordering::Relaxed) {
        0 => *DEFAULT.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from)),
        requested => requested,
    }
}

/// The most threads a batch pool may have.
const MAX_THREADS: usize = 256;

pub(crate) fn set_parallelism(n: usize) {
    REQUESTED.store(n.min(MAX_THREADS), Ordering::Relaxed);
}

fn pool() -> Result<Arc<ThreadPool>, TokenizerError> {
    let want = parallelism();
    if let Some((size, pool)) = &*POOL.read().unwrap_or_else(|e| e.into_inner()) {
        if *size == want {
            return Ok(pool.clone());
        }
    }
    let mut slot = POOL.write().unwrap_or_else(|e| e.into_inner());
    if let Some((size, pool)) = &*slot {
        if *size == want {
            return Ok(pool.clone());
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(want)
        .thread_name(|i| format!("ferrogo-tokenizers-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| TokenizerError::encode(format!("starting the batch threads: {e}")))?;
    *slot = Some((want, pool.clone()));
    Ok(pool)
}

/// Why a parallel loop stopped early.
enum Stop {
    Canceled,
    Failed(TokenizerError),
}

/// Encodes every text on the pool and concatenates the packed encodings in order. Each input
/// is encoded, packed and dropped by the same thread (with a string per token, allocating and
/// freeing are a good part of the work, and frees from another thread contend in malloc),
/// except when the tokenizer pads a batch to its longest: then all are encoded first, padded
/// together as `encode_batch` does, and packed on the pool. A canceled context stops it between
/// inputs (Go then returns the context's error and ignores the empty result).
pub(crate) fn encode(
    engine: &Engine,
    cancel: &Cancel,
    texts: &[&str],
    req: &EncodeRequest,
) -> Result<Packed, TokenizerError> {
    let pool = pool()?;
    let pack = |e: Encoded| -> Result<Packed, Stop> {
        let mut p = Packed::with_capacity(e.len(), req);
        p.count(e.len())
            .and_then(|()| engine.pack(&e, req, &mut p))
            .map_err(Stop::Failed)?;
        Ok(p)
    };
    let encode = |i: usize, text: &str| -> Result<Encoded, Stop> {
        if cancel.is_canceled() {
            return Err(Stop::Canceled);
        }
        engine.encode(text, req).map_err(|e| Stop::Failed(e.at_input(i)))
    };
    let packed = pool.install(|| {
        if !engine.pads_batches() {
            return texts
                .par_iter()
                .enumerate()
                .map(|(i, text)| encode(i, text).and_then(pack))
                .collect::<Result<Vec<Packed>, Stop>>();
        }
        let mut encoded = texts
            .par_iter()
            .enumerate()
            .map(|(i, text)| encode(i, text))
            .collect::<Result<Vec<Encoded>, Stop>>()?;
        engine.pad_batch(&mut encoded).map_err(Stop::Failed)?;
        encoded
            .into_par_iter()
            .map(pack)
            .collect::<Result<Vec<Packed>, Stop>>()
    });
    let packed = match packed {
        Ok(p) => p,
        Err(Stop::Canceled) => return Ok(Packed::default()),
        Err(Stop::Failed(e)) => return Err(e),
    };
    let mut out = Packed {
        counts: Vec::with_capacity(packed.len()),
        columns: Vec::with_capacity(packed.iter().map(|p| p.columns.len()).sum()),
        tokens: String::with_capacity(packed.iter().map(|p| p.tokens.len()).sum()),
    };
    for p in &packed {
        out.counts.extend_from_slice(&p.counts);
        out.columns.extend_from_slice(&p.columns);
        out.tokens.push_str(&p.tokens);
    }
    Ok(out)
}

/// Decodes the sequences given as one list of ids and their lengths on the pool; returns the
/// texts concatenated and where each ends.
pub(crate) fn decode(
    engine: &Engine,
    cancel: &Cancel,
    ids: &[u32],
    lengths: &[u32],
    skip_special_tokens: bool,
    strict: bool,
) -> Result<(String, Vec<u64>), TokenizerError> {
    let mut sequences = Vec::with_capacity(lengths.len());
    let mut rest = ids;
    for &n in lengths {
        if n as usize > rest.len() {
            return Err(TokenizerError::decode(
                "the lengths add up to more ids than given",
            ));
        }
        let (head, tail) = rest.split_at(n as usize);
        sequences.push(head);
        rest = tail;
    }
    if !rest.is_empty() {
        return Err(TokenizerError::decode(
            "the lengths add up to fewer ids than given",
        ));
    }
    let pool = pool()?;
    let texts = pool.install(|| {
        sequences
            .par_iter()
            .enumerate()
            .map(|(i, seq)| {
                if cancel.is_canceled() {
                    return Err(Stop::Canceled);
                }
                engine
                    .decode(seq, skip_special_tokens, strict)
                    .map_err(|e| Stop::Failed(e.at_input(i)))
            })
            .collect::<Result<Vec<String>, Stop>>()
    });
    let texts = match texts {
        Ok(t) => t,
        Err(Stop::Canceled) => return Ok((String::new(), Vec::new())),
        Err(Stop::Failed(e)) => return Err(e),
    };
    let mut joined = String::with_capacity(texts.iter().map(String::len).sum());
    let mut ends = Vec::with_capacity(texts.len());
    for t in &texts {
        joined.push_str(t);
        ends.push(joined.len() as u64);
    }
    Ok((joined, ends))
}

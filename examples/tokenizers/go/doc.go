// Package tokenizers is Hugging Face's tokenizers library (the Rust crate) for Go, with the API
// of github.com/daulet/tokenizers: switch by changing the import,
//
//	import "github.com/ferrogo/ferrogo/examples/tokenizers/go"
//
// and keep the code. It is a flagship of ferrogo, which generated the binding from annotated
// Rust (see ../src/lib.rs): no hand-written cgo, no unsafe, no library to link by hand.
//
// # Same results
//
// Encodings (ids, type ids, masks, tokens, byte offsets) and decoded text are those of Hugging
// Face's own Python binding built from the same release of the Rust crate, and tiktoken
// encoders (FromTiktoken) give the ids of OpenAI's tiktoken: the tests compare them on every
// tokenizer of daulet/tokenizers' test data and a multilingual corpus, and run daulet's own
// test suite unchanged.
//
// Like github.com/daulet/tokenizers, Encode and EncodeWithOptions repair invalid UTF-8 (each
// invalid sequence becomes U+FFFD, and offsets refer to the repaired text), Decode skips ids
// that are not in the vocabulary and returns "" for a text holding a NUL byte, and these
// methods return zero values on failure. Unlike it, an input holding a NUL byte is encoded
// whole (daulet's C strings end there).
//
// # Beyond daulet/tokenizers
//
//   - Errors: EncodeStrict and DecodeStrict report invalid UTF-8 (ferrogo.ErrInvalidUTF8), ids
//     not in the vocabulary (*UnknownIDError), failing inputs (*EncodeError) and closed
//     tokenizers (ferrogo.ErrClosed); malformed tokenizer files are a *LoadError, missing ones
//     satisfy errors.Is(err, fs.ErrNotExist).
//   - Batches: EncodeBatch and DecodeBatch handle many inputs in one call, on a pool of
//     BatchParallelism Rust threads (one per CPU by default, SetBatchParallelism to change),
//     and stop early when their context ends.
//   - Options: WithTruncation, WithPadding (including padding a batch to its longest),
//     WithAddedTokens, WithAddedSpecialTokens, WithoutTruncation, WithoutPadding, for FromBytes
//     and FromFile.
//   - TokenToID, IDToToken, and Stats, the calls made into Rust, for monitoring.
//
// FromPretrained reads a local cache only (daulet's layout with WithCacheDir, otherwise the
// Hugging Face hub cache); it never downloads.
//
// # Performance and memory
//
// Each call crosses into Rust once, a whole batch included. Results come back in a few flat
// buffers that Go slices: the allocations of a call do not grow with its tokens or texts. The
// slices of one Encoding, or of all encodings of one batch, share those buffers.
//
// A Tokenizer holds Rust memory and is safe for concurrent use. Close frees it at once and is
// optional: a Tokenizer that becomes unreachable is freed by the garbage collector.
package tokenizers
